package rules

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/tools/txtar"
)

// TestMessagesLeadWithTheFix reads every diagnostic of every rule case as an editor's problem list shows
// it, one line cut after the first sentence: that sentence fits in about 90 characters and, when the
// diagnostic has a fix, says what the fix does.
func TestMessagesLeadWithTheFix(t *testing.T) {
	paths, _ := filepath.Glob("testdata/rules/*.txtar")
	for _, path := range paths {
		files := readCase(t, path)
		for _, d := range Check(model(files["config"], files["credentials"])) {
			first := FirstSentence(d.Message)
			if n := utf8.RuneCountInString(first); n > firstSentenceMax {
				t.Errorf("%s: %s: first sentence has %d characters (at most %d):\n  %s", filepath.Base(path), d.Code, n, firstSentenceMax, first)
			}
			for _, fx := range d.Fixes {
				if !fx.Preferred && len(d.Fixes) > 1 {
					continue // the first sentence names the preferred fix, or the one fix
				}
				if !mentionsFix(first, fx.Title) {
					t.Errorf("%s: %s: first sentence does not name the fix %q:\n  %s", filepath.Base(path), d.Code, fx.Title, first)
				}
			}
		}
	}
}

// fixTitle is the one pattern of fix titles: a verb, then what it changes.
var fixTitle = regexp.MustCompile(`^(Change|Set|Remove|Add|Create|Move|Comment out|Merge|Use|Rename) `)

// mentionsFix reports a first sentence that names a fix: its target value (after " to ", as in
// `Set duration_seconds to 3600 (1 hour)` or `Change "regoin" to "region"`), or else its verb.
func mentionsFix(first, title string) bool {
	m := fixTitle.FindStringSubmatch(title)
	if m == nil {
		return false
	}
	if i := strings.LastIndex(title, " to "); i >= 0 && (m[1] == "Change" || m[1] == "Set") {
		target := strings.TrimSpace(title[i+4:])
		if j := strings.Index(target, " ("); j > 0 {
			target = target[:j]
		}
		return strings.Contains(first, strings.Trim(target, `"`))
	}
	return strings.Contains(strings.ToLower(first), strings.ToLower(m[1]))
}

func TestFixTitlesFollowOnePattern(t *testing.T) {
	paths, _ := filepath.Glob("testdata/rules/*.txtar")
	for _, path := range paths {
		ar, _ := txtar.ParseFile(path)
		files := map[string]string{}
		for _, f := range ar.Files {
			files[f.Name] = string(f.Data)
		}
		for _, d := range Check(model(files["config"], files["credentials"])) {
			for _, fx := range d.Fixes {
				if !fixTitle.MatchString(fx.Title) {
					t.Errorf("%s: %s: fix title %q does not start with Change, Set, Remove, Add, Create, Move, Comment out, Merge, Use or Rename",
						filepath.Base(path), d.Code, fx.Title)
				}
			}
		}
	}
}
