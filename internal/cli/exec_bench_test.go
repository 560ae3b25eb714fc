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
// difference. Run: go test ./internal/cli -run '^$' -bench ExecOverhead -benchtime 50x
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
	run := func(name string, args ...string) {
		cmd := exec.Command(name, args...)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
	}
	run(bin, "exec", "plain", "--", truePath) // the first run assumes the role and fills the cache

	var direct, viaExec float64
	b.Run("true", func(b *testing.B) {
		for b.Loop() {
			run(truePath)
		}
		direct = float64(b.Elapsed().Microseconds()) / float64(b.N) / 1000
		b.ReportMetric(direct, "ms/run")
	})
	b.Run("rolecall-exec", func(b *testing.B) {
		for b.Loop() {
			run(bin, "exec", "plain", "--", truePath)
		}
		viaExec = float64(b.Elapsed().Microseconds()) / float64(b.N) / 1000
		b.ReportMetric(viaExec, "ms/run")
		b.ReportMetric(viaExec-direct, "added-ms")
	})
}
