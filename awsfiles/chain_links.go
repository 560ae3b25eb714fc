package awsfiles

import (
	"fmt"
	"strings"
)

// What the rules ask of every profile's chain (how it ends, how many roles it assumes, where it breaks)
// is resolved for all profiles at once in time linear in their number: each profile's source_profile
// is followed once, a loop is found once for all the profiles that run into it, and a profile's answer
// is its source's answer plus one hop. Chain values, whose Steps list every profile of a chain, are made
// only for the few profiles a message or a hover describes.

// chainLink is what the model knows of one profile's chain without making it.
type chainLink struct {
	// last is Chain.Last(); lastRole the last step whose role is assumed (nil when none), the one whose
	// source_profile a broken chain is reported at.
	last, lastRole *Profile
	end            ChainEnd
	roles          int32 // len(Chain.Roles)
	loop           int32 // for EndCycle: the loop the chain runs into, the same for every profile that reaches it
}

// resolveChains fills Model.links: where each profile's source_profile points and how its chain ends.
func (m *Model) resolveChains() {
	for _, p := range m.Profiles {
		p.source = m.LookupSource(p)
	}
	r := chainResolver{tails: make([]chainLink, m.nprofiles), state: make([]uint8, m.nprofiles)}
	for i := range m.slab {
		if p := &m.slab[i]; p.index >= 0 {
			r.resolveTail(p)
		}
	}
	m.links = r.startsInPlace(m.Profiles, nil)
	m.loops = r.loops
}

// LookupSource is the profile p's source_profile names in m, or nil: what resolveChains sets as p's source.
func (m *Model) LookupSource(p *Profile) *Profile {
	if s := p.Setting(KeySourceProfile); s != nil {
		return m.Profile(s.Value())
	}
	return nil
}

// startsInPlace turns the tails of the profiles (those marked in only, when only is not nil) into their own
// chains, in the tails' own array, which it returns: a profile's chain differs from its tail only when it
// has static keys, so the few that differ are set aside first, then written (another profile's chain may
// still read the tail it replaces). One array instead of two: a 10,000-profile model saves 320 KB.
func (r *chainResolver) startsInPlace(profiles []*Profile, only []bool) []chainLink {
	type change struct {
		at   int32
		link chainLink
	}
	var changes []change
	for i, p := range profiles {
		if only != nil && !only[i] {
			continue
		}
		if l := r.start(p); l != r.tails[p.index] {
			changes = append(changes, change{p.index, l})
		}
	}
	for _, c := range changes {
		r.tails[c.at] = c.link
	}
	return r.tails
}

// InheritChains gives m, the model of an edit of old's files with the same sections, its chains: the
// affected profiles' resolved again, the others' taken from old (their chains are their component's, which
// the edit did not touch; Recheck decides which are affected). Loops found again get new numbers, so that
// a number names one loop in the whole model. It does nothing when m's chains are resolved already.
func (m *Model) InheritChains(old *Model, affected []bool) {
	m.chainsOnce.Do(func() {
		old.chainsOnce.Do(old.resolveChains)
		at := func(q *Profile) *Profile {
			if q == nil {
				return nil
			}
			return m.Profiles[q.index]
		}
		for i, p := range m.Profiles {
			if affected[i] {
				p.source = m.LookupSource(p)
			} else {
				p.source = at(old.Profiles[i].source)
			}
		}
		// The untouched chains are copied first; the affected ones are resolved in the same array, which
		// they never read outside their own components.
		links := make([]chainLink, m.nprofiles)
		for i := range links {
			if !affected[i] {
				l := old.links[i]
				l.last, l.lastRole = at(l.last), at(l.lastRole)
				links[i] = l
			}
		}
		r := chainResolver{tails: links, state: make([]uint8, m.nprofiles), loops: old.loops}
		for i, p := range m.Profiles {
			if affected[i] {
				r.resolveTail(p)
			}
		}
		m.links = r.startsInPlace(m.Profiles, affected)
		m.loops = r.loops
	})
}

// chainResolver holds, for each profile, its "tail": how a chain that reaches it from another profile's
// source_profile goes on from there. That differs from the profile's own chain only for a profile with
// static keys (a chain that reaches it stops at its keys; its own chain assumes its role).
type chainResolver struct {
	tails []chainLink
	state []uint8 // tailUnknown, tailOnPath, tailKnown
	path  []*Profile
	loops int32
}

const (
	tailUnknown = iota
	tailOnPath  // on the path being followed: reaching it again closes a loop
	tailKnown
)

// resolveTail follows source_profile from p until a profile whose tail is known, one that ends a
// chain, or one already on the path (a loop); then it gives each profile of the path its tail, from
// the end back.
func (r *chainResolver) resolveTail(p *Profile) {
	r.path = r.path[:0]
	cur := p
	for r.state[cur.index] == tailUnknown {
		if end, ok := tailEnds(cur); ok {
			r.tails[cur.index], r.state[cur.index] = end, tailKnown
			break
		}
		r.state[cur.index] = tailOnPath
		r.path = append(r.path, cur)
		cur = cur.source
	}
	if r.state[cur.index] == tailOnPath {
		r.closeLoop(cur)
	}
	for i := len(r.path) - 1; i >= 0; i-- {
		q := r.path[i]
		r.tails[q.index], r.state[q.index] = r.tails[q.source.index].hop(q), tailKnown
	}
}

// closeLoop gives each profile of the loop that starts at entry (at the end of the path) its chain: round
// the loop and back to itself, ending at the profile before it, whose source_profile closes the loop.
func (r *chainResolver) closeLoop(entry *Profile) {
	at := len(r.path) - 1
	for r.path[at] != entry {
		at--
	}
	loop := r.path[at:]
	r.loops++
	for i, q := range loop {
		before := loop[(i+len(loop)-1)%len(loop)]
		r.tails[q.index] = chainLink{end: EndCycle, roles: int32(len(loop)), last: before, lastRole: before, loop: r.loops}
		r.state[q.index] = tailKnown
	}
	r.path = r.path[:at]
}

// tailEnds says how a chain ends at q when q is reached from another profile, if it ends there: q yields
// what it holds when it has keys, no role or a web identity; a role without a usable source_profile is
// assumed and ends the chain.
func tailEnds(q *Profile) (chainLink, bool) {
	switch {
	case q.HasStaticKeys() || !q.IsSet(KeyRoleARN) || q.IsSet(KeyWebIdentityTokenFile):
		end, _ := finishEnd(q, 2)
		return chainLink{end: end, last: q}, true
	case q.source == nil:
		return assumedEnd(q), true
	}
	return chainLink{}, false
}

// assumedEnd is the chain of a role profile that has no source_profile to follow: credential_source,
// nothing, or a name that is no profile.
func assumedEnd(q *Profile) chainLink {
	l := chainLink{end: EndMissing, roles: 1, last: q, lastRole: q}
	if !q.IsSet(KeySourceProfile) {
		l.end = EndNoSource
		if q.IsSet(KeyCredentialSource) {
			l.end = EndCredentials
		}
	}
	return l
}

// hop is the chain of q, a role profile whose source_profile leads to the chain l.
func (l chainLink) hop(q *Profile) chainLink {
	l.roles++
	if l.lastRole == nil {
		l.lastRole = q
	}
	return l
}

// start is p's own chain, from the tails.
func (r *chainResolver) start(p *Profile) chainLink {
	switch {
	case !p.IsSet(KeyRoleARN) || p.IsSet(KeyWebIdentityTokenFile):
		end, _ := finishEnd(p, 1)
		return chainLink{end: end, last: p}
	case p.source == nil:
		return assumedEnd(p)
	case !p.HasStaticKeys():
		return r.tails[p.index] // reached or not, the chain goes on the same way
	case p.source == p:
		// A direct self-reference by a profile with its own keys: its keys assume its role.
		return chainLink{end: EndCredentials, roles: 1, last: p, lastRole: p}
	}
	// A profile with keys and role_arn assumes its role from its source; a chain that comes back to it
	// (and would stop at its keys if it came from elsewhere) is a loop of its own.
	t := r.tails[p.source.index]
	if t.last == p {
		r.loops++
		return chainLink{end: EndCycle, roles: t.roles + 1, last: t.lastRole, lastRole: t.lastRole, loop: r.loops}
	}
	return t.hop(p)
}

// ChainInfo is what the model knows of a profile's chain without making it (Model.Chain makes it).
type ChainInfo struct {
	Last     *Profile // Chain.Last()
	LastRole *Profile // the last step whose role is assumed, nil when none: where a broken chain is reported
	End      ChainEnd
	Roles    int // len(Chain.Roles)
	Loop     int // for EndCycle: names the loop the chain runs into, the same for every profile that reaches it
}

// ChainInfo is what the model knows of p's chain, resolving every chain on first use.
func (m *Model) ChainInfo(p *Profile) ChainInfo {
	l := m.chainLinkOf(p)
	return ChainInfo{Last: l.last, LastRole: l.lastRole, End: l.end, Roles: int(l.roles), Loop: int(l.loop)}
}

// chainLinkOf is what the model knows of p's chain, resolving every chain on first use.
func (m *Model) chainLinkOf(p *Profile) chainLink {
	m.chainsOnce.Do(m.resolveChains)
	if p.owner != m || p.index < 0 {
		c := m.resolveChain(p)
		l := chainLink{end: c.End, roles: int32(len(c.Roles)), last: c.Last()}
		if len(c.Roles) > 0 {
			l.lastRole = c.Roles[len(c.Roles)-1]
		}
		return l
	}
	return m.links[p.index]
}

// maxChainNames is how many profiles a chain in a message names before it leaves the middle out.
const maxChainNames = 8

// ChainText is p's chain in one line, its profiles joined by arrows, for a message. A chain longer than
// maxChainNames shows its first profiles, how many it leaves out and its last, so that the messages of
// every profile on a long chain do not add up to the square of its length.
func (m *Model) ChainText(p *Profile) string {
	l := m.chainLinkOf(p)
	steps := int(l.roles)
	if l.lastRole != l.last {
		steps++ // the last step yields credentials (or none) instead of being assumed
	}
	var b strings.Builder
	q := p
	for i := 0; i < steps; i++ {
		if steps > maxChainNames && i == maxChainNames-2 {
			fmt.Fprintf(&b, " → … %d more … → %s", steps-maxChainNames+1, l.last.Name)
			break
		}
		if i > 0 {
			b.WriteString(" → ")
		}
		b.WriteString(q.Name)
		q = m.SourceOf(q)
	}
	return b.String()
}
