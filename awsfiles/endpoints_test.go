package awsfiles

import "testing"

// A service's endpoint resolves in aws-sdk-go-v2's order: ignore switch, the service's variable, the
// global variable, the profile's [services] block, the profile's endpoint_url.
func TestServiceEndpoint(t *testing.T) {
	m := model("[profile p]\nservices = local\nendpoint_url = http://all.example\n\n"+
		"[profile q]\nendpoint_url = http://q.example\nignore_configured_endpoint_urls = true\n\n"+
		"[services local]\nsso_oidc =\n  endpoint_url = http://oidc.example\nsso =\n  region = x\n", "")
	env := func(vars map[string]string) Env {
		return func(k string) (string, bool) { v, ok := vars[k]; return v, ok }
	}
	none := env(nil)
	cases := []struct {
		profile, service string
		vars             map[string]string
		want             string
	}{
		{"p", "sso_oidc", nil, "http://oidc.example"},
		{"p", "sso", nil, "http://all.example"}, // a block without endpoint_url falls through
		{"p", "sso", map[string]string{"AWS_ENDPOINT_URL": "http://global.example"}, "http://global.example"},
		{"p", "sso_oidc", map[string]string{"AWS_ENDPOINT_URL_SSO_OIDC": "http://env.example", "AWS_ENDPOINT_URL": "http://global.example"}, "http://env.example"},
		{"p", "sso_oidc", map[string]string{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true", "AWS_ENDPOINT_URL_SSO_OIDC": "http://env.example"}, ""},
		{"q", "sso", nil, ""},
		{"q", "sso", map[string]string{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "false"}, "http://q.example"},
		{"missing", "sso", map[string]string{"AWS_ENDPOINT_URL_SSO": "http://env.example"}, "http://env.example"},
	}
	for _, c := range cases {
		e := none
		if c.vars != nil {
			e = env(c.vars)
		}
		if got := m.ServiceEndpoint(m.Profile(c.profile), e, c.service); got != c.want {
			t.Errorf("%s %s %v: %q, want %q", c.profile, c.service, c.vars, got, c.want)
		}
	}
}
