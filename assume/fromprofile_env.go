package assume

import (
	"strings"
	"unicode/utf8"

	"github.com/rolecall/rolecall/awsfiles"
)

// resolveRegion is the region aws-sdk-go-v2 gives a client for the profile (config.resolveRegion over
// its environment config, then its shared config): AWS_REGION, else AWS_DEFAULT_REGION, else the
// profile's region; "" when none is set (the engine then uses us-east-1, as the CLI's global STS
// endpoint does). The AWS CLI also lets AWS_DEFAULT_REGION win over the profile.
func resolveRegion(p *awsfiles.Profile, env LookupEnv) string {
	for _, name := range []string{"AWS_REGION", "AWS_DEFAULT_REGION"} {
		if v, ok := env(name); ok && v != "" {
			return v
		}
	}
	return p.Value("region")
}

// resolveSTSEndpoint is the STS endpoint URL aws-sdk-go-v2 uses for the profile ("" = the default for
// the region), in the SDK's order (service/sts resolveBaseEndpoint and config.resolveBaseEndpoint):
// nothing when configured endpoints are ignored (AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, else the
// profile's ignore_configured_endpoint_urls); else AWS_ENDPOINT_URL_STS; else AWS_ENDPOINT_URL; else
// the `sts` block's endpoint_url in the profile's [services] section; else the profile's endpoint_url.
func resolveSTSEndpoint(m *awsfiles.Model, p *awsfiles.Profile, env LookupEnv) string {
	ignore := strings.EqualFold(p.Value("ignore_configured_endpoint_urls"), "true")
	if v, ok := env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"); ok && v != "" {
		ignore = strings.EqualFold(v, "true")
	}
	if ignore {
		return ""
	}
	for _, name := range []string{"AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL"} {
		if v, ok := env(name); ok && v != "" {
			return v
		}
	}
	if v := servicesEndpoint(m, p.Value("services"), "sts"); v != "" {
		return v
	}
	return p.Value("endpoint_url")
}

// servicesEndpoint reads `service =` + indented `endpoint_url = …` from a [services NAME] section.
func servicesEndpoint(m *awsfiles.Model, section, service string) string {
	if section == "" {
		return ""
	}
	sec := m.ServicesSection(section)
	if sec == nil {
		return ""
	}
	block := sec.Get(service)
	if block == nil {
		return ""
	}
	url := ""
	for _, sub := range block.Entry.Sub {
		if sub.Name == "endpoint_url" {
			url = sub.Value // the last one wins, as in aws-sdk-go-v2
		}
	}
	return url
}

// suggestName returns the candidate closest to name for a did-you-mean hint, or "": case and '-'/'_'
// swaps are free, then an edit distance of 1 (names up to 4 characters), 2 (up to 8) or 3 is accepted,
// but never one as large as the shorter name. It follows the rules' own suggestions (awsfiles).
func suggestName(name string, candidates []string) string {
	norm := strings.ReplaceAll(strings.ToLower(name), "_", "-")
	size := utf8.RuneCountInString(norm)
	limit := 3
	switch {
	case size <= 4:
		limit = 1
	case size <= 8:
		limit = 2
	}
	best, bestD := "", limit+1
	for _, c := range candidates {
		if c == name {
			continue
		}
		cn := strings.ReplaceAll(strings.ToLower(c), "_", "-")
		d := editDistance(norm, cn)
		if d > 0 && d >= min(size, utf8.RuneCountInString(cn)) {
			continue
		}
		if d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
