package handlers

import (
	"regexp"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/awsfiles"
)

// keyItems are the keys that may be written on this line: nested keys inside a block, else the keys of
// the section's kind in this file, minus those the section already sets; in the config file at column 0
// also the new-section snippets.
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
			present[e.Name] = true
		}
	}
	from, to := c.indent, c.wordEnd()
	hasDelimiter := strings.ContainsAny(c.text[to:], "=:")
	items := []protocol.CompletionItem{}
	for _, k := range keys {
		if (c.indent == 0 && present[k.Name]) || k.Family != "" {
			continue
		}
		items = append(items, c.keyItem(k, from, to, hasDelimiter))
	}
	if kind == awsfiles.ConfigFile && c.indent == 0 && c.snippets {
		items = append(items, c.sectionSnippets(from, to)...)
	}
	return items
}

func (c completionSite) keyItem(k awsfiles.KeyInfo, from, to int, hasDelimiter bool) protocol.CompletionItem {
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
		SortText:         protocol.NewOptional(keySortPrefix(k) + k.Name),
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

// keySortPrefix lists the keys the AWS tools read first, other tools' keys next, legacy keys last.
func keySortPrefix(k awsfiles.KeyInfo) string {
	switch {
	case k.Deprecated != "":
		return "2"
	case k.Tools&awsfiles.ToolsAWS != 0:
		return "0"
	}
	return "1"
}

// sectionSnippets are the config file's templates for new sections (a role profile, an SSO profile, …).
func (c completionSite) sectionSnippets(from, to int) []protocol.CompletionItem {
	var items []protocol.CompletionItem
	for _, sn := range awsfiles.ConfigSnippets() {
		items = append(items, protocol.CompletionItem{
			Label:            sn.Label,
			Kind:             protocol.CompletionItemKindSnippet,
			Detail:           protocol.NewOptional(sn.Detail),
			Documentation:    markdown("```ini\n" + snippetPreview(sn.Body) + "```"),
			SortText:         protocol.NewOptional("3" + sn.Label),
			InsertTextFormat: protocol.InsertTextFormatSnippet,
			TextEdit:         c.edit(from, to, sn.Body),
		})
	}
	return items
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
