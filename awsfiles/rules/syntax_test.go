package rules

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/rolecall/rolecall/awsfiles"
	"golang.org/x/tools/txtar"
)

// syntaxCodes are the codes of the syntax group (rules_syntax*.go and rules_headers*.go).
var syntaxCodes = map[string]bool{"syntax-error": true, "key-outside-section": true, "duplicate-section": true,
	"duplicate-key": true, "bom": true, "invalid-encoding": true, "lone-quote": true, "inline-comment": true,
	"quoted-value": true, "indented-line": true, "nested-syntax": true, "section-header": true,
	"profile-prefix-in-credentials": true, "missing-profile-prefix": true, "default-conflict": true, "uppercase-key": true}

// syntaxDiags runs Check and keeps this group's diagnostics, formatted as in the txtar cases.
func syntaxDiags(config, credentials string) []string {
	var out []string
	for _, d := range Check(model(config, credentials)) {
		if syntaxCodes[d.Code] {
			out = append(out, format(d))
		}
	}
	return out
}

func TestSyntaxEdgeCases(t *testing.T) {
	cases := []struct {
		name, config, credentials string
		want                      []string
	}{
		{"a BOM is one UTF-16 unit, CRLF kept", "\ufeff[default]\r\nregion = eu-west-1\r\n", "",
			[]string{"config:1:1-1:2 error bom"}},
		{"columns count UTF-16 units before an inline comment", "[profile é]\nregion = eu-west-1 # Irlande 🇮🇪\n", "",
			[]string{"config:1:10-1:11 hint section-header", "config:2:20-2:34 warning inline-comment"}},
		{"an empty value with a comment is empty for aws-sdk-go-v2", "[default]\nregion = # later\n", "",
			[]string{"config:2:10-2:17 warning inline-comment"}},
		{"no blank before # is no comment", "[default]\nendpoint_url = https://example.com/a#b\nregion=eu-west-1;x\n", "", nil},
		{"a comment after a header is read by both tools", "[profile a] # team A\nregion = eu-west-1\n", "", nil},
		{"text after ] hides the header from aws-sdk-go-v2", "[profile a] = 1\nregion = eu-west-1\n", "",
			[]string{"config:1:13-1:16 error section-header"}},
		{"an indented header is swallowed across blank lines and comments",
			"[default]\nregion = us-east-1\n\n# next\n  [profile foo]\n  region = eu-west-1\n", "",
			[]string{"config:5:3-5:16 error indented-line", "config:6:3-6:21 warning indented-line"}},
		{"a file indented uniformly parses, but configure set misses its headers",
			"  [default]\n  region = us-east-1\n  [profile b]\n  region = eu-west-1\n", "",
			[]string{"config:1:3-1:12 warning indented-line", "config:3:3-3:14 warning indented-line"}},
		{"an indented key right after a header is a key in both tools", "[default]\n  region = us-east-1\n  output = json\n", "", nil},
		{"a quoted empty value nests for aws-sdk-go-v2 and glues for botocore", "[default]\ns3 = \"\"\n  addressing_style = path\n", "",
			[]string{"config:2:6-2:8 warning quoted-value", "config:3:3-3:26 warning indented-line"}},
		{"a nested block in the credentials file", "", "[dev]\ns3 =\n  Max_Queue_Size: 10\n",
			[]string{"credentials:3:17-3:18 error nested-syntax"}},
		{"a lone quote with a comment after it on an indented line does not crash", "[default]\nregion = x\n  output = \" # q\n", "",
			[]string{"config:3:3-3:17 warning indented-line"}},
		{"a lone quote in a continuation line does not crash", "[default]\nregion = x\n  \"\n", "",
			[]string{"config:3:3-3:4 warning indented-line"}},
		{"Region and region", "[default]\nRegion = eu-west-1\nregion = eu-west-1\n", "",
			[]string{"config:2:1-2:7 warning uppercase-key", "config:3:1-3:7 error duplicate-key"}},
		{"[DEFAULT] may repeat, its keys may not", "[DEFAULT]\nregion = a\n[default]\nregion = b\n[DEFAULT]\noutput = json\nregion = c\n", "",
			[]string{"config:1:2-1:9 warning section-header", "config:5:2-5:9 warning section-header", "config:7:1-7:7 error duplicate-key"}},
		{"a key repeated across repeated sections is the section's problem", "[profile a]\nregion = x\n[profile a]\nregion = y\n", "",
			[]string{"config:3:2-3:11 error duplicate-section"}},
		{"a swallowed header is no duplicate for botocore", "[profile a]\nregion = x\n  [profile a]\n", "",
			[]string{"config:3:3-3:14 error indented-line"}},
		{"[profile default] after [default]: both use it", "[default]\nregion = a\n[profile default]\nregion = b\n", "",
			[]string{"config:3:2-3:17 warning default-conflict"}},
		{"a continuation both tools append", "[default]\nrole_arn = arn:aws:iam::111122223333:\n  role/Admin\n", "",
			[]string{"config:3:3-3:13 warning indented-line"}},
		{"an indented line after an empty key is a botocore error", "[default]\n= x\n  more\n", "",
			[]string{"config:2:1-2:4 error syntax-error", "config:3:3-3:7 error syntax-error"}},
		{"junk before the first header", "junk\n[default]\n", "", []string{"config:1:1-1:5 error syntax-error"}},
		{"an empty header is no header: botocore has no section yet", "[]\nregion = x\n", "",
			[]string{"config:1:1-1:3 error section-header", "config:2:1-2:7 error key-outside-section"}},
		{"known non-profile sections", "[plugins]\ncli_legacy_plugin_path = /x\n[preview]\ncloudfront = true\n", "", nil},
		{"a bare name with a profile already there", "[profile dev]\nregion = a\n[dev]\nregion = b\n", "",
			[]string{"config:3:2-3:5 warning missing-profile-prefix"}},
		{"UTF-16 text", "\xff\xfe[\x00d\x00]\x00", "", []string{"config:1:1-1:3 error invalid-encoding"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := syntaxDiags(tc.config, tc.credentials)
			sort.Strings(got)
			want := append([]string(nil), tc.want...)
			sort.Strings(want)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
		})
	}
}

// Secret values reach diagnostics of this group through every path that quotes a value or a line.
func TestSyntaxMessagesNeverHoldSecrets(t *testing.T) {
	secret, id := "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AKIAIOSFODNN7EXAMPLE"
	creds := "[a]\naws_access_key_id = " + id + " # old\naws_secret_access_key = \"" + secret + "\"\n" + secret + "\n" +
		"aws_secret_access_key = " + secret + " ; x\naws_session_token = " + secret + "\xff\n  " + secret + "\n" +
		"s3 =\n  aws_secret_access_key = \"" + secret + "\" # x\n"
	diags := Check(model("", creds))
	if len(diags) < 6 {
		t.Fatalf("expected diagnostics on the broken credentials, got %d", len(diags))
	}
	for _, d := range diags {
		for _, text := range append([]string{d.Message}, fixTitles(d)...) {
			if strings.Contains(text, "EXAMPLEKEY") || strings.Contains(text, id) {
				t.Errorf("%s leaks a key: %s", format(d), text)
			}
		}
	}
}

func fixTitles(d Diagnostic) []string {
	var out []string
	for _, f := range d.Fixes {
		out = append(out, f.Title)
	}
	for _, r := range d.Related {
		out = append(out, r.Message)
	}
	return out
}

// corpusFile is one file of the differential corpus.
type corpusFile struct {
	name string
	kind awsfiles.FileKind
	data string
}

// syntaxCorpus is every file of every rule and clean case (broken and fixed, LF and CRLF) plus inputs
// chosen for this group's edge cases.
func syntaxCorpus(t *testing.T) []corpusFile {
	t.Helper()
	var out []corpusFile
	paths, _ := filepath.Glob("testdata/rules/*.txtar")
	clean, _ := filepath.Glob("testdata/clean/*.txtar")
	for _, path := range append(paths, clean...) {
		ar, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			kind := awsfiles.ConfigFile
			switch strings.TrimPrefix(f.Name, "fixed.") {
			case "credentials":
				kind = awsfiles.CredentialsFile
			case "config":
			default:
				continue
			}
			name := filepath.Base(path) + ":" + f.Name
			out = append(out, corpusFile{name, kind, string(f.Data)},
				corpusFile{name + " (CRLF)", kind, strings.ReplaceAll(string(f.Data), "\n", "\r\n")})
		}
	}
	for i, s := range extraSyntaxInputs {
		out = append(out, corpusFile{fmt.Sprintf("extra %d", i), awsfiles.ConfigFile, s}, corpusFile{fmt.Sprintf("extra %d", i), awsfiles.CredentialsFile, s})
	}
	return out
}

var extraSyntaxInputs = []string{
	"[default]\nregion = x\n  = y\n", "[default]\n  junk\n", "[p]\n  s3 =\n  x = 1\n", "[p]\ns3 =\n  a: b = c\n",
	"[p]\ns3 = # c\n  a = 1\n", "[p]\ns3 =\n\n  # c\n  a = 1\n  b\n", "[a]\nx = 1\n  [b]\n", "[a]\ns3 =\n  [b=c]\n",
	"[a]\n  x = 1\n    y\n", "[]\n", "[ ]\nx = 1\n", "[]]\nx = 1\n", "[a] x\n", "[a]\nx = '\n", "[a]\n  x: \"\n",
	"[a]\nx = \" # y\n", "[a]\nx = \"#\"\n", "x = \"\n", "[a]\n\t= v\n", "[a]\nk #= v\n", "[a]\n[b\n", "\xef\xbb\xbf",
	"\xef\xbb\xbfx = 1\n", "[a]\nx = \xe9\n", "[DEFAULT]\nx = 1\n[DEFAULT]\ny = 2\n", "[a]\nX = 1\n[b]\nx = 1\nX = 2\n",
	"[a]\n\nregion = x\n\n\n   \n  [b]\n", "[profile a b]\n[profile 'c d']\n[profile e\\ f]\n[profile \"g\n",
}

// The AWS CLI refuses a file exactly when a diagnostic of this group says so: botocore is run on every
// file of the corpus when it is installed.
func TestRefusalMatchesBotocore(t *testing.T) {
	corpus := syntaxCorpus(t)
	results := botocoreRead(t, corpus, true)
	refusals := 0
	for i, cf := range corpus {
		var claims []string
		for _, d := range Check(modelOf(cf)) {
			if syntaxCodes[d.Code] && strings.Contains(d.Message, "refuses the whole file") {
				claims = append(claims, format(d))
			}
		}
		refused := results[i].Error != nil
		if refused {
			refusals++
		}
		if refused != (len(claims) > 0) {
			errText := ""
			if refused {
				errText = *results[i].Error
			}
			t.Errorf("%s (%s): botocore refuses = %v (%s), diagnostics claim %v\n%q", cf.name, cf.kind, refused, errText, claims, cf.data)
		}
	}
	t.Logf("%d files, %d refused by botocore", len(corpus), refusals)
	if refusals < 30 || len(corpus)-refusals < 30 {
		t.Errorf("the corpus should hold many files of each kind: %d refused of %d", refusals, len(corpus))
	}
}

func modelOf(cf corpusFile) *awsfiles.Model {
	if cf.kind == awsfiles.CredentialsFile {
		return model("", cf.data)
	}
	return model(cf.data, "")
}

// aws-sdk-go-v2 panics on a file exactly when lone-quote fires.
func TestLoneQuoteMatchesSDK(t *testing.T) {
	dir := t.TempDir()
	panics := 0
	for i, cf := range syntaxCorpus(t) {
		path := filepath.Join(dir, fmt.Sprint(i))
		if err := os.WriteFile(path, []byte(cf.data), 0o600); err != nil {
			t.Fatal(err)
		}
		claimed := false
		for _, d := range Check(modelOf(cf)) {
			claimed = claimed || d.Code == "lone-quote"
		}
		panicked := sdkPanics(path, cf.kind)
		if panicked {
			panics++
		}
		if panicked != claimed {
			t.Errorf("%s (%s): aws-sdk-go-v2 panics = %v, lone-quote reported = %v\n%q", cf.name, cf.kind, panicked, claimed, cf.data)
		}
	}
	if panics < 8 {
		t.Errorf("only %d files of the corpus crash aws-sdk-go-v2", panics)
	}
}

func sdkPanics(path string, kind awsfiles.FileKind) (panicked bool) {
	defer func() { panicked = recover() != nil }()
	_, _ = config.LoadSharedConfigProfile(context.Background(), "default", func(o *config.LoadSharedConfigOptions) {
		o.ConfigFiles, o.CredentialsFiles = []string{path}, []string{}
		if kind == awsfiles.CredentialsFile {
			o.ConfigFiles, o.CredentialsFiles = []string{}, []string{path}
		}
	})
	return false
}

// botoResult is what botocore reads from one file (raw_config_parse, and build_profile_map for config).
type botoResult struct {
	Error    *string
	Raw      map[string]map[string]any
	Profiles map[string]map[string]any
	SSO      map[string]map[string]any
	Services map[string]map[string]any
}

const botocoreReadScript = `
import base64, json, os, sys, tempfile
import botocore.configloader as c
from botocore.exceptions import ConfigParseError
out, d = [], tempfile.mkdtemp()
for i, item in enumerate(json.load(sys.stdin)):
    p = os.path.join(d, str(i))
    with open(p, 'wb') as f:
        f.write(base64.b64decode(item['data']))
    try:
        raw = c.raw_config_parse(p, parse_subsections=item['nested'])
    except ConfigParseError as e:
        out.append({'Error': repr(e.kwargs.get('error'))})
        continue
    res = {'Error': None, 'Raw': raw}
    if item['kind'] == 'config':
        m = c.build_profile_map(raw)
        res.update(Profiles=m['profiles'], SSO=m['sso_sessions'], Services=m['services'])
    out.append(res)
print(json.dumps(out))
`

// botocoreRead runs botocore over the files, or skips the test when Python or botocore is missing.
func botocoreRead(t *testing.T, files []corpusFile, nested bool) []botoResult {
	t.Helper()
	type item struct {
		Kind   string `json:"kind"`
		Data   string `json:"data"`
		Nested bool   `json:"nested"`
	}
	items := make([]item, len(files))
	for i, f := range files {
		items[i] = item{f.kind.String(), base64.StdEncoding.EncodeToString([]byte(f.data)), nested}
	}
	in, _ := json.Marshal(items)
	cmd := exec.Command("python3", "-c", botocoreReadScript)
	cmd.Stdin, cmd.Env = bytes.NewReader(in), append(os.Environ(), "PYTHONUTF8=1")
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("botocore is not available: %v", err)
	}
	var res []botoResult
	if err := json.Unmarshal(out, &res); err != nil || len(res) != len(files) {
		t.Fatalf("botocore output: %v (%d results for %d files)", err, len(res), len(files))
	}
	return res
}

// The botocore line reader agrees with configparser: every line it reads as a key is an option of its
// section, and every line it glues onto a key is part of that key's value.
func TestBotocoreLineReadingMatches(t *testing.T) {
	corpus := syntaxCorpus(t)
	results := botocoreRead(t, corpus, false)
	checked := 0
	for i, cf := range corpus {
		if results[i].Error != nil {
			continue
		}
		f := awsfiles.Parse(cf.kind, "f", []byte(cf.data))
		var r botoReader
		section := ""
		for l := range f.Lines(0, f.NumLines()) {
			text := strings.TrimPrefix(f.LineText(l), "\ufeff")
			rd := r.read(text, l)
			switch rd.role {
			case roleHeader:
				section = f.LineSpanText(l, l.Inner())
			case roleKey:
				key := strings.ToLower(strings.TrimFunc(text[:strings.IndexAny(text, "=:")], pySpace))
				if _, ok := results[i].Raw[section][key]; !ok && section != "DEFAULT" {
					t.Errorf("%s line %d: botocore has no key %q in [%s]", cf.name, l.Num()+1, key, section)
				}
				checked++
			case roleGlued, roleNested:
				owner := strings.ToLower(f.KeyText(rd.owner))
				v, _ := results[i].Raw[section][owner].(string)
				if part := strings.TrimFunc(text, pySpace); section != "DEFAULT" && !strings.Contains(v, part) {
					t.Errorf("%s line %d: botocore's %s = %q does not hold %q", cf.name, l.Num()+1, owner, v, part)
				}
				checked++
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d lines checked", checked)
	}
}

// FuzzCheck: no bytes make Check panic, read as either file or as both, and every diagnostic has a
// range inside its file, a registered code, a message, and fixes that apply.
func FuzzCheck(f *testing.F) {
	paths, _ := filepath.Glob("testdata/rules/*.txtar")
	for _, path := range paths {
		if filepath.Base(path) == "file-too-large.txtar" {
			continue // a million line breaks: the fuzzer would spend its time mutating and minimizing them
		}
		if ar, err := txtar.ParseFile(path); err == nil {
			for _, file := range ar.Files {
				f.Add(file.Data)
			}
		}
	}
	for _, s := range extraSyntaxInputs {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		config, creds := awsfiles.Parse(awsfiles.ConfigFile, "config", src), awsfiles.Parse(awsfiles.CredentialsFile, "credentials", src)
		for _, m := range []*awsfiles.Model{awsfiles.NewModel(config, nil), awsfiles.NewModel(nil, creds), awsfiles.NewModel(config, creds)} {
			for _, d := range Check(m) {
				checkDiagnosticShape(t, m, d)
			}
		}
	})
}

func checkDiagnosticShape(t *testing.T, m *awsfiles.Model, d Diagnostic) {
	t.Helper()
	n := len(d.File.Src())
	r := d.Range
	if _, ok := codes[d.Code]; !ok || d.Message == "" || r.Start.Offset < 0 || r.Start.Offset > r.End.Offset || r.End.Offset > n {
		t.Fatalf("bad diagnostic %s %+v: %q", d.Code, r, d.Message)
	}
	if p := d.File.Position(r.Start.Offset); p != r.Start {
		t.Fatalf("%s: start %+v, Position gives %+v", d.Code, r.Start, p)
	}
	for _, fx := range d.Fixes {
		byFile := map[*awsfiles.File][]awsfiles.Edit{}
		for _, e := range fx.Edits {
			if e.File != m.Config && e.File != m.Credentials {
				t.Fatalf("%s: fix %q edits a file outside the model", d.Code, fx.Title)
			}
			byFile[e.File] = append(byFile[e.File], e)
		}
		for file, edits := range byFile {
			if _, err := awsfiles.ApplyEdits(file.Src(), edits); err != nil {
				t.Fatalf("%s: fix %q: %v", d.Code, fx.Title, err)
			}
		}
	}
}

// BenchmarkSyntaxRules measures this group's rules on 10,000 role profiles, beside parsing and merging the
// same files for scale (the package benchmark measures the whole check).
func BenchmarkSyntaxRules(b *testing.B) {
	var cfg strings.Builder
	for i := range 10000 {
		fmt.Fprintf(&cfg, "[profile role-%d]\nrole_arn = arn:aws:iam::111122223333:role/R%d\nsource_profile = base\n"+
			"region = eu-west-1\nmfa_serial = arn:aws:iam::111122223333:mfa/me\n\n", i, i)
	}
	creds := "[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n"
	b.Run("parse+model", func(b *testing.B) {
		b.SetBytes(int64(cfg.Len()))
		b.ReportAllocs()
		for b.Loop() {
			model(cfg.String(), creds)
		}
	})
	b.Run("syntax-rules", func(b *testing.B) {
		m := model(cfg.String(), creds)
		b.SetBytes(int64(cfg.Len()))
		b.ReportAllocs()
		for b.Loop() {
			c := &checker{m: m}
			checkLines(c) // the header rules run in the same pass
			if len(c.diags) != 0 {
				b.Fatalf("clean file: %d diagnostics", len(c.diags))
			}
		}
	})
}
