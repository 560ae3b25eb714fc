// Package nvimtest checks `rolecall serve` with a real editor nobody here wrote: headless Neovim (Debian's
// 0.7.2, which `make test` installs) runs testdata/drive.lua, which attaches the server to a broken
// ~/.aws/config, waits for its diagnostics, fixes the file, asks for a hover and completions, stops the
// server, and writes everything it saw as JSON for the test to check.
package nvimtest

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const brokenConfig = `[profile dev-admin]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = bsae
region = eu-wst-1
`

const credentials = `[base]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
`

// nvimResult is what drive.lua writes.
type nvimResult struct {
	Steps          []string     `json:"steps"`
	Error          string       `json:"error"`
	GotDiagnostics bool         `json:"got_diagnostics"`
	Before         []diagnostic `json:"before"`
	Fixed          bool         `json:"fixed"`
	After          []diagnostic `json:"after"`
	Hover          string       `json:"hover"`
	Completion     []string     `json:"completion"`
	Stopped        bool         `json:"stopped"`
	ExitCode       *int         `json:"exit_code"`
}

type diagnostic struct {
	Lnum     int    `json:"lnum"`
	Col      int    `json:"col"`
	Code     string `json:"code"`
	Source   string `json:"source"`
	Severity int    `json:"severity"`
	Message  string `json:"message"`
}

func has(ds []diagnostic, code string, line int) bool {
	return slices.ContainsFunc(ds, func(d diagnostic) bool { return d.Code == code && d.Lnum == line })
}

func TestNeovimGetsTheDiagnostics(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("skipping: nvim is not installed; `make test` installs Debian's neovim (apt-get install neovim)")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("skipping: the go tool is not on PATH to build rolecall")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "rolecall")
	if out, err := exec.Command(goTool, "build", "-o", bin, "github.com/rolecall/rolecall").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	home := filepath.Join(tmp, "home")
	config := filepath.Join(home, ".aws", "config")
	for path, text := range map[string]string{config: brokenConfig, filepath.Join(home, ".aws", "credentials"): credentials} {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	drive, err := filepath.Abs(filepath.Join("testdata", "drive.lua"))
	if err != nil {
		t.Fatal(err)
	}
	outPath := filepath.Join(tmp, "result.json")

	// The deadline only bounds a hung editor; drive.lua waits on events inside Neovim.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "--clean", "-c", "luafile "+drive, config)
	cmd.Dir = home
	cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "XDG_CACHE_HOME=" + filepath.Join(tmp, "cache"),
		"XDG_STATE_HOME=" + filepath.Join(tmp, "state"), "XDG_CONFIG_HOME=" + filepath.Join(tmp, "config"),
		"XDG_DATA_HOME=" + filepath.Join(tmp, "data"), "ROLECALL_BIN=" + bin, "ROLECALL_NVIM_OUT=" + outPath}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("nvim failed: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(outPath)
	if err != nil {
		t.Fatalf("drive.lua wrote no result (%v); nvim said:\n%s", err, out)
	}
	var r nvimResult
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("the result is not JSON: %v\n%s", err, raw)
	}
	if r.Error != "" {
		t.Fatalf("drive.lua failed after steps %v: %s", r.Steps, r.Error)
	}

	if !r.GotDiagnostics || !has(r.Before, "source-profile-missing", 2) || !has(r.Before, "region-invalid", 3) {
		t.Errorf("Neovim's diagnostics for the broken file: %+v", r.Before)
	}
	for _, d := range r.Before {
		if d.Source != "rolecall" {
			t.Errorf("diagnostic %+v has source %q", d, d.Source)
		}
	}
	if !r.Fixed || has(r.After, "source-profile-missing", 2) || !has(r.After, "region-invalid", 3) {
		t.Errorf("after the edit Neovim shows %+v; want the source profile fixed and the region still wrong", r.After)
	}
	if !strings.Contains(r.Hover, "dev-admin → AssumeRole arn:aws:iam::111122223333:role/Admin → base (static keys, credentials line 2)") {
		t.Errorf("hover = %q", r.Hover)
	}
	if !slices.Contains(r.Completion, "base") {
		t.Errorf("completion after source_profile = %v", r.Completion)
	}
	if !r.Stopped || r.ExitCode == nil || *r.ExitCode != 0 {
		t.Errorf("the server did not exit cleanly when Neovim stopped it: stopped=%v code=%v", r.Stopped, r.ExitCode)
	}
	if strings.Contains(string(raw), "wJalrXUtnFEMI") {
		t.Error("a secret reached the editor")
	}
}
