package conformance

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/config"
	"gopkg.in/ini.v1"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/awsfiles/rules"
	"github.com/rolecall/rolecall/internal/floor"
)

// benchSizes are the numbers of role profiles in the generated config files.
var benchSizes = []int{100, 1000, 10000}

// BenchmarkFiles measures, side by side on the same files on disk:
//
//	roles=N/rolecall  the project's full job: read both files, Parse, NewModel, Check (every rule)
//	roles=N/sdk       aws-sdk-go-v2 config.LoadSharedConfigProfile of one profile (a two-hop chain)
//	roles=N/ini       gopkg.in/ini.v1 Load of both files (no positions, no rules)
//	roles=N/floor     internal/floor: read both files and do the least any checker must (the yardstick
//	                  under the targets: what it costs, no checker can save), on one core
//	roles=N/floor-2cores  the same with the files read on two goroutines, as rolecall reads them
//
// Each sub-benchmark also reports `filebytes`, the size of the two files together, so that
// benchratio.sh can compute allocated bytes per input byte. README.md explains the targets.
func BenchmarkFiles(b *testing.B) {
	for _, n := range benchSizes {
		g := Generate(n)
		configPath, credentialsPath := writeGenerated(b, g)
		size := float64(len(g.Config) + len(g.Credentials))
		b.Run(fmt.Sprintf("roles=%d/rolecall", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				benchSink = checkFromDisk(b, configPath, credentialsPath)
			}
			b.ReportMetric(size, "filebytes")
		})
		b.Run(fmt.Sprintf("roles=%d/sdk", n), func(b *testing.B) {
			b.ReportAllocs()
			ctx := context.Background()
			for b.Loop() {
				sc, err := config.LoadSharedConfigProfile(ctx, g.Lookup, func(o *config.LoadSharedConfigOptions) {
					o.ConfigFiles = []string{configPath}
					o.CredentialsFiles = []string{credentialsPath}
				})
				if err != nil {
					b.Fatalf("aws-sdk-go-v2 cannot load %s: %v", g.Lookup, err)
				}
				benchSink = len(sc.RoleARN)
			}
			b.ReportMetric(size, "filebytes")
		})
		b.Run(fmt.Sprintf("roles=%d/floor", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				benchSink = floor.Check(readBoth(b, configPath, credentialsPath)).Profiles
			}
			b.ReportMetric(size, "filebytes")
		})
		b.Run(fmt.Sprintf("roles=%d/floor-2cores", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				benchSink = floor.CheckOnTwoCores(readBoth(b, configPath, credentialsPath)).Profiles
			}
			b.ReportMetric(size, "filebytes")
		})
		b.Run(fmt.Sprintf("roles=%d/ini", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				f, err := ini.Load(configPath, credentialsPath)
				if err != nil {
					b.Fatalf("ini.v1 cannot load the generated files: %v", err)
				}
				benchSink = len(f.Sections())
			}
			b.ReportMetric(size, "filebytes")
		})
	}
}

// benchSink keeps results alive so that the compiler cannot drop the work.
var benchSink int

// checkFromDisk is what `rolecall check` does with the files: read, parse, merge, run every rule.
func checkFromDisk(tb testing.TB, configPath, credentialsPath string) int {
	cfg, creds := readBoth(tb, configPath, credentialsPath)
	m := awsfiles.NewModel(awsfiles.Parse(awsfiles.ConfigFile, configPath, cfg),
		awsfiles.Parse(awsfiles.CredentialsFile, credentialsPath, creds))
	return len(rules.Check(m))
}

// readBoth reads the two files, as every contender in the benchmark does inside its timer.
func readBoth(tb testing.TB, configPath, credentialsPath string) (config, credentials []byte) {
	config, err := os.ReadFile(configPath)
	if err != nil {
		tb.Fatal(err)
	}
	credentials, err = os.ReadFile(credentialsPath)
	if err != nil {
		tb.Fatal(err)
	}
	return config, credentials
}

// writeGenerated writes the files once per size, outside the timer: the SDK and ini.v1 read from disk.
func writeGenerated(tb testing.TB, g Generated) (configPath, credentialsPath string) {
	dir := tb.TempDir()
	configPath = filepath.Join(dir, "config")
	credentialsPath = filepath.Join(dir, "credentials")
	if err := os.WriteFile(configPath, g.Config, 0o600); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(credentialsPath, g.Credentials, 0o600); err != nil {
		tb.Fatal(err)
	}
	return configPath, credentialsPath
}
