package handlers

import (
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
)

const completionConfig = `[default]
region = us-east-1

[profile base]
region = eu-west-1

[profile dev-admin]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = 
credential_source =
sso_session = 
region = 
s3 =
  addr

[sso-session corp]
sso_start_url = https://example.awsapps.com/start
sso_region = us-east-1

[services local]
s3 =
  endp

[
[profile 
`

// complete asks for completion at the end of the given 0-based line (or at character when >= 0).
func complete(t *testing.T, w *workspace, uri, text string, line int, character int) []protocol.CompletionItem {
	t.Helper()
	if character < 0 {
		character = len(strings.Split(text, "\n")[line])
	}
	var list protocol.CompletionList
	params := protocol.CompletionParams{TextDocumentPositionParams: positionParams(uri, pos(uint32(line), uint32(character)))}
	if err := w.c.Request(protocol.MethodTextDocumentCompletion, params, &list); err != nil {
		t.Fatalf("completion at %d:%d: %v", line, character, err)
	}
	return list.Items
}

func labels(items []protocol.CompletionItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Label
	}
	return out
}

func item(items []protocol.CompletionItem, label string) (protocol.CompletionItem, bool) {
	i := slices.IndexFunc(items, func(it protocol.CompletionItem) bool { return it.Label == label })
	if i < 0 {
		return protocol.CompletionItem{}, false
	}
	return items[i], true
}

func TestCompletionOfValues(t *testing.T) {
	w := newWorkspace(t, "", baseCredentials)
	w.init(nil)
	uri := w.openConfig(completionConfig)

	got := labels(complete(t, w, uri, completionConfig, 8, -1)) // source_profile =
	if !slices.Contains(got, "base") || !slices.Contains(got, "default") || slices.Contains(got, "dev-admin") || slices.Contains(got, "corp") {
		t.Errorf("source_profile values = %v, want the other profiles (base, default), not itself or sso-sessions", got)
	}
	got = labels(complete(t, w, uri, completionConfig, 9, -1)) // credential_source =
	slices.Sort(got)
	if want := []string{"Ec2InstanceMetadata", "EcsContainer", "Environment"}; !slices.Equal(got, want) {
		t.Errorf("credential_source values = %v, want %v", got, want)
	}
	if got = labels(complete(t, w, uri, completionConfig, 10, -1)); !slices.Equal(got, []string{"corp"}) {
		t.Errorf("sso_session values = %v, want [corp]", got)
	}
	regions := complete(t, w, uri, completionConfig, 11, -1)
	if it, ok := item(regions, "eu-west-1"); !ok || !strings.Contains(optional(it.Detail), "Ireland") {
		t.Errorf("region values lack eu-west-1 with its name: %+v", it)
	}
	// "credential_source =|" has no space after "=": the edit adds one.
	items := complete(t, w, uri, completionConfig, 9, -1)
	if te, ok := items[0].TextEdit.(*protocol.TextEdit); !ok || !strings.HasPrefix(te.NewText, " ") {
		t.Errorf("the value edit after a bare '=' is %+v, want a leading space", items[0].TextEdit)
	}
}

func TestCompletionOfKeysNestedKeysAndHeaders(t *testing.T) {
	w := newWorkspace(t, "", baseCredentials)
	w.init(nil)
	uri := w.openConfig(completionConfig)

	nested := labels(complete(t, w, uri, completionConfig, 13, -1)) // "  addr" under s3 =
	if !slices.Contains(nested, "addressing_style") || slices.Contains(nested, "role_arn") {
		t.Errorf("s3 block keys = %v", nested)
	}
	service := labels(complete(t, w, uri, completionConfig, 21, -1)) // "  endp" under a service
	if !slices.Contains(service, "endpoint_url") {
		t.Errorf("service block keys = %v", service)
	}

	keys := complete(t, w, uri, completionConfig, 14, 0) // the blank line after the s3 block
	mfa, ok := item(keys, "mfa_serial")
	if !ok {
		t.Fatalf("key completion lacks mfa_serial: %v", labels(keys))
	}
	if doc, _ := mfa.Documentation.(*protocol.MarkupContent); doc == nil || !strings.Contains(doc.Value, "Read by") {
		t.Errorf("mfa_serial has no documentation saying who reads it: %+v", mfa.Documentation)
	}
	if _, dup := item(keys, "role_arn"); dup {
		t.Error("role_arn is offered again in a section that already sets it")
	}
	snippet, ok := item(keys, "role profile (source_profile)")
	if !ok || snippet.InsertTextFormat != protocol.InsertTextFormatSnippet {
		t.Errorf("the new role profile snippet is missing: %v", labels(keys))
	}

	headers := labels(complete(t, w, uri, completionConfig, 23, -1)) // "["
	for _, want := range []string{"[profile name]", "[sso-session name]", "[services name]"} {
		if !slices.Contains(headers, want) {
			t.Errorf("header completion %v lacks %s", headers, want)
		}
	}
	if slices.Contains(headers, "[default]") {
		t.Error("[default] is offered though the file has one")
	}
	if got := complete(t, w, uri, completionConfig, 24, -1); len(got) != 0 { // "[profile "
		t.Errorf("a new profile name is being typed, yet completion offers %v", labels(got))
	}
}

func TestCompletionInTheCredentialsFileOffersOnlyItsKeys(t *testing.T) {
	w := newWorkspace(t, roleConfig, "")
	w.init(nil)
	text := "[base]\n\n"
	uri := w.openCredentials(text)
	got := labels(complete(t, w, uri, text, 1, 0))
	if !slices.Contains(got, "aws_access_key_id") || !slices.Contains(got, "aws_secret_access_key") {
		t.Errorf("credentials keys = %v", got)
	}
	for _, no := range []string{"role_arn", "sso_session", "output", "role profile (source_profile)"} {
		if slices.Contains(got, no) {
			t.Errorf("the credentials file is offered %s", no)
		}
	}
}

func TestCompletionCountsUTF16(t *testing.T) {
	// "😀" is two UTF-16 code units: after "source_profile = 😀b" the cursor is at character 20, and the
	// edit must replace characters 17 to 20.
	text := "[profile dev]\nrole_arn = arn:aws:iam::111122223333:role/Admin\nsource_profile = 😀b\n"
	w := newWorkspace(t, "", baseCredentials)
	w.init(nil)
	uri := w.openConfig(text)
	items := complete(t, w, uri, text, 2, 20)
	it, ok := item(items, "base")
	if !ok {
		t.Fatalf("no base among %v", labels(items))
	}
	te := it.TextEdit.(*protocol.TextEdit)
	if want := (protocol.Range{Start: pos(2, 17), End: pos(2, 20)}); te.Range != want {
		t.Errorf("edit range = %+v, want %+v (replacing \"😀b\")", te.Range, want)
	}
	if slices.Contains(labels(items), "dev") {
		t.Error("a profile is offered as its own source_profile")
	}
}

func optional(o protocol.Optional[string]) string {
	v, _ := o.Get()
	return v
}

// sortTextOf is an item's sortText ("" when it is not offered).
func sortTextOf(items []protocol.CompletionItem, label string) string {
	it, ok := item(items, label)
	if !ok {
		return ""
	}
	return optional(it.SortText)
}

func TestCompletionRanksKeysForTheSection(t *testing.T) {
	text := "[profile dev]\nrole_arn = arn:aws:iam::111122223333:role/Admin\nsource_profile = base\n\n[profile plain]\n\n"
	w := newWorkspace(t, "", baseCredentials)
	w.init(nil)
	uri := w.openConfig(text)

	keys := complete(t, w, uri, text, 3, 0) // the blank line of the role profile
	order := []string{"mfa_serial", "duration_seconds", "role_session_name", "external_id", "output", "granted_sso_start_url"}
	for i := 1; i < len(order); i++ {
		a, b := sortTextOf(keys, order[i-1]), sortTextOf(keys, order[i])
		if a == "" || b == "" || a >= b {
			t.Errorf("in a role profile %s (%q) should come before %s (%q)", order[i-1], a, order[i], b)
		}
	}
	for _, no := range []string{"role_arn", "source_profile", "credential_source", "aws_access_key_id", "aws_secret_access_key", "aws_session_token"} {
		if _, ok := item(keys, no); ok {
			t.Errorf("a role profile that sets source_profile is offered %s, which it has or which Rolecall would flag", no)
		}
	}

	plainKeys := complete(t, w, uri, text, 5, 0) // a config profile without a role
	if _, ok := item(plainKeys, "aws_secret_access_key"); ok {
		t.Error("a config-file profile is offered aws_secret_access_key, which secret-in-config flags")
	}
	if a, b := sortTextOf(plainKeys, "region"), sortTextOf(plainKeys, "granted_sso_region"); a == "" || b == "" || a >= b {
		t.Errorf("region (%q) should come before Granted's granted_sso_region (%q)", a, b)
	}
}

func TestRoleSnippetOffersOnlyProfilesThatExist(t *testing.T) {
	w := newWorkspace(t, "", baseCredentials)
	w.init(nil)
	text := "[profile ci]\ncredential_process = /bin/true\n\n"
	uri := w.openConfig(text)
	snippet, ok := item(complete(t, w, uri, text, 2, 0), "role profile (source_profile)")
	if !ok {
		t.Fatal("no role profile snippet")
	}
	body := snippet.TextEdit.(*protocol.TextEdit).NewText
	if !strings.Contains(body, "source_profile = ${4|") || !strings.Contains(body, "base") || !strings.Contains(body, "ci") {
		t.Errorf("the snippet's source_profile is not a choice of the existing profiles (base, ci):\n%s", body)
	}

	empty := newWorkspace(t, "", "")
	empty.init(nil)
	uri = empty.openConfig("\n")
	snippet, _ = item(complete(t, empty, uri, "\n", 0, 0), "role profile (source_profile)")
	if body := snippet.TextEdit.(*protocol.TextEdit).NewText; !strings.Contains(body, "source_profile = ${4}\n") {
		t.Errorf("with no profile at all the snippet should leave source_profile empty, not name one:\n%s", body)
	}
}
