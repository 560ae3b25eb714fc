// Package floor is the yardstick under the speed targets of docs/performance.md: the least work any
// checker of the AWS config and credentials files has to do, done plainly and cheaply: one pass over the
// bytes, no copy of the files, slices sized once, one map of names. It reads both files, finds every
// section and every key = value line, indexes the profiles by name, merges a few keys per profile and
// makes four trivial checks (a role ARN's shape, source_profile's target, region's characters,
// mfa_serial's prefix). A profile of it shows its time in the line loop, the map of names and the
// zeroing of fresh memory; hand-made hashing or vector instructions might take a little more off.
//
// It is not a checker and nothing uses it but the benchmarks. It keeps no lines, no positions and no
// comments, so it cannot say where a problem is or give a file back; it ignores continuations, nested
// blocks, quotes and both tools' disagreements. Whatever the real checker costs beyond it is the price
// of doing the job; what the floor itself costs, no design of the checker can save. Check runs on one
// core, CheckOnTwoCores on two. A target at the floor leaves the real checker nothing for its work.
package floor

import (
	"bytes"
	"strings"
	"unsafe"
)

// Result counts what the pass found, so that a test can hold it to the real parser.
type Result struct {
	Profiles   int // distinct profile names, [default] included, both files merged
	Properties int // key = value lines, indented ones included
	Problems   int // settings the four checks reject
}

// section is a header's name and where its properties are in file.props.
type section struct {
	name          string
	first, nprops int32
}

// prop is a key = value line, as offsets into the file.
type prop struct{ keyStart, keyEnd, valStart, valEnd int32 }

type file struct {
	text     string
	sections []section // the first is the preamble, before any header
	props    []prop
}

// Check makes the pass over the two files' bytes. Neither slice may change while it runs.
func Check(config, credentials []byte) Result {
	cfg, creds := scan(config, true), scan(credentials, false)
	return merge([]*file{cfg, creds}, len(cfg.props)+len(creds.props))
}

// CheckOnTwoCores is Check with the reading of the files spread over two goroutines: the config file's
// second half (cut before a header line) and the credentials file on one, the first half on the other.
// The merge stays on one: it is what a map of names costs.
func CheckOnTwoCores(config, credentials []byte) Result {
	cut := headerNear(config, len(config)/2)
	var second, creds *file
	done := make(chan struct{})
	go func() {
		second, creds = scan(config[cut:], true), scan(credentials, false)
		close(done)
	}()
	first := scan(config[:cut], true)
	<-done
	return merge([]*file{first, second, creds}, len(first.props)+len(second.props)+len(creds.props))
}

// headerNear is the start of the first line at or after offset at that starts with '[', or len(src).
func headerNear(src []byte, at int) int {
	if i := bytes.Index(src[at:], []byte("\n[")); i >= 0 {
		return at + i + 1
	}
	return len(src)
}

// scan finds the sections and the properties of one file: a line at a time, each byte looked at about
// once. In the config file a profile's header is [profile NAME] ([default] too); other section types
// ([sso-session …], [services …]) are left out of the index.
func scan(src []byte, isConfig bool) *file {
	text := unsafe.String(unsafe.SliceData(src), len(src)) // read only: no copy of the file
	// Room for every line with a '[' as a header and every other line as a property: on the benchmark's
	// files (no '[' in a value) neither slice grows.
	lines, headers := bytes.Count(src, []byte{'\n'})+1, bytes.Count(src, []byte{'['})
	f := &file{text: text, sections: make([]section, 1, headers+1), props: make([]prop, 0, max(lines-headers, 0))}
	for start := 0; start <= len(text); {
		end := strings.IndexByte(text[start:], '\n')
		next := start + end + 1
		if end < 0 {
			end, next = len(text), len(text)+1
		} else {
			end += start
		}
		f.line(start, end, isConfig)
		start = next
	}
	return f
}

// line classifies one line [start, end) and records it.
func (f *file) line(start, end int, isConfig bool) {
	t := f.text
	for start < end && (t[start] == ' ' || t[start] == '\t') {
		start++
	}
	for end > start && (t[end-1] == ' ' || t[end-1] == '\t' || t[end-1] == '\r') {
		end--
	}
	if start == end || t[start] == '#' || t[start] == ';' {
		return
	}
	if t[start] == '[' {
		name := t[start+1 : end]
		if i := strings.LastIndexByte(name, ']'); i >= 0 {
			name = name[:i]
		}
		if isConfig && name != "default" {
			var ok bool
			if name, ok = strings.CutPrefix(name, "profile "); !ok {
				name = "" // [sso-session …], [services …]: not a profile
			}
		}
		f.sections = append(f.sections, section{name: strings.TrimSpace(name), first: int32(len(f.props))})
		return
	}
	d := start
	for d < end && t[d] != '=' && t[d] != ':' {
		d++
	}
	keyEnd := d
	for keyEnd > start && (t[keyEnd-1] == ' ' || t[keyEnd-1] == '\t') {
		keyEnd--
	}
	valStart := min(d+1, end)
	for valStart < end && (t[valStart] == ' ' || t[valStart] == '\t') {
		valStart++
	}
	f.props = append(f.props, prop{int32(start), int32(keyEnd), int32(valStart), int32(end)})
	f.sections[len(f.sections)-1].nprops++
}

// The keys the checks read.
const (
	keyRoleARN = iota
	keySourceProfile
	keyRegion
	keyMFASerial
	keyCount
)

func keyOf(k string) int {
	switch k {
	case "role_arn":
		return keyRoleARN
	case "source_profile":
		return keySourceProfile
	case "region":
		return keyRegion
	case "mfa_serial":
		return keyMFASerial
	}
	return -1
}

// profile is a merged profile: the value of each key the checks read, the credentials file winning.
type profile struct{ values [keyCount]string }

// merge indexes the profiles of both files by name, merges their keys and checks each profile.
func merge(files []*file, props int) Result {
	sections := 0
	for _, f := range files {
		sections += len(f.sections) - 1
	}
	index := make(map[string]int32, sections)
	profiles := make([]profile, 0, sections)
	for _, f := range files {
		for _, s := range f.sections[1:] {
			if s.name == "" {
				continue
			}
			at, ok := index[s.name]
			if !ok {
				at = int32(len(profiles))
				index[s.name] = at
				profiles = append(profiles, profile{})
			}
			p := &profiles[at]
			for _, pr := range f.props[s.first : s.first+s.nprops] {
				if k := keyOf(f.text[pr.keyStart:pr.keyEnd]); k >= 0 {
					p.values[k] = f.text[pr.valStart:pr.valEnd]
				}
			}
		}
	}
	r := Result{Profiles: len(profiles), Properties: props}
	for i := range profiles {
		r.Problems += problems(&profiles[i], index)
	}
	return r
}

// problems makes the four checks on one profile.
func problems(p *profile, index map[string]int32) int {
	n := 0
	if v := p.values[keyRoleARN]; v != "" && !roleARNShape(v) {
		n++
	}
	if v := p.values[keySourceProfile]; v != "" {
		if _, ok := index[v]; !ok {
			n++
		}
	}
	for _, c := range []byte(p.values[keyRegion]) {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			n++
			break
		}
	}
	if v := p.values[keyMFASerial]; v != "" && !strings.HasPrefix(v, "arn:aws:iam::") {
		n++
	}
	return n
}

// roleARNShape is arn:aws:iam::<12 digits>:role/<something>.
func roleARNShape(v string) bool {
	const prefix = "arn:aws:iam::"
	if len(v) < len(prefix)+12+len(":role/")+1 || !strings.HasPrefix(v, prefix) {
		return false
	}
	for _, c := range []byte(v[len(prefix) : len(prefix)+12]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return strings.HasPrefix(v[len(prefix)+12:], ":role/")
}
