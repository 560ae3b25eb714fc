package safetext

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestEscapeWritesEveryDangerousCharacterVisibly(t *testing.T) {
	cases := []struct{ in, want string }{
		{"dev-admin", "dev-admin"},
		{"prod/ünïcødé 名前", "prod/ünïcødé 名前"},
		{`back\slash "quoted"`, `back\slash "quoted"`},
		{"clear\x1b[2Jscreen", `clear\x1b[2Jscreen`},
		{"nul\x00bell\x07", `nul\x00bell\x07`},
		{"line\nbreak\rreturn\ttab", `line\x0abreak\x0dreturn\x09tab`},
		{"del\x7f", `del\x7f`},
		{"c1\u009b31m", `c1\u009b31m`},
		{"admin\u202eoloc", `admin\u202eoloc`},
		{"zero\u200bwidth\ufeff", `zero\u200bwidth\ufeff`},
		{"sep\u2028x\u2029", `sep\u2028x\u2029`},
		{"bad\xffutf8\xc3", `bad\xffutf8\xc3`},
		{"tag\U000e0041", `tag\udb40\udc41`},
	}
	for _, c := range cases {
		if got := Escape(c.in); got != c.want {
			t.Errorf("Escape(%q) = %q, want %q", c.in, got, c.want)
		}
		if Clean(c.in) != (c.in == c.want) {
			t.Errorf("Clean(%q) = %v, want %v", c.in, Clean(c.in), c.in == c.want)
		}
	}
}

func TestQuoteEscapesWhatEscapeDoes(t *testing.T) {
	for _, s := range []string{"\x1b]0;pwned\x07", "a\u202eb", "\u009b", "x\xff"} {
		q := Quote(s)
		if !Clean(q) {
			t.Errorf("Quote(%q) = %q still holds an unsafe character", s, q)
		}
	}
}

func TestWriterKeepsLinesAndEscapesTheRest(t *testing.T) {
	var out bytes.Buffer
	w := NewWriter(&out)
	n, err := w.Write([]byte("config:3:1: profile \"x\x1b[31m\"\n\tnext\u202eline\n"))
	if err != nil || n != len("config:3:1: profile \"x\x1b[31m\"\n\tnext\u202eline\n") {
		t.Fatalf("Write = %d, %v", n, err)
	}
	want := "config:3:1: profile \"x\\x1b[31m\"\n\tnext\\u202eline\n"
	if out.String() != want {
		t.Fatalf("got %q, want %q", out.String(), want)
	}
}

func TestJSONThroughTheWriterStaysValidAndSafe(t *testing.T) {
	names := []string{"a\x1b[2J", "b\u009b", "c\u202e", "d\u2028", "e\U000e0041", "plain ü"}
	var out bytes.Buffer
	if err := json.NewEncoder(NewWriter(&out)).Encode(names); err != nil {
		t.Fatal(err)
	}
	if !Clean(strings.TrimSuffix(out.String(), "\n")) {
		t.Fatalf("JSON output holds an unsafe character: %q", out.String())
	}
	var back []string
	if err := json.Unmarshal(out.Bytes(), &back); err != nil {
		t.Fatalf("output is not JSON any more: %v\n%s", err, out.String())
	}
	for i := range names {
		if back[i] != names[i] {
			t.Errorf("name %d round-tripped as %q, want %q", i, back[i], names[i])
		}
	}
}

func BenchmarkEscapeIsLinear(b *testing.B) {
	s := strings.Repeat("profile-\x1b[31m-ü\u202e ", 1<<14)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = Escape(s)
	}
}
