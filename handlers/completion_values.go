package handlers

import (
	"strings"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/awsfiles"
)

// valueItems are the values of the key before the "=": the names of what it refers to, or its fixed
// set of values.
func (c completionSite) valueItems() []protocol.CompletionItem {
	d := strings.IndexAny(c.typed, "=:")
	key := strings.ToLower(strings.TrimSpace(c.typed[:d]))
	delim := c.indent + d
	from := delim + 1
	for from < c.col && (c.text[from] == ' ' || c.text[from] == '\t') {
		from++
	}
	to := c.wordEnd()
	lead := ""
	if from == delim+1 && to == from {
		lead = " " // "region =|": keep the file's usual "key = value" spacing
	}
	info, ok := c.keyInfo(key)
	if !ok {
		return []protocol.CompletionItem{}
	}
	self := ""
	if c.s.section.Head.Type == awsfiles.SectionProfile {
		self = c.s.section.Head.Name
	}
	items := []protocol.CompletionItem{}
	for _, v := range valueChoices(info, c.s.pair.Model, self) {
		item := protocol.CompletionItem{Label: plain(v.label), Kind: v.kind, TextEdit: c.edit(from, to, lead+v.label),
			FilterText: protocol.NewOptional(v.label)}
		if v.detail != "" {
			item.Detail = protocol.NewOptional(v.detail)
		}
		items = append(items, item)
	}
	return items
}

// valueChoice is one value a key may take.
type valueChoice struct {
	label, detail string
	kind          protocol.CompletionItemKind
}

// valueChoices lists the values of a key: the names it may refer to in the model (never self, the
// profile being edited), the regions, or its fixed set of values.
func valueChoices(info awsfiles.KeyInfo, m *awsfiles.Model, self string) []valueChoice {
	var out []valueChoice
	add := func(label, detail string, kind protocol.CompletionItemKind) {
		out = append(out, valueChoice{label, detail, kind})
	}
	switch info.Kind {
	case awsfiles.ValueProfileRef:
		for _, p := range m.Profiles {
			if p.Name != self && p.Name != "" {
				add(p.Name, p.Kind().Describe(), protocol.CompletionItemKindReference)
			}
		}
	case awsfiles.ValueSessionRef:
		for _, p := range m.SSOSessions {
			add(p.Name, p.Value("sso_start_url"), protocol.CompletionItemKindReference)
		}
	case awsfiles.ValueServicesRef:
		for _, p := range m.Services {
			add(p.Name, "[services "+p.Name+"]", protocol.CompletionItemKindReference)
		}
	case awsfiles.ValueRegion:
		for _, r := range awsfiles.Regions() {
			if !r.Global {
				add(r.Name, r.Description, protocol.CompletionItemKindValue)
			}
		}
	case awsfiles.ValueBool:
		add("true", "", protocol.CompletionItemKindValue)
		add("false", "", protocol.CompletionItemKindValue)
	default:
		for _, v := range info.Enum {
			add(v, "", protocol.CompletionItemKindEnumMember)
		}
	}
	return out
}

// keyInfo finds the key before the "=" where the cursor is: nested in a block or top-level.
func (c completionSite) keyInfo(key string) (awsfiles.KeyInfo, bool) {
	if parent := c.blockParent(); parent != "" {
		return awsfiles.LookupNestedKey(c.s.section.Head.Type, parent, key)
	}
	if c.s.section.Head.Type == awsfiles.SectionServices {
		return awsfiles.KeyInfo{}, false
	}
	return awsfiles.LookupKey(key)
}
