package conformance

import (
	"bytes"
	"fmt"
)

// Generated is a realistic pair of AWS files for the benchmark.
type Generated struct {
	Config      []byte
	Credentials []byte
	// Roles is the number of assume-role profiles in the config file.
	Roles int
	// Lookup is a role profile at the end of a two-hop chain near the end of the file: the profile the
	// SDK is asked to load (it parses both whole files whichever profile is asked for).
	Lookup string
}

var (
	regions   = []string{"us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1"}
	roleNames = []string{"Admin", "ReadOnly", "ops/Deploy", "PowerUser", "data/Analyst", "Billing"}
)

// Generate makes a config file with roles assume-role profiles (about 200 bytes each: 10,000 make about
// 2 MB) and a credentials file with one base profile, holding EXAMPLE keys, per ten roles. The output is
// the same for the same roles: no randomness, so benchmark runs compare like with like.
//
// Shapes, in fixed proportions: every role has role_arn, source_profile and region; every fourth role
// sources another role (a two-hop chain, no duration over an hour); a third of the others require MFA;
// some set role_session_name, external_id, duration_seconds, a nested s3 block or a comment; some bases
// also have a [profile] section in the config file; and there are a few SSO profiles, an sso-session and
// a services section with a nested block.
func Generate(roles int) Generated {
	bases := roles / 10
	if bases < 1 {
		bases = 1
	}
	var cfg, creds bytes.Buffer
	writePreamble(&cfg)
	for j := 0; j < bases; j++ {
		writeBase(&creds, &cfg, j)
	}
	lookup := ""
	for i := 0; i < roles; i++ {
		if isChained(i) {
			lookup = roleName(i)
		}
		writeRole(&cfg, i, bases)
		if i%100 == 50 {
			writeSSO(&cfg, i)
		}
	}
	if lookup == "" {
		lookup = roleName(roles - 1)
	}
	return Generated{Config: cfg.Bytes(), Credentials: creds.Bytes(), Roles: roles, Lookup: lookup}
}

func writePreamble(b *bytes.Buffer) {
	b.WriteString("# AWS CLI and SDK configuration for the platform team.\n# Generated profiles: do not edit by hand.\n\n")
	b.WriteString("[default]\nregion = us-east-1\noutput = json\n\n")
	b.WriteString("[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n" +
		"sso_registration_scopes = sso:account:access\n\n")
	b.WriteString("[services local]\ns3 =\n  endpoint_url = http://127.0.0.1:4566\ndynamodb =\n  endpoint_url = http://127.0.0.1:8000\n\n")
}

// writeBase writes a credentials profile with long-term keys; every fifth also gets a config section
// (the same profile in both files, as `aws configure` leaves it).
func writeBase(creds, cfg *bytes.Buffer, j int) {
	fmt.Fprintf(creds, "[%s]\naws_access_key_id = AKIA%09dEXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPx%09dEXAMPLEKEY\n",
		baseName(j), j, j)
	if j%3 == 0 {
		fmt.Fprintf(creds, "region = %s\n", regions[j%len(regions)])
	}
	creds.WriteString("\n")
	if j%5 == 0 {
		fmt.Fprintf(cfg, "[profile %s]\nregion = %s\noutput = table\n\n", baseName(j), regions[(j+1)%len(regions)])
	}
}

func writeRole(b *bytes.Buffer, i, bases int) {
	if i%5 == 0 {
		fmt.Fprintf(b, "# Team %04d, account %s (owner: team%04d@example.com, on-call rota in the wiki)\n", i/5, account(i), i/5)
	}
	fmt.Fprintf(b, "[profile %s]\nrole_arn = arn:aws:iam::%s:role/%s\n", roleName(i), account(i), roleNames[i%len(roleNames)])
	if isChained(i) {
		fmt.Fprintf(b, "source_profile = %s\n", roleName(i-1))
	} else {
		fmt.Fprintf(b, "source_profile = %s\n", baseName(i%bases))
		if i%3 == 0 {
			fmt.Fprintf(b, "mfa_serial = arn:aws:iam::%s:mfa/user-%03d\n", account(i%bases), i%bases)
		}
	}
	fmt.Fprintf(b, "region = %s\n", regions[i%len(regions)])
	if i%5 == 0 {
		fmt.Fprintf(b, "role_session_name = rolecall-%05d\n", i)
	}
	if i%7 == 0 {
		fmt.Fprintf(b, "external_id = ext-%05d-EXAMPLE\n", i)
	}
	if i%4 == 1 {
		b.WriteString("duration_seconds = 3600\n")
	}
	if i%25 == 0 {
		b.WriteString("s3 =\n    max_concurrent_requests = 20\n    multipart_threshold = 64MB\n")
	}
	b.WriteString("\n")
}

func writeSSO(b *bytes.Buffer, i int) {
	fmt.Fprintf(b, "[profile sso-%05d]\nsso_session = corp\nsso_account_id = %s\nsso_role_name = ReadOnly\nregion = %s\n\n",
		i, account(i), regions[i%len(regions)])
}

// isChained marks every fourth role: it sources the role before it instead of a base profile.
func isChained(i int) bool { return i%4 == 3 }

func roleName(i int) string {
	return fmt.Sprintf("app%05d-%s", i, []string{"admin", "read", "deploy", "chain"}[i%4])
}

func baseName(j int) string { return fmt.Sprintf("base-%04d", j) }

func account(i int) string { return fmt.Sprintf("%012d", 100000000000+i%500*7919) }
