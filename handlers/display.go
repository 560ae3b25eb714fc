package handlers

import (
	"strings"

	"github.com/rolecall/rolecall/internal/safetext"
)

// Text from the user's files reaches the editor in three forms, and each has one function here. A shared
// config may hold a profile name with an escape sequence, a bidirectional override that makes it read as
// another name, or Markdown that turns a hover into a link or a remote image. These keep every such
// character visible and inert; a clean name comes out unchanged.

// plain is for plain-text fields a client shows as they are: diagnostic messages, titles, labels.
func plain(s string) string { return safetext.Escape(s) }

// mdText is for file text inside Markdown prose (a hover): control characters escaped, and every
// character that Markdown could read as markup written with a backslash.
func mdText(s string) string {
	s = safetext.Escape(s)
	if !strings.ContainsAny(s, inlineMarkup) && (s == "" || strings.IndexByte(blockMarkup, s[0]) < 0) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(inlineMarkup, s[i]) >= 0 || (i == 0 && strings.IndexByte(blockMarkup, s[i]) >= 0) {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// inlineMarkup is every character that can start Markdown markup anywhere in a line (emphasis, code,
// links, images, HTML, entities, tables, strikethrough); blockMarkup starts a heading, list, quote or
// rule only at the start of a line, where file text may stand in a hover.
const (
	inlineMarkup = "\\`*_[]<>!|~&"
	blockMarkup  = "#-+>="
)

// mdCode is file text as a Markdown code span: nothing inside is markup, and a backtick in the text
// cannot close the span early (the fence is longer than any run of backticks inside).
func mdCode(s string) string {
	s = safetext.Escape(s)
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if longest > 0 {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}
