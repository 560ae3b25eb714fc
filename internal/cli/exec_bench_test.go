package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rolecall/rolecall/internal/ststest"
)

// What `rolecall exec PROFILE -- true` adds to running `true`, whole process, with the session already
// in the AWS CLI's cache (no STS call): the target is under 30 ms. Reports ms per run of each and the
// difference: rolecall-exec without a keychain, and rolecall-exec-keychain with the real Secret Service
// these tests run beside (keychaintest.Main), as on a desktop, where the shared sessions are looked up
// over D-Bus first. Run: go test ./internal/cli -run '^$' -bench ExecOverhead -benchtime 50x
func BenchmarkExecOverhead(b *testing.B) {
	bin := buildRolecall(b)
	truePath, err := exec.LookPath("true")
	if err != nil {
		b.Skip("no true on PATH")
	}
	moto := ststest.StartMoto(b)
	home := b.TempDir()
	dir := filepath.Join(home, ".aws")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		b.Fatal(err)
	}
	for name, text := range map[string]string{"config": twoHopConfig, "credentials": baseCredentials} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			b.Fatal(err)
		}
	}
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "AWS_CONFIG_FILE=" + filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(dir, "credentials"), "AWS_ENDPOINT_URL_STS=" + moto.URL}
	withKeychain := env
	if bus, ok := os.LookupEnv("DBUS_SESSION_BUS_ADDRESS"); ok {
		withKeychain = append(append([]string{}, env...), "DBUS_SESSION_BUS_ADDRESS="+bus)
	}
	run := func(name string, args ...string) { runIn(b, env, name, args...) }
	run(bin, "exec", "plain", "--", truePath) // the first run assumes the role and fills the cache

	var direct float64
	b.Run("true", func(b *testing.B) {
		for b.Loop() {
			run(truePath)
		}
		direct = float64(b.Elapsed().Microseconds()) / float64(b.N) / 1000
		b.ReportMetric(direct, "ms/run")
	})
	for _, c := range []struct {
		name string
		env  []string
	}{{"rolecall-exec", env}, {"rolecall-exec-keychain", withKeychain}} {
		if c.name == "rolecall-exec-keychain" && len(withKeychain) == len(env) {
			continue // no session bus: the keychain run would be the same as the first
		}
		b.Run(c.name, func(b *testing.B) {
			runIn(b, c.env, bin, "exec", "plain", "--", truePath) // the share learns the session
			b.ResetTimer()
			for b.Loop() {
				runIn(b, c.env, bin, "exec", "plain", "--", truePath)
			}
			viaExec := float64(b.Elapsed().Microseconds()) / float64(b.N) / 1000
			b.ReportMetric(viaExec, "ms/run")
			b.ReportMetric(viaExec-direct, "added-ms")
		})
	}
}

// runIn runs a command with env and fails the benchmark if it fails.
func runIn(b *testing.B, env []string, name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}
