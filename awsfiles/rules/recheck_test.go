package rules

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/internal/conformance"
)

// A session of typing, as an editor sends it: after each edit, Recheck gives what a full Check of the same
// files gives, diagnostic for diagnostic (places, messages, related places and fixes), on every rule case
// and on a large generated file.
func TestRecheckGivesWhatAFullCheckGives(t *testing.T) {
	cases, _ := filepath.Glob("testdata/rules/*.txtar")
	clean, _ := filepath.Glob("testdata/clean/*.txtar")
	narrowed, steps := 0, 0
	for _, path := range append(cases, clean...) {
		files := readCase(t, path)
		rng := rand.New(rand.NewPCG(uint64(len(path)), 7))
		n, s := typeAndCompare(t, filepath.Base(path), files["config"], files["credentials"], rng, 60)
		narrowed, steps = narrowed+n, steps+s
	}
	g := conformance.Generate(300)
	cfg, creds := g.Config, g.Credentials
	n, s := typeAndCompare(t, "generated", string(cfg), string(creds), rand.New(rand.NewPCG(1, 2)), 200)
	narrowed, steps = narrowed+n, steps+s
	// Most edits are typed characters, which Recheck narrows down; if it never did, it would be Check.
	if narrowed*3 < steps {
		t.Errorf("Recheck narrowed %d of %d edits down; want most", narrowed, steps)
	}
	t.Logf("Recheck narrowed %d of %d edits down", narrowed, steps)
}

// Typing one character into a value of a 10,000-profile file re-runs the profile rules on that profile and
// the ones source_profile links it to (here its base profile and the base's other users, about twenty), not
// on all of them; so do Enter and Backspace there, which add and remove a line.
func TestRecheckRunsTheProfileRulesOnWhatAnEditReaches(t *testing.T) {
	g := conformance.Generate(10000)
	cfg, creds := g.Config, g.Credentials
	text := string(cfg)
	at := strings.Index(text[len(text)/2:], "region = ") + len(text)/2 + len("region = ")
	config := awsfiles.ParseString(awsfiles.ConfigFile, "config", text)
	credentials := awsfiles.ParseString(awsfiles.CredentialsFile, "credentials", string(creds))
	prev := CheckModel(awsfiles.NewModel(config, credentials))
	typed := text[:at] + "x" + text[at:]
	eol := at + strings.IndexByte(typed[at:], '\n') // the end of the line typed into
	for _, edit := range []struct{ what, text string }{
		{"a character", typed},
		{"Enter", typed[:eol] + "\n" + typed[eol:]},
		{"Backspace", typed}, // the line break typed above, deleted
	} {
		config = awsfiles.Reparse(config, edit.text)
		got := prev.Recheck(awsfiles.NewModel(config, credentials))
		if got.Profiles < 1 || got.Profiles > 50 {
			t.Fatalf("%s: the profile rules ran on %d profiles; want the edited one and its chain", edit.what, got.Profiles)
		}
		want := Check(got.Model)
		if a, b := dumpAll(got.Diagnostics, got.Model), dumpAll(want, got.Model); a != b {
			t.Fatalf("%s: Recheck and Check differ:\n%s", edit.what, firstDifference(a, b))
		}
		prev = got
	}
}

func FuzzRecheck(f *testing.F) {
	f.Add("[profile a]\nregion = eu-west-1\nsource_profile = b\nrole_arn = arn:aws:iam::111122223333:role/a\n[profile b]\nrole_arn = x\n",
		"[b]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n", uint64(1))
	f.Add("[default]\nregion = x\n[sso-session s]\nsso_region = eu-west-1\n[profile p]\nsso_session = s\nsso_account_id = 1\n", "", uint64(2))
	f.Add("[plugins]\nx = y\n[profile a]\nmfa_serial = arn:aws:iam::111122223333:mfa/a\nrole_arn = r\nsource_profile = a\n", "[a]\nk = v\n", uint64(3))
	f.Fuzz(func(t *testing.T, config, credentials string, seed uint64) {
		if len(config)+len(credentials) > 4096 {
			return
		}
		typeAndCompare(t, "fuzz", config, credentials, rand.New(rand.NewPCG(seed, seed>>7)), 12)
	})
}

// typeAndCompare makes random edits to the two files, rechecking after each and comparing with a full
// check. It returns how many edits Recheck narrowed down, of how many.
func typeAndCompare(t *testing.T, name, config, credentials string, rng *rand.Rand, edits int) (narrowed, steps int) {
	t.Helper()
	files := [2]*awsfiles.File{awsfiles.ParseString(awsfiles.ConfigFile, "config", config), awsfiles.ParseString(awsfiles.CredentialsFile, "credentials", credentials)}
	prev := CheckModel(awsfiles.NewModel(files[0], files[1]))
	for i := 0; i < edits; i++ {
		k := 0
		if rng.IntN(4) == 0 {
			k = 1
		}
		old := files[k].String()
		text := randomEdit(old, rng)
		files[k] = awsfiles.Reparse(files[k], text)
		m := awsfiles.NextModel(prev.Model, files[0], files[1])
		assertSameModel(t, m, awsfiles.NewModel(files[0], files[1]))
		got := prev.Recheck(m)
		want := Check(m)
		if a, b := dumpAll(got.Diagnostics, m), dumpAll(want, m); a != b {
			t.Fatalf("%s, edit %d of %s from\n%q\nto\n%q\nRecheck and Check differ:\n%s", name, i, files[k].Kind, old, text, firstDifference(a, b))
		}
		if got.Profiles >= 0 {
			narrowed++
			assertSameChains(t, m, awsfiles.NewModel(files[0], files[1]))
		}
		steps++
		prev = got
	}
	return narrowed, steps
}

// randomEdit is what a person does to a file: mostly a character typed or deleted inside a line, sometimes
// a line break, a bracket, a key, or a piece cut out.
func randomEdit(text string, rng *rand.Rand) string {
	at := 0
	if len(text) > 0 {
		at = rng.IntN(len(text) + 1)
	}
	pieces := []string{"a", "1", "-", " ", "=", "_", "e", "x", "\n", "]", "[", "#", ";", "\"", "\t", "  ", "arn:aws:iam::111122223333:role/r",
		"source_profile = a", "\nregion = eu-west-1", "\n[profile z]\n", "mfa_serial = arn:aws:iam::111122223333:mfa/u", "sso_session = s", "é"}
	switch rng.IntN(6) {
	case 0: // delete a few bytes
		end := min(at+1+rng.IntN(3), len(text))
		return text[:at] + text[end:]
	case 1: // replace a byte
		end := min(at+1, len(text))
		return text[:at] + pieces[rng.IntN(8)] + text[end:]
	default: // insert
		return text[:at] + pieces[rng.IntN(len(pieces))] + text[at:]
	}
}

// dumpAll prints diagnostics with every field a client sees, and checks that they point into m's files.
func dumpAll(ds []Diagnostic, m *awsfiles.Model) string {
	var b strings.Builder
	file := func(f *awsfiles.File) string {
		switch f {
		case m.Config:
			return "config"
		case m.Credentials:
			return "credentials"
		}
		return fmt.Sprintf("STALE %s %p", f.Kind, f)
	}
	for _, d := range ds {
		fmt.Fprintf(&b, "%s %v %s %s %q\n", file(d.File), d.Range, d.Severity, d.Code, d.Message)
		for _, r := range d.Related {
			fmt.Fprintf(&b, "  related %s %v %q\n", file(r.File), r.Range, r.Message)
		}
		for _, fx := range d.Fixes {
			fmt.Fprintf(&b, "  fix %q %v\n", fx.Title, fx.Preferred)
			for _, e := range fx.Edits {
				fmt.Fprintf(&b, "    edit %s %v %q\n", file(e.File), e.Span, e.NewText)
			}
		}
	}
	return b.String()
}

func firstDifference(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d\nrecheck: %s\ncheck:   %s", i, x, y)
		}
	}
	return "(none)"
}

// assertSameChains compares the chains a Recheck gave its model (most of them taken from the version
// before) with those a fresh model resolves: the same ends, lengths and profiles, and the same loops (their
// numbers may differ, but each number must name one loop).
func assertSameChains(t *testing.T, got, want *awsfiles.Model) {
	t.Helper()
	index := func(p *awsfiles.Profile) int {
		if p == nil {
			return -1
		}
		return p.Index()
	}
	loops := map[int]int{}
	for i, wp := range want.Profiles {
		gp := got.Profiles[i]
		g, w := got.ChainInfo(gp), want.ChainInfo(wp)
		if g.End != w.End || g.Roles != w.Roles || index(g.Last) != index(w.Last) || index(g.LastRole) != index(w.LastRole) ||
			index(got.SourceOf(gp)) != index(want.SourceOf(wp)) {
			t.Fatalf("profile %q: chain %+v, want %+v", wp.Name, g, w)
		}
		if g.Last != nil && got.Profiles[g.Last.Index()] != g.Last || (w.Loop == 0) != (g.Loop == 0) {
			t.Fatalf("profile %q: chain %+v points outside its model or loses its loop", wp.Name, g)
		}
		if w.Loop != 0 {
			if seen, ok := loops[w.Loop]; ok && seen != g.Loop {
				t.Fatalf("profile %q: one loop has two numbers", wp.Name)
			}
			loops[w.Loop] = g.Loop
		}
	}
	distinct := map[int]bool{}
	for _, g := range loops {
		if distinct[g] {
			t.Fatalf("two loops share a number")
		}
		distinct[g] = true
	}
}

// assertSameModel compares a model NextModel made with the one NewModel makes of the same files: the same
// groups in the same order, each with the same sections, the same entries as its settings (found by name
// and by number alike), and found by its name.
func assertSameModel(t *testing.T, got, want *awsfiles.Model) {
	t.Helper()
	lists := [][2][]*awsfiles.Profile{{got.Profiles, want.Profiles}, {got.SSOSessions, want.SSOSessions}, {got.Services, want.Services}}
	for _, l := range lists {
		if len(l[0]) != len(l[1]) {
			t.Fatalf("%d groups, want %d", len(l[0]), len(l[1]))
		}
		for i, w := range l[1] {
			g := l[0][i]
			gs, ws := g.Settings(), w.Settings()
			if g.Name != w.Name || g.Type != w.Type || g.Index() != w.Index() || !slices.Equal(g.Sections, w.Sections) || len(gs) != len(ws) {
				t.Fatalf("group %q differs: %+v, want %+v", w.Name, *g, *w)
			}
			for j := range ws {
				if gs[j].Entry != ws[j].Entry || g.Get(ws[j].Name()) != gs[j] {
					t.Fatalf("group %q: setting %d is another entry", w.Name, j)
				}
			}
			for k := range awsfiles.KeyIDCount {
				if a, b := g.Setting(k), w.Setting(k); (a == nil) != (b == nil) || a != nil && a.Entry != b.Entry {
					t.Fatalf("group %q: %s is another entry", w.Name, k.Name())
				}
			}
			var again *awsfiles.Profile
			switch w.Type {
			case awsfiles.SectionProfile:
				again = got.Profile(w.Name)
			case awsfiles.SectionSSOSession:
				again = got.SSOSession(w.Name)
			case awsfiles.SectionServices:
				again = got.ServicesSection(w.Name)
			}
			if again != g {
				t.Fatalf("group %q is not found by its name", w.Name)
			}
		}
	}
	if got.DefaultDropped() != want.DefaultDropped() || len(got.ProfileNames()) != len(want.ProfileNames()) {
		t.Fatalf("model fields differ")
	}
}
