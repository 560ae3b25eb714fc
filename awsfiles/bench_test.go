package awsfiles

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/config"
	"gopkg.in/ini.v1"
)

// BenchmarkCheckFiles is the package's own copy of internal/conformance's BenchmarkFiles (same generator,
// same files on disk), so that the parser and the rules can be tuned here without depending on that
// package. For each size it measures:
//
//	full    what `rolecall check` does: read both files, Parse, NewModel, Check
//	parse   Parse of both files (in memory)
//	model   NewModel, on parsed files (Check resolves what it needs of the chains)
//	check   Check alone, on a fresh model each time (its chains resolved inside the timer)
//	sdk     aws-sdk-go-v2's LoadSharedConfigProfile of one profile, the yardstick of issue 2
//	ini     gopkg.in/ini.v1's Load of both files
//
// Besides wall time, each reports cpu-ns/op, the process's CPU time per operation (garbage collection
// included), which is steadier than wall time on a shared machine.
//
// Targets (issue 2): full at 10,000 roles at least 8 times faster than sdk, under 3 times the file size
// in allocated bytes, and full at 10,000 at most 12 times full at 1,000.
func BenchmarkCheckFiles(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		g := benchGenerate(n)
		dir := b.TempDir()
		cfgPath, credPath := filepath.Join(dir, "config"), filepath.Join(dir, "credentials")
		if err := os.WriteFile(cfgPath, g.Config, 0o600); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(credPath, g.Credentials, 0o600); err != nil {
			b.Fatal(err)
		}
		size := float64(len(g.Config) + len(g.Credentials))
		run := func(name string, body func(b *testing.B)) {
			b.Run(fmt.Sprintf("roles=%d/%s", n, name), func(b *testing.B) {
				b.ReportAllocs()
				cpu := processCPU()
				body(b)
				b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
				b.ReportMetric(size, "filebytes")
			})
		}
		run("full", func(b *testing.B) {
			for b.Loop() {
				benchCheckSink = benchCheckFromDisk(b, cfgPath, credPath)
			}
		})
		run("parse", func(b *testing.B) {
			for b.Loop() {
				benchParse(g)
			}
		})
		run("model", func(b *testing.B) {
			cfg, creds := benchParse(g)
			for b.Loop() {
				benchModelSink = NewModel(cfg, creds)
			}
		})
		run("check", func(b *testing.B) {
			cfg, creds := benchParse(g)
			for b.Loop() {
				benchCheckSink = len(Check(NewModel(cfg, creds)))
			}
		})
		run("sdk", func(b *testing.B) {
			ctx := context.Background()
			for b.Loop() {
				sc, err := config.LoadSharedConfigProfile(ctx, g.Lookup, func(o *config.LoadSharedConfigOptions) {
					o.ConfigFiles, o.CredentialsFiles = []string{cfgPath}, []string{credPath}
				})
				if err != nil {
					b.Fatalf("aws-sdk-go-v2 cannot load %s: %v", g.Lookup, err)
				}
				benchCheckSink = len(sc.RoleARN)
			}
		})
		run("ini", func(b *testing.B) {
			for b.Loop() {
				f, err := ini.Load(cfgPath, credPath)
				if err != nil {
					b.Fatalf("ini.v1 cannot load the generated files: %v", err)
				}
				benchCheckSink = len(f.Sections())
			}
		})
	}
}

var (
	benchCheckSink int
	benchModelSink *Model
)

func benchParse(g benchFiles) (*File, *File) {
	return Parse(ConfigFile, "config", g.Config), Parse(CredentialsFile, "credentials", g.Credentials)
}

func benchCheckFromDisk(tb testing.TB, cfgPath, credPath string) int {
	cfg, err := os.ReadFile(cfgPath)
	if err != nil {
		tb.Fatal(err)
	}
	creds, err := os.ReadFile(credPath)
	if err != nil {
		tb.Fatal(err)
	}
	m := NewModel(Parse(ConfigFile, cfgPath, cfg), Parse(CredentialsFile, credPath, creds))
	return len(Check(m))
}

// TestBenchFilesAreClean keeps the benchmark honest: the generated files draw no errors or warnings, so
// the benchmark measures the rules on realistic input rather than on a flood of diagnostics.
func TestBenchFilesAreClean(t *testing.T) {
	g := benchGenerate(1000)
	m := NewModel(Parse(ConfigFile, "config", g.Config), Parse(CredentialsFile, "credentials", g.Credentials))
	for _, d := range Check(m) {
		if d.Severity <= SeverityWarning {
			t.Errorf("%s: %s", format(d), d.Message)
		}
	}
	if p := m.Profile(g.Lookup); p == nil || !m.Chain(p).OK() {
		t.Fatalf("the looked-up profile %q does not resolve", g.Lookup)
	}
}

// benchFiles is a generated pair of files; Lookup is the profile the SDK loads (a two-hop chain).
type benchFiles struct {
	Config, Credentials []byte
	Lookup              string
}

var (
	benchRegions   = []string{"us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1"}
	benchRoleNames = []string{"Admin", "ReadOnly", "ops/Deploy", "PowerUser", "data/Analyst", "Billing"}
)

// benchGenerate is internal/conformance's Generate: roles assume-role profiles of about 200 bytes in the
// config file, one credentials profile with EXAMPLE keys per ten roles, chains, MFA, nested blocks, SSO.
func benchGenerate(roles int) benchFiles {
	bases := max(roles/10, 1)
	var cfg, creds bytes.Buffer
	cfg.WriteString("# AWS CLI and SDK configuration for the platform team.\n# Generated profiles: do not edit by hand.\n\n")
	cfg.WriteString("[default]\nregion = us-east-1\noutput = json\n\n")
	cfg.WriteString("[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n" +
		"sso_registration_scopes = sso:account:access\n\n")
	cfg.WriteString("[services local]\ns3 =\n  endpoint_url = http://127.0.0.1:4566\ndynamodb =\n  endpoint_url = http://127.0.0.1:8000\n\n")
	for j := 0; j < bases; j++ {
		benchWriteBase(&creds, &cfg, j)
	}
	lookup := ""
	for i := 0; i < roles; i++ {
		if i%4 == 3 {
			lookup = benchRoleName(i)
		}
		benchWriteRole(&cfg, i, bases)
		if i%100 == 50 {
			fmt.Fprintf(&cfg, "[profile sso-%05d]\nsso_session = corp\nsso_account_id = %s\nsso_role_name = ReadOnly\nregion = %s\n\n",
				i, benchAccount(i), benchRegions[i%len(benchRegions)])
		}
	}
	if lookup == "" {
		lookup = benchRoleName(roles - 1)
	}
	return benchFiles{Config: cfg.Bytes(), Credentials: creds.Bytes(), Lookup: lookup}
}

func benchWriteBase(creds, cfg *bytes.Buffer, j int) {
	fmt.Fprintf(creds, "[%s]\naws_access_key_id = AKIA%09dEXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPx%09dEXAMPLEKEY\n",
		benchBaseName(j), j, j)
	if j%3 == 0 {
		fmt.Fprintf(creds, "region = %s\n", benchRegions[j%len(benchRegions)])
	}
	creds.WriteString("\n")
	if j%5 == 0 {
		fmt.Fprintf(cfg, "[profile %s]\nregion = %s\noutput = table\n\n", benchBaseName(j), benchRegions[(j+1)%len(benchRegions)])
	}
}

func benchWriteRole(b *bytes.Buffer, i, bases int) {
	if i%5 == 0 {
		fmt.Fprintf(b, "# Team %04d, account %s (owner: team%04d@example.com, on-call rota in the wiki)\n", i/5, benchAccount(i), i/5)
	}
	fmt.Fprintf(b, "[profile %s]\nrole_arn = arn:aws:iam::%s:role/%s\n", benchRoleName(i), benchAccount(i), benchRoleNames[i%len(benchRoleNames)])
	if i%4 == 3 {
		fmt.Fprintf(b, "source_profile = %s\n", benchRoleName(i-1))
	} else {
		fmt.Fprintf(b, "source_profile = %s\n", benchBaseName(i%bases))
		if i%3 == 0 {
			fmt.Fprintf(b, "mfa_serial = arn:aws:iam::%s:mfa/user-%03d\n", benchAccount(i%bases), i%bases)
		}
	}
	fmt.Fprintf(b, "region = %s\n", benchRegions[i%len(benchRegions)])
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

func benchRoleName(i int) string {
	return fmt.Sprintf("app%05d-%s", i, []string{"admin", "read", "deploy", "chain"}[i%4])
}

func benchBaseName(j int) string { return fmt.Sprintf("base-%04d", j) }

func benchAccount(i int) string { return fmt.Sprintf("%012d", 100000000000+i%500*7919) }
