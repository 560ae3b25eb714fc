package awsfiles

import "strings"

// ServiceEndpoint is the endpoint URL configured for one service when profile p is used, in
// aws-sdk-go-v2's order (each client's resolveBaseEndpoint over config.resolveBaseEndpoint): nothing
// when configured endpoints are ignored (AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, else the profile's
// ignore_configured_endpoint_urls); else AWS_ENDPOINT_URL_<SERVICE>; else AWS_ENDPOINT_URL; else the
// service's endpoint_url in the profile's [services] section; else the profile's endpoint_url. service
// is the key a [services] section uses (sts, sso, sso_oidc); p may be nil (no profile: variables only).
// "" means the service's default endpoint for the region.
func (m *Model) ServiceEndpoint(p *Profile, env Env, service string) string {
	ignore := p != nil && strings.EqualFold(p.Value("ignore_configured_endpoint_urls"), "true")
	if v, ok := env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"); ok && v != "" {
		ignore = strings.EqualFold(v, "true")
	}
	if ignore {
		return ""
	}
	for _, name := range []string{"AWS_ENDPOINT_URL_" + strings.ToUpper(service), "AWS_ENDPOINT_URL"} {
		if v, ok := env(name); ok && v != "" {
			return v
		}
	}
	if p == nil {
		return ""
	}
	if sec := m.ServicesSection(p.Value("services")); sec != nil && p.Value("services") != "" {
		if block := sec.Get(service); block != nil {
			url := ""
			for _, sub := range block.Entry.Sub() {
				if sub.Name() == "endpoint_url" {
					url = sub.Value() // the last one wins, as in aws-sdk-go-v2
				}
			}
			if url != "" {
				return url
			}
		}
	}
	return p.Value("endpoint_url")
}
