package handlers

import (
	"strings"
	"testing"

	"go.lsp.dev/protocol"
)

const roleConfig = `[profile dev-admin]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = base
region = eu-west-1
`

const baseCredentials = `[base]
aws_access_key_id = ` + exampleKeyID + `
aws_secret_access_key = ` + exampleSecret + `
`

func TestABrokenConfigGetsDiagnosticsAndAFixClearsThem(t *testing.T) {
	w := newWorkspace(t, "", baseCredentials)
	c := w.init(nil)
	broken := strings.Replace(roleConfig, "source_profile = base", "source_profile = bsae", 1)
	uri := w.openConfig(broken)

	diags := w.awaitCode(uri, "source-profile-missing", 2)
	d := diags[0]
	if src, _ := d.Source.Get(); src != "rolecall" {
		t.Errorf("source = %q, want rolecall", src)
	}
	if d.Severity != protocol.DiagnosticSeverityError {
		t.Errorf("severity = %d, want error", d.Severity)
	}
	if want := (protocol.Range{Start: pos(2, 17), End: pos(2, 21)}); d.Range != want {
		t.Errorf("range = %+v, want the value bsae %+v", d.Range, want)
	}
	if href := string(d.CodeDescription.Href); !strings.HasSuffix(href, "docs/diagnostics.md#source-profile-missing") {
		t.Errorf("codeDescription = %q", href)
	}
	if msg, _ := d.Message.(protocol.String); !strings.Contains(string(msg), `"base"`) {
		t.Errorf("message %q does not suggest base", msg)
	}

	c.Change(uri, roleConfig)
	p := c.AwaitPublish(uri, func(p protocol.PublishDiagnosticsParams) bool { return len(p.Diagnostics) == 0 })
	if v, ok := p.Version.Get(); !ok || v != c.Version(uri) {
		t.Errorf("the clean publication has version %d (%v), want %d", v, ok, c.Version(uri))
	}
	if !strings.Contains(string(c.ServerOutput()), `"diagnostics":[]`) {
		t.Error("a clean file must be published as [] (not null)")
	}
}

func TestEditingTheCredentialsFileRechecksTheConfigFile(t *testing.T) {
	w := newWorkspace(t, "", "")
	c := w.init(nil)
	cfg := w.openConfig(roleConfig)
	w.awaitCode(cfg, "source-profile-missing", 2)

	// The profile appears in the credentials buffer: the config file's error goes away.
	creds := w.openCredentials("")
	c.Change(creds, baseCredentials)
	w.awaitClean(cfg)
	w.awaitClean(creds)

	// And comes back when it is removed again, though the config buffer did not change.
	c.Change(creds, "[other]\naws_access_key_id = "+exampleKeyID+"\naws_secret_access_key = "+exampleSecret+"\n")
	w.awaitCode(cfg, "source-profile-missing", 2)
	w.assertNoSecrets(exampleSecret, exampleKeyID)
}

func TestTheOtherFileOfThePairIsPublished(t *testing.T) {
	// [profile base] in the credentials file is not the profile base: the config's source_profile
	// dangles, and the credentials file (not open) shows its own problem.
	w := newWorkspace(t, "", strings.Replace(baseCredentials, "[base]", "[profile base]", 1))
	c := w.init(nil)
	cfg := w.openConfig(roleConfig)

	creds := c.AwaitPublish(w.credentialsURI(), func(p protocol.PublishDiagnosticsParams) bool {
		return hasCode(p.Diagnostics, "profile-prefix-in-credentials", 0)
	})
	if _, has := creds.Version.Get(); has {
		t.Error("a file that is not open is published without a version")
	}
	w.awaitCode(cfg, "source-profile-missing", 2)

	// Closing the only open document of the pair clears both files.
	c.Close(cfg)
	w.awaitClean(cfg)
	w.awaitClean(w.credentialsURI())
}

func TestRelatedInformationPointsIntoTheOtherFile(t *testing.T) {
	// The key ID in the config file, the secret in the credentials file: neither tool joins them.
	w := newWorkspace(t, "", "[base]\naws_secret_access_key = "+exampleSecret+"\n")
	w.init(nil)
	cfg := w.openConfig("[profile base]\naws_access_key_id = " + exampleKeyID + "\n")
	creds := w.credentialsURI()
	var related []protocol.DiagnosticRelatedInformation
	w.c.AwaitDiagnostics(creds, func(ds []protocol.Diagnostic) bool {
		for _, d := range ds {
			if codeOf(d) == "partial-keys" && len(d.RelatedInformation) > 0 {
				related = d.RelatedInformation
				return true
			}
		}
		return false
	})
	if string(related[0].Location.URI) != cfg || related[0].Location.Range.Start.Line != 1 {
		t.Errorf("related = %+v, want line 1 of %s", related, cfg)
	}
	w.assertNoSecrets(exampleSecret, exampleKeyID)
}

func TestDuplicateSectionPointsAtTheFirstOne(t *testing.T) {
	w := newWorkspace(t, "", baseCredentials)
	w.init(nil)
	text := roleConfig + "\n" + roleConfig
	uri := w.openConfig(text)
	diags := w.awaitCode(uri, "duplicate-section", 5)
	for _, d := range diags {
		if codeOf(d) != "duplicate-section" {
			continue
		}
		if len(d.RelatedInformation) == 0 || string(d.RelatedInformation[0].Location.URI) != uri ||
			d.RelatedInformation[0].Location.Range.Start.Line != 0 {
			t.Errorf("related = %+v, want line 0 of the same file", d.RelatedInformation)
		}
	}
}

func TestOnlyAWSDocumentsGetDiagnostics(t *testing.T) {
	w := newWorkspace(t, "", baseCredentials)
	c := w.init(nil)
	other := uriOf(t, w.home+"/notes.ini")
	c.Open(other, "ini", "[profile x]\nsource_profile = nowhere\n")
	cfg := w.openConfig(roleConfig)
	w.awaitClean(cfg)
	// Notifications are handled in order and diagnostics published while handling them: anything
	// published for the first document would have arrived before the second one's.
	for _, raw := range c.Notifications(protocol.MethodTextDocumentPublishDiagnostics) {
		if strings.Contains(string(raw), "notes.ini") {
			t.Fatalf("a document that is not an AWS file got diagnostics: %s", raw)
		}
	}
}
