package server

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// Reading frames. A frame is a header block ("Content-Length: N", other fields, a blank line) and a body
// of N bytes. A client with a bug can get N wrong, and the frame after the bad one must still be read:
//
//   - N too long: the body is one JSON object, and no valid JSON object has anything but whitespace after
//     its closing brace. The body is scanned as it arrives; when the object closes early and something
//     other than whitespace follows, that is the next frame: it is given back and the bad frame answered
//     with InvalidRequest (with its id). The reader never waits for bytes the client will not send.
//   - N too short: the body is not complete JSON. It is answered with ParseError and the reader skips to
//     the next "Content-Length:", which starts the next frame.
//   - a bad header (N missing or not a number, no header at all): ParseError, then the reader looks for
//     "Content-Length:" in what it has already read as header before skipping ahead, since a frame without
//     a header has its body and the next frame's header read as one header line.

// readFrame reads one header block and its body.
func (s *stream) readFrame() ([]byte, error) {
	length, err := s.readHeader()
	if err != nil {
		return nil, err
	}
	if length > s.maxBody {
		if err := s.discard(length); err != nil {
			return nil, io.ErrUnexpectedEOF
		}
		return nil, &badFrame{code: codeInvalidRequest, reason: fmt.Sprintf(
			"message of %d bytes is larger than the server's limit of %d bytes; it was skipped", length, s.maxBody)}
	}
	return s.readBody(length)
}

// readHeader parses header lines up to the blank line and returns the Content-Length.
func (s *stream) readHeader() (int, error) {
	length, sawField := -1, false
	var block []byte // the header lines read so far, to look in for a next frame if this one is bad
	fail := func(reason string) (int, error) {
		if i := indexContentLength(block, 1); i > 0 {
			s.unread(block[i:]) // the next frame's header was read as part of this one
			return 0, &badFrame{code: codeParseError, reason: reason}
		}
		return 0, &badFrame{code: codeParseError, reason: reason, resync: true}
	}
	for {
		line, err := s.readLine()
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			return 0, &badFrame{code: codeParseError, reason: "header line is too long", resync: true}
		case errors.Is(err, io.EOF) && !sawField && len(line) == 0:
			return 0, io.EOF
		case err != nil:
			return 0, io.ErrUnexpectedEOF
		}
		block = append(block, line...)
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			if !sawField {
				block = block[:0]
				continue // tolerate stray blank lines between frames
			}
			break
		}
		sawField = true
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			return fail("malformed message header (a header line has no colon)")
		}
		if bytes.EqualFold(bytes.TrimSpace(name), []byte("Content-Length")) {
			n, err := strconv.Atoi(string(bytes.TrimSpace(value)))
			if err != nil || n < 0 {
				return fail("malformed message header (Content-Length is not a number)")
			}
			length = n
		}
	}
	if length < 0 {
		return fail("malformed message header (no Content-Length)")
	}
	return length, nil
}

// readBody reads a body of length bytes, stopping early at the end of its JSON object when the object is
// followed by something other than whitespace (a Content-Length that is too long).
func (s *stream) readBody(length int) ([]byte, error) {
	body := make([]byte, length)
	var sc jsonEnd
	for got := 0; got < length; {
		n, err := s.read(body[got:])
		if n == 0 && err != nil {
			return nil, io.ErrUnexpectedEOF
		}
		end := sc.scan(body[got : got+n])
		got += n
		if end < 0 {
			continue
		}
		end += got - n // the object's length
		if rest := body[end:got]; len(bytes.TrimLeft(rest, jsonSpace)) > 0 {
			s.unread(bytes.TrimLeft(rest, jsonSpace))
			return nil, s.tooLong(body[:end], length)
		}
		if !s.skipSpace(length - got) {
			return nil, s.tooLong(body[:end], length)
		}
		return body[:end], nil
	}
	if !sc.done && !json.Valid(body) {
		// Not a whole JSON value: most likely the Content-Length was too short, and the rest of the body
		// comes next. Answer, then skip to the next frame.
		return nil, &badFrame{code: codeParseError, reason: "message body is not valid JSON", resync: true}
	}
	return body, nil
}

// tooLong is the error for a frame whose JSON object ended before its Content-Length.
func (s *stream) tooLong(object []byte, length int) error {
	var probe struct {
		ID json.RawMessage `json:"id"`
	}
	_ = json.Unmarshal(object, &probe)
	return &badFrame{id: idOf(probe.ID), code: codeInvalidRequest, reason: fmt.Sprintf(
		"the message ends after %d bytes but its Content-Length says %d; it was not handled, send it again with the right length",
		len(object), length)}
}

// skipSpace consumes up to n whitespace bytes that pad a body, reporting false (and giving the byte back)
// when something else comes first.
func (s *stream) skipSpace(n int) bool {
	for ; n > 0; n-- {
		b, err := s.readByte()
		if err != nil {
			return true // the input ended; the next read reports it
		}
		if bytes.IndexByte([]byte(jsonSpace), b) < 0 {
			s.unread([]byte{b})
			return false
		}
	}
	return true
}

const jsonSpace = " \t\r\n"

// jsonEnd finds where a JSON object or array ends, across the chunks of a body.
type jsonEnd struct {
	depth    int
	inString bool
	slashes  int  // backslashes that ended the previous chunk inside a string: an odd count escapes
	opaque   bool // not an object or array: no early end is looked for
	done     bool
}

// scan reads the next chunk and returns the offset just after the value's closing bracket in it, or -1.
// Inside a string it jumps from quote to quote (a document's text is one long string), and a quote
// preceded by an odd number of backslashes is escaped.
func (j *jsonEnd) scan(chunk []byte) int {
	for i := 0; i < len(chunk) && !j.opaque && !j.done; i++ {
		if j.inString {
			k := bytes.IndexByte(chunk[i:], '"')
			if k < 0 {
				j.slashes = trailingSlashes(chunk[i:], j.slashes)
				return -1
			}
			q := i + k
			n := trailingSlashes(chunk[i:q], j.slashes)
			j.slashes = 0
			i = q
			if n%2 == 0 {
				j.inString = false
			}
			continue
		}
		switch c := chunk[i]; c {
		case ' ', '\t', '\r', '\n':
		case '"':
			j.inString = true
		case '{', '[':
			j.depth++
		case '}', ']':
			j.depth--
			if j.depth == 0 {
				j.done = true
				return i + 1
			}
		default:
			if j.depth == 0 {
				j.opaque = true // a scalar or garbage at the top level
			}
		}
		if j.depth < 0 {
			j.opaque = true
		}
	}
	return -1
}

// trailingSlashes counts the backslashes that end b, plus before when b is nothing but backslashes.
func trailingSlashes(b []byte, before int) int {
	n := 0
	for n < len(b) && b[len(b)-1-n] == '\\' {
		n++
	}
	if n == len(b) {
		n += before
	}
	return n
}

// indexContentLength finds "Content-Length:" (any case) in b at or after from, or returns -1.
func indexContentLength(b []byte, from int) int {
	const want = "content-length:"
	for i := from; i+len(want) <= len(b); i++ {
		if b[i]|0x20 == 'c' && bytes.EqualFold(b[i:i+len(want)], []byte(want)) {
			return i
		}
	}
	return -1
}

// resync skips input up to the next "Content-Length:" (matched case-insensitively anywhere, since the
// skipped body need not end with a newline) and gives that name back for readHeader.
func (s *stream) resync() error {
	const want = "content-length:"
	matched := 0
	for {
		b, err := s.readByte()
		if err != nil {
			return err
		}
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		switch {
		case b == want[matched]:
			matched++
			if matched == len(want) {
				s.unread([]byte("Content-Length:"))
				return nil
			}
		case b == want[0]:
			matched = 1
		default:
			matched = 0
		}
	}
}

// The reads below take the bytes given back first.

// unread gives bytes back, to be read again before anything else.
func (s *stream) unread(b []byte) {
	s.back = append(bytes.Clone(b), s.back...)
}

// readLine reads one header line (up to and including "\n"), at most headerLineLimit bytes.
func (s *stream) readLine() ([]byte, error) {
	if len(s.back) == 0 {
		return s.in.ReadSlice('\n')
	}
	if i := bytes.IndexByte(s.back, '\n'); i >= 0 {
		line := s.back[:i+1]
		s.back = s.back[i+1:]
		return line, nil
	}
	head := s.back
	s.back = nil
	if len(head) >= headerLineLimit {
		return head, bufio.ErrBufferFull
	}
	rest, err := s.in.ReadSlice('\n')
	line := append(head, rest...)
	if err == nil && len(line) > headerLineLimit {
		err = bufio.ErrBufferFull
	}
	return line, err
}

// readByte reads one byte.
func (s *stream) readByte() (byte, error) {
	if len(s.back) > 0 {
		b := s.back[0]
		s.back = s.back[1:]
		return b, nil
	}
	return s.in.ReadByte()
}

// read reads what is available into p, without waiting for more once it has something.
func (s *stream) read(p []byte) (int, error) {
	if len(s.back) > 0 {
		n := copy(p, s.back)
		s.back = s.back[n:]
		return n, nil
	}
	return s.in.Read(p)
}

// discard skips n bytes.
func (s *stream) discard(n int) error {
	k := min(n, len(s.back))
	s.back = s.back[k:]
	_, err := s.in.Discard(n - k)
	return err
}
