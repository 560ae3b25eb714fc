package handlers

import (
	"strings"
	"testing"

	"go.lsp.dev/protocol"
)

const hoverConfig = `[profile dev-admin]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = base
mfa_serial = arn:aws:iam::111122223333:mfa/jo
region = eu-west-1
duration_seconds = 3600

[profile sso-dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = ReadOnly
region = us-east-1

[sso-session corp]
sso_start_url = https://example.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`

const hoverCredentials = `[base]
aws_access_key_id = ` + exampleKeyID + `
aws_secret_access_key = ` + exampleSecret + `
aws_session_token = ` + exampleToken + `
`

// hoverAt returns the hover text at a position ("" for no hover).
func hoverAt(t *testing.T, w *workspace, uri string, p protocol.Position) string {
	t.Helper()
	var h *protocol.Hover
	if err := w.c.Request(protocol.MethodTextDocumentHover, protocol.HoverParams{TextDocumentPositionParams: positionParams(uri, p)}, &h); err != nil {
		t.Fatalf("hover at %+v: %v", p, err)
	}
	if h == nil {
		return ""
	}
	mc, ok := h.Contents.(*protocol.MarkupContent)
	if !ok {
		t.Fatalf("hover contents are %T, want markdown", h.Contents)
	}
	return mc.Value
}

func wantAll(t *testing.T, what, text string, fragments ...string) {
	t.Helper()
	for _, f := range fragments {
		if !strings.Contains(text, f) {
			t.Errorf("%s lacks %q:\n%s", what, f, text)
		}
	}
}

func TestHoverOnAProfileShowsItsChainRegionAndDuration(t *testing.T) {
	w := newWorkspace(t, "", hoverCredentials)
	w.init(nil)
	uri := w.openConfig(hoverConfig)
	w.c.AwaitDiagnostics(uri, nil)

	header := hoverAt(t, w, uri, posOf(t, hoverConfig, "dev-admin", 3))
	wantAll(t, "the profile hover", header,
		"dev-admin → AssumeRole arn:aws:iam::111122223333:role/Admin (MFA) → base (static keys, credentials line 2)",
		"assume role", "Region: `eu-west-1` (config line 5)", "Session duration: 3600 seconds (config line 6)",
		"MFA device: `arn:aws:iam::111122223333:mfa/jo` (config line 4)")

	base := hoverAt(t, w, uri, posOf(t, hoverConfig, "= base", 3)) // the source_profile value
	wantAll(t, "the source profile hover", base, "**base** · static keys", "Access key: `AKIA…MPLE` (credentials line 2)",
		"Defined in: [credentials line 1](file://", "/credentials#L1)")

	key := hoverAt(t, w, uri, posOf(t, hoverConfig, "role_arn", 2))
	wantAll(t, "the key hover", key, "**role_arn**", "Read by:")

	sso := hoverAt(t, w, uri, posOf(t, hoverConfig, "= corp", 3))
	wantAll(t, "the sso_session hover", sso, "`https://example.awsapps.com/start` (config line 15)", "Region: `us-east-1` (config line 16)")

	region := hoverAt(t, w, uri, posOf(t, hoverConfig, "eu-west-1", 1))
	wantAll(t, "the region hover", region, "Europe (Ireland)")

	if got := hoverAt(t, w, uri, pos(6, 0)); got != "" {
		t.Errorf("a blank line has a hover: %q", got)
	}
	w.assertNoSecrets(exampleSecret, exampleToken, exampleKeyID)
}

func TestHoverNeverShowsASecret(t *testing.T) {
	w := newWorkspace(t, hoverConfig, "")
	w.init(nil)
	uri := w.openCredentials(hoverCredentials)
	w.c.AwaitDiagnostics(uri, nil)

	secret := hoverAt(t, w, uri, posOf(t, hoverCredentials, exampleSecret, 5))
	wantAll(t, "the secret hover", secret, "`aws_secret_access_key` is a secret")
	token := hoverAt(t, w, uri, posOf(t, hoverCredentials, exampleToken, 5))
	wantAll(t, "the token hover", token, "`aws_session_token` is a secret")
	id := hoverAt(t, w, uri, posOf(t, hoverCredentials, exampleKeyID, 5))
	wantAll(t, "the key ID hover", id, "`AKIA…MPLE`")
	header := hoverAt(t, w, uri, pos(0, 2))
	wantAll(t, "the credentials profile hover", header, "**base** · static keys", "AKIA…MPLE")

	// Symbols show values, but never these.
	var syms []protocol.DocumentSymbol
	if err := w.c.Request(protocol.MethodTextDocumentDocumentSymbol, protocol.DocumentSymbolParams{TextDocument: textDoc(uri)}, &syms); err != nil {
		t.Fatal(err)
	}
	if len(syms) != 1 || len(syms[0].Children) != 3 || *syms[0].Children[1].Detail != "(hidden)" {
		t.Errorf("credentials symbols = %+v", syms)
	}
	w.assertNoSecrets(exampleSecret, exampleToken, exampleKeyID)
}

// A secret key written in the wrong case or misspelt is still a secret: neither a hover, a symbol nor a
// diagnostic shows its value.
func TestASecretUnderAMistypedKeyStaysHidden(t *testing.T) {
	const upper, misspelt = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYUPPEREXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYTYPOEXAMPLE"
	creds := "[base]\naws_access_key_id = " + exampleKeyID + "\nAWS_SECRET_ACCESS_KEY = " + upper + "\naws_secret_acess_key = " + misspelt + "\n"
	w := newWorkspace(t, hoverConfig, "")
	w.init(nil)
	uri := w.openCredentials(creds)
	w.c.AwaitDiagnostics(uri, nil)
	for _, secret := range []string{upper, misspelt} {
		hoverAt(t, w, uri, posOf(t, creds, secret, 5))
	}
	var syms []protocol.DocumentSymbol
	if err := w.c.Request(protocol.MethodTextDocumentDocumentSymbol, protocol.DocumentSymbolParams{TextDocument: textDoc(uri)}, &syms); err != nil {
		t.Fatal(err)
	}
	w.assertNoSecrets(upper, misspelt, exampleKeyID)
}

func TestHoverOnAnARNShowsItsParts(t *testing.T) {
	w := newWorkspace(t, "", hoverCredentials)
	w.init(nil)
	uri := w.openConfig(hoverConfig)
	w.c.AwaitDiagnostics(uri, nil)

	role := hoverAt(t, w, uri, posOf(t, hoverConfig, "arn:aws:iam::111122223333:role/Admin", 20))
	wantAll(t, "the role_arn hover", role, "**IAM role**", "Partition: `aws`", "Account: `111122223333`", "Role: `Admin`")
	mfa := hoverAt(t, w, uri, posOf(t, hoverConfig, "arn:aws:iam::111122223333:mfa/jo", 20))
	wantAll(t, "the mfa_serial hover", mfa, "**MFA device**", "Account: `111122223333`", "Device: `jo`")
}

func TestProfileHoverLinksToItsLinesAndShowsSSOAccountAndRole(t *testing.T) {
	w := newWorkspace(t, "", hoverCredentials)
	w.init(nil)
	uri := w.openConfig(hoverConfig)
	w.c.AwaitDiagnostics(uri, nil)

	header := hoverAt(t, w, uri, posOf(t, hoverConfig, "dev-admin", 3))
	wantAll(t, "the profile hover", header, "Defined in: [config line 1]("+uri+"#L1)")

	sso := hoverAt(t, w, uri, posOf(t, hoverConfig, "sso-dev", 3))
	wantAll(t, "the SSO profile hover", sso, "Account: `111122223333` (config line 10)", "Role: `ReadOnly` (config line 11)",
		"SSO session: `corp` (config line 9)", "Defined in: [config line 8]("+uri+"#L8)")
}

func TestDurationHoverSaysALongSessionAsksForMFAOnEveryRefresh(t *testing.T) {
	config := strings.Replace(hoverConfig, "duration_seconds = 3600", "duration_seconds = 7200", 1)
	w := newWorkspace(t, "", hoverCredentials)
	w.init(nil)
	uri := w.openConfig(config)
	w.c.AwaitDiagnostics(uri, nil)

	key := hoverAt(t, w, uri, posOf(t, config, "duration_seconds", 3))
	wantAll(t, "the duration_seconds hover", key, "This profile has `mfa_serial`", "each refresh asks for a code again",
		"role chaining caps a session at one hour")
	value := hoverAt(t, w, uri, posOf(t, config, "7200", 1))
	wantAll(t, "the duration_seconds value hover", value, "each refresh asks for a code again")
}

func TestMarkdownLinkTargetsAreEscaped(t *testing.T) {
	if got := mdLinkTarget("file:///home/jo/my (aws)/config"); got != "file:///home/jo/my%20%28aws%29/config" {
		t.Errorf("mdLinkTarget = %q", got)
	}
}
