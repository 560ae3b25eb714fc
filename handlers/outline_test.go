package handlers

import (
	"encoding/json"
	"slices"
	"testing"

	"go.lsp.dev/protocol"
)

const lensConfig = `[profile plain-role]
role_arn = arn:aws:iam::111122223333:role/Plain
source_profile = base
region = eu-west-1

[profile mfa-role]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = base
mfa_serial = arn:aws:iam::111122223333:mfa/jo
region = eu-west-1

[profile broken-role]
role_arn = arn:aws:iam::111122223333:role/Broken
source_profile = nowhere
region = eu-west-1

[profile keys]
region = eu-west-1
s3 =
  addressing_style = path
  max_concurrent_requests = 10
`

func TestCodeLensesAboveAssumableProfiles(t *testing.T) {
	w := newWorkspace(t, "", baseCredentials)
	res := w.start().Initialize(nil)
	uri := w.openConfig(lensConfig)
	w.c.AwaitDiagnostics(uri, nil)
	var lenses []protocol.CodeLens
	if err := w.c.Request(protocol.MethodTextDocumentCodeLens, protocol.CodeLensParams{TextDocument: textDoc(uri)}, &lenses); err != nil {
		t.Fatal(err)
	}
	type lens struct {
		line         uint32
		title, cmd   string
		argumentJSON string
	}
	var got []lens
	for _, l := range lenses {
		var args []string
		for _, a := range l.Command.Arguments {
			args = append(args, string(a))
		}
		got = append(got, lens{l.Range.Start.Line, l.Command.Title, l.Command.Command, joinArgs(args)})
	}
	want := []lens{
		{0, "Assume role", "rolecall.assumeRole", `["plain-role"]`},
		{5, "Assume role (MFA)", "rolecall.assumeRole", `["mfa-role"]`},
	}
	if !slices.Equal(got, want) {
		t.Errorf("code lenses = %+v\nwant %+v", got, want)
	}
	if slices.Contains(res.Capabilities.ExecuteCommandProvider.Commands, "rolecall.assumeRole") {
		t.Error("the extension's rolecall.assumeRole must not be advertised as a server command")
	}
}

func joinArgs(args []string) string {
	raw := make([]json.RawMessage, len(args))
	for i, a := range args {
		raw[i] = json.RawMessage(a)
	}
	b, _ := json.Marshal(raw)
	return string(b)
}

func TestDocumentSymbolsAndFoldingRanges(t *testing.T) {
	w := newWorkspace(t, "", baseCredentials)
	w.init(nil)
	uri := w.openConfig(lensConfig + "\n[sso-session corp]\nsso_region = us-east-1\n")
	var syms []protocol.DocumentSymbol
	if err := w.c.Request(protocol.MethodTextDocumentDocumentSymbol, protocol.DocumentSymbolParams{TextDocument: textDoc(uri)}, &syms); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range syms {
		names = append(names, s.Name)
	}
	if want := []string{"plain-role", "mfa-role", "broken-role", "keys", "corp"}; !slices.Equal(names, want) {
		t.Fatalf("symbols = %v, want %v", names, want)
	}
	if syms[0].Kind != protocol.SymbolKindClass || syms[4].Kind != protocol.SymbolKindNamespace {
		t.Errorf("kinds = %v, %v", syms[0].Kind, syms[4].Kind)
	}
	keys := syms[3]
	if len(keys.Children) != 2 || keys.Children[1].Name != "s3" || len(keys.Children[1].Children) != 2 ||
		keys.Children[1].Range.End.Line != 20 {
		t.Errorf("the keys profile's children = %+v", keys.Children)
	}
	if *syms[0].Children[0].Detail != "arn:aws:iam::111122223333:role/Plain" {
		t.Errorf("role_arn's detail = %q", *syms[0].Children[0].Detail)
	}

	var folds []protocol.FoldingRange
	if err := w.c.Request(protocol.MethodTextDocumentFoldingRange, protocol.FoldingRangeParams{TextDocument: textDoc(uri)}, &folds); err != nil {
		t.Fatal(err)
	}
	var spans [][2]uint32
	for _, f := range folds {
		spans = append(spans, [2]uint32{f.StartLine, f.EndLine})
	}
	want := [][2]uint32{{0, 3}, {5, 9}, {11, 14}, {16, 20}, {18, 20}, {22, 23}}
	if !slices.Equal(spans, want) {
		t.Errorf("folding ranges = %v, want %v", spans, want)
	}
}
