package awsfiles

import (
	"fmt"
	"strings"
)

// ChainEnd says how a source chain ends.
type ChainEnd int

const (
	EndCredentials   ChainEnd = iota // a profile yields credentials (Chain.Source says which kind)
	EndMissing                       // a source_profile names no profile
	EndCycle                         // a source_profile returns to a profile already on the chain
	EndNoCredentials                 // the last profile yields nothing
	EndNoSource                      // a role profile has neither source_profile nor credential_source
)

// Chain is a profile's resolved source chain, as the AWS CLI (botocore) walks it (spec §6.1): from the
// profile asked for, through each source_profile, to the profile whose credentials start it all.
type Chain struct {
	Steps  []*Profile  // the profile asked for first; the last holds the credentials
	Roles  []*Profile  // the steps whose role is assumed, last-assumed first (a prefix of Steps)
	Source ProfileKind // what the last step yields (EndCredentials only)
	End    ChainEnd
	// At is the setting where the chain broke (the dangling or looping source_profile) and Missing the
	// name it gave; Loop lists the profiles of a cycle.
	At      *Setting
	Missing string
	Loop    []string
}

// Chain returns a profile's source chain, made on each call in time proportional to its length: a hover
// or a message asks for a few, and keeping every profile's would cost the square of a long chain.
func (m *Model) Chain(p *Profile) *Chain {
	m.chainsOnce.Do(m.resolveChains)
	return m.resolveChain(p)
}

// SourceOf is the profile that p's source_profile names, or nil.
func (m *Model) SourceOf(p *Profile) *Profile {
	m.chainsOnce.Do(m.resolveChains)
	if p.owner == m && p.index >= 0 {
		return p.source
	}
	if src := p.Setting(KeySourceProfile); src != nil {
		return m.Profile(src.Value())
	}
	return nil
}

// resolveChain walks one profile's source chain into a chain of its own.
func (m *Model) resolveChain(p *Profile) *Chain {
	c := &Chain{}
	var w chainWalk
	roles := m.walkChain(c, p, &w)
	c.Steps = w.steps
	if roles > 0 {
		c.Roles = c.Steps[:roles:roles]
	}
	return c
}

// chainWalk is the scratch state of walkChain.
type chainWalk struct {
	steps   []*Profile
	visited map[string]bool // the names of steps, once a chain is too long to search them in a line
}

// seen reports whether a profile of this name is already on the chain.
func (w *chainWalk) seen(name string) bool {
	if w.visited != nil {
		return w.visited[name]
	}
	for _, s := range w.steps {
		if s.Name == name {
			return true
		}
	}
	return false
}

func (w *chainWalk) push(p *Profile) {
	w.steps = append(w.steps, p)
	if w.visited != nil {
		w.visited[p.Name] = true
	} else if len(w.steps) > 32 {
		w.visited = make(map[string]bool, 64)
		for _, s := range w.steps {
			w.visited[s.Name] = true
		}
	}
}

// walkChain follows a profile's source_profile settings into w.steps and sets how the chain ends. It
// returns how many of the steps assume their role: the roles are always the first steps.
func (m *Model) walkChain(c *Chain, p *Profile, w *chainWalk) (roles int) {
	w.push(p)
	cur := p
	for {
		if !cur.IsSet(KeyRoleARN) || cur.IsSet(KeyWebIdentityTokenFile) {
			c.finish(cur, len(w.steps))
			return roles
		}
		src := cur.Setting(KeySourceProfile)
		if src == nil {
			if cur.IsSet(KeyCredentialSource) {
				c.Source, c.End = KindCredentialSource, EndCredentials
			} else {
				c.End = EndNoSource
			}
			return roles + 1
		}
		next := cur.source // resolved by resolveChains for the model's own profiles
		if cur.owner != m || cur.index < 0 {
			next = m.Profile(src.Value())
		}
		switch {
		case next == nil:
			c.End, c.At, c.Missing = EndMissing, src, src.Value()
			return roles + 1
		case next == cur && cur.HasStaticKeys():
			// A direct self-reference by a profile with its own keys: its keys assume its role.
			c.Source, c.End = KindStaticKeys, EndCredentials
			return roles + 1
		case w.seen(next.Name):
			c.End, c.At = EndCycle, src
			c.Loop = make([]string, len(w.steps), len(w.steps)+1)
			for i, s := range w.steps {
				c.Loop[i] = s.Name
			}
			c.Loop = append(c.Loop, next.Name)
			return roles + 1
		}
		roles++
		w.push(next)
		if next.HasStaticKeys() || !next.IsSet(KeyRoleARN) {
			c.finish(next, len(w.steps))
			return roles
		}
		cur = next
	}
}

// finish ends the chain at a profile that is not assumed: it yields what it holds itself. A web identity
// profile yields credentials at any position: botocore's provider chain for a source profile starts with
// web identity (spec §6.1) and aws-sdk-go-v2 returns its AssumeRoleWithWebIdentity credentials (§4.2).
func (c *Chain) finish(last *Profile, steps int) {
	c.End, c.Source = finishEnd(last, steps)
}

// finishEnd is how a chain of this many steps ends at a profile that is not assumed.
func finishEnd(last *Profile, steps int) (ChainEnd, ProfileKind) {
	k := last.OwnCredentials()
	if last.Kind() == KindWebIdentity {
		k = KindWebIdentity
	}
	if k == KindNone || k == KindCredentialSource && steps > 1 {
		return EndNoCredentials, KindNone
	}
	return EndCredentials, k
}

// Names lists the profiles of the chain, the profile asked for first.
func (c *Chain) Names() []string {
	out := make([]string, len(c.Steps))
	for i, p := range c.Steps {
		out[i] = p.Name
	}
	return out
}

// Last is the profile where the chain ends.
func (c *Chain) Last() *Profile { return c.Steps[len(c.Steps)-1] }

// OK reports whether the chain ends in credentials.
func (c *Chain) OK() bool { return c.End == EndCredentials }

// String is the chain in one line, e.g.
// `dev-admin → AssumeRole arn:aws:iam::111122223333:role/Admin (MFA) → base (static keys, credentials line 12)`.
// It never contains a secret.
func (c *Chain) String() string {
	var parts []string
	for i, p := range c.Steps {
		parts = append(parts, p.Name)
		if i < len(c.Roles) {
			role := "AssumeRole " + p.ValueOf(KeyRoleARN)
			if p.ValueOf(KeyMFASerial) != "" {
				role += " (MFA)"
			}
			parts = append(parts, role)
		}
	}
	switch {
	case len(c.Roles) < len(c.Steps):
		parts[len(parts)-1] += " (" + c.describeEnd() + ")"
	case c.End == EndCredentials && c.Source == KindStaticKeys:
		parts = append(parts, c.Last().Name+" ("+c.describeEnd()+")")
	default:
		parts = append(parts, c.describeEnd())
	}
	return strings.Join(parts, " → ")
}

func (c *Chain) describeEnd() string {
	switch c.End {
	case EndMissing:
		return fmt.Sprintf("source_profile %q does not exist", c.Missing)
	case EndCycle:
		return "back to " + c.Loop[len(c.Loop)-1] + " (a cycle)"
	case EndNoCredentials:
		return "no credentials"
	case EndNoSource:
		return "no source_profile or credential_source"
	}
	last := c.Last()
	where := ""
	switch c.Source {
	case KindStaticKeys:
		if s := last.Setting(KeyAccessKeyID); s != nil {
			where = fmt.Sprintf(", %s line %d", s.File().Kind, s.Entry.Line.Num()+1)
		}
	case KindCredentialSource:
		// The role that uses it, or the profile itself when it has credential_source without role_arn.
		src := last
		if n := len(c.Roles); n > 0 {
			src = c.Roles[n-1]
		}
		where = " " + src.ValueOf(KeyCredentialSource)
	}
	return c.Source.Describe() + where
}
