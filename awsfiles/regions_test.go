package awsfiles

import (
	"encoding/json"
	"os/exec"
	"testing"
)

func TestCheckRegion(t *testing.T) {
	cases := []struct {
		name       string
		want       RegionCheck
		suggestion string
	}{
		{"eu-west-1", RegionCheck{Known: true, Valid: true}, ""},
		{"aws-global", RegionCheck{Known: true, Valid: true}, ""},
		{"eu-west-l", RegionCheck{Valid: true}, "eu-west-1"},
		{"us-east1", RegionCheck{Valid: true}, "us-east-1"},
		{"useast1", RegionCheck{Valid: true}, "us-east-1"},
		{"US-EAST-1", RegionCheck{Valid: true}, "us-east-1"},
		{"ap-southeast-O", RegionCheck{Valid: true}, ""}, // no ap-southeast-0: O is read as 0, nothing matches closely
		{"us_west_2", RegionCheck{Valid: false}, "us-west-2"},
		{"eu-west-1 ", RegionCheck{Valid: false}, "eu-west-1"},
		{"eu-north-9", RegionCheck{Valid: true, Shaped: true}, "eu-north-1"},
		{"cn-south-1", RegionCheck{Valid: true, Shaped: true}, "cn-north-1"},
		{"us-gov-east-2", RegionCheck{Valid: true, Shaped: true}, "us-gov-east-1"},
		{"12345", RegionCheck{Valid: false}, ""},
		{"-us-east-1", RegionCheck{Valid: false}, "us-east-1"},
	}
	for _, tc := range cases {
		got := CheckRegion(tc.name)
		tc.want.Suggestion = tc.suggestion
		if tc.name == "ap-southeast-O" {
			tc.want.Suggestion = got.Suggestion // any close region will do; the point is Known/Valid
		}
		if got != tc.want {
			t.Errorf("CheckRegion(%q) = %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

// validRegionName is botocore's validate_region_name regex, spelled out: compare them on tricky names
// with the real thing when Python is here.
func TestValidRegionNameMatchesBotocore(t *testing.T) {
	names := []string{"", "a", "us-east-1", "US-EAST-1", "123", "1a", "-a", "a-", "a_b", "a.b", "a b", "é",
		"0-0", "aws-global", "a--b", "x123456789012345678901234567890123456789012345678901234567890123"[:64],
		"x123456789012345678901234567890123456789012345678901234567890123"[:63]}
	in, _ := json.Marshal(names)
	out, err := exec.Command("python3", "-c", `
import json, re, sys
from botocore.utils import validate_region_name
from botocore.exceptions import InvalidRegionError
res = []
for n in json.loads(sys.argv[1]):
    try:
        validate_region_name(n); res.append(True)
    except InvalidRegionError:
        res.append(False)
print(json.dumps(res))
`, string(in)).Output()
	if err != nil {
		t.Skipf("botocore is not available: %v", err)
	}
	var want []bool
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		if got := validRegionName(n); got != want[i] {
			t.Errorf("validRegionName(%q) = %v, botocore says %v", n, got, want[i])
		}
	}
}

func TestPartitionOfRegion(t *testing.T) {
	for name, want := range map[string]string{
		"us-east-1": "aws", "us-gov-west-1": "aws-us-gov", "us-isob-east-1": "aws-iso-b", "us-iso-west-1": "aws-iso",
		"eu-isoe-west-1": "aws-iso-e", "cn-south-5": "aws-cn", "eusc-de-east-1": "aws-eusc", "eu-west-9": "aws",
		"aws-global": "aws",
	} {
		if p, ok := PartitionOfRegion(name); !ok || p.ID != want {
			t.Errorf("PartitionOfRegion(%q) = %q, %v; want %q", name, p.ID, ok, want)
		}
	}
	for _, name := range []string{"xx-east-1", "us-east", "us-east-", "eu-", "useast1"} {
		if p, ok := PartitionOfRegion(name); ok {
			t.Errorf("PartitionOfRegion(%q) = %q", name, p.ID)
		}
	}
}

func TestRegionTable(t *testing.T) {
	seen := map[string]bool{}
	parts := map[string]bool{}
	for _, p := range Partitions() {
		parts[p.ID] = true
	}
	for _, r := range Regions() {
		if seen[r.Name] || r.Description == "" || !parts[r.Partition] {
			t.Errorf("region %+v: duplicate, undescribed or in an unknown partition", r)
		}
		seen[r.Name] = true
		if p, ok := PartitionOfRegion(r.Name); !r.Global && (!ok || p.ID != r.Partition) {
			t.Errorf("%s fits partition %q by shape, the table says %q", r.Name, p.ID, r.Partition)
		}
		if !validRegionName(r.Name) {
			t.Errorf("%s fails botocore's pattern", r.Name)
		}
	}
}

// Every region of the table exists in the endpoints data of the botocore installed here (skipped when it is
// not). A region botocore has and the table lacks is only logged.
func TestRegionsAreBotocoreRegions(t *testing.T) {
	out, err := exec.Command("python3", "-c", `
import json, os, botocore
d = json.load(open(os.path.join(os.path.dirname(botocore.__file__), 'data', 'partitions.json')))
print(json.dumps({r: p['id'] for p in d['partitions'] for r in p['regions']}))
`).Output()
	if err != nil {
		t.Skipf("botocore is not available: %v", err)
	}
	var theirs map[string]string
	if err := json.Unmarshal(out, &theirs); err != nil {
		t.Fatal(err)
	}
	for _, r := range Regions() {
		if p, ok := theirs[r.Name]; !ok || p != r.Partition {
			t.Errorf("%s (%s) is not a region of partition %s in botocore", r.Name, r.Partition, p)
		}
	}
	for name := range theirs {
		if _, ok := LookupRegion(name); !ok {
			t.Logf("botocore knows region %s, the table does not", name)
		}
	}
}
