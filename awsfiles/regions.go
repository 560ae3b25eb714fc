package awsfiles

import "strings"

// Regions and partitions, from botocore's endpoints.json and partitions.json (botocore 1.43). The region
// rules and the language server's completion use them.

// Partition is one AWS partition: a separate set of regions with its own ARN prefix.
type Partition struct {
	ID   string // the ARN partition: aws, aws-cn, aws-us-gov, …
	Name string // for people: "AWS Standard", "AWS China", …
	// RegionPrefixes are what the partition's region names start with (its regionRegex, spelled out).
	RegionPrefixes []string
}

// Region is a region name with its human name.
type Region struct {
	Name        string // us-east-1
	Description string // US East (N. Virginia)
	Partition   string // aws
	Global      bool   // a pseudo-region such as aws-global, accepted by some global services only
}

var partitions = []Partition{
	{"aws", "AWS Standard", []string{"us-", "eu-", "ap-", "sa-", "ca-", "me-", "af-", "il-", "mx-"}},
	{"aws-cn", "AWS China", []string{"cn-"}},
	{"aws-us-gov", "AWS GovCloud (US)", []string{"us-gov-"}},
	{"aws-iso", "AWS ISO (US)", []string{"us-iso-"}},
	{"aws-iso-b", "AWS ISOB (US)", []string{"us-isob-"}},
	{"aws-iso-e", "AWS ISOE (Europe)", []string{"eu-isoe-"}},
	{"aws-iso-f", "AWS ISOF", []string{"us-isof-"}},
	{"aws-eusc", "AWS European Sovereign Cloud", []string{"eusc-de-"}},
}

var regions = []Region{
	{"af-south-1", "Africa (Cape Town)", "aws", false},
	{"ap-east-1", "Asia Pacific (Hong Kong)", "aws", false},
	{"ap-east-2", "Asia Pacific (Taipei)", "aws", false},
	{"ap-northeast-1", "Asia Pacific (Tokyo)", "aws", false},
	{"ap-northeast-2", "Asia Pacific (Seoul)", "aws", false},
	{"ap-northeast-3", "Asia Pacific (Osaka)", "aws", false},
	{"ap-south-1", "Asia Pacific (Mumbai)", "aws", false},
	{"ap-south-2", "Asia Pacific (Hyderabad)", "aws", false},
	{"ap-southeast-1", "Asia Pacific (Singapore)", "aws", false},
	{"ap-southeast-2", "Asia Pacific (Sydney)", "aws", false},
	{"ap-southeast-3", "Asia Pacific (Jakarta)", "aws", false},
	{"ap-southeast-4", "Asia Pacific (Melbourne)", "aws", false},
	{"ap-southeast-5", "Asia Pacific (Malaysia)", "aws", false},
	{"ap-southeast-6", "Asia Pacific (New Zealand)", "aws", false},
	{"ap-southeast-7", "Asia Pacific (Thailand)", "aws", false},
	{"ca-central-1", "Canada (Central)", "aws", false},
	{"ca-west-1", "Canada West (Calgary)", "aws", false},
	{"eu-central-1", "Europe (Frankfurt)", "aws", false},
	{"eu-central-2", "Europe (Zurich)", "aws", false},
	{"eu-north-1", "Europe (Stockholm)", "aws", false},
	{"eu-south-1", "Europe (Milan)", "aws", false},
	{"eu-south-2", "Europe (Spain)", "aws", false},
	{"eu-west-1", "Europe (Ireland)", "aws", false},
	{"eu-west-2", "Europe (London)", "aws", false},
	{"eu-west-3", "Europe (Paris)", "aws", false},
	{"il-central-1", "Israel (Tel Aviv)", "aws", false},
	{"me-central-1", "Middle East (UAE)", "aws", false},
	{"me-south-1", "Middle East (Bahrain)", "aws", false},
	{"mx-central-1", "Mexico (Central)", "aws", false},
	{"sa-east-1", "South America (São Paulo)", "aws", false},
	{"us-east-1", "US East (N. Virginia)", "aws", false},
	{"us-east-2", "US East (Ohio)", "aws", false},
	{"us-west-1", "US West (N. California)", "aws", false},
	{"us-west-2", "US West (Oregon)", "aws", false},
	{"aws-global", "global endpoint of the AWS partition", "aws", true},
	{"cn-north-1", "China (Beijing)", "aws-cn", false},
	{"cn-northwest-1", "China (Ningxia)", "aws-cn", false},
	{"aws-cn-global", "global endpoint of the China partition", "aws-cn", true},
	{"us-gov-east-1", "AWS GovCloud (US-East)", "aws-us-gov", false},
	{"us-gov-west-1", "AWS GovCloud (US-West)", "aws-us-gov", false},
	{"aws-us-gov-global", "global endpoint of the GovCloud partition", "aws-us-gov", true},
	{"us-iso-east-1", "US ISO East", "aws-iso", false},
	{"us-iso-west-1", "US ISO West", "aws-iso", false},
	{"aws-iso-global", "global endpoint of the ISO partition", "aws-iso", true},
	{"us-isob-east-1", "US ISOB East (Ohio)", "aws-iso-b", false},
	{"us-isob-west-1", "US ISOB West", "aws-iso-b", false},
	{"aws-iso-b-global", "global endpoint of the ISOB partition", "aws-iso-b", true},
	{"eu-isoe-west-1", "EU ISOE West", "aws-iso-e", false},
	{"aws-iso-e-global", "global endpoint of the ISOE partition", "aws-iso-e", true},
	{"us-isof-east-1", "US ISOF East", "aws-iso-f", false},
	{"us-isof-south-1", "US ISOF South", "aws-iso-f", false},
	{"aws-iso-f-global", "global endpoint of the ISOF partition", "aws-iso-f", true},
	{"eusc-de-east-1", "AWS European Sovereign Cloud (Germany)", "aws-eusc", false},
}

var regionIndex = func() map[string]Region {
	m := make(map[string]Region, len(regions))
	for _, r := range regions {
		m[r.Name] = r
	}
	return m
}()

// Regions lists the known regions: each partition's regions, then its global pseudo-region, in partition
// order (commercial first).
func Regions() []Region { return append([]Region(nil), regions...) }

// Partitions lists the known partitions, commercial first.
func Partitions() []Partition { return append([]Partition(nil), partitions...) }

// LookupRegion finds a known region (or global pseudo-region) by its exact name.
func LookupRegion(name string) (Region, bool) {
	r, ok := regionIndex[name]
	return r, ok
}

// PartitionOfRegion gives the partition a region name belongs to by its shape (so a region newer than
// this table still finds its partition), or false when the name fits none.
func PartitionOfRegion(name string) (Partition, bool) {
	if r, ok := regionIndex[name]; ok {
		return partitionByID(r.Partition), true
	}
	best, bestLen := Partition{}, 0
	for _, p := range partitions {
		for _, prefix := range p.RegionPrefixes {
			if strings.HasPrefix(name, prefix) && len(prefix) > bestLen && regionShaped(name[len(prefix):]) {
				best, bestLen = p, len(prefix)
			}
		}
	}
	return best, bestLen > 0
}

// regionShaped reports whether the rest of a region name after its partition prefix is WORD-DIGITS, as
// the partitions' regionRegex (^prefix\w+-\d+$) asks.
func regionShaped(rest string) bool {
	i := strings.LastIndexByte(rest, '-')
	if i <= 0 || i == len(rest)-1 {
		return false
	}
	for _, c := range rest[:i] {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	for _, c := range rest[i+1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func partitionByID(id string) Partition {
	for _, p := range partitions {
		if p.ID == id {
			return p
		}
	}
	return Partition{ID: id}
}

// RegionCheck is what CheckRegion finds out about a region name.
type RegionCheck struct {
	Known bool // a region (or global pseudo-region) of the table
	// Valid is botocore's validate_region_name: 1–63 letters, digits and hyphens, not all digits, no
	// hyphen at either end. botocore refuses to create any client for an invalid name.
	Valid bool
	// Shaped is set when the name fits a partition's region pattern although it is not in the table (a
	// region newer than this list, or a typo such as us-east-7).
	Shaped bool
	// Suggestion is the closest known region, for a name that is not known ("" when none is close).
	Suggestion string
}

// CheckRegion checks a region name the way the AWS tools would use it.
func CheckRegion(name string) RegionCheck {
	c := RegionCheck{Valid: validRegionName(name)}
	if _, ok := regionIndex[name]; ok {
		c.Known = true
		return c
	}
	_, c.Shaped = PartitionOfRegion(name)
	c.Suggestion = suggestRegion(name)
	return c
}

// validRegionName is botocore's regex ^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{,63}(?<!-)$ (spec §5.1), written out
// because Go's regexp has no lookaround. The empty name matches the regex but is reported as empty.
func validRegionName(s string) bool {
	if len(s) > 63 || strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") {
		return false
	}
	digits := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '-':
			digits = false
		default:
			return false
		}
	}
	return !digits || s == ""
}

// suggestRegion finds the known region a mistyped name most likely meant: first by the characters people
// confuse (l or I for 1, O for 0, missing or doubled hyphens, case), then by edit distance.
func suggestRegion(name string) string {
	key := regionKey(name)
	match := ""
	for _, r := range regions {
		if !r.Global && regionKey(r.Name) == key {
			if match != "" {
				match = "" // ambiguous
				break
			}
			match = r.Name
		}
	}
	if match != "" && match != name {
		return match
	}
	// A name shaped like a region of one partition is compared with that partition's regions only, so that
	// cn-south-1 never turns into af-south-1.
	part, shaped := PartitionOfRegion(strings.ToLower(name))
	var names []string
	for _, r := range regions {
		if !r.Global && (!shaped || r.Partition == part.ID) {
			names = append(names, r.Name)
		}
	}
	return suggest(strings.ToLower(name), names)
}

// regionKey folds the differences people make when typing a region: case, hyphens, underscores, spaces,
// and l/i/o typed for 1/1/0 after the last letter group.
func regionKey(s string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		switch c {
		case '-', '_', ' ', '.':
			continue
		}
		b.WriteRune(c)
	}
	k := []byte(b.String())
	// The last character of a region is a digit: read a trailing l, i or o as the digit it looks like.
	if n := len(k); n > 0 {
		switch k[n-1] {
		case 'l', 'i':
			k[n-1] = '1'
		case 'o':
			k[n-1] = '0'
		}
	}
	return string(k)
}
