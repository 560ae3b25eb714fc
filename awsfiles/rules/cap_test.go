package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/awsfiles"
)

// A file of garbage lists at most MaxPerCode diagnostics of a code in a file, and the last one listed says
// how many more there are; the other file, and the other codes, are not cut.
func TestAFileOfGarbageListsAtMostMaxPerCodeOfAKind(t *testing.T) {
	config := "[default]\n" + strings.Repeat("not a setting\n", MaxPerCode+50)
	credentials := strings.Repeat("not a setting either\n", 3)
	checked := CheckModel(model(config, credentials))
	listed := map[string][]Diagnostic{}
	for _, d := range checked.Diagnostics {
		listed[d.File.Kind.String()+" "+d.Code] = append(listed[d.File.Kind.String()+" "+d.Code], d)
	}
	got := listed["config syntax-error"]
	if len(got) != MaxPerCode {
		t.Fatalf("%d syntax errors listed in the config file, want %d", len(got), MaxPerCode)
	}
	last := got[len(got)-1]
	note := fmt.Sprintf(" (50 more like this in this file are not listed: Rolecall lists at most %d of a kind per file.)", MaxPerCode)
	if last.Range.Start.Line != MaxPerCode || !strings.HasSuffix(last.Message, note) || last.Unlisted != 50 {
		t.Fatalf("the last one listed is on line %d: %q, want line %d ending %q", last.Range.Start.Line+1, last.Message, MaxPerCode+1, note)
	}
	for _, d := range got[:len(got)-1] {
		if strings.Contains(d.Message, "not listed") || d.Unlisted != 0 {
			t.Fatalf("line %d says some are not listed; only the last one listed may", d.Range.Start.Line+1)
		}
	}
	if n := len(listed["credentials syntax-error"]); n != 3 {
		t.Fatalf("%d syntax errors in the credentials file, want all 3", n)
	}
	if !checked.capped {
		t.Fatal("the check does not record that it left diagnostics out")
	}
}

// Typing where a code is listed up to the limit: each Recheck gives what a full Check gives, whether the
// edit takes the count over the limit, back under it, or happens while some are left out. The edits are on
// the second line of a section, so that Recheck reads only that section again.
func TestRecheckAtTheLimitGivesWhatAFullCheckGives(t *testing.T) {
	config := "[profile a]\n" + strings.Repeat("x\n", MaxPerCode-1) +
		"[profile b]\noutput = json\nregion = eu-west-1\n[profile c]\noutput = json\nregion = us-east-1\n"
	files := [2]*awsfiles.File{awsfiles.ParseString(awsfiles.ConfigFile, "config", config), awsfiles.ParseString(awsfiles.CredentialsFile, "credentials", "")}
	prev := CheckModel(awsfiles.NewModel(files[0], files[1]))
	edits := []struct{ from, to, what string }{
		{"region = eu-west-1", "y", "a garbage line in b: exactly the limit"},
		{"region = us-east-1", "z", "one in c: over the limit, and the note on b's"},
		{"\nz\n", "\nzz\n", "typing while c's is left out"},
		{"\nzz\n", "\nregion = us-east-1\n", "c fixed: back at the limit, and the note must go"},
		{"\ny\n", "\nregion = eu-west-1\n", "b fixed: under it"},
		{"region = eu-west-1", "region = eu-west-2", "an ordinary edit"},
	}
	narrowed := 0
	for _, e := range edits {
		text := strings.Replace(files[0].String(), e.from, e.to, 1)
		if text == files[0].String() {
			t.Fatalf("%s: %q is not in the file", e.what, e.from)
		}
		files[0] = awsfiles.Reparse(files[0], text)
		m := awsfiles.NextModel(prev.Model, files[0], files[1])
		got := prev.Recheck(m)
		if a, b := dumpAll(got.Diagnostics, m), dumpAll(Check(m), m); a != b {
			t.Fatalf("%s: Recheck and Check differ:\n%s", e.what, firstDifference(a, b))
		}
		if got.Profiles >= 0 {
			narrowed++
		}
		prev = got
	}
	if narrowed < 3 {
		t.Errorf("%d of %d edits narrowed down: the edits under the limit should be", narrowed, len(edits))
	}
}
