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

// Chain returns a profile's source chain. Every rule and handler asks for chains, so they are resolved
// once per model, on first use, and shared: callers must not modify the result.
func (m *Model) Chain(p *Profile) *Chain {
	m.chainsOnce.Do(func() {
		m.chains = make(map[*Profile]*Chain, len(m.Profiles))
		for _, q := range m.Profiles {
			m.chains[q] = m.resolveChain(q)
		}
	})
	if c := m.chains[p]; c != nil {
		return c
	}
	return m.resolveChain(p) // a profile from another model
}

// resolveChain walks a profile's source chain.
func (m *Model) resolveChain(p *Profile) *Chain {
	c := &Chain{Steps: []*Profile{p}}
	visited := map[string]bool{p.Name: true}
	cur := p
	for {
		if !cur.Has("role_arn") || cur.Has("web_identity_token_file") {
			c.finish(cur)
			return c
		}
		src := cur.Get("source_profile")
		if src == nil {
			c.Roles = append(c.Roles, cur)
			if cur.Has("credential_source") {
				c.Source, c.End = KindCredentialSource, EndCredentials
			} else {
				c.End = EndNoSource
			}
			return c
		}
		next := m.Profile(src.Value)
		switch {
		case next == nil:
			c.Roles = append(c.Roles, cur)
			c.End, c.At, c.Missing = EndMissing, src, src.Value
			return c
		case next == cur && cur.HasStaticKeys():
			// A direct self-reference by a profile with its own keys: its keys assume its role.
			c.Roles = append(c.Roles, cur)
			c.Source, c.End = KindStaticKeys, EndCredentials
			return c
		case visited[next.Name]:
			c.Roles = append(c.Roles, cur)
			c.End, c.At = EndCycle, src
			c.Loop = append(c.names(), next.Name)
			return c
		}
		c.Roles = append(c.Roles, cur)
		visited[next.Name] = true
		c.Steps = append(c.Steps, next)
		if next.HasStaticKeys() || !next.Has("role_arn") {
			c.finish(next)
			return c
		}
		cur = next
	}
}

// finish ends the chain at a profile that is not assumed: it yields what it holds itself. A web identity
// profile yields credentials at any position: botocore's provider chain for a source profile starts with
// web identity (spec §6.1) and aws-sdk-go-v2 returns its AssumeRoleWithWebIdentity credentials (§4.2).
func (c *Chain) finish(last *Profile) {
	k := last.ownCredentials()
	if last.Kind() == KindWebIdentity {
		k = KindWebIdentity
	}
	if k == KindNone || k == KindCredentialSource && len(c.Steps) > 1 {
		c.End = EndNoCredentials
		return
	}
	c.Source, c.End = k, EndCredentials
}

func (c *Chain) names() []string {
	out := make([]string, len(c.Steps))
	for i, p := range c.Steps {
		out[i] = p.Name
	}
	return out
}

// Names lists the profiles of the chain, the profile asked for first.
func (c *Chain) Names() []string { return c.names() }

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
			role := "AssumeRole " + p.Value("role_arn")
			if p.Value("mfa_serial") != "" {
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
		if s := last.Get("aws_access_key_id"); s != nil {
			where = fmt.Sprintf(", %s line %d", s.File().Kind, s.Entry.Line.Num+1)
		}
	case KindCredentialSource:
		where = " " + c.Roles[len(c.Roles)-1].Value("credential_source")
	}
	return c.Source.Describe() + where
}
