package sso

import (
	"fmt"
	"strings"
	"unicode/utf16"
)

// The AWS CLI writes its SSO cache with Python's json.dumps: ", " and ": " separators and every
// non-ASCII character escaped (ensure_ascii). A registration's file name is the SHA-1 of such a
// dump, so matching it byte for byte is what lets Rolecall and the CLI share registrations; the
// token files are written the same way so that either tool's file looks like the other's.

// pyField is one member of a JSON object in the order written; value is a string, []string, nil or
// a pre-encoded raw value.
type pyField struct {
	key   string
	value any
}

type pyRaw string

// pyDumps encodes an object as json.dumps(obj) does with its defaults.
func pyDumps(fields []pyField) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, f := range fields {
		if i > 0 {
			b.WriteString(", ")
		}
		pyString(&b, f.key)
		b.WriteString(": ")
		switch v := f.value.(type) {
		case nil:
			b.WriteString("null")
		case string:
			pyString(&b, v)
		case pyRaw:
			b.WriteString(string(v))
		case []string:
			if v == nil {
				b.WriteString("null")
				continue
			}
			b.WriteByte('[')
			for j, s := range v {
				if j > 0 {
					b.WriteString(", ")
				}
				pyString(&b, s)
			}
			b.WriteByte(']')
		default:
			panic(fmt.Sprintf("pyDumps: unsupported %T", v)) // a programming error: only the types above are written
		}
	}
	b.WriteByte('}')
	return b.String()
}

// pyString writes s as Python's json module does with ensure_ascii: the short escapes for the usual
// controls, \u00XX for the others and DEL, and \uXXXX (surrogate pairs above U+FFFF) for anything not ASCII.
// Invalid UTF-8 is written as U+FFFD, which is what a Python str decoded with errors=replace holds.
func pyString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r < 0x20 || r > 0x7e && r <= 0xffff:
			fmt.Fprintf(b, `\u%04x`, r)
		case r > 0xffff:
			hi, lo := utf16.EncodeRune(r)
			fmt.Fprintf(b, `\u%04x\u%04x`, hi, lo)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}
