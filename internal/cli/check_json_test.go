package cli

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/awsfiles/rules"
	"github.com/rolecall/rolecall/internal/conformance"
)

// jsonDiagnostic and jsonRelated are the documented shape of `check --format json` (docs/cli.md), as
// encoding/json would write it: the reference the hand-written writer is held to.
type jsonDiagnostic struct {
	File     string         `json:"file"`
	Range    awsfiles.Range `json:"range"`
	Severity string         `json:"severity"`
	Code     string         `json:"code"`
	Message  string         `json:"message"`
	Related  []jsonRelated  `json:"related,omitempty"`
}

type jsonRelated struct {
	File    string         `json:"file"`
	Range   awsfiles.Range `json:"range"`
	Message string         `json:"message"`
}

// referenceJSON is what encoding/json's Encoder with a two-space indent writes for the diagnostics.
func referenceJSON(diags []rules.Diagnostic) []byte {
	out := struct {
		Diagnostics []jsonDiagnostic `json:"diagnostics"`
	}{Diagnostics: []jsonDiagnostic{}}
	for _, d := range diags {
		jd := jsonDiagnostic{File: d.File.Path, Range: d.Range, Severity: d.Severity.String(), Code: d.Code, Message: d.Message}
		for _, r := range d.Related {
			jd.Related = append(jd.Related, jsonRelated{File: r.File.Path, Range: r.Range, Message: r.Message})
		}
		out.Diagnostics = append(out.Diagnostics, jd)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	_ = enc.Encode(out)
	return b.Bytes()
}

func writtenJSON(diags []rules.Diagnostic) []byte {
	var b bytes.Buffer
	writeDiagnosticsJSON(&b, diags)
	return b.Bytes()
}

// The JSON of `check` is byte for byte what encoding/json writes: on no diagnostics, on the generated
// files with a diagnostic of every kind the generator makes, and on broken files whose messages quote
// odd bytes.
func TestCheckJSONIsWhatEncodingJSONWrites(t *testing.T) {
	g := conformance.Generate(300)
	cases := map[string]*awsfiles.Model{
		"clean":     awsfiles.NewModel(awsfiles.Parse(awsfiles.ConfigFile, "config", []byte("[default]\nregion = eu-west-1\n")), awsfiles.Parse(awsfiles.CredentialsFile, "credentials", nil)),
		"generated": awsfiles.NewModel(awsfiles.Parse(awsfiles.ConfigFile, "/home/jo/.aws/config", []byte(g.Config)), awsfiles.Parse(awsfiles.CredentialsFile, "/home/jo/.aws/credentials", []byte(g.Credentials))),
		"broken":    awsfiles.NewModel(awsfiles.Parse(awsfiles.ConfigFile, "dir/<a&b>\u2028\"q\"\\", []byte(checkBrokenConfig+"[profile x]\nregion = \"\x1b[31m\xff\u2029<&>\"\n[profile x]\nrole_arn = a\tb\n")), awsfiles.Parse(awsfiles.CredentialsFile, "c", []byte(checkCredentials))),
	}
	for name, m := range cases {
		diags := rules.Check(m)
		if got, want := writtenJSON(diags), referenceJSON(diags); !bytes.Equal(got, want) {
			t.Errorf("%s (%d diagnostics): the writer differs from encoding/json at byte %d:\n%s", name, len(diags), firstDifference(got, want), got)
		}
	}
}

// FuzzJSONString holds the string escaping to encoding/json's on any bytes.
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "q\"b\\", "<&>", "\x00\x1f\x7f", "\xff\xfe", "\u2028\u2029", "é…—", "\b\f\n\r\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := []rules.Diagnostic{{File: &awsfiles.File{Path: s}, Code: s, Message: s, Severity: rules.SeverityHint}}
		if got, want := writtenJSON(d), referenceJSON(d); !bytes.Equal(got, want) {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
	})
}

func firstDifference(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
