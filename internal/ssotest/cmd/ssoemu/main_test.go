package main

import (
	"bufio"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// The test binary runs as ssoemu itself when asked, so the test starts the real command.
func TestMain(m *testing.M) {
	if os.Getenv("SSOEMU_RUN_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// As the end-to-end test uses it: start, read the URL from the first line, use the emulator, close
// stdin, and the command exits.
func TestPrintsURLAndStopsWhenStdinCloses(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-accounts", "3", "-roles", "1", "-auto-approve")
	cmd.Env = append(os.Environ(), "SSOEMU_RUN_MAIN=1")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	var first struct{ URL string }
	if err := json.Unmarshal([]byte(line), &first); err != nil || !strings.HasPrefix(first.URL, "http://127.0.0.1:") {
		t.Fatalf("first line %q (%v), want {\"url\": \"http://127.0.0.1:PORT\"}", line, err)
	}
	resp, err := http.Get(first.URL + "/device")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("the verification page answered %s", resp.Status)
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Errorf("ssoemu exited with %v after stdin closed", err)
	}
}
