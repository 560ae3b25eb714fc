package awsfiles

import (
	"strings"
	"unicode/utf8"
)

// suggest returns the candidate closest to name for a "did you mean" hint, or "" when no candidate is
// close enough. It is shared by every rule that reports an unknown name (profiles, sso-sessions, keys,
// enumerated values).
//
// Closeness is measured on a normalised form (lower case, '_' read as '-'), so case changes and
// '-'/'_' swaps always match (distance 0), then by the optimal-string-alignment variant of the
// Damerau-Levenshtein distance (insertions, deletions, substitutions, adjacent transpositions, each 1).
// A candidate is accepted when its distance is at most suggestLimit(name) and smaller than the length of
// the shorter of the two names (so "ab" never suggests "cd"). Candidates equal to name are ignored (the
// caller asks because name was not found verbatim). Ties are broken by the case-sensitive distance, then
// by the lexically smallest candidate, so the answer does not depend on the order of candidates.
func suggest(name string, candidates []string) string { return NewSuggester(candidates).Suggest(name) }

// Suggester answers Suggest for many names against one list of candidates, normalising each candidate
// once: the rules ask it once for each unknown name of a file, against every profile of the model.
type Suggester struct {
	candidates []suggestCandidate
	rows       []int // the distance's table rows, reused from one comparison to the next
}

type suggestCandidate struct {
	raw, norm string
	size      int // the runes of norm
}

// NewSuggester prepares candidates for Suggest.
func NewSuggester(candidates []string) *Suggester {
	s := &Suggester{candidates: make([]suggestCandidate, 0, len(candidates))}
	for _, c := range candidates {
		if c != "" {
			n := suggestNormalize(c)
			s.candidates = append(s.candidates, suggestCandidate{c, n, utf8.RuneCountInString(n)})
		}
	}
	return s
}

// Suggest is the package's suggest for name against the candidates. A Suggester is not safe for use by
// several goroutines at once.
func (s *Suggester) Suggest(name string) string {
	if name == "" {
		return ""
	}
	norm := suggestNormalize(name)
	limit, size := suggestLimit(norm), utf8.RuneCountInString(norm)
	best, bestD, bestRaw := "", -1, 0
	for _, c := range s.candidates {
		if c.raw == name || c.size > size+limit || c.size < size-limit {
			continue // the distance is at least the difference in length: skip the quadratic work
		}
		d := s.distanceAtMost(norm, c.norm, limit)
		if d > limit {
			continue
		}
		if d > 0 && d >= min(size, c.size) {
			continue
		}
		raw := s.distanceAtMost(name, c.raw, len(name)+len(c.raw)) // no bound: the distance is at most that
		if bestD < 0 || d < bestD || (d == bestD && (raw < bestRaw || (raw == bestRaw && c.raw < best))) {
			best, bestD, bestRaw = c.raw, d, raw
		}
	}
	return best
}

// suggestNormalize folds case and treats '_' as '-'.
func suggestNormalize(s string) string {
	return strings.ReplaceAll(strings.ToLower(s), "_", "-")
}

// suggestLimit is the largest edit distance accepted for a name of this length: 1 up to 4 characters,
// 2 up to 8, 3 beyond.
func suggestLimit(s string) int {
	switch n := utf8.RuneCountInString(s); {
	case n <= 4:
		return 1
	case n <= 8:
		return 2
	default:
		return 3
	}
}

// distanceAtMost is suggestDistance when that is at most max, and some number over max otherwise, found
// sooner: once a whole row of the table is over max, so is the distance (a row's cells are at most one
// more than the row before, and a transposition reads two rows up). ASCII names (every profile name,
// nearly) are compared byte by byte in rows kept from the last comparison, without allocating.
func (s *Suggester) distanceAtMost(a, b string, max int) int {
	if !isASCII(a) || !isASCII(b) {
		return suggestDistance(a, b)
	}
	n, m := len(a), len(b)
	if n == 0 || m == 0 {
		return n + m
	}
	if len(s.rows) < 3*(m+1) {
		s.rows = make([]int, 3*(m+1))
	}
	prev2, prev, cur := s.rows[:m+1], s.rows[m+1:2*(m+1)], s.rows[2*(m+1):3*(m+1)]
	for j := 0; j <= m; j++ {
		prev[j] = j
	}
	for i := 1; i <= n; i++ {
		cur[0] = i
		low := i
		for j := 1; j <= m; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost) // deletion, insertion, substitution
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1) // transposition
			}
			cur[j] = v
			low = min(low, v)
		}
		if low > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[m]
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// suggestDistance is the optimal-string-alignment (restricted Damerau-Levenshtein) distance between a
// and b, counted in runes.
func suggestDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	n, m := len(ra), len(rb)
	if n == 0 {
		return m
	}
	if m == 0 {
		return n
	}
	// Three rolling rows: prev2 (i-2), prev (i-1), cur (i).
	prev2 := make([]int, m+1)
	prev := make([]int, m+1)
	cur := make([]int, m+1)
	for j := 0; j <= m; j++ {
		prev[j] = j
	}
	for i := 1; i <= n; i++ {
		cur[0] = i
		for j := 1; j <= m; j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := prev[j] + 1 // deletion
			if w := cur[j-1] + 1; w < v {
				v = w // insertion
			}
			if w := prev[j-1] + cost; w < v {
				v = w // substitution
			}
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				if w := prev2[j-2] + 1; w < v {
					v = w // transposition
				}
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[m]
}

// Suggest is the did-you-mean the rules use, for callers outside the package (an unknown profile named
// on the command line, in a server command): the candidate closest to name, or "".
func Suggest(name string, candidates []string) string { return suggest(name, candidates) }
