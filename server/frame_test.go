package server

import "testing"

// TestJSONEndAcrossChunks: the end of a message is found wherever the body is cut into reads, with
// escaped quotes and backslashes in strings, and a scalar body is left to its Content-Length.
func TestJSONEndAcrossChunks(t *testing.T) {
	for _, tc := range []struct {
		body string
		end  int // -1: no early end
	}{
		{`{"a":"x\"}"}`, 12},
		{`{"a":"x\\"}`, 11},
		{`{"a":"\\\"]\\"}`, 15},
		{`{"a":[1,{"b":"}"}]} trailing`, 19},
		{` [ "}" ]`, 8},
		{`"just a string"`, -1},
		{`{"a":"unterminated`, -1},
	} {
		for cut := 0; cut <= len(tc.body); cut++ {
			var j jsonEnd
			got := j.scan([]byte(tc.body[:cut]))
			if got < 0 {
				if n := j.scan([]byte(tc.body[cut:])); n >= 0 {
					got = cut + n
				}
			}
			if got != tc.end {
				t.Errorf("%s cut at %d: end %d, want %d", tc.body, cut, got, tc.end)
			}
		}
	}
}
