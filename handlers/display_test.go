package handlers

import (
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/internal/safetext"
)

// A config file shared by a team can carry names that are escape sequences, right-to-left overrides or
// Markdown. Whatever the editor shows from it (diagnostics, hovers, quick fix titles, completion labels)
// shows them as visible escapes, never as markup or terminal control.
const hostileEditorConfig = "[profile ev\x1b[2Jil]\nrole_arn = arn:aws:iam::111122223333:role/Admin\n" +
	"source_profile = ![x](https://attacker.example/p.png)\u202e\nregion = eu-west-1\n" +
	"duration_seconds = 36`00\n" +
	"[sso-session c[o](http://x)rp\u009b]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n" +
	"[profile [link](command:x)]\nsso_session = c[o](http://x)rp\u009b\nsso_account_id = 111122223333\nsso_role_name = R\n"

func TestEditorShowsFileTextInertAndVisible(t *testing.T) {
	w := newWorkspace(t, hostileEditorConfig, "")
	w.init(nil)
	uri := w.openConfig(hostileEditorConfig)
	diags := w.c.AwaitDiagnostics(uri, func(d []protocol.Diagnostic) bool { return hasAnyCode(d, "source-profile-missing") })

	var shown []string
	for _, d := range diags {
		msg, _ := d.Message.(protocol.String)
		shown = append(shown, string(msg))
		for _, r := range d.RelatedInformation {
			shown = append(shown, r.Message)
		}
		for _, a := range codeActions(t, w, uri, d) {
			shown = append(shown, a.Title)
		}
	}
	var hovers []string
	for _, needle := range []string{"ev\x1b", "![x]", "36`", "c[o]", "[link]", "sso_session = c"} {
		p := posOf(t, hostileEditorConfig, needle, 1)
		if needle == "sso_session = c" {
			p = posOf(t, hostileEditorConfig, needle, len(needle))
		}
		hovers = append(hovers, hoverAt(t, w, uri, p))
	}
	var syms []protocol.DocumentSymbol
	if err := w.c.Request(protocol.MethodTextDocumentDocumentSymbol, protocol.DocumentSymbolParams{TextDocument: textDoc(uri)}, &syms); err != nil {
		t.Fatal(err)
	}
	for _, sym := range syms {
		shown = append(shown, sym.Name)
		for _, child := range sym.Children {
			shown = append(shown, child.Name, *child.Detail)
		}
	}
	for _, s := range append(shown, hovers...) {
		if !safetext.Clean(strings.ReplaceAll(s, "\n", "")) {
			t.Errorf("the editor is shown a raw control character: %q", s)
		}
	}
	for _, h := range hovers {
		prose := markdownProse(h)
		for _, markup := range []string{"![x](", "[link](", "[o](http", "`00"} {
			if strings.Contains(prose, markup) {
				t.Errorf("a hover lets file text become Markdown %q:\n%s", markup, h)
			}
		}
	}
	joined := strings.Join(hovers, "\n")
	wantAll(t, "the hovers", joined, `ev\\x1b\[2Jil`, `\u202e`, `\u009b`)
}

// markdownProse is what Markdown reads as markup: the text without backslash escapes and code spans.
func markdownProse(md string) string {
	var b strings.Builder
	for i := 0; i < len(md); i++ {
		switch md[i] {
		case '\\':
			i++
		case '`':
			n := 1
			for i+n < len(md) && md[i+n] == '`' {
				n++
			}
			fence := strings.Repeat("`", n)
			end := strings.Index(md[i+n:], fence)
			if end < 0 {
				b.WriteString(md[i:])
				return b.String()
			}
			i += n + end + n - 1
		default:
			b.WriteByte(md[i])
		}
	}
	return b.String()
}

func TestMarkdownCodeSpanCannotBeClosedByTheText(t *testing.T) {
	for in, want := range map[string]string{
		"eu-west-1": "`eu-west-1`",
		"a`b":       "`` a`b ``",
		"``x":       "``` ``x ```",
		"\x1b[2J":   "`\\x1b[2J`",
	} {
		if got := mdCode(in); got != want {
			t.Errorf("mdCode(%q) = %q, want %q", in, got, want)
		}
	}
}
