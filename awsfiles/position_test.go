package awsfiles

import (
	"testing"

	"github.com/rolecall/rolecall/internal/textpos"
)

// TestPositionsFollowTextpos: the file model and the server's incremental sync must name the same byte
// for the same position, so the model converts with internal/textpos (whose table test holds the rules),
// here checked at every offset and position of a text with every kind of line break and character.
func TestPositionsFollowTextpos(t *testing.T) {
	text := "[profile a😀]\r\nregion = é\xff\xe2\x82\rx = 1\n\n[default]"
	f := Parse(ConfigFile, "config", []byte(text))
	for off := -1; off <= len(text)+1; off++ {
		p := f.Position(off)
		if line, col := textpos.Position(text, off); p.Line != line || p.Character != col {
			t.Errorf("Position(%d) = %d:%d, textpos says %d:%d", off, p.Line, p.Character, line, col)
		}
	}
	for line := -1; line <= 6; line++ {
		for col := -1; col <= 16; col++ {
			if got, want := f.Offset(line, col), textpos.Offset(text, line, col); got != want {
				t.Errorf("Offset(%d, %d) = %d, textpos says %d", line, col, got, want)
			}
		}
	}
}
