package conformance

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// A corpus case is one txtar file under testdata/corpus:
//
//	comment                  what the case shows (spec §11 row, if any), then directives, one a line:
//	                           crlf        both files get \r\n line endings
//	                           bom         the config file starts with a UTF-8 byte order mark
//	-- config --             the config file (absent: an empty file)
//	-- credentials --        the credentials file (absent: an empty file)
//	-- profiles --           the profile names to compare, one a line, verbatim (quotes and spaces kept)
//	-- expect --             the diagnostics that prove the disagreements are caught:
//	                           profile NAME: codes CODE...   on the lines of profile NAME
//	                           file config: codes CODE...    anywhere in that file (whole-file errors)
//	                           clean                         no other warning or error at all
//	                         a CODE@config:7 pins a code to a line (1-based) of a file, for a
//	                         disagreement caused by a line outside the profile (e.g. [profile a#b]).
//	-- known-bug --          the model is wrong where both tools agree: the case is skipped with this text
//	                         until the model is fixed.
type corpusCase struct {
	Name        string
	Config      []byte
	Credentials []byte
	Profiles    []string
	Expect      []expectation
	Clean       bool
	KnownBug    string
}

// expectation is one `profile NAME: codes ...` or `file KIND: codes ...` line.
type expectation struct {
	Profile string // "" for a file-level expectation
	File    string // "config" or "credentials" for a file-level expectation
	Codes   []expectedCode
}

// expectedCode is a code, optionally pinned to a 1-based line of a file.
type expectedCode struct {
	Code string
	File string
	Line int
}

// loadCorpus reads every case. A malformed case fails the test: the corpus is code.
func loadCorpus(t testing.TB) []*corpusCase {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "corpus", "*.txtar"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no corpus cases under testdata/corpus (err %v)", err)
	}
	sort.Strings(paths)
	var cases []*corpusCase
	for _, path := range paths {
		c, err := readCase(path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		cases = append(cases, c)
	}
	return cases
}

func readCase(path string) (*corpusCase, error) {
	ar, err := txtar.ParseFile(path)
	if err != nil {
		return nil, err
	}
	c := &corpusCase{Name: strings.TrimSuffix(filepath.Base(path), ".txtar"), Config: []byte{}, Credentials: []byte{}}
	for _, f := range ar.Files {
		switch f.Name {
		case "config":
			c.Config = f.Data
		case "credentials":
			c.Credentials = f.Data
		case "profiles":
			c.Profiles = nonEmptyLines(string(f.Data))
		case "expect":
			if err := c.parseExpect(string(f.Data)); err != nil {
				return nil, err
			}
		case "known-bug":
			c.KnownBug = strings.TrimSpace(string(f.Data))
		default:
			return nil, fmt.Errorf("unknown section %q (want config, credentials, profiles, expect, known-bug)", f.Name)
		}
	}
	if len(c.Profiles) == 0 {
		return nil, fmt.Errorf("no -- profiles -- to compare")
	}
	return c, c.applyDirectives(string(ar.Comment))
}

// applyDirectives handles the byte-level variants that a text fixture cannot hold safely (an editor or
// git may normalise line endings and drop a BOM).
func (c *corpusCase) applyDirectives(comment string) error {
	for _, l := range nonEmptyLines(comment) {
		switch strings.TrimSpace(l) {
		case "crlf":
			c.Config = toCRLF(c.Config)
			c.Credentials = toCRLF(c.Credentials)
		case "bom":
			c.Config = append([]byte("\xef\xbb\xbf"), c.Config...)
		}
	}
	return nil
}

func toCRLF(b []byte) []byte {
	return []byte(strings.ReplaceAll(string(b), "\n", "\r\n"))
}

var expectLine = regexp.MustCompile(`^(profile (.+)|file (config|credentials)): codes((?: \S+)+)$`)
var pinnedCode = regexp.MustCompile(`^([a-z0-9-]+)(?:@(config|credentials):(\d+))?$`)

func (c *corpusCase) parseExpect(text string) error {
	for _, l := range nonEmptyLines(text) {
		l = strings.TrimSpace(l)
		if l == "clean" {
			c.Clean = true
			continue
		}
		m := expectLine.FindStringSubmatch(l)
		if m == nil {
			return fmt.Errorf("bad expect line %q (want `profile NAME: codes CODE...`, `file config: codes CODE...` or `clean`)", l)
		}
		e := expectation{Profile: m[2], File: m[3]}
		for _, word := range strings.Fields(m[4]) {
			p := pinnedCode.FindStringSubmatch(word)
			if p == nil {
				return fmt.Errorf("bad code %q in %q (want CODE or CODE@config:LINE)", word, l)
			}
			line, _ := strconv.Atoi(p[3])
			e.Codes = append(e.Codes, expectedCode{Code: p[1], File: p[2], Line: line})
		}
		c.Expect = append(c.Expect, e)
	}
	return nil
}

// expectationFor returns the expectation line of a profile, or nil.
func (c *corpusCase) expectationFor(profile string) *expectation {
	for i := range c.Expect {
		if c.Expect[i].File == "" && c.Expect[i].Profile == profile {
			return &c.Expect[i]
		}
	}
	return nil
}

// fileExpectation returns the expectation line of a whole file, or nil.
func (c *corpusCase) fileExpectation(file string) *expectation {
	for i := range c.Expect {
		if c.Expect[i].File == file {
			return &c.Expect[i]
		}
	}
	return nil
}

// writeFiles puts the case's two files in dir, where the SDK and botocore read them from.
func (c *corpusCase) writeFiles(dir string) (config, credentials string, err error) {
	config = filepath.Join(dir, c.Name+".config")
	credentials = filepath.Join(dir, c.Name+".credentials")
	if err = os.WriteFile(config, c.Config, 0o600); err == nil {
		err = os.WriteFile(credentials, c.Credentials, 0o600)
	}
	return config, credentials, err
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, strings.TrimRight(l, "\r"))
		}
	}
	return out
}
