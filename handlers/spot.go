package handlers

import (
	"sort"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/server"
)

// tokenKind is the kind of token under the cursor.
type tokenKind int

const (
	tokenNone       tokenKind = iota
	tokenHeaderName           // the name inside a section header: dev in [profile dev]
	tokenHeader               // elsewhere on a header line
	tokenKey                  // the key of a key = value line
	tokenValue                // the value of a key = value line (or where it would be)
)

// spot is what lies at a position of an open AWS document, read from one snapshot.
type spot struct {
	snap    *snapshot
	pair    *filePair
	fs      *fileState
	file    *awsfiles.File
	offset  int
	line    *awsfiles.Line
	section *awsfiles.Section // the section holding the line (the preamble before the first header)
	entry   *awsfiles.Entry   // the key = value entry on the line, top-level or nested
	token   tokenKind
}

// spotAt finds what is at pos in the document uri, in the current snapshot. ok is false for a document
// that is not an AWS file (the handlers then answer with nothing).
func (h *Handlers) spotAt(uri server.URI, pos protocol.Position) (spot, bool) {
	snap := h.snapshot()
	pair, fs, ok := snap.document(uri)
	if !ok {
		return spot{}, false
	}
	f := fs.File
	s := spot{snap: snap, pair: pair, fs: fs, file: f}
	if int(pos.Line) >= f.NumLines() {
		return s, true
	}
	s.offset = f.Offset(int(pos.Line), int(pos.Character))
	s.line = f.Line(int(pos.Line))
	s.section = sectionOfLine(f, s.line.Num())
	s.entry = entryOnLine(s.section, s.line)
	s.token = tokenAt(s)
	return s, true
}

// sectionOfLine finds the section holding a line: the last header at or above it.
func sectionOfLine(f *awsfiles.File, line int) *awsfiles.Section {
	secs := f.Sections
	i := sort.Search(len(secs), func(i int) bool { return i > 0 && secs[i].Header.Num() > line })
	return secs[max(i-1, 0)]
}

// entryOnLine finds the entry written on a line, nested entries included.
func entryOnLine(sec *awsfiles.Section, l *awsfiles.Line) *awsfiles.Entry {
	if sec == nil || l == nil {
		return nil
	}
	for _, e := range sec.Entries {
		if e.Line == l {
			return e
		}
		for _, sub := range e.Sub() {
			if sub.Line == l {
				return sub
			}
		}
	}
	return nil
}

func tokenAt(s spot) tokenKind {
	l, off := s.line, s.offset
	switch {
	case l.Kind == awsfiles.LineHeader && s.section.Header == l:
		if name := s.section.NameSpan(); s.section.Head.Name != "" && off >= name.Start && off <= name.End {
			return tokenHeaderName
		}
		return tokenHeader
	case s.entry == nil:
		return tokenNone
	case off >= l.Key().Start && off <= l.Key().End:
		return tokenKey
	case off > l.Delim():
		return tokenValue
	}
	return tokenNone
}

// valueSpan is the span of an entry's intended value inside its raw value: without the inline comment
// and the quotes, the part a profile name or region really is.
func valueSpan(e *awsfiles.Entry) awsfiles.Span {
	v := e.Line.Value()
	if e.Value() == "" {
		return awsfiles.Span{Start: v.Start, End: v.Start}
	}
	if i := strings.Index(e.Raw(), e.Value()); i >= 0 {
		return awsfiles.Span{Start: v.Start + i, End: v.Start + i + len(e.Value())}
	}
	return v
}

// parentKey is the key whose nested block holds a top-level entry's sub-entry, or "" at the top level.
func parentKey(e *awsfiles.Entry) string {
	if e == nil || e.Parent() == nil {
		return ""
	}
	return e.Parent().Name()
}

// lookupKeyInfo finds the documentation of an entry's key wherever it stands: a profile or sso-session
// key, a service identifier of a [services] section, or a key of a nested block.
func lookupKeyInfo(sec *awsfiles.Section, e *awsfiles.Entry) (awsfiles.KeyInfo, bool) {
	typ := sec.Head.Type
	if parent := parentKey(e); parent != "" {
		return awsfiles.LookupNestedKey(typ, parent, e.Name())
	}
	if typ == awsfiles.SectionServices {
		return awsfiles.LookupService(e.Name())
	}
	return awsfiles.LookupKey(e.Name())
}
