// Package keychaintest runs a package's tests against a real Secret Service: gnome-keyring-daemon,
// unlocked, on a private D-Bus session bus that lives as long as the test binary. Nothing of the user's
// own keychain is touched: the bus, the daemon and its keyring files are the test's own.
package keychaintest

import (
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// insideEnv marks the test binary that runs inside the private session.
const insideEnv = "ROLECALL_TEST_KEYCHAIN_SESSION"

// RequireEnv turns a missing keychain from a skip into a failure (the Makefile sets it, like
// ROLECALL_REQUIRE_MOTO); so does CI.
const RequireEnv = "ROLECALL_REQUIRE_KEYCHAIN"

// why is the reason the tests run without a keychain, "" inside the private session.
var why = "the tests did not start through keychaintest.Main"

// Main is a TestMain: it runs the tests again inside `dbus-run-session` with gnome-keyring-daemon
// unlocked, and exits with their status. Where the tools are missing it runs them here, and Require
// skips (or fails under CI) the tests that need the keychain.
func Main(m *testing.M) { os.Exit(Run(m)) }

// Run is Main for a TestMain that has cleaning up of its own to do: it returns the exit status.
func Run(m *testing.M) int {
	if os.Getenv(insideEnv) != "" {
		why = ""
		return m.Run()
	}
	for _, tool := range []string{"dbus-run-session", "gnome-keyring-daemon"} {
		if _, err := exec.LookPath(tool); err != nil {
			why = tool + " is not installed: `make test-deps` installs it (Debian: gnome-keyring dbus libsecret-tools)"
			return m.Run()
		}
	}
	return reexec()
}

// reexec runs this test binary with the same arguments inside a private session and keyring.
func reexec() int {
	dir, err := os.MkdirTemp("", "rolecall-keychain-*")
	if err != nil {
		fmt.Fprintln(os.Stderr, "keychaintest:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	// The daemon keeps its keyring files under XDG_DATA_HOME and its control socket under
	// XDG_RUNTIME_DIR: both are the test's, so the user's login keyring is never opened.
	script := `printf %s "$ROLECALL_TEST_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 97
exec "$@"`
	args := append([]string{"--", "sh", "-c", script, "sh"}, os.Args...)
	cmd := exec.Command("dbus-run-session", args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), insideEnv+"=1", "XDG_DATA_HOME="+dir, "XDG_RUNTIME_DIR="+dir,
		"ROLECALL_TEST_KEYRING_PASSWORD=test-login-password")
	err = cmd.Run()
	if exit, ok := err.(*exec.ExitError); ok {
		if exit.ExitCode() == 97 {
			fmt.Fprintln(os.Stderr, "keychaintest: gnome-keyring-daemon did not start inside dbus-run-session")
		}
		return exit.ExitCode()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "keychaintest: cannot run dbus-run-session:", err)
		return 1
	}
	return 0
}

// Require stops a test that needs the real Secret Service when it is not running inside the private
// session: a skip that says why on a developer's machine, a failure under CI or ROLECALL_REQUIRE_KEYCHAIN=1.
func Require(t testing.TB) {
	t.Helper()
	if why == "" {
		return
	}
	if os.Getenv(RequireEnv) == "1" || os.Getenv("CI") != "" {
		t.Fatalf("no Secret Service for this test: %s", why)
	}
	t.Skipf("no Secret Service for this test: %s", why)
}
