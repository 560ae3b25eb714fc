package textpos

import (
	"strings"
	"unicode/utf8"
)

// Text is what the functions read: a string or a byte slice, never copied.
type Text interface{ ~string | ~[]byte }

// ByteOffset returns the byte offset in line (one line's content, without its break) of a UTF-16 column.
func ByteOffset[T Text](line T, column int) int {
	units := 0
	for i := 0; i < len(line); {
		if units >= column {
			return i
		}
		if line[i] < utf8.RuneSelf {
			i++
			units++
			continue
		}
		w, size := decode(line, i)
		if units+w > column {
			return i // the column points inside a surrogate pair: the character's start
		}
		units += w
		i += size
	}
	return len(line)
}

// Column returns the UTF-16 column of a byte offset in line (one line's content, without its break). An
// offset inside a multi-byte character is that character's column; offsets are clamped to the line.
func Column[T Text](line T, offset int) int {
	offset = min(max(offset, 0), len(line))
	units, i := 0, 0
	for i < offset && line[i] < utf8.RuneSelf { // ASCII: one unit a byte
		i++
	}
	units = i
	for i < offset {
		w, size := decode(line, i)
		if i+size > offset {
			break // offset is inside this character
		}
		units += w
		i += size
	}
	return units
}

// decode returns the UTF-16 width and byte size of the character at line[i] (i < len(line)).
func decode[T Text](line T, i int) (units, size int) {
	r, size := utf8.DecodeRuneInString(string(line[i:min(i+utf8.UTFMax, len(line))]))
	if r >= 0x10000 {
		return 2, size
	}
	return 1, size // a valid rune in the BMP, or one invalid byte (RuneError, size 1)
}

// Offset returns the byte offset in text of a (line, UTF-16 column) position.
func Offset(text string, line, column int) int {
	if line < 0 {
		return 0
	}
	off, n := skipLines(text, line)
	for ; n < line; n++ {
		next := nextLineStart(text, off)
		if next < 0 {
			return len(text)
		}
		off = next
	}
	end := lineContentEnd(text, off)
	return off + ByteOffset(text[off:end], column)
}

// Position returns the line and UTF-16 column of a byte offset in text (clamped to the text).
func Position(text string, offset int) (line, column int) {
	offset = min(max(offset, 0), len(text))
	head := text[:offset]
	line = lineBreaks(head)
	if strings.HasSuffix(head, "\r") && offset < len(text) && text[offset] == '\n' {
		// Between the halves of a "\r\n": still on the line that break ends.
		line--
		head = head[:len(head)-1]
		offset--
	}
	start := max(strings.LastIndexByte(head, '\n'), strings.LastIndexByte(head, '\r')) + 1
	return line, Column(text[start:lineContentEnd(text, start)], offset-start)
}

// skipLines skips whole 16 KiB chunks that end before the target line, counting their line breaks with
// vectorized counts: the last line of a 10 MB document is 300,000 lines away. It returns an offset at
// the start of or inside line number n (n <= target), from which nextLineStart walks on; a chunk never
// splits a "\r\n".
func skipLines(text string, target int) (off, n int) {
	const chunk = 16 << 10
	for off < len(text) {
		end := min(off+chunk, len(text))
		if text[end-1] == '\r' && end < len(text) && text[end] == '\n' {
			end++
		}
		breaks := lineBreaks(text[off:end])
		if n+breaks >= target || end == len(text) {
			return off, n
		}
		off, n = end, n+breaks
	}
	return off, n
}

// lineBreaks counts the line breaks in s ("\n", "\r\n" and lone "\r").
func lineBreaks(s string) int {
	n := strings.Count(s, "\n")
	if cr := strings.Count(s, "\r"); cr > 0 {
		n += cr - strings.Count(s, "\r\n")
	}
	return n
}

// nextLineStart returns the offset just after the break that ends the line containing off, or -1 on the
// last line.
func nextLineStart(text string, off int) int {
	end := lineContentEnd(text, off)
	switch {
	case end == len(text):
		return -1
	case text[end] == '\r' && end+1 < len(text) && text[end+1] == '\n':
		return end + 2
	}
	return end + 1
}

// lineContentEnd returns the offset of the break that ends the line containing off (len(text) on the
// last line), searching with IndexByte rather than byte by byte.
func lineContentEnd(text string, off int) int {
	rest := text[off:]
	end := strings.IndexByte(rest, '\n')
	if end < 0 {
		end = len(rest)
	}
	if cr := strings.IndexByte(rest[:end], '\r'); cr >= 0 {
		end = cr
	}
	return off + end
}

// Lines returns the number of lines in text: one more than its line breaks (an empty text is one empty
// line, and a text ending in a break ends with an empty line).
func Lines(text string) int { return lineBreaks(text) + 1 }
