package handlers

import (
	"context"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/awsfiles"
)

// completion offers, depending on where the cursor is:
//   - after "[": the section headers of the file ([profile name], [sso-session name], [services name],
//     [default]; in the credentials file [name]); after "[profile " nothing (a new name is being typed);
//   - at a key: the keys valid in this section of this file, each with its documentation, nested keys
//     inside an s3 = block or a [services] service block, and in the config file the configSnippets (a new
//     role profile, …);
//   - after "key =": the values of the key: other profiles' names for source_profile, the sso-session
//     names for sso_session, the three credential_source values, the regions (with their names), true and
//     false, and every other fixed set of values.
//
// Positions are UTF-16; the items replace the word being typed (textEdit).
func (h *Handlers) completion(ctx context.Context, p *protocol.CompletionParams) (*protocol.CompletionList, error) {
	list := &protocol.CompletionList{Items: []protocol.CompletionItem{}}
	s, ok := h.spotAt(p.TextDocument.URI, p.Position)
	if !ok || s.line == nil {
		return list, nil
	}
	c := newCompletionSite(s, h.client.Load().snippets)
	trigger := ""
	if p.Context.TriggerCharacter != nil {
		trigger = *p.Context.TriggerCharacter
	}
	switch {
	case strings.HasPrefix(c.typed, "#") || strings.HasPrefix(c.typed, ";"):
	case strings.HasPrefix(c.typed, "["):
		if !strings.Contains(c.typed, "]") {
			list.Items = c.headerItems()
		}
	case strings.ContainsAny(c.typed, "=:"):
		list.Items = c.valueItems()
	case trigger == "":
		list.Items = c.keyItems()
	}
	return list, nil
}

// completionSite is the line around the cursor, as text: completion must work on lines the parser cannot
// read yet ("reg" with no "=").
type completionSite struct {
	s        spot
	text     string // the line without its terminator
	col      int    // the cursor, as a byte offset into text
	indent   int    // leading spaces and tabs (after a byte order mark)
	typed    string // text[indent:col]: what the line holds before the cursor
	snippets bool   // the client accepts snippet completions
}

func newCompletionSite(s spot, snippets bool) completionSite {
	text := s.file.LineText(s.line)
	col := min(max(s.offset-s.line.Span().Start, 0), len(text))
	start := 0
	if s.line.Num() == 0 && strings.HasPrefix(text, "\ufeff") {
		start = len("\ufeff")
	}
	rest := text[min(start, col):col]
	trimmed := strings.TrimLeft(rest, " \t")
	indent := min(start, col) + len(rest) - len(trimmed)
	return completionSite{s: s, text: text, col: col, indent: indent, typed: trimmed, snippets: snippets}
}

// edit makes the text edit that replaces bytes [from, to) of the line with text.
func (c completionSite) edit(from, to int, text string) *protocol.TextEdit {
	base := c.s.line.Span().Start
	return &protocol.TextEdit{
		Range:   toRange(c.s.file.RangeOf(awsfiles.Span{Start: base + from, End: base + to})),
		NewText: text,
	}
}

// wordEnd is where the word under the cursor ends: the first space, tab, delimiter or comment character
// at or after the cursor.
func (c completionSite) wordEnd() int {
	end := c.col
	for end < len(c.text) && !strings.ContainsRune(" \t=:#;", rune(c.text[end])) {
		end++
	}
	return end
}

// blockParent is the key whose nested block the cursor's indented line belongs to ("s3", a service
// identifier), or "" when the line is not inside a nested block.
func (c completionSite) blockParent() string {
	if c.indent == 0 {
		return ""
	}
	f, sec := c.s.file, c.s.section
	stop := -1
	if sec.Header != nil {
		stop = sec.Header.Num()
	}
	for i := c.s.line.Num() - 1; i > stop; i-- {
		l := f.Line(i)
		switch l.Kind {
		case awsfiles.LineProperty:
			if strings.TrimSpace(f.Text(l.Value())) == "" {
				return strings.ToLower(f.Text(l.Key()))
			}
			return ""
		case awsfiles.LineHeader:
			return ""
		}
	}
	return ""
}

// markdown wraps documentation for a completion item.
func markdown(text string) *protocol.MarkupContent {
	return &protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: text}
}
