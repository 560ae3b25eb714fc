package awsfiles

import "github.com/rolecall/rolecall/internal/textpos"

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

// Position converts a byte offset into a Position, by the rules of internal/textpos: offsets are clamped
// to the file, an offset inside a multi-byte character or a line break is that character's position or
// the line's end, and invalid UTF-8 counts one unit per byte.
func (f *File) Position(offset int) Position { return f.positionNear(offset, -1) }

// positionNear is Position with a guess at the line: a line at or before the offset, where the search
// starts (rules report in file order, so the last line found is a good guess); -1 for none.
func (f *File) positionNear(offset, hint int) Position {
	offset = min(max(offset, 0), len(f.src))
	line := f.lineNear(offset, hint)
	start := f.lineStart(line)
	return Position{Offset: offset, Line: line, Character: textpos.Column(f.lineContent(line), offset-start)}
}

// lineContent is line i's bytes without its terminator.
func (f *File) lineContent(i int) []byte {
	end := len(f.src)
	if i+1 < f.nlines {
		end = f.lineStart(i + 1)
	}
	text := f.src[f.lineStart(i):end]
	return text[:len(text)-eolLen(text)]
}

// lineStart is the offset where line i starts.
func (f *File) lineStart(i int) int {
	return int(f.Line(i).start)
}

// LineAt is the index of the line holding a byte offset (its terminator belongs to it).
func (f *File) LineAt(offset int) int { return f.lineIn(offset, 0, f.nlines) }

// lineIn is LineAt when the answer is known to be in [lo, hi).
func (f *File) lineIn(offset, lo, hi int) int {
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if f.lineStart(mid) > offset {
			hi = mid
		} else {
			lo = mid
		}
	}
	return lo
}

// lineNear is LineAt starting from a guess: it looks at the lines after the guess in order before it
// falls back to a binary search.
func (f *File) lineNear(offset, hint int) int {
	n := f.nlines
	if hint < 0 || hint >= n || f.lineStart(hint) > offset {
		return f.LineAt(offset)
	}
	for i := hint; i < hint+32; i++ {
		if i+1 >= n || f.lineStart(i+1) > offset {
			return i
		}
	}
	return f.lineIn(offset, hint+32, n)
}

// RangeOf converts a span into a Range.
func (f *File) RangeOf(s Span) Range { return f.RangeNear(s, -1) }

// RangeNear is RangeOf with a guess at the start's line: a line at or before it, where the search starts
// (a caller that asks in file order passes the line of the last answer), or -1 for none.
func (f *File) RangeNear(s Span, hint int) Range {
	start := f.positionNear(s.Start, hint)
	return Range{Start: start, End: f.positionNear(s.End, start.Line)}
}

// Offset converts an LSP position (line, UTF-16 character) into a byte offset, by the rules of
// internal/textpos: a character past the end of its line gives the line's end (before its terminator), a
// line past the end gives the end of the file, and a character in the middle of a surrogate pair gives
// the start of that character.
func (f *File) Offset(line, character int) int {
	if line < 0 {
		return 0
	}
	if line >= f.nlines {
		return len(f.src)
	}
	return f.lineStart(line) + textpos.ByteOffset(f.lineContent(line), character)
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
