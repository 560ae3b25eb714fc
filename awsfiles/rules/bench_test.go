package rules_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/config"
	"gopkg.in/ini.v1"

	. "github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/awsfiles/rules"
	"github.com/rolecall/rolecall/internal/conformance"
)

// BenchmarkCheckFiles breaks internal/conformance's BenchmarkFiles (the same generated files, on disk) into
// its stages, so that the parser and the rules can be tuned here. For each size it measures:
//
//	full    what `rolecall check` does: read both files, Parse, NewModel, Check
//	parse   Parse of both files (in memory)
//	model   NewModel, on parsed files (Check resolves what it needs of the chains)
//	check   Check alone, on a fresh model each time (its chains resolved inside the timer)
//	sdk     aws-sdk-go-v2's LoadSharedConfigProfile of one profile, the yardstick
//	ini     gopkg.in/ini.v1's Load of both files
//
// Besides wall time, each reports cpu-ns/op, the process's CPU time per operation (garbage collection
// included), which is steadier than wall time on a shared machine.
//
// Targets (internal/conformance/README.md): full at 10,000 roles at least 8 times faster than sdk, under 3
// times the file size in allocated bytes, and full at 10,000 at most 12 times full at 1,000.
func BenchmarkCheckFiles(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		g := conformance.Generate(n)
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
				benchCheckSink = len(rules.Check(NewModel(cfg, creds)))
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

func benchParse(g conformance.Generated) (*File, *File) {
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
	return len(rules.Check(m))
}

// TestBenchFilesAreClean keeps the benchmark honest: the generated files draw no errors or warnings, so
// the benchmark measures the rules on realistic input rather than on a flood of diagnostics.
func TestBenchFilesAreClean(t *testing.T) {
	g := conformance.Generate(1000)
	m := NewModel(Parse(ConfigFile, "config", g.Config), Parse(CredentialsFile, "credentials", g.Credentials))
	for _, d := range rules.Check(m) {
		if d.Severity <= rules.SeverityWarning {
			t.Errorf("%s:%d: %s: %s", d.File.Kind, d.Range.Start.Line+1, d.Code, d.Message)
		}
	}
	if p := m.Profile(g.Lookup); p == nil || !m.Chain(p).OK() {
		t.Fatalf("the looked-up profile %q does not resolve", g.Lookup)
	}
}
