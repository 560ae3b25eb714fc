package cli

import (
	"bufio"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/awsfiles/rules"
)

// writeDiagnosticsJSON prints {"diagnostics":[...]} with 0-based LSP positions (UTF-16 characters), laid
// out as encoding/json's Encoder with a two-space indent lays it out, byte for byte (a test holds the two
// side by side). It writes as it goes instead of building the document through reflection: for the
// thousand diagnostics of a 10,000-profile file that was a fifth of `rolecall check --format json`.
func writeDiagnosticsJSON(w io.Writer, diags []rules.Diagnostic) {
	b := bufio.NewWriterSize(w, 16<<10)
	if len(diags) == 0 {
		b.WriteString("{\n  \"diagnostics\": []\n}\n")
		b.Flush()
		return
	}
	b.WriteString("{\n  \"diagnostics\": [\n")
	for i, d := range diags {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString("    {\n      \"file\": ")
		writeJSONString(b, d.File.Path)
		b.WriteString(",\n      \"range\": ")
		writeJSONRange(b, d.Range, "      ")
		b.WriteString(",\n      \"severity\": ")
		writeJSONString(b, d.Severity.String())
		b.WriteString(",\n      \"code\": ")
		writeJSONString(b, d.Code)
		b.WriteString(",\n      \"message\": ")
		writeJSONString(b, d.Message)
		if len(d.Related) > 0 {
			b.WriteString(",\n      \"related\": [\n")
			for j, r := range d.Related {
				if j > 0 {
					b.WriteString(",\n")
				}
				b.WriteString("        {\n          \"file\": ")
				writeJSONString(b, r.File.Path)
				b.WriteString(",\n          \"range\": ")
				writeJSONRange(b, r.Range, "          ")
				b.WriteString(",\n          \"message\": ")
				writeJSONString(b, r.Message)
				b.WriteString("\n        }")
			}
			b.WriteString("\n      ]")
		}
		b.WriteString("\n    }")
	}
	b.WriteString("\n  ]\n}\n")
	b.Flush()
}

// writeJSONRange writes {"start": {...}, "end": {...}} whose opening brace follows a key at indent.
func writeJSONRange(b *bufio.Writer, r awsfiles.Range, indent string) {
	b.WriteString("{\n")
	for i, p := range [2]awsfiles.Position{r.Start, r.End} {
		b.WriteString(indent)
		if i == 0 {
			b.WriteString("  \"start\": {\n")
		} else {
			b.WriteString("  \"end\": {\n")
		}
		b.WriteString(indent)
		b.WriteString("    \"line\": ")
		b.WriteString(strconv.Itoa(p.Line))
		b.WriteString(",\n")
		b.WriteString(indent)
		b.WriteString("    \"character\": ")
		b.WriteString(strconv.Itoa(p.Character))
		b.WriteString("\n")
		b.WriteString(indent)
		if i == 0 {
			b.WriteString("  },\n")
		} else {
			b.WriteString("  }\n")
		}
	}
	b.WriteString(indent)
	b.WriteString("}")
}

const hexDigits = "0123456789abcdef"

// writeJSONString writes s as encoding/json does by default: quotes, backslashes and control characters
// escaped, and so are <, > and & (HTML-safe), U+2028 and U+2029, and every invalid UTF-8 byte (as U+FFFD).
func writeJSONString(b *bufio.Writer, s string) {
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b.WriteString(s[start:i])
			switch c {
			case '"', '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case '\b':
				b.WriteString(`\b`)
			case '\f':
				b.WriteString(`\f`)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			default:
				b.WriteString(`\u00`)
				b.WriteByte(hexDigits[c>>4])
				b.WriteByte(hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString(s[start:i])
			b.WriteString(`\ufffd`)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b.WriteString(s[start:i])
			b.WriteString(`\u202`)
			b.WriteByte(hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}
