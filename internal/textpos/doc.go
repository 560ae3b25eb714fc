// Package textpos converts between byte offsets in UTF-8 text and (line, column) positions whose columns
// count UTF-16 code units, the encoding LSP positions use by default. It is the only such conversion in
// Rolecall: the language server's incremental sync and the AWS file model both call it, so a position
// means the same byte everywhere. It knows text, line breaks and UTF-16, nothing of LSP or AWS.
//
// The rules, one table test (textpos_test.go) pins each:
//
//   - Lines end at "\n", "\r\n" or a lone "\r", as the LSP specification says. An offset inside a line
//     break (between "\r" and "\n") is the end of the line that break ends.
//   - A character is what utf8.DecodeRune reads: a valid rune, or one byte of invalid UTF-8 (editors show
//     each such byte as one U+FFFD). A rune above U+FFFF takes two UTF-16 units, every other character one.
//   - A column in the middle of a surrogate pair (which LSP clients must not send) means the start of that
//     character, as gopls reads it; so does a byte offset inside a multi-byte character.
//   - A column past the end of its line is the line's end (before its break); a line past the last is the
//     end of the text; a negative line or column is the start of the text or line; an offset is clamped
//     to the text. Nothing panics.
package textpos
