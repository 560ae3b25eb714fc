package rules

import (
	"math/rand"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/awsfiles"
	"golang.org/x/tools/txtar"
)

// The quick paths for plain lines must report exactly what the two full readings report: every rule
// case, every clean file, the syntax corpus and thousands of deterministic mutations of them are checked
// both ways.
func TestQuickPathsReadLikeTheFullReaders(t *testing.T) {
	inputs := quickPathInputs(t)
	for i, in := range inputs {
		for _, kind := range []awsfiles.FileKind{awsfiles.ConfigFile, awsfiles.CredentialsFile} {
			quickLines = true
			var m *awsfiles.Model
			if kind == awsfiles.ConfigFile {
				m = model(in, "")
			} else {
				m = model("", in)
			}
			quick := Check(m)
			quickLines = false
			full := Check(m)
			quickLines = true
			if !reflect.DeepEqual(quick, full) {
				t.Fatalf("input %d (%s): quick paths give %d diagnostics, full readings %d:\n%q\nquick:\n%s\nfull:\n%s",
					i, kind, len(quick), len(full), in, dump(quick), dump(full))
			}
		}
	}
}

func quickPathInputs(t *testing.T) []string {
	t.Helper()
	var inputs []string
	paths, _ := filepath.Glob("testdata/rules/*.txtar")
	clean, _ := filepath.Glob("testdata/clean/*.txtar")
	for _, path := range append(paths, clean...) {
		ar, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			inputs = append(inputs, string(f.Data), strings.ReplaceAll(string(f.Data), "\n", "\r\n"))
		}
	}
	inputs = append(inputs, extraSyntaxInputs...)
	rng := rand.New(rand.NewSource(1))
	tokens := []string{"[", "]", "=", ":", "#", ";", " ", "\t", "\n", "\r\n", "\"", "'", "\xef\xbb\xbf", "\x1c", "\xc2\xa0",
		"é", "profile ", "sso-session ", "services ", "default", "DEFAULT", "Key", "region = x", "s3 =\n", "  ", "[profile a]\n", "[a]\n"}
	base := len(inputs)
	for range 3000 {
		var b strings.Builder
		for k := rng.Intn(8); k >= 0; k-- {
			if s := inputs[rng.Intn(base)]; rng.Intn(2) == 0 && s != "" {
				a := rng.Intn(len(s))
				b.WriteString(s[a : a+rng.Intn(len(s)-a+1)])
			} else {
				b.WriteString(tokens[rng.Intn(len(tokens))])
			}
		}
		inputs = append(inputs, b.String())
	}
	return inputs
}
