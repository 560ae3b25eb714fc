// Package ststest starts a real STS for tests: the moto server on loopback, in its own process group,
// stopped when the test ends, plus a recording reverse proxy that counts the calls per STS Action.
// No test reaches AWS.
package ststest

import (
	"context"
	"fmt"
	"github.com/rolecall/rolecall/internal/syncbuf"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Moto is a moto server started for one test.
type Moto struct {
	URL string // http://127.0.0.1:PORT
	log *syncbuf.Buffer
}

var (
	motoOnce    sync.Once
	motoPython  string
	motoMissing string
)

// findMoto checks once per test binary that python3 can run moto's server.
func findMoto() (python, missing string) {
	motoOnce.Do(func() {
		path, err := exec.LookPath("python3")
		if err != nil {
			motoMissing = "python3 is not on PATH"
			return
		}
		if out, err := exec.Command(path, "-c", "import moto.server").CombinedOutput(); err != nil {
			motoMissing = "python3 cannot import moto.server: " + strings.TrimSpace(lastLine(string(out)))
			return
		}
		motoPython = path
	})
	return motoPython, motoMissing
}

// StartMoto starts `python3 -m moto.server -H 127.0.0.1 -p <free port>` and waits until its
// /moto-api/ answers. It skips the test when python3 or moto is missing, and kills the server's
// process group when the test ends (with ROLECALL_REQUIRE_MOTO set, as CI should, a missing moto fails
// the test instead of skipping it). env adds variables such as INITIAL_NO_AUTH_ACTION_COUNT=N.
func StartMoto(t testing.TB, env ...string) *Moto {
	t.Helper()
	python, missing := findMoto()
	if missing != "" && os.Getenv("ROLECALL_REQUIRE_MOTO") != "" {
		t.Fatalf("ROLECALL_REQUIRE_MOTO is set but moto cannot run: %s", missing)
	}
	if missing != "" {
		t.Skipf("skipping: these tests need the moto STS server (pip install 'moto[server]'): %s", missing)
	}
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ { // another process may take the free port first
		m, err := startMoto(t, python, env)
		if err == nil {
			return m
		}
		lastErr = err
	}
	t.Fatalf("moto did not start: %v", lastErr)
	return nil
}

func startMoto(t testing.TB, python string, env []string) (*Moto, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	m := &Moto{URL: "http://127.0.0.1:" + strconv.Itoa(port), log: &syncbuf.Buffer{}}
	cmd := exec.Command(python, "-m", "moto.server", "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	cmd.Env = append(cmd.Environ(), env...)
	cmd.Stdout, cmd.Stderr = m.log, m.log
	ownProcessGroup(cmd)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("cannot run %s -m moto.server: %w", python, err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	stop := func() {
		killProcessGroup(cmd)
		<-exited
	}
	// The bound is generous: on a loaded 2-core machine, with several test binaries each starting moto,
	// importing moto alone has taken over 20 s. A healthy start answers in about a second.
	if err := waitReady(m.URL+"/moto-api/", exited, 90*time.Second); err != nil {
		stop()
		return nil, fmt.Errorf("%w; moto's output:\n%s", err, m.log.String())
	}
	t.Cleanup(stop)
	return m, nil
}

// waitReady polls url until it answers 200, the process exits, or the deadline passes.
func waitReady(url string, exited <-chan struct{}, within time.Duration) error {
	deadline := time.NewTimer(within)
	defer deadline.Stop()
	tick := time.NewTicker(25 * time.Millisecond)
	defer tick.Stop()
	client := &http.Client{Timeout: time.Second}
	for {
		resp, err := client.Get(url)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-exited:
			return fmt.Errorf("moto exited before answering %s", url)
		case <-deadline.C:
			return fmt.Errorf("moto did not answer %s within %s", url, within)
		case <-tick.C:
		}
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// EnableAuth switches signature and permission checks on from the next request
// (POST /moto-api/reset-auth with 0). Then a wrong secret gives SignatureDoesNotMatch and an unknown
// key InvalidClientTokenId.
func (m *Moto) EnableAuth(t testing.TB) {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, m.URL+"/moto-api/reset-auth", strings.NewReader("0"))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "text/plain")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("moto reset-auth: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("moto reset-auth answered %s: %s", resp.Status, body)
	}
}

// Log is what moto printed so far (for failure messages).
func (m *Moto) Log() string { return m.log.String() }

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}
