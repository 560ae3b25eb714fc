package conformance

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/rolecall/rolecall/awsfiles"
)

// observation is what one reader (the awsfiles model, aws-sdk-go-v2, botocore) makes of one profile.
// Fields holds the compared values in a shared vocabulary ("" for an absent key); a field the reader
// cannot tell (because it failed, or because it clears that setting, see sdkClears) is left out and
// not compared. Err is a load-time failure of the profile; it never comes from the model.
type observation struct {
	Fields map[string]string
	Err    string
}

// settingFields are the settings compared as plain strings: the value each reader ends up with.
var settingFields = []string{
	"region", "role_arn", "source_profile", "external_id", "mfa_serial", "role_session_name",
	"credential_source", "credential_process", "web_identity_token_file", "sso_session",
	"sso_start_url", "sso_region", "sso_account_id", "sso_role_name", "services", "endpoint_url",
}

// derivedFields are compared too, in a normalised form: whether the profile exists, its duration as an
// integer number of seconds, whether it holds an access key ID, and the flattened [services] values.
var derivedFields = []string{"exists", "duration_seconds", "has_key_id", "services_values"}

func allFields() []string { return append(append([]string{}, derivedFields...), settingFields...) }

// sdkClears are the settings aws-sdk-go-v2 clears on a profile with a source_profile (the source must
// provide the credentials, spec §4.3 step 6): for such a profile the SDK cannot tell us their values.
var sdkClears = []string{"credential_source", "credential_process", "web_identity_token_file",
	"has_key_id", "sso_start_url", "sso_region", "sso_account_id", "sso_role_name"}

// observeModel reads a profile from the awsfiles model.
func observeModel(m *awsfiles.Model, name string) observation {
	p := m.Profile(name)
	if p == nil {
		return observation{Fields: map[string]string{"exists": "no"}}
	}
	f := map[string]string{"exists": "yes"}
	for _, k := range settingFields {
		f[k] = p.Value(k)
	}
	f["duration_seconds"] = modelDuration(p)
	f["has_key_id"] = yesNo(p.Value("aws_access_key_id") != "")
	f["services_values"] = modelServicesValues(m, p.Value("services"))
	return observation{Fields: f}
}

var decimal = regexp.MustCompile(`^[0-9]+$`)

// modelDuration is the duration a person meant: a plain decimal number of seconds. Anything else is
// "invalid(...)", which never equals what a tool reads, so the two tools' readings are compared.
func modelDuration(p *awsfiles.Profile) string {
	if !p.Has("duration_seconds") {
		return ""
	}
	v := p.Value("duration_seconds")
	if !decimal.MatchString(v) {
		return "invalid(" + v + ")"
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return "invalid(" + v + ")"
	}
	return strconv.Itoa(n)
}

func modelServicesValues(m *awsfiles.Model, name string) string {
	s := m.ServicesSection(name)
	if name == "" || s == nil {
		return ""
	}
	var items []string
	for _, setting := range s.Settings() {
		for _, sub := range setting.Entry.Sub() {
			items = append(items, fmt.Sprintf("%s.%s=%s", setting.Name(), sub.Name(), sub.Value()))
		}
	}
	sort.Strings(items)
	return strings.Join(items, "\n")
}

// observeSDK loads a profile with aws-sdk-go-v2, exactly as a Go program that names a profile does. A
// panic (spec §11 row 3) is an observation, not a test failure.
func observeSDK(ctx context.Context, configPath, credentialsPath, name string) (o observation) {
	defer func() {
		if r := recover(); r != nil {
			o = observation{Fields: map[string]string{}, Err: fmt.Sprintf("panic: %v", r)}
		}
	}()
	sc, err := config.LoadSharedConfigProfile(ctx, name, func(opts *config.LoadSharedConfigOptions) {
		opts.ConfigFiles = []string{configPath}
		opts.CredentialsFiles = []string{credentialsPath}
	})
	if _, ok := err.(config.SharedConfigProfileNotExistError); ok {
		return observation{Fields: map[string]string{"exists": "no"}}
	}
	if err != nil {
		return observation{Fields: map[string]string{"exists": "yes"}, Err: err.Error()}
	}
	return observation{Fields: sdkFields(sc)}
}

func sdkFields(sc config.SharedConfig) map[string]string {
	f := map[string]string{
		"exists": "yes", "region": sc.Region, "role_arn": sc.RoleARN, "source_profile": sc.SourceProfileName,
		"external_id": sc.ExternalID, "mfa_serial": sc.MFASerial, "role_session_name": sc.RoleSessionName,
		"credential_source": sc.CredentialSource, "credential_process": sc.CredentialProcess,
		"web_identity_token_file": sc.WebIdentityTokenFile, "sso_session": sc.SSOSessionName,
		"sso_start_url": sc.SSOStartURL, "sso_region": sc.SSORegion, "sso_account_id": sc.SSOAccountID,
		"sso_role_name": sc.SSORoleName, "services": sc.ServicesSectionName, "endpoint_url": sc.BaseEndpoint,
		"has_key_id": yesNo(sc.Credentials.AccessKeyID != ""),
	}
	f["duration_seconds"] = ""
	if sc.RoleDurationSeconds != nil {
		f["duration_seconds"] = strconv.Itoa(int(sc.RoleDurationSeconds.Seconds()))
	}
	var items []string
	for service, values := range sc.Services.ServiceValues {
		for k, v := range values {
			items = append(items, fmt.Sprintf("%s.%s=%s", service, k, v))
		}
	}
	sort.Strings(items)
	f["services_values"] = strings.Join(items, "\n")
	if sc.SourceProfileName != "" {
		for _, k := range sdkClears {
			delete(f, k)
		}
	}
	return f
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
