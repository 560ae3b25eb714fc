package conformance

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/awsfiles/rules"
)

// The benchmark is only as fair as its input: these tests pin down that the generated files are
// deterministic, of the advertised size, readable by aws-sdk-go-v2, and clean for the rules (a false
// alarm on every profile would measure diagnostics, not checking).

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := Generate(1000), Generate(1000)
	if !bytes.Equal(a.Config, b.Config) || !bytes.Equal(a.Credentials, b.Credentials) || a.Lookup != b.Lookup {
		t.Fatal("Generate(1000) gave different files on two calls; benchmark runs would not be comparable")
	}
}

func TestGenerateSize(t *testing.T) {
	g := Generate(10000)
	if n := len(g.Config); n < 1_600_000 || n > 2_600_000 {
		t.Errorf("the 10,000-role config file is %d bytes, want about 2 MB", n)
	}
	if n := bytes.Count(g.Credentials, []byte("\n[")) + 1; n != 1000 {
		t.Errorf("the credentials file has %d profiles, want 1,000", n)
	}
	if n := bytes.Count(g.Config, []byte("role_arn = ")); n != 10000 {
		t.Errorf("the config file has %d role profiles, want 10,000", n)
	}
	if !bytes.Contains(g.Credentials, []byte("EXAMPLE")) || bytes.Contains(g.Config, []byte("aws_secret_access_key")) {
		t.Error("keys must be EXAMPLE keys and live only in the credentials file")
	}
}

func TestGeneratedFilesLoadInTheSDK(t *testing.T) {
	g := Generate(100)
	configPath, credentialsPath := writeGenerated(t, g)
	for _, name := range []string{g.Lookup, roleName(0), roleName(1), "sso-00050", "default"} {
		sc, err := config.LoadSharedConfigProfile(context.Background(), name, func(o *config.LoadSharedConfigOptions) {
			o.ConfigFiles = []string{configPath}
			o.CredentialsFiles = []string{credentialsPath}
		})
		if err != nil {
			t.Errorf("aws-sdk-go-v2 cannot load generated profile %s: %v", name, err)
			continue
		}
		if name == g.Lookup && (sc.Source == nil || sc.Source.Source == nil) {
			t.Errorf("the benchmark's profile %s should be a two-hop chain", name)
		}
	}
}

func TestGeneratedFilesAreClean(t *testing.T) {
	g := Generate(100)
	m := awsfiles.NewModel(awsfiles.Parse(awsfiles.ConfigFile, "config", g.Config),
		awsfiles.Parse(awsfiles.CredentialsFile, "credentials", g.Credentials))
	var alarms []string
	for _, d := range rules.Check(m) {
		if d.Severity <= rules.SeverityWarning {
			alarms = append(alarms, formatDiag(d))
		}
	}
	if len(alarms) > 0 {
		t.Errorf("Check reports %d warnings or errors on the generated files (false alarms or a generator bug):\n%s",
			len(alarms), strings.Join(alarms[:min(len(alarms), 20)], "\n"))
	}
}
