package awsfiles

import "bytes"

// parser reads a file into lines, Sections and Entries. It cuts, classifies and groups each line in one
// go, while the line is still in the processor's cache: a 10,000-profile file has some 60,000 lines, and
// reading them a second time costs as much as reading them the first.
//
// The lines go into the file's chunks, made before; entries, whose number is known only at the end, into
// chunks of a few hundred. A section's lines are a run of the file's; its Entries and a block's Sub are
// windows of shared pointer chunks, capped so that appending to one never writes into the next.
type parser struct {
	f        *File
	sections []*Section

	at         int // the number of the line being read
	entryChunk []Entry
	secSlab    []Section
	ptrChunk   []*Entry // where Entries and Sub windows are cut from
	moreChunk  []entryMore

	cur       *Section
	firstLine int      // the number of cur's first body line
	tops      []*Entry // cur's top-level entries so far
	last      *Entry   // the last of them
	subs      []*Entry // last's nested block so far
}

const (
	entryChunkSize = 512 // 72 KiB, nine pages
	ptrChunkSize   = 1024
)

func (p *parser) run() { p.lines(0, len(p.f.src), 0, p.f.nlines) }

// lines reads the n lines of f.src[start:stop], numbered from first, into f's lines first to first+n (which
// the caller made, zeroed, with makeLines). At the start of the file it opens the preamble; anywhere else
// start must be where a header line starts (the parser's state is then what it is after any header:
// Reparse relies on it). The sections go into p.sections, which the caller may give room for.
func (p *parser) lines(start, stop, first, n int) {
	f, src, text := p.f, p.f.src, p.f.text
	hasCR := bytes.IndexByte(src[start:stop], '\r') >= 0
	// Every header has a '[': counting them sizes the sections closely enough.
	nsec := bytes.Count(src[start:stop], []byte{'['}) + 1
	p.secSlab = make([]Section, 0, nsec)
	if cap(p.sections) < nsec {
		p.sections = make([]*Section, 0, nsec)
	}
	if start == 0 {
		p.open(nil, 0) // the preamble
	}
	var nextSpecial [len(specialChars)]int // where each special character occurs next (len(src): nowhere)
	for k := range nextSpecial {
		nextSpecial[k] = -1
	}
	for num := first; num < first+n; num++ {
		var j int
		if hasCR {
			j = bytes.IndexAny(src[start:], "\r\n")
		} else {
			j = bytes.IndexByte(src[start:], '\n')
		}
		end, next := len(src), len(src)
		eol := eolNone
		if j >= 0 {
			end, next, eol = start+j, start+j+1, eolLF
			if src[end] == '\r' {
				eol = eolCR
				if next < len(src) && src[next] == '\n' {
					next, eol = next+1, eolCRLF
				}
			}
		}
		l := f.Line(num)
		p.at = num
		l.num, l.eol, l.start, l.end = int32(num), eol, int32(start), int32(end)
		classify(l, text[start:end], f.BOM && num == 0)
		l.special = specials(src, &nextSpecial, start, end)
		p.place(l, num)
		start = next
	}
	p.close(first + n)
}

// specials finds the special characters of the line [start, end). next holds where each occurs next at or
// after the previous line: it is searched again (with IndexByte, which is fast) only once passed, so the
// whole file costs one search per occurrence.
func specials(src []byte, next *[len(specialChars)]int, start, end int) uint8 {
	var bits uint8
	for k, c := range specialChars {
		if next[k] < start {
			next[k] = len(src)
			if j := bytes.IndexByte(src[start:], c); j >= 0 {
				next[k] = start + j
			}
		}
		if next[k] < end {
			bits |= 1 << k
		}
	}
	return bits
}

// place groups a classified line (the line numbered num) into the current section.
func (p *parser) place(l *Line, num int) {
	switch l.Kind {
	case LineHeader:
		if p.cur != nil {
			p.close(num)
		}
		p.open(l, num+1)
	case LineProperty:
		p.addEntry(l)
	case LineSubProperty:
		// aws-sdk-go-v2 nests an indented key = value under the current key when that key's (unquoted)
		// value is empty, and otherwise promotes it to a key of its own.
		if p.last != nil && p.last.Value() == "" {
			e := p.newEntry(l, false)
			p.extra(e).parent = p.last
			p.subs = append(p.subs, e)
		} else {
			p.addEntry(l) // Indented: a key of its own
		}
	case LineContinuation:
		if p.last != nil {
			more := p.extra(p.last)
			more.continued = append(more.continued, l)
			// Both tools append a wrapped line to a non-empty value, after a line break (after an
			// empty `key =` it belongs to no value: a nested block has no room for it).
			if p.last.Value() != "" {
				p.setValue(p.last, p.last.Value()+"\n"+p.f.Text(l.Value()))
			}
		}
	}
}

// open starts a section at a header (nil for the preamble) whose body starts at line firstLine.
func (p *parser) open(header *Line, firstLine int) {
	p.secSlab = p.secSlab[:len(p.secSlab)+1]
	s := &p.secSlab[len(p.secSlab)-1]
	s.File, s.Header = p.f, header
	if header != nil {
		s.Head = readHeader(p.f.Kind, p.f.Text(header.Inner()))
	}
	s.index = int32(len(p.sections)) // Reparse numbers its sections again in the whole file
	p.sections = append(p.sections, s)
	p.cur, p.firstLine, p.tops, p.last = s, firstLine, p.tops[:0], nil
}

// close ends the current section before line end.
func (p *parser) close(end int) {
	p.endBlock()
	if end > p.firstLine {
		p.cur.firstLine, p.cur.nlines = int32(p.firstLine), int32(end-p.firstLine)
	}
	p.cur.Entries = p.window(p.tops)
}

// endBlock ends the nested block of the last entry, if it has one.
func (p *parser) endBlock() {
	if p.last != nil && len(p.subs) > 0 {
		p.extra(p.last).sub = p.window(p.subs)
	}
	p.subs = p.subs[:0]
}

// window copies a list of entries into the shared pointer chunks and returns its capped window, or nil
// for an empty list.
func (p *parser) window(list []*Entry) []*Entry {
	n := len(list)
	if n == 0 {
		return nil
	}
	if cap(p.ptrChunk)-len(p.ptrChunk) < n {
		p.ptrChunk = make([]*Entry, 0, max(ptrChunkSize, n))
	}
	at := len(p.ptrChunk)
	p.ptrChunk = append(p.ptrChunk, list...)
	return p.ptrChunk[at : at+n : at+n]
}

func (p *parser) addEntry(l *Line) *Entry {
	p.endBlock()
	e := p.newEntry(l, true)
	p.tops = append(p.tops, e)
	p.last = e
	return e
}

// newEntry takes the next entry from the current chunk. A top-level entry (a key of its own, indented or
// not) loses an inline comment as aws-sdk-go-v2 reads it; a nested one keeps it.
func (p *parser) newEntry(l *Line, topLevel bool) *Entry {
	if len(p.entryChunk) == cap(p.entryChunk) {
		left := p.f.nlines - p.at // this line and the ones after it
		p.entryChunk = make([]Entry, 0, min(entryChunkSize, left))
	}
	p.entryChunk = p.entryChunk[:len(p.entryChunk)+1]
	e := &p.entryChunk[len(p.entryChunk)-1]
	f := p.f
	raw, key := f.Text(l.Value()), f.Text(l.Key())
	// Only a line with '#' or ';' can hold an inline comment.
	comments := topLevel && l.special&(specialHash|specialSemi) != 0
	value := intendedValue(raw, comments)
	if comments && commentAfterBlank(f, l) {
		value = "" // `key = # note`: the SDK cuts the line at " #", leaving no value
	}
	e.Section, e.Line, e.more = p.cur, l, nil
	if name := lower(key); name != key {
		m := p.extra(e)
		m.name, m.hasName = name, true
	}
	p.setValue(e, value)
	return e
}

// setValue sets an entry's intended value, kept only where it is not the value as written.
func (p *parser) setValue(e *Entry, v string) {
	if v == e.Raw() && (e.more == nil || !e.more.hasValue) {
		return
	}
	m := p.extra(e)
	m.value, m.hasValue = v, true
}

// extra gives an entry what few entries have, from chunks that grow from 8 to 256 (a nested block's
// entries all need it, for their parent: 800 of them in the 10,000-profile file).
func (p *parser) extra(e *Entry) *entryMore {
	if e.more == nil {
		if len(p.moreChunk) == cap(p.moreChunk) {
			p.moreChunk = make([]entryMore, 0, min(max(2*cap(p.moreChunk), 8), 256))
		}
		p.moreChunk = p.moreChunk[:len(p.moreChunk)+1]
		e.more = &p.moreChunk[len(p.moreChunk)-1]
	}
	return e.more
}
