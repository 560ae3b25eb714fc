// Package safetext is the one place where text that came from a file or a remote service becomes output
// for a person: a terminal, an editor's message, a log line. AWS config files are shared, and a profile
// name can hold an escape sequence that rewrites the user's terminal, a carriage return that hides the
// rest of a line, or a right-to-left override that makes a name read as another. Everything here turns
// such characters into visible escapes and leaves all other text, non-ASCII letters included, as it is.
//
// The escapes are valid inside a JSON string (\u009b, \u202e), so a JSON document written through Writer
// stays valid JSON; C0 controls, which a JSON encoder already escapes, are written as \x1b in plain text.
package safetext

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Escape returns s as one line with every control or invisible formatting character written as an escape:
// C0 controls (tab and newline included), DEL, C1 controls, line and paragraph separators, Unicode format
// characters (bidirectional overrides, zero-width characters, the BOM) and bytes that are not UTF-8.
// Printable text, a backslash included, is unchanged, so Escape of a clean name is the name itself.
func Escape(s string) string { return string(appendEscaped(nil, s, false)) }

// Quote returns s in double quotes with Go's escapes, which cover every character Escape covers; use it
// where a name sits inside a sentence: profile "dev\x1b[2J".
func Quote(s string) string { return strconv.Quote(s) }

// Clean reports whether Escape would return s unchanged.
func Clean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r, size) {
			return false
		}
		i += size
	}
	return true
}

// appendEscaped appends s to dst with unsafe characters escaped; keepLines leaves "\n" and "\t" alone, for
// output that is made of lines.
func appendEscaped(dst []byte, s string, keepLines bool) []byte {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c >= 0x20 && c != 0x7f) || (keepLines && (c == '\n' || c == '\t')) {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = appendByteEscape(dst, c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unsafeRune(r, size) {
			i += size
			continue
		}
		dst = append(dst, s[start:i]...)
		if r == utf8.RuneError && size == 1 {
			dst = appendByteEscape(dst, c)
		} else {
			dst = appendRuneEscape(dst, r)
		}
		i += size
		start = i
	}
	return append(dst, s[start:]...)
}

// unsafeRune reports whether a decoded non-ASCII rune must be escaped.
func unsafeRune(r rune, size int) bool {
	if r == utf8.RuneError && size == 1 {
		return true // not UTF-8
	}
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029'
}

const hexDigits = "0123456789abcdef"

func appendByteEscape(dst []byte, c byte) []byte {
	return append(dst, '\\', 'x', hexDigits[c>>4], hexDigits[c&0xf])
}

// appendRuneEscape writes \uXXXX, as a surrogate pair above U+FFFF, which JSON also reads.
func appendRuneEscape(dst []byte, r rune) []byte {
	if r > 0xffff {
		r -= 0x10000
		dst = appendU16(dst, 0xd800+(r>>10))
		return appendU16(dst, 0xdc00+(r&0x3ff))
	}
	return appendU16(dst, r)
}

func appendU16(dst []byte, r rune) []byte {
	return append(dst, '\\', 'u', hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
}
