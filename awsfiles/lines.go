package awsfiles

import "iter"

// lineChunk is the number of lines in a chunk of File.lines (36 KiB).
const (
	lineChunkBits = 10
	lineChunk     = 1 << lineChunkBits
)

// Line is line n (0-based); n must be below NumLines.
func (f *File) Line(n int) *Line { return &f.lines[n>>lineChunkBits][n&(lineChunk-1)] }

// NumLines is the number of lines: one more than the line breaks.
func (f *File) NumLines() int { return f.nlines }

// Lines ranges over the lines numbered from up to to, in order.
func (f *File) Lines(from, to int) iter.Seq[*Line] {
	return func(yield func(*Line) bool) {
		for n := from; n < to; {
			chunk := f.lines[n>>lineChunkBits]
			for i := n & (lineChunk - 1); i < len(chunk) && n < to; i, n = i+1, n+1 {
				if !yield(&chunk[i]) {
					return
				}
			}
		}
	}
}

// makeLines gives f room for n zeroed lines, but that the whole chunks of old's lines before line keep are
// old's own and the rest of keep's chunk holds copies of old's lines (old may be nil when keep is 0).
func (f *File) makeLines(n int, old *File, keep int) {
	f.lines, f.nlines = make([][]Line, (n+lineChunk-1)>>lineChunkBits), n
	shared := keep >> lineChunkBits
	copy(f.lines, old.linesBefore(shared))
	slab := make([]Line, n-shared<<lineChunkBits)
	for k := shared; k < len(f.lines); k++ {
		lo := (k - shared) << lineChunkBits
		hi := min(lo+lineChunk, len(slab))
		f.lines[k] = slab[lo:hi:hi]
	}
	if cut := keep & (lineChunk - 1); cut > 0 {
		copy(f.lines[shared], old.lines[shared][:cut])
	}
}

// linesBefore is the first k chunks of lines (none of a nil file).
func (f *File) linesBefore(k int) [][]Line {
	if f == nil {
		return nil
	}
	return f.lines[:k]
}
