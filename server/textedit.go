package server

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"go.lsp.dev/protocol"
)

// OffsetAt converts an LSP position into a byte offset in text. Characters are UTF-16 code units, the
// LSP default encoding (the server advertises it). Lines end at "\n", "\r\n" or a lone "\r", as the LSP
// specification says. A character past the end of its line gives the line's end; a line past the last
// gives len(text). A character that points between the two halves of a surrogate pair gives the offset
// of that character. Never panics.
func OffsetAt(text string, pos Position) int {
	off, line := skipLines(text, pos.Line)
	for ; line < pos.Line; line++ {
		next := nextLineStart(text, off)
		if next < 0 {
			return len(text)
		}
		off = next
	}
	units := uint32(0)
	for off < len(text) && units < pos.Character {
		c := text[off]
		if c == '\n' || c == '\r' {
			break
		}
		if c < utf8.RuneSelf {
			off++
			units++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[off:])
		w := uint32(1)
		if r >= 0x10000 {
			w = 2
		}
		if units+w > pos.Character {
			break
		}
		off += size
		units += w
	}
	return off
}

// PositionAt converts a byte offset in text into an LSP position (UTF-16 characters). Offsets are clamped
// to the text; an offset inside a multi-byte character gives that character's position. Never panics.
func PositionAt(text string, offset int) Position {
	offset = startOfRune(text, max(0, min(offset, len(text))))
	head := text[:offset]
	breaks := lineBreaks(head)
	if strings.HasSuffix(head, "\r") && offset < len(text) && text[offset] == '\n' {
		// Between the halves of a "\r\n": still on the line that break ends.
		breaks--
		head = head[:len(head)-1]
	}
	lineStart := max(strings.LastIndexByte(head, '\n'), strings.LastIndexByte(head, '\r')) + 1
	return Position{Line: uint32(breaks), Character: uint32(utf16Len(text[lineStart:offset]))}
}

// skipLines skips whole 16 KiB chunks that end before the target line, counting their line breaks with
// vectorized counts. It returns an offset inside line number line (line <= target), from which
// nextLineStart walks on; a chunk never splits a "\r\n".
func skipLines(text string, target uint32) (off int, line uint32) {
	const chunk = 16 << 10
	for off < len(text) {
		end := min(off+chunk, len(text))
		if text[end-1] == '\r' && end < len(text) && text[end] == '\n' {
			end++ // keep "\r\n" in one chunk
		}
		c := text[off:end]
		breaks := lineBreaks(c)
		if uint64(line)+uint64(breaks) >= uint64(target) || end == len(text) {
			return off, line
		}
		off, line = end, line+uint32(breaks)
	}
	return off, line
}

// lineBreaks counts the line breaks in s ("\n", "\r\n" and lone "\r") with vectorized counts.
func lineBreaks(s string) int {
	n := strings.Count(s, "\n")
	if cr := strings.Count(s, "\r"); cr > 0 {
		n += cr - strings.Count(s, "\r\n")
	}
	return n
}

// nextLineStart returns the offset just after the line break that ends the line containing off, or -1
// on the last line. It searches with IndexByte (vectorized) rather than byte by byte, because the last
// line of a 10 MB document is 300,000 lines away.
func nextLineStart(text string, off int) int {
	rest := text[off:]
	nl := strings.IndexByte(rest, '\n')
	seg := rest
	if nl >= 0 {
		seg = rest[:nl]
	}
	cr := strings.IndexByte(seg, '\r')
	switch {
	case cr >= 0 && cr != nl-1: // a lone "\r" ends the line first
		return off + cr + 1
	case nl >= 0: // "\n" or "\r\n"
		return off + nl + 1
	case cr >= 0: // no "\n" at all, and a "\r" at the very end... or anywhere
		return off + cr + 1
	}
	return -1
}

// startOfRune moves off back to the first byte of the character it is in.
func startOfRune(text string, off int) int {
	for off > 0 && off < len(text) && !utf8.RuneStart(text[off]) {
		off--
	}
	return off
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// applyChanges applies didChange content changes in order, each to the result of the one before. A
// whole-document change replaces the text; a ranged change replaces its range.
func applyChanges(text string, changes []protocol.TextDocumentContentChangeEvent) (string, error) {
	for i, ch := range changes {
		switch c := ch.(type) {
		case *protocol.TextDocumentContentChangeWholeDocument:
			text = c.Text
		case *protocol.TextDocumentContentChangePartial:
			start, end := OffsetAt(text, c.Range.Start), OffsetAt(text, c.Range.End)
			if start > end {
				return "", fmt.Errorf("content change %d has a range that ends before it starts (%d:%d-%d:%d)",
					i, c.Range.Start.Line, c.Range.Start.Character, c.Range.End.Line, c.Range.End.Character)
			}
			var b strings.Builder
			b.Grow(len(text) - (end - start) + len(c.Text))
			b.WriteString(text[:start])
			b.WriteString(c.Text)
			b.WriteString(text[end:])
			text = b.String()
		default:
			return "", fmt.Errorf("content change %d is neither a whole-document nor a ranged change", i)
		}
	}
	return text, nil
}
