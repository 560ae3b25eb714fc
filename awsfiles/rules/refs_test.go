package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/awsfiles"
)

const (
	testKeys = "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
	testRole = "role_arn = arn:aws:iam::111122223333:role/R\n"
)

// codeDiags checks two files and keeps the diagnostics of one code.
func codeDiags(config, credentials, code string) []Diagnostic {
	var out []Diagnostic
	for _, d := range Check(model(config, credentials)) {
		if d.Code == code {
			out = append(out, d)
		}
	}
	return out
}

// rangeText is the source text a diagnostic's range covers.
func rangeText(d Diagnostic) string {
	return string(d.File.Src()[d.Range.Start.Offset:d.Range.End.Offset])
}

// expectOne asserts exactly one diagnostic of the code, on the given text, with a message holding every
// fragment; it returns the diagnostic.
func expectOne(t *testing.T, config, credentials, code, on string, fragments ...string) Diagnostic {
	t.Helper()
	ds := codeDiags(config, credentials, code)
	if len(ds) != 1 {
		t.Fatalf("%s: got %d diagnostics, want 1:\n%s", code, len(ds), dump(ds))
	}
	d := ds[0]
	if got := rangeText(d); got != on {
		t.Errorf("%s: range covers %q, want %q", code, got, on)
	}
	for _, f := range fragments {
		if !strings.Contains(d.Message, f) {
			t.Errorf("%s: message %q lacks %q", code, d.Message, f)
		}
	}
	return d
}

func expectNone(t *testing.T, config, credentials, code string) {
	t.Helper()
	if ds := codeDiags(config, credentials, code); len(ds) > 0 {
		t.Errorf("%s fired:\n%s", code, dump(ds))
	}
}

func preferredFix(t *testing.T, d Diagnostic) Fix {
	t.Helper()
	for _, f := range d.Fixes {
		if f.Preferred {
			return f
		}
	}
	t.Fatalf("%s: no preferred fix in %+v", d.Code, d.Fixes)
	return Fix{}
}

func TestSourceProfileMissingSuggestsAndPointsAtLookalikes(t *testing.T) {
	// Case slip; the suggestion names where the profile is defined.
	d := expectOne(t, "[profile dev]\n"+testRole+"source_profile = prod\n", "# keys\n[Prod]\n"+testKeys,
		"source-profile-missing", "prod", `did you mean "Prod"? It is defined in credentials line 2.`)
	if f := preferredFix(t, d); f.Edits[0].NewText != "Prod" {
		t.Errorf("fix = %+v", f)
	}
	// The setting itself in the credentials file: the range is there.
	d = expectOne(t, "[profile dev]\n"+testRole, "[dev]\nsource_profile = bsae\n[base]\n"+testKeys,
		"source-profile-missing", "bsae", `did you mean "base"?`)
	if d.File.Kind != awsfiles.CredentialsFile {
		t.Errorf("reported in %s, want credentials", d.File.Kind)
	}
	// An sso-session of that name is not a profile.
	expectOne(t, "[profile dev]\n"+testRole+"source_profile = corp\n[sso-session corp]\nsso_region = eu-west-1\nsso_start_url = https://example.awsapps.com/start\n", "",
		"source-profile-missing", "corp", "is an [sso-session]")
	// Nothing close: the fixes create the profile, in either file.
	d = expectOne(t, "[profile dev]\n"+testRole+"source_profile = zzz\n", "[base]\n"+testKeys,
		"source-profile-missing", "zzz", "create it or name an existing profile")
	if len(d.Fixes) != 2 || d.Fixes[0].Title != "Create [zzz] in credentials" || d.Fixes[1].Title != "Create [profile zzz] in config" {
		t.Errorf("fixes %+v, want Create [zzz] in credentials and Create [profile zzz] in config", d.Fixes)
	}
	// A quoted value: the range and the fix cover the name inside the quotes.
	d = expectOne(t, "[profile dev]\n"+testRole+"source_profile = \"bsae\"\n", "[base]\n"+testKeys, "source-profile-missing", "bsae")
	if f := preferredFix(t, d); rangeText(Diagnostic{File: d.File, Range: d.File.RangeOf(f.Edits[0].Span)}) != "bsae" {
		t.Errorf("fix edits %+v", f.Edits)
	}
	// Empty values are empty-value's, with or without role_arn.
	expectNone(t, "[profile dev]\nsource_profile =\n", "", "source-profile-missing")
	expectNone(t, "[profile dev]\n"+testRole+"source_profile =\n", "", "source-profile-missing")
}

func TestSourceProfileCycleIsReportedOncePerLoop(t *testing.T) {
	config := "[profile x]\n" + testRole + "source_profile = a\n" +
		"[profile a]\n" + testRole + "source_profile = b\n" +
		"[profile b]\n" + testRole + "source_profile = c\n" +
		"[profile c]\n" + testRole + "source_profile = a\n"
	d := expectOne(t, config, "", "source-profile-cycle", "b", "a → b → c → a", "InfiniteLoopConfigError")
	if len(d.Related) != 2 {
		t.Errorf("related = %+v, want one at each other source_profile on the loop", d.Related)
	}
	// A self-reference is allowed only with static keys.
	expectNone(t, "[profile s]\n"+testRole+"source_profile = s\n", "[s]\n"+testKeys, "source-profile-cycle")
	expectOne(t, "[profile s]\n"+testRole+"source_profile = s\ncredential_process = /bin/creds\n", "",
		"source-profile-cycle", "s", "s → s", "aws-sdk-go-v2 accepts it")
	// A longer loop through a profile with keys still breaks the AWS CLI (spec §6.1), and only the
	// profile with keys sees it: from b the chain stops at a's keys.
	expectOne(t, "[profile a]\n"+testRole+"source_profile = b\n[profile b]\n"+testRole+"source_profile = a\n", "[a]\n"+testKeys,
		"source-profile-cycle", "b", "a → b → a", `even though "a" has its own credentials`)
}

func TestSourceHasNoCredentials(t *testing.T) {
	// Two profiles reach the same empty source through one hop: one diagnostic, at that hop.
	config := "[profile base]\nregion = eu-west-1\n[profile mid]\n" + testRole + "source_profile = base\n[profile top]\n" + testRole + "source_profile = mid\n"
	d := expectOne(t, config, "", "source-has-no-credentials", "base", "mid → base", `"The source profile "base" must have credentials."`, "This also breaks top → mid → base")
	if len(d.Related) != 1 || d.Related[0].Range.Start.Line != 0 {
		t.Errorf("related = %+v, want the definition of base", d.Related)
	}
	// Sources that do yield credentials.
	for name, src := range map[string]string{
		"keys in config":     testKeys,
		"credential_process": "credential_process = /bin/creds\n",
		"sso":                "sso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 111122223333\nsso_role_name = R\n",
		"web identity":       testRole + "web_identity_token_file = /tmp/token\n",
		"role with source":   testRole + "credential_source = Environment\n",
	} {
		t.Run(name, func(t *testing.T) {
			expectNone(t, "[profile src]\n"+src+"[profile top]\n"+testRole+"source_profile = src\n", "", "source-has-no-credentials")
		})
	}
	// A role profile that is no source: not this code (role-without-source covers it).
	expectNone(t, "[profile r]\n"+testRole, "", "source-has-no-credentials")
}

func TestSSOSessionMissing(t *testing.T) {
	sessions := "[sso-session Corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\n"
	d := expectOne(t, "[profile p]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = R\n"+sessions, "",
		"sso-session-missing", "corp", `did you mean "Corp"? It is defined in config line 5.`, "failed to find SSO session section, corp")
	if f := preferredFix(t, d); f.Edits[0].NewText != "Corp" {
		t.Errorf("fix = %+v", f)
	}
	expectOne(t, "[profile p]\nsso_session = nope\n"+sessions, "", "sso-session-missing", "nope", "add [sso-session nope] with sso_start_url")
	expectNone(t, "[profile p]\nsso_session = Corp\n"+sessions, "", "sso-session-missing")
}

func TestChainTreatsAWebIdentitySourceAsCredentials(t *testing.T) {
	m := model("[profile eks]\n"+testRole+"web_identity_token_file = /tmp/token\n[profile top]\n"+testRole+"source_profile = eks\n", "")
	c := m.Chain(m.Profile("top"))
	if !c.OK() || c.Source != awsfiles.KindWebIdentity {
		t.Errorf("chain %s: end %v source %v, want web identity credentials", c, c.End, c.Source)
	}
}

// A long chain is named in a message by its first profiles, how many are left out and its last, and a
// broken hop names a few of the other chains it breaks: messages stay short however long the chain.
func TestLongChainsAreShortenedInMessages(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 20; i++ {
		fmt.Fprintf(&b, "[profile h%02d]\n%ssource_profile = h%02d\nduration_seconds = 7200\n", i, testRole, i+1)
	}
	config := b.String() + "[profile h20]\nregion = eu-west-1\n"
	expectOne(t, config, "", "source-has-no-credentials", "h20", "The chain h19 → h20 ends",
		"This also breaks h01 → h02 → h03 → h04 → h05 → h06 → … 13 more … → h20, h02 → h03", " and 14 more chains.")
	ds := codeDiags(b.String(), "[h20]\n"+testKeys, "duration-chained")
	if len(ds) != 19 || !strings.Contains(ds[0].Message, "(hop 20 of 20 in h00 → h01 → h02 → h03 → h04 → h05 → … 14 more … → h20)") {
		t.Fatalf("want 19 duration-chained (h19's own hop is not chained), the first naming its chain shortened:\n%s", dump(ds))
	}
}
