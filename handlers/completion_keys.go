package handlers

import (
	"regexp"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/awsfiles"
)

// keyItems are the keys that may be written on this line: nested keys inside a block, else the keys of
// the section's kind in this file, minus those the section already sets (a key may not repeat in a
// section) and those Rolecall itself would warn about here (keyDrawsWarning); in the config file at
// column 0 also the new-section snippets. sortText ranks them for the section (keyRank).
func (c completionSite) keyItems() []protocol.CompletionItem {
	sec, kind := c.s.section, c.s.file.Kind
	var keys []awsfiles.KeyInfo
	if parent := c.blockParent(); parent != "" {
		keys = awsfiles.NestedKeysFor(sec.Head.Type, parent)
	} else if sec.Header != nil {
		keys = awsfiles.KeysFor(kind, sec.Head.Type)
	}
	present := map[string]bool{}
	for _, e := range sec.Entries {
		if e.Line != c.s.line {
			present[e.Name()] = true
		}
	}
	role := c.indent == 0 && c.inRoleProfile(present)
	from, to := c.indent, c.wordEnd()
	hasDelimiter := strings.ContainsAny(c.text[to:], "=:")
	items := []protocol.CompletionItem{}
	for _, k := range keys {
		if (c.indent == 0 && (present[k.Name] || keyDrawsWarning(k.Name, kind, role, present))) || k.Family != "" {
			continue
		}
		items = append(items, c.keyItem(k, keyRank(k, role), from, to, hasDelimiter))
	}
	if kind == awsfiles.ConfigFile && c.indent == 0 && c.snippets {
		items = append(items, c.sectionSnippets(from, to)...)
	}
	return items
}

func (c completionSite) keyItem(k awsfiles.KeyInfo, rank string, from, to int, hasDelimiter bool) protocol.CompletionItem {
	insert, format := k.Name+" = ", protocol.InsertTextFormatPlainText
	switch {
	case hasDelimiter:
		insert = k.Name
	case k.Kind == awsfiles.ValueBlock && c.snippets:
		insert, format = k.Name+" =\n  $0", protocol.InsertTextFormatSnippet
	case k.Kind == awsfiles.ValueBlock:
		insert = k.Name + " ="
	}
	item := protocol.CompletionItem{
		Label:            k.Name,
		Kind:             protocol.CompletionItemKindProperty,
		Documentation:    markdown(k.Describe()),
		SortText:         protocol.NewOptional(rank + k.Name),
		InsertTextFormat: format,
		TextEdit:         c.edit(from, to, insert),
	}
	if k.Values != "" {
		item.Detail = protocol.NewOptional(k.Values)
	}
	if k.Deprecated != "" {
		item.Tags = []protocol.CompletionItemTag{protocol.CompletionItemTagDeprecated}
	}
	return item
}

// assumeRoleKeys are the keys a role profile is made of after role_arn, in the order they are usually
// wanted: completion offers them first in a role profile.
var assumeRoleKeys = []string{"source_profile", "credential_source", "mfa_serial", "duration_seconds",
	"role_session_name", "external_id", "region"}

// keyRank is a key's sortText prefix: in a role profile the assume-role keys first (in their own
// order), then the keys the AWS CLI and SDKs read, then other tools' keys (granted_*, azure_*, …),
// legacy keys last.
func keyRank(k awsfiles.KeyInfo, role bool) string {
	if role {
		for i, name := range assumeRoleKeys {
			if k.Name == name {
				return "0" + string(rune('a'+i))
			}
		}
	}
	switch {
	case k.Deprecated != "":
		return "3"
	case k.Tools&(awsfiles.ToolsAWS|awsfiles.ToolAWSCLI) != 0:
		return "1"
	}
	return "2"
}

// inRoleProfile reports a cursor in the section of a profile that assumes a role: it sets role_arn
// here, or in its other file.
func (c completionSite) inRoleProfile(present map[string]bool) bool {
	sec := c.s.section
	if sec.Header == nil || sec.Head.Type != awsfiles.SectionProfile {
		return false
	}
	if present["role_arn"] {
		return true
	}
	p := c.s.pair.Model.Profile(sec.Head.Name)
	return p != nil && p.Has("role_arn")
}

// staticKeys are the long-lived key settings: Rolecall warns about them in the config file
// (secret-in-config, and an ID alone is partial-keys) and beside role_arn (source-has-role-and-keys,
// and the two tools disagree on which credentials call AssumeRole).
var staticKeys = map[string]bool{"aws_access_key_id": true, "aws_secret_access_key": true, "aws_session_token": true}

// keyDrawsWarning reports a key that Rolecall's own rules would flag if it were written in this
// section: completion does not offer what the next keystroke would mark as a problem.
func keyDrawsWarning(name string, kind awsfiles.FileKind, role bool, present map[string]bool) bool {
	switch {
	case staticKeys[name]:
		return kind == awsfiles.ConfigFile || role
	case name == "credential_source":
		return present["source_profile"] || present["web_identity_token_file"] // source-conflict, web-identity-conflict
	case name == "source_profile":
		return present["credential_source"] || present["web_identity_token_file"]
	}
	return false
}

// sectionSnippets are the config file's templates for new sections (a role profile, an SSO profile, …).
func (c completionSite) sectionSnippets(from, to int) []protocol.CompletionItem {
	var items []protocol.CompletionItem
	for _, sn := range configSnippets() {
		items = append(items, protocol.CompletionItem{
			Label:            sn.Label,
			Kind:             protocol.CompletionItemKindSnippet,
			Detail:           protocol.NewOptional(sn.Detail),
			Documentation:    markdown("```ini\n" + snippetPreview(sn.Body) + "```"),
			SortText:         protocol.NewOptional("4" + sn.Label),
			InsertTextFormat: protocol.InsertTextFormatSnippet,
			TextEdit:         c.edit(from, to, withSourceChoices(sn.Body, c.sourceProfiles())),
		})
	}
	return items
}

// snippetSourceProfile is the source_profile line of a snippet, with its placeholder.
var snippetSourceProfile = regexp.MustCompile(`source_profile = \$\{(\d+):[^}]*\}`)

// withSourceChoices makes a snippet's source_profile a choice among the profiles that exist, or an
// empty tab stop when there are none: a made-up name would be a source-profile-missing error.
func withSourceChoices(body string, names []string) string {
	return snippetSourceProfile.ReplaceAllStringFunc(body, func(m string) string {
		n := snippetSourceProfile.FindStringSubmatch(m)[1]
		if len(names) == 0 {
			return "source_profile = ${" + n + "}"
		}
		return "source_profile = ${" + n + "|" + strings.Join(names, ",") + "|}"
	})
}

// sourceProfiles are the profiles a new role profile may name as its source, those with credentials of
// their own first; names a snippet choice cannot hold as written are left out.
func (c completionSite) sourceProfiles() []string {
	var own, roles []string
	for _, p := range c.s.pair.Model.Profiles {
		if p.Type != awsfiles.SectionProfile || !snippetSafe(p.Name) {
			continue
		}
		switch p.Kind() {
		case awsfiles.KindAssumeRole:
			roles = append(roles, p.Name)
		default:
			own = append(own, p.Name)
		}
	}
	return append(own, roles...)
}

// snippetSafe reports a name with nothing a snippet would read as syntax ($ } , | \) and no control
// character.
func snippetSafe(name string) bool {
	for _, r := range name {
		if r < 0x20 || r == 0x7f || strings.ContainsRune("${},|\\", r) {
			return false
		}
	}
	return name != ""
}

var snippetPlaceholder = regexp.MustCompile(`\$\{\d+[:|]([^}|]*)[^}]*\}`)

// snippetPreview shows a snippet body with its placeholders' default text.
func snippetPreview(body string) string {
	return snippetPlaceholder.ReplaceAllString(body, "$1")
}

// newNameHeader matches a header whose type word is complete: the cursor is on a new name, which no
// completion can know.
var newNameHeader = regexp.MustCompile(`^\[\s*(profile|sso-session|services)\s`)

// headerItems complete a section header after "[". The edit replaces what follows "[" up to the cursor,
// and a "]" the editor closed automatically.
func (c completionSite) headerItems() []protocol.CompletionItem {
	if newNameHeader.MatchString(c.typed) {
		return []protocol.CompletionItem{}
	}
	from, to := c.indent+1, c.col
	if strings.TrimSpace(c.text[c.col:]) == "]" {
		to = len(c.text)
	}
	type header struct{ label, filter, snippet, plain, detail string }
	var headers []header
	if c.s.file.Kind == awsfiles.CredentialsFile {
		headers = []header{{"[name]", "name", "${1:name}]", "", "a profile with long-term keys"}}
	} else {
		headers = []header{
			{"[profile name]", "profile", "profile ${1:name}]", "profile ", "a named profile"},
			{"[sso-session name]", "sso-session", "sso-session ${1:name}]", "sso-session ", "IAM Identity Center sign-in settings shared by profiles"},
			{"[services name]", "services", "services ${1:name}]", "services ", "endpoint settings per service, used with services ="},
		}
	}
	if c.s.pair.Model.Profile("default") == nil {
		headers = append(headers, header{"[default]", "default", "default]", "default]", "the profile used when none is named"})
	}
	items := []protocol.CompletionItem{}
	for i, hd := range headers {
		insert, format := hd.snippet, protocol.InsertTextFormatSnippet
		if !c.snippets {
			insert, format = hd.plain, protocol.InsertTextFormatPlainText
		}
		if insert == "" {
			continue
		}
		items = append(items, protocol.CompletionItem{
			Label:            hd.label,
			Kind:             protocol.CompletionItemKindModule,
			Detail:           protocol.NewOptional(hd.detail),
			FilterText:       protocol.NewOptional(hd.filter),
			SortText:         protocol.NewOptional(string(rune('0' + i))),
			InsertTextFormat: format,
			TextEdit:         c.edit(from, to, insert),
		})
	}
	return items
}
