package awsfiles

import (
	"sort"
	"unicode/utf8"
)

// Position is a place in a file: a byte offset and the LSP view of it (0-based line, and character
// counted in UTF-16 code units).
type Position struct {
	Offset    int `json:"-"`
	Line      int `json:"line"`
	Character int `json:"character"`
}

// Range is a half-open span of a file.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// Span is a half-open byte range of a file's source.
type Span struct{ Start, End int }

// Len is the number of bytes in the span.
func (s Span) Len() int { return s.End - s.Start }

// Position converts a byte offset into a Position. Offsets are clamped to the file. An offset inside a
// multi-byte character counts the character's code units before it; invalid UTF-8 counts one unit per byte,
// as editors show each such byte as one U+FFFD.
func (f *File) Position(offset int) Position {
	if offset < 0 {
		offset = 0
	}
	if offset > len(f.src) {
		offset = len(f.src)
	}
	line := sort.Search(len(f.lineStarts), func(i int) bool { return f.lineStarts[i] > offset }) - 1
	start := f.lineStarts[line]
	return Position{Offset: offset, Line: line, Character: utf16Len(f.src[start:offset])}
}

// RangeOf converts a span into a Range.
func (f *File) RangeOf(s Span) Range {
	return Range{Start: f.Position(s.Start), End: f.Position(s.End)}
}

// Offset converts an LSP position (line, UTF-16 character) into a byte offset. A character past the end of
// its line gives the line's end (before its terminator); a line past the end gives the end of the file.
func (f *File) Offset(line, character int) int {
	if line < 0 {
		return 0
	}
	if line >= len(f.lineStarts) {
		return len(f.src)
	}
	start := f.lineStarts[line]
	end := len(f.src)
	if line+1 < len(f.lineStarts) {
		end = f.lineStarts[line+1]
	}
	text := f.src[start:end]
	text = text[:len(text)-eolLen(text)]
	units := 0
	for i := 0; i < len(text); {
		if units >= character {
			return start + i
		}
		r, size := utf8.DecodeRune(text[i:])
		units += runeUnits(r, size)
		i += size
	}
	return start + len(text)
}

// eolLen is the length of the line terminator at the end of a line's bytes.
func eolLen(b []byte) int {
	n := len(b)
	switch {
	case n >= 2 && b[n-2] == '\r' && b[n-1] == '\n':
		return 2
	case n >= 1 && (b[n-1] == '\n' || b[n-1] == '\r'):
		return 1
	}
	return 0
}

func utf16Len(b []byte) int {
	units := 0
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		units += runeUnits(r, size)
		i += size
	}
	return units
}

// runeUnits is how many UTF-16 code units a decoded rune takes. An invalid byte decodes as RuneError of
// size 1 and counts as one unit.
func runeUnits(r rune, size int) int {
	if r >= 0x10000 && size == 4 {
		return 2
	}
	return 1
}
