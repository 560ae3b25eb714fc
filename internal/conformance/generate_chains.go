package conformance

import (
	"bytes"
	"fmt"
)

// The shapes below are hostile rather than realistic: they are what a file that grew by accident (or was
// written to hurt) looks like, and they keep chain resolution linear in the number of profiles.

// GenerateCycle makes a config file whose n role profiles form one source_profile loop:
// loop-00000 → loop-00001 → … → loop-(n-1) → loop-00000. Every profile's chain runs into the same cycle.
func GenerateCycle(n int) Generated {
	var cfg bytes.Buffer
	for i := 0; i < n; i++ {
		fmt.Fprintf(&cfg, "[profile %s]\nrole_arn = arn:aws:iam::%s:role/Loop\nsource_profile = %s\nregion = eu-west-1\n\n",
			loopName(i), account(i), loopName((i+1)%n))
	}
	return Generated{Config: cfg.Bytes(), Roles: n, Lookup: loopName(0)}
}

// GenerateDeepChain makes n role profiles, each the source_profile of the one before, ending at a base
// profile with EXAMPLE keys: a chain n hops deep. When broken is true the base holds no credentials, so
// every chain ends without them. Every hop asks for two-hour sessions, which role chaining refuses, so
// each profile draws a diagnostic that speaks of its chain.
func GenerateDeepChain(n int, broken bool) Generated {
	var cfg, creds bytes.Buffer
	for i := 0; i < n; i++ {
		src := hopName(i + 1)
		if i == n-1 {
			src = baseName(0)
		}
		fmt.Fprintf(&cfg, "[profile %s]\nrole_arn = arn:aws:iam::%s:role/Hop\nsource_profile = %s\nregion = eu-west-1\nduration_seconds = 7200\n\n",
			hopName(i), account(i), src)
	}
	if broken {
		fmt.Fprintf(&cfg, "[profile %s]\nregion = eu-west-1\n", baseName(0))
	} else {
		writeBase(&creds, &cfg, 0)
	}
	return Generated{Config: cfg.Bytes(), Credentials: creds.Bytes(), Roles: n, Lookup: hopName(0)}
}

func loopName(i int) string { return fmt.Sprintf("loop-%05d", i) }

func hopName(i int) string { return fmt.Sprintf("hop-%05d", i) }
