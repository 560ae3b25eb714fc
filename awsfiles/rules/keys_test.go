package rules

import (
	"testing"

	"github.com/rolecall/rolecall/awsfiles"
)

// The rules' tables of keys against awsfiles' key catalog.

// The rules' own lists must name keys of the table, or a typo there would silently disable a check.
func TestRuleListsNameKnownKeys(t *testing.T) {
	var names []string
	for n := range goCopiedKeys {
		names = append(names, n)
	}
	for n := range emptyBreaks {
		names = append(names, n)
	}
	for n := range valueChecks {
		names = append(names, n)
	}
	for n := range lenientBools {
		names = append(names, n)
	}
	for _, n := range names {
		k, ok := awsfiles.LookupKey(n)
		if !ok || k.Family != "" {
			t.Errorf("%s is used by a rule but not in the key table", n)
		}
	}
	for n := range goCopiedKeys {
		if k, _ := awsfiles.LookupKey(n); !k.Tools.Has(awsfiles.ToolGoSDK) {
			t.Errorf("%s is copied by aws-sdk-go-v2 but the table says the SDK does not read it", n)
		}
	}
	for n := range lenientBools {
		if k, _ := awsfiles.LookupKey(n); k.Kind != awsfiles.ValueBool {
			t.Errorf("%s is checked as a boolean but the table says %v", n, k.Kind)
		}
	}
}

// Every canonical value the table offers for completion must pass the value check, except the values the
// check exists to flag (botocore-only or AWS CLI v2-only spellings).
func TestEnumValuesPassTheirChecks(t *testing.T) {
	flagged := map[string]bool{"retry_mode=legacy": true, "output=yaml": true, "output=yaml-stream": true, "output=off": true}
	for _, k := range awsfiles.Keys() {
		check := valueCheckFor(k.Name)
		if check == nil || k.Parent != "" {
			continue
		}
		for _, v := range k.Enum {
			if p := check(v); p != nil && !flagged[k.Name+"="+v] {
				t.Errorf("%s = %s is offered by completion but flagged: %s", k.Name, v, p.why)
			}
		}
	}
}
