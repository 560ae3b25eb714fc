package assume

import (
	"fmt"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
)

// resolveRegion is the region aws-sdk-go-v2 gives a client for the profile (config.resolveRegion over
// its environment config, then its shared config): AWS_REGION, else AWS_DEFAULT_REGION, else the
// profile's region; "" when none is set (the engine then uses us-east-1, as the CLI's global STS
// endpoint does). The AWS CLI also lets AWS_DEFAULT_REGION win over the profile.
func resolveRegion(p *awsfiles.Profile, env LookupEnv) regionChoice {
	for _, name := range []string{"AWS_REGION", "AWS_DEFAULT_REGION"} {
		if v, ok := env(name); ok && v != "" {
			return regionChoice{name: v, where: name}
		}
	}
	set := p.Get("region")
	if set == nil {
		return regionChoice{}
	}
	return regionChoice{name: set.Value, where: fmt.Sprintf("%s:%d", set.File().Path, set.Entry.Line.Num+1)}
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
