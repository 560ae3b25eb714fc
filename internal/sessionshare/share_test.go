package sessionshare

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/internal/keychaintest"
	"github.com/rolecall/rolecall/keychain"
)

// holdEnv makes the test binary a process that takes a session's lock and waits to be killed.
const holdEnv = "SESSIONSHARE_TEST_HOLD"

func TestMain(m *testing.M) {
	if spec := os.Getenv(holdEnv); spec != "" {
		holdLockUntilKilled(spec)
		return
	}
	keychaintest.Main(m)
}

// holdLockUntilKilled takes the lock named "dir key", says so on stdout, and waits on stdin forever.
func holdLockUntilKilled(spec string) {
	dir, key, _ := strings.Cut(spec, " ")
	s, err := Open(dir, noKeychain)
	if err != nil {
		os.Exit(3)
	}
	if _, err := s.Lock(context.Background(), key); err != nil {
		os.Exit(4)
	}
	os.Stdout.WriteString("locked\n")
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
	os.Exit(0)
}

func noKeychain() (*keychain.Keychain, error) { return nil, errors.New("no keychain in this test") }

func testKeychain() (*keychain.Keychain, error) {
	return keychain.Open(keychain.Config{Backend: keychain.SecretService})
}

const key = "0123456789abcdef0123456789abcdef"

// A process killed (SIGKILL) while it renews a session leaves nothing locked: the next process gets
// the lock at once.
func TestALockHolderKilledMidRefreshBlocksNobody(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no session locks on Windows yet")
	}
	dir := filepath.Join(t.TempDir(), "share")
	s, err := Open(dir, noKeychain)
	if err != nil {
		t.Fatal(err)
	}
	holder := exec.Command(os.Args[0], "-test.run=^$")
	holder.Env = append(os.Environ(), holdEnv+"="+dir+" "+key)
	stdin, _ := holder.StdinPipe()
	defer stdin.Close()
	stdout, _ := holder.StdoutPipe()
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	if line, _ := bufio.NewReader(stdout).ReadString('\n'); line != "locked\n" {
		t.Fatalf("the holder said %q, want locked", line)
	}

	// While it lives, the lock is held: a caller that will not wait is turned away.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Lock(ctx, key); !errors.Is(err, context.Canceled) {
		t.Fatalf("Lock while another process holds it: %v, want the caller's context error", err)
	}

	if err := holder.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = holder.Wait()
	ctx, cancel = context.WithTimeout(context.Background(), 10*time.Second) // a bound on failure only
	defer cancel()
	unlock, err := s.Lock(ctx, key)
	if err != nil {
		t.Fatalf("Lock after the holder was killed: %v", err)
	}
	unlock()
}

// A directory other users can open is refused: the index names the user's profiles and the locks
// decide who renews.
func TestAShareOpenToOtherUsersIsRefused(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX modes")
	}
	dir := filepath.Join(t.TempDir(), "share")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := Open(dir, noKeychain)
	if err == nil || !strings.Contains(err.Error(), "chmod 700") {
		t.Fatalf("Open of a 0755 directory: %v, want a refusal that says to chmod 700", err)
	}
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(t.TempDir(), link); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(link, noKeychain); err == nil {
		t.Fatal("Open of a symlink succeeded, want a refusal")
	}
}

// What one process puts, another reads and is told about; Remove with no key empties the share, and
// an expired entry is dropped (with its record) by the next Put.
func TestTwoProcessesSeeEachOthersSessions(t *testing.T) {
	keychaintest.Require(t)
	dir := filepath.Join(t.TempDir(), "share")
	one, err := Open(dir, testKeychain)
	if err != nil {
		t.Fatal(err)
	}
	two, err := Open(dir, testKeychain)
	if err != nil {
		t.Fatal(err)
	}
	changed := make(chan struct{}, 16)
	stop, err := two.Watch(func() { changed <- struct{}{} })
	if err != nil {
		t.Fatal(err)
	}
	defer stop()

	now := time.Now().Round(0).UTC()
	entry := assume.ShareEntry{Key: key, Profile: "dev", Obtained: now, Expiration: now.Add(time.Hour)}
	if err := one.Put(entry, []byte(`{"secret":"s3cr3t"}`)); err != nil {
		t.Fatal(err)
	}
	<-changed
	idx, err := two.Index()
	if err != nil || len(idx.Sessions) != 1 || idx.Sessions[0] != entry {
		t.Fatalf("the other process's index: %+v %v, want %+v", idx, err, entry)
	}
	if rec, ok := two.Get(key); !ok || string(rec) != `{"secret":"s3cr3t"}` {
		t.Fatalf("the other process's record: %q %v", rec, ok)
	}
	if err := one.SetActive(key); err != nil {
		t.Fatal(err)
	}
	<-changed
	if idx, _ := two.Index(); idx.Active != key {
		t.Fatalf("active: %q, want %q", idx.Active, key)
	}

	// An entry that has expired is dropped by the next Put, with its record.
	stale := "ffffffffffffffffffffffffffffffff"
	if err := one.Put(assume.ShareEntry{Key: stale, Profile: "old", Obtained: now.Add(-2 * time.Hour), Expiration: now.Add(-time.Hour)}, []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	if err := one.Put(entry, []byte(`{"secret":"s3cr3t"}`)); err != nil {
		t.Fatal(err)
	}
	if _, ok := one.Get(stale); ok {
		t.Error("the expired session's record is still in the keychain")
	}

	if err := two.Remove(); err != nil {
		t.Fatal(err)
	}
	if idx, _ := one.Index(); len(idx.Sessions) != 0 || idx.Active != "" {
		t.Errorf("after Remove(): %+v, want an empty share", idx)
	}
	if _, ok := one.Get(key); ok {
		t.Error("after Remove() the record is still in the keychain")
	}
	b, _ := os.ReadFile(filepath.Join(dir, indexName))
	if strings.Contains(string(b), "s3cr3t") {
		t.Error("the index holds a record's secret")
	}
}

// Forgetting sessions removes their lock files, except the one a process holds right now; that
// process's next Lock still excludes every other.
func TestForgettingRemovesLockFilesNobodyHolds(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no session locks on Windows yet")
	}
	dir := filepath.Join(t.TempDir(), "share")
	s, err := Open(dir, noKeychain)
	if err != nil {
		t.Fatal(err)
	}
	idle := "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	unlock, err := s.Lock(context.Background(), idle)
	if err != nil {
		t.Fatal(err)
	}
	unlock()
	held, err := s.Lock(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Remove(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, idle+".lock")); !os.IsNotExist(err) {
		t.Errorf("the idle session's lock file is still there (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(dir, key+".lock")); err != nil {
		t.Errorf("the held lock's file was removed: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Lock(ctx, key); !errors.Is(err, context.Canceled) {
		t.Errorf("Lock of a held session after pruning: %v, want to wait", err)
	}
	held()
}

// Forgetting lists the sessions as forgotten, so that a process still holding one (even one the index
// dropped when it expired) forgets it too; assuming it again takes it off the list.
func TestForgottenSessionsAreListedUntilAssumedAgain(t *testing.T) {
	keychaintest.Require(t)
	share, err := Open(filepath.Join(t.TempDir(), "share"), testKeychain)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().Round(0).UTC()
	share.now = func() time.Time { return now }
	entry := assume.ShareEntry{Key: key, Profile: "dev", Obtained: now, Expiration: now.Add(time.Hour)}
	if err := share.Put(entry, []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	gone := "ffffffffffffffffffffffffffffffff" // dropped from the index when it expired
	if err := share.Remove(key, gone); err != nil {
		t.Fatal(err)
	}
	idx, _ := share.Index()
	if len(idx.Forgotten) != 2 || idx.Forgotten[0].Key != key || idx.Forgotten[1].Key != gone || !idx.Forgotten[0].At.Equal(now) {
		t.Fatalf("forgotten: %+v, want %s and %s at %v", idx.Forgotten, key, gone, now)
	}
	if err := share.Put(entry, []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	if idx, _ := share.Index(); len(idx.Forgotten) != 1 || idx.Forgotten[0].Key != gone {
		t.Fatalf("after assuming %s again, forgotten: %+v, want only %s", key, idx.Forgotten, gone)
	}
	now = now.Add(assume.ForgottenKept)
	if err := share.Remove(); err != nil {
		t.Fatal(err)
	}
	if idx, _ := share.Index(); len(idx.Forgotten) != 0 || !idx.ForgotAll.Equal(now) {
		t.Fatalf("a day later, after forgetting all: forgotten %+v, forgotAll %v, want none and %v", idx.Forgotten, idx.ForgotAll, now)
	}
}
