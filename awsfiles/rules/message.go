package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Every diagnostic message starts with one short sentence that names the problem and, where there is
// one, the fix: an editor's problem list shows one line per diagnostic, so whatever comes after the
// first ". " is often cut off. How each tool behaves follows in the same message (docs/diagnostics.md).

// firstSentenceMax is the most runes the first sentence of a message may have.
const firstSentenceMax = 90

// lead joins a problem and its fix into a first sentence, "Unknown key "regoin"; did you mean "region"?",
// and adds the explanation after it.
func lead(problem, fix, why string) string {
	s := problem
	if fix != "" {
		s += "; " + lowerFirst(fix)
	}
	s = endSentence(s)
	if why != "" {
		s += " " + endSentence(upperFirst(why))
	}
	return s
}

// FirstSentence is a message up to its first ". " or "? " (or all of it): the part a one-line list shows.
func FirstSentence(msg string) string {
	end := len(msg)
	for _, stop := range []string{". ", "? "} {
		if i := strings.Index(msg, stop); i >= 0 && i+1 < end {
			end = i + 1
		}
	}
	return msg[:end]
}

// endSentence ends s with a full stop unless it already ends with punctuation.
func endSentence(s string) string {
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, ")") && strings.HasSuffix(strings.TrimSuffix(s, ")"), ".") {
		return s
	}
	return s + "."
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) || isAcronymStart(s) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsLower(r) || strings.HasPrefix(s, "aws-sdk-go-v2") || strings.HasPrefix(s, "botocore") {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// isAcronymStart reports a word such as "AWS" or "STS" whose case must stay.
func isAcronymStart(s string) bool {
	return len(s) > 1 && s[1] >= 'A' && s[1] <= 'Z'
}
