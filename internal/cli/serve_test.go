package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/rolecall/rolecall/internal/syncbuf"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/internal/lsptest"
	"github.com/rolecall/rolecall/server"
)

const (
	serveKeyID  = "AKIAIOSFODNN7EXAMPLE"
	serveSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
)

// serveConfig has problems of several kinds, in both files, some pointing at the other file.
const serveConfig = `[profile dev-admin]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = bsae
mfa_serial = arn:aws:iam::111122223333:mfa/jo
region = eu-wst-1

[profile base]
aws_access_key_id = ` + serveKeyID + `
Region = us-east-1

[ops]
region = us-east-1 # home
`

const serveCredentials = `[base]
aws_secret_access_key = ` + serveSecret + `

[profile ci]
aws_access_key_id = ` + serveKeyID + `
aws_secret_access_key = ` + serveSecret + `
`

// serveFiles writes the two files into a temporary home and returns it.
func serveFiles(t *testing.T) (home, config, credentials string) {
	t.Helper()
	home = t.TempDir()
	config, credentials = filepath.Join(home, ".aws", "config"), filepath.Join(home, ".aws", "credentials")
	if err := os.MkdirAll(filepath.Dir(config), 0o700); err != nil {
		t.Fatal(err)
	}
	for path, text := range map[string]string{config: serveConfig, credentials: serveCredentials} {
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return home, config, credentials
}

// TestCheckAndServeReportTheSameDiagnostics runs `rolecall check --format json` and the language server
// on the same files: one engine, so the same codes, ranges and messages, in both files.
func TestCheckAndServeReportTheSameDiagnostics(t *testing.T) {
	home, config, credentials := serveFiles(t)
	env := Env{Getenv: func(string) (string, bool) { return "", false }, Home: home, Context: context.Background()}
	var stdout, stderr bytes.Buffer
	env.Stdout, env.Stderr = &stdout, &stderr
	if code := Main([]string{"check", "--format", "json"}, env); code != ExitFail {
		t.Fatalf("check exited %d, want %d (errors found): %s", code, ExitFail, stderr.String())
	}
	var checked struct {
		Diagnostics []jsonDiagnostic `json:"diagnostics"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &checked); err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{}
	for _, d := range checked.Diagnostics {
		want[d.File] = append(want[d.File], fmt.Sprintf("%d:%d-%d:%d %s %s: %s", d.Range.Start.Line, d.Range.Start.Character,
			d.Range.End.Line, d.Range.End.Character, d.Severity, d.Code, d.Message))
	}

	c := lsptest.Start(t, func(rwc io.ReadWriteCloser) int { return serveConn(env, rwc, server.NewLogger(io.Discard, 0)) })
	c.Initialize(nil)
	configURI, _ := server.FileURI(config)
	credentialsURI, _ := server.FileURI(credentials)
	c.Open(string(configURI), "aws-config", serveConfig)
	for path, uri := range map[string]server.URI{config: configURI, credentials: credentialsURI} {
		diags := c.AwaitDiagnostics(string(uri), func(d []protocol.Diagnostic) bool { return len(d) == len(want[path]) })
		var got []string
		for _, d := range diags {
			msg, _ := d.Message.(protocol.String)
			code, _ := d.Code.(protocol.String)
			got = append(got, fmt.Sprintf("%d:%d-%d:%d %s %s: %s", d.Range.Start.Line, d.Range.Start.Character,
				d.Range.End.Line, d.Range.End.Character, severityName(d.Severity), code, msg))
		}
		if strings.Join(got, "\n") != strings.Join(want[path], "\n") {
			t.Errorf("%s: the server publishes\n%s\nand check prints\n%s", filepath.Base(path), strings.Join(got, "\n"), strings.Join(want[path], "\n"))
		}
		if len(got) == 0 {
			t.Errorf("%s: the fixture should have problems", filepath.Base(path))
		}
	}
}

func severityName(s protocol.DiagnosticSeverity) string {
	return map[protocol.DiagnosticSeverity]string{1: "error", 2: "warning", 3: "information", 4: "hint"}[s]
}

func TestServeRejectsBadFlags(t *testing.T) {
	for _, args := range [][]string{{"serve", "--log-level", "loud"}, {"serve", "extra"},
		{"serve", "--log-file", filepath.Join(t.TempDir(), "no", "such", "dir", "log")}} {
		var stderr bytes.Buffer
		env := Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: &stderr, Getenv: func(string) (string, bool) { return "", false }}
		if code := Main(args, env); code != ExitUsage {
			t.Errorf("%v exited %d, want %d", args, code, ExitUsage)
		}
		if stderr.Len() == 0 {
			t.Errorf("%v printed no explanation", args)
		}
	}
}

// buildServeBinary builds the rolecall binary into dir (the test's temporary directory).
func buildServeBinary(t *testing.T, dir string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("skipping: the go tool is not on PATH to build rolecall")
	}
	bin := filepath.Join(dir, "rolecall")
	if out, err := exec.Command(goTool, "build", "-o", bin, "github.com/rolecall/rolecall").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// startBinary runs `rolecall serve --stdio` as a child process driven by an lsptest client; stderr is
// collected.
func startBinary(t *testing.T, bin string) (*lsptest.Client, *syncbuf.Buffer) {
	t.Helper()
	home, config, credentials := serveFiles(t)
	stderr := &syncbuf.Buffer{}
	env := []string{"HOME=" + home, "AWS_CONFIG_FILE=" + config, "AWS_SHARED_CREDENTIALS_FILE=" + credentials, "PATH=" + os.Getenv("PATH")}
	return lsptest.Start(t, serveProcess(t, bin, env, stderr, "--log-level", "debug")), stderr
}

// serveProcess is an lsptest run function that runs `rolecall serve --stdio` as a child process with
// env, its stderr going to stderr, and returns its exit status.
func serveProcess(t *testing.T, bin string, env []string, stderr io.Writer, flags ...string) func(io.ReadWriteCloser) int {
	return func(rwc io.ReadWriteCloser) int {
		cmd := exec.Command(bin, append([]string{"serve", "--stdio"}, flags...)...)
		cmd.Env = env
		cmd.Stdout, cmd.Stderr = rwc, stderr
		// Feed stdin ourselves: with cmd.Stdin = rwc, Wait would also wait for the copy, which only
		// ends when the client closes its side.
		stdin, err := cmd.StdinPipe()
		if err == nil {
			err = cmd.Start()
		}
		if err != nil {
			t.Errorf("starting rolecall serve: %v", err)
			return -1
		}
		go func() {
			_, _ = io.Copy(stdin, rwc)
			_ = stdin.Close() // the client closed its side: the server sees the end of its input
		}()
		err = cmd.Wait()
		var exit *exec.ExitError
		switch {
		case err == nil:
			return 0
		case errors.As(err, &exit):
			return exit.ExitCode()
		}
		t.Errorf("running rolecall serve: %v", err)
		return -1
	}
}

func TestTheBinaryFollowsTheLifecycle(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildServeBinary(t, t.TempDir())
	t.Run("shutdown then exit is 0", func(t *testing.T) {
		c, stderr := startBinary(t, bin)
		var hover any
		err := c.Request(protocol.MethodTextDocumentHover, map[string]any{
			"textDocument": map[string]any{"uri": "file:///x"}, "position": map[string]any{"line": 0, "character": 0}}, &hover)
		var re *lsptest.ResponseError
		if !errors.As(err, &re) || re.Code != -32002 {
			t.Errorf("a request before initialize got %v, want error -32002", err)
		}
		res := c.Initialize(nil)
		if res.ServerInfo.Name != "rolecall" {
			t.Errorf("serverInfo = %+v", res.ServerInfo)
		}
		c.Open(mustURI(t, "/tmp/project/.aws/config"), "aws-config", serveConfig)
		c.AwaitDiagnostics(mustURI(t, "/tmp/project/.aws/config"), func(d []protocol.Diagnostic) bool { return len(d) > 0 })
		if code := c.Shutdown(); code != 0 {
			t.Errorf("exit status %d, want 0", code)
		}
		assertOnlyFrames(t, c.ServerOutput())
		if !strings.Contains(stderr.String(), "language server started") {
			t.Errorf("the log did not go to stderr: %q", stderr.String())
		}
		for _, out := range [][]byte{c.ServerOutput(), stderr.Bytes()} {
			if bytes.Contains(out, []byte(serveSecret)) || bytes.Contains(out, []byte(serveKeyID)) {
				t.Error("a key or secret left the server")
			}
		}
	})
	t.Run("exit without shutdown is 1", func(t *testing.T) {
		c, _ := startBinary(t, bin)
		c.Initialize(nil)
		if code := c.Exit(); code != 1 {
			t.Errorf("exit status %d, want 1", code)
		}
	})
	t.Run("stdin closing is 1", func(t *testing.T) {
		c, _ := startBinary(t, bin)
		c.Initialize(nil)
		if code := c.CloseInput(); code != 1 {
			t.Errorf("exit status %d, want 1", code)
		}
		assertOnlyFrames(t, c.ServerOutput())
	})
}

func mustURI(t *testing.T, path string) string {
	t.Helper()
	u, ok := server.FileURI(path)
	if !ok {
		t.Fatal(path)
	}
	return string(u)
}

// assertOnlyFrames checks that out is a sequence of complete Content-Length frames and nothing else.
func assertOnlyFrames(t *testing.T, out []byte) {
	t.Helper()
	r := bufio.NewReader(bytes.NewReader(out))
	frames := 0
	for {
		header, err := r.ReadString('\n')
		if err == io.EOF && header == "" {
			break
		}
		n, ok := strings.CutPrefix(header, "Content-Length: ")
		size, convErr := strconv.Atoi(strings.TrimSuffix(n, "\r\n"))
		blank, _ := r.ReadString('\n')
		if err != nil || !ok || convErr != nil || blank != "\r\n" {
			t.Fatalf("stdout holds something other than a frame after %d frames: %q", frames, header)
		}
		body := make([]byte, size)
		if _, err := io.ReadFull(r, body); err != nil || !json.Valid(body) {
			t.Fatalf("frame %d is not %d bytes of JSON", frames, size)
		}
		frames++
	}
	if frames == 0 {
		t.Fatal("stdout holds no frame")
	}
}
