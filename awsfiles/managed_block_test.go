package awsfiles

import (
	"strings"
	"testing"
)

func blockOf(names ...string) []BlockSection {
	var out []BlockSection
	for _, n := range names {
		out = append(out, BlockSection{Header: "profile " + n, Values: []KeyValue{{"sso_session", "corp"},
			{"sso_account_id", "111122223333"}, {"sso_role_name", n}}})
	}
	return out
}

// A block is added at the end, replaced in place on the next run (so what is no longer granted goes),
// and removed when nothing is left; the user's own text around it never changes by one byte.
func TestManagedBlockLifecycle(t *testing.T) {
	before := "# my settings\n[default]\nregion  =  eu-west-1\n\n[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\n"
	after := "\n[profile mine]\nregion = us-east-1\n"
	write := func(src string, names ...string) string {
		t.Helper()
		out, err := SetManagedBlock(Parse(ConfigFile, "config", []byte(src)), "sso-session corp", blockOf(names...))
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	first := write(before, "Admin", "ReadOnly")
	if !strings.HasPrefix(first, before+"\n# BEGIN rolecall sso-session corp\n") || !strings.HasSuffix(first, "# END rolecall sso-session corp\n") {
		t.Fatalf("appended:\n%s", first)
	}
	withMine := first + after
	second := write(withMine, "ReadOnly")
	if !strings.HasPrefix(second, before) || !strings.HasSuffix(second, "# END rolecall sso-session corp\n"+after) ||
		strings.Contains(second, "Admin") {
		t.Fatalf("replaced:\n%s", second)
	}
	if again := write(second, "ReadOnly"); again != second {
		t.Errorf("a second run with the same grants changed the file:\n%s", again)
	}
	b, err := FindManagedBlock(Parse(ConfigFile, "config", []byte(second)), "sso-session corp")
	if err != nil || !b.Found || strings.Join(b.Profiles, ",") != "ReadOnly" {
		t.Errorf("found %+v, %v", b, err)
	}
	if gone := write(second); gone != before+"\n"+after {
		t.Errorf("removed:\n%q", gone)
	}
	if same := write(before); same != before {
		t.Errorf("nothing to write changed the file: %q", same)
	}
	crlf := write("[default]\r\nregion = eu-west-1", "Admin")
	if !strings.HasPrefix(crlf, "[default]\r\nregion = eu-west-1\r\n\r\n# BEGIN") || strings.Count(crlf, "\r\n") != strings.Count(crlf, "\n") {
		t.Errorf("a CRLF file without a final line break:\n%q", crlf)
	}
}

// Damaged markers are refused with the line and what to do: nothing is guessed.
func TestManagedBlockRefusesDamagedMarkers(t *testing.T) {
	const begin, end = "# BEGIN rolecall sso-session corp\n", "# END rolecall sso-session corp\n"
	cases := map[string]struct {
		src  string
		line int
		says string
	}{
		"no end":        {"[default]\n" + begin + "[profile a]\nregion = x\n", 2, "no END marker"},
		"end first":     {end + begin + end, 1, "before any BEGIN"},
		"two begins":    {begin + begin + end, 2, "BEGIN marker appears twice"},
		"two ends":      {begin + end + end, 3, "END marker appears twice"},
		"another block": {begin + "# END rolecall sso-session other\n" + end, 2, "another block's marker"},
	}
	for name, c := range cases {
		_, err := SetManagedBlock(Parse(ConfigFile, "/home/jo/.aws/config", []byte(c.src)), "sso-session corp", blockOf("x"))
		de, ok := err.(*DamagedBlockError)
		if !ok || de.Line != c.line || !strings.Contains(err.Error(), c.says) || !strings.Contains(err.Error(), "/home/jo/.aws/config") {
			t.Errorf("%s: got %v (line %d), want line %d saying %q", name, err, func() int {
				if ok {
					return de.Line
				}
				return 0
			}(), c.line, c.says)
		}
	}
	if _, err := SetManagedBlock(Parse(ConfigFile, "c", nil), "x", []BlockSection{{Header: "profile a]b"}}); err == nil {
		t.Error("a header with a bracket was written")
	}
}
