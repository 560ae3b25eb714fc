package rules

import (
	"fmt"
	"strconv"

	"github.com/rolecall/rolecall/awsfiles"
)

// Quiet notes for programs built on aws-sdk-go-v2 (spec §4.3, §11 rows 35 and 46): the profile is fine
// for the AWS CLI, but a Go program needs something extra to use it. Hints, so they never shout.

// mfaTokenProviders reports mfa-token-provider once per file. The hint has one cause, a Go program that sets
// no token provider, shared by every MFA role profile. So the first such profile of the file carries it, and
// the next ones are its related locations, up to maxMFARelated: a file of 2,000 MFA roles publishes one hint,
// not 2,000 (issue 11). The hover of mfa_serial still explains the profile it is on.
type mfaTokenProviders struct {
	files []*mfaRolesOfFile
	index map[*awsfiles.File]*mfaRolesOfFile
}

type mfaRolesOfFile struct {
	file  *awsfiles.File
	first []mfaRole // the carrier, then up to maxMFARelated others
	count int
}

type mfaRole struct {
	profile *awsfiles.Profile
	serial  *awsfiles.Setting
}

// maxMFARelated bounds the related locations of the one hint; the message gives the full count.
const maxMFARelated = 10

func (r *mfaTokenProviders) check(c *checker, p *awsfiles.Profile) {
	v := mfaVerdictUnknown
	if sc := c.scope; sc != nil && sc.mfaBefore != nil && !sc.affected[p.Index()] {
		v = sc.mfaBefore[p.Index()] // Recheck runs this on every profile: an untouched one's verdict stands
	}
	if v == mfaVerdictUnknown {
		v = mfaVerdictOf(p)
	}
	if sc := c.scope; sc != nil {
		sc.mfaAfter[p.Index()] = v
	}
	if v == mfaVerdictNone {
		return
	}
	f := c.m.Config
	if v == mfaVerdictCredentials {
		f = c.m.Credentials
	}
	if r.index == nil {
		r.index = map[*awsfiles.File]*mfaRolesOfFile{}
	}
	of := r.index[f]
	if of == nil {
		of = &mfaRolesOfFile{file: f}
		r.index[f] = of
		r.files = append(r.files, of)
	}
	of.count++
	if len(of.first) <= maxMFARelated {
		s := p.Setting(awsfiles.KeyMFASerial)
		of.first = append(of.first, mfaRole{p, s})
	}
}

// What mfaTokenProviders found of one profile, kept from one Recheck to the next.
const (
	mfaVerdictUnknown     uint8 = iota
	mfaVerdictNone              // not a role profile with an mfa_serial
	mfaVerdictConfig            // one, whose mfa_serial is in the config file
	mfaVerdictCredentials       // one, whose mfa_serial is in the credentials file
)

func mfaVerdictOf(p *awsfiles.Profile) uint8 {
	// The tests that read only the profile itself come first, so that the settings of the profiles without
	// an MFA role are not read from memory at all.
	if !p.IsSet(awsfiles.KeyMFASerial) || !assumesRole(p) {
		return mfaVerdictNone
	}
	s := p.Setting(awsfiles.KeyMFASerial)
	switch {
	case s.Value() == "":
		return mfaVerdictNone
	case s.File().Kind == awsfiles.CredentialsFile:
		return mfaVerdictCredentials
	}
	return mfaVerdictConfig
}

func (r *mfaTokenProviders) done(c *checker) {
	for _, of := range r.files {
		carrier := of.first[0]
		who := "Profile " + strconv.Quote(carrier.profile.Name) + " needs"
		if of.count > 1 {
			who = "Profile " + strconv.Quote(carrier.profile.Name) + " and " + strconv.Itoa(of.count-1) + " more need"
		}
		var opts []diagOption
		for _, other := range of.first[1:] {
			opts = append(opts, related(of.file, other.serial.Entry.Line.Key(), "Profile "+strconv.Quote(other.profile.Name)+" also needs an MFA code"))
		}
		c.report(of.file, carrier.serial.Entry.Line.Key(), SeverityHint, "mfa-token-provider", who+
			" an MFA code; a Go program must set a TokenProvider. The AWS CLI prompts for the code, but a program built on aws-sdk-go-v2 "+
			"can use these profiles only if it sets stscreds.AssumeRoleOptions.TokenProvider (such as stscreds.StdinTokenProvider); otherwise loading fails with "+
			"\"assume role with MFA enabled, but AssumeRoleTokenProvider session option not set.\" This hint is given once per file.", opts...)
	}
}

func checkRoleWithoutRegion(c *checker, p *awsfiles.Profile) {
	role := p.Setting(awsfiles.KeyRoleARN)
	if role == nil || role.Value() == "" || p.IsSet(awsfiles.KeyRegion) { // an empty region is empty-value's
		return
	}
	msg := fmt.Sprintf("Profile %q has no region; add one, or aws-sdk-go-v2 cannot assume its role. The AWS CLI calls the global STS "+
		"endpoint, but aws-sdk-go-v2 fails to assume the role (\"Invalid Configuration: Missing Region\") unless AWS_REGION is set; "+
		"the region of [default] is not used for another profile.", p.Name)
	var opts []diagOption
	if d := c.m.Profile("default"); d != nil && d != p && d.ValueOf(awsfiles.KeyRegion) != "" {
		opts = append(opts, fix("Add region = "+d.ValueOf(awsfiles.KeyRegion), false, assumeInsertAfter(role.Entry, "region = "+d.ValueOf(awsfiles.KeyRegion))))
	}
	c.report(role.File(), role.Entry.Line.Key(), SeverityHint, "role-without-region", msg, opts...)
}
