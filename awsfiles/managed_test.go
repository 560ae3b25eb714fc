package awsfiles

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

const userCredentials = "# my keys, do not lose this comment\r\n[default]\r\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\r\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\r\n\r\n;  odd   spacing kept\r\n[other]  \r\nregion=eu-west-1\r\n"

func session(id string) []KeyValue {
	return []KeyValue{{"aws_access_key_id", id}, {"aws_secret_access_key", "secretEXAMPLE"}, {"aws_session_token", "tokenEXAMPLE"}}
}

func TestWritingAProfileKeepsEveryOtherByte(t *testing.T) {
	f := Parse(CredentialsFile, "credentials", []byte(userCredentials))
	out, err := SetManagedProfile(f, "dev-session", session("ASIAEXAMPLE1"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(out), userCredentials) {
		t.Fatalf("existing bytes changed:\n%q", out)
	}
	added := strings.TrimPrefix(string(out), userCredentials)
	if !strings.HasPrefix(added, "\r\n[dev-session]\r\n"+ManagedMarker) || strings.Count(added, "\n") != strings.Count(added, "\r\n") {
		t.Fatalf("new section should follow a blank line and use CRLF:\n%q", added)
	}

	// Rewriting it changes only its own lines, even with a section after it.
	after := string(out) + "\r\n# next\r\n[later]\r\nregion = us-east-1\r\n"
	f2 := Parse(CredentialsFile, "credentials", []byte(after))
	out2, err := SetManagedProfile(f2, "dev-session", session("ASIAEXAMPLE2"))
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Replace(after, "ASIAEXAMPLE1", "ASIAEXAMPLE2", 1); string(out2) != want {
		t.Fatalf("rewrite changed more than the keys:\n got %q\nwant %q", out2, want)
	}
}

func TestWritingRefusesSectionsRolecallDidNotWrite(t *testing.T) {
	f := Parse(CredentialsFile, "credentials", []byte(userCredentials))
	_, err := SetManagedProfile(f, "default", session("ASIAEXAMPLE1"))
	var nm *NotManagedError
	if !errors.As(err, &nm) || nm.Line != 2 {
		t.Fatalf("err = %v, want NotManagedError at line 2", err)
	}
	if strings.Contains(err.Error(), "EXAMPLEKEY") {
		t.Fatalf("error leaks a secret: %v", err)
	}
}

func TestUpdateFileKeepsModeAndSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real-credentials")
	if err := os.WriteFile(real, []byte(userCredentials), 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "credentials")
	if err := os.Symlink("real-credentials", link); err != nil {
		t.Fatal(err)
	}
	writeSession(t, link, "dev", "ASIAEXAMPLE1")
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the symlink was replaced by a file")
	}
	fi, _ := os.Stat(real)
	if fi.Mode().Perm() != 0o640 {
		t.Fatalf("mode = %v, want 0640 kept", fi.Mode().Perm())
	}
	data, _ := os.ReadFile(real)
	if !strings.HasPrefix(string(data), userCredentials) || !strings.Contains(string(data), "ASIAEXAMPLE1") {
		t.Fatalf("unexpected content %q", data)
	}

	fresh := filepath.Join(dir, "new", "credentials")
	writeSession(t, fresh, "dev", "ASIAEXAMPLE1")
	if fi, _ := os.Stat(fresh); fi.Mode().Perm() != 0o600 {
		t.Fatalf("a new file must be 0600, got %v", fi.Mode().Perm())
	}
}

func writeSession(t *testing.T, path, profile, id string) {
	t.Helper()
	err := UpdateFile(path, 0o600, func(old []byte) ([]byte, error) {
		return SetManagedProfile(Parse(CredentialsFile, path, old), profile, session(id))
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestConcurrentWritersKeepBothUpdates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "credentials")
	os.WriteFile(path, []byte(userCredentials), 0o600)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			writeSession(t, path, fmt.Sprintf("writer-%d", i), fmt.Sprintf("ASIAEXAMPLEW%d", i))
		}(i)
	}
	wg.Wait()
	data, _ := os.ReadFile(path)
	f := Parse(CredentialsFile, path, data)
	m := NewModel(nil, f)
	for i := 0; i < 8; i++ {
		if got := m.Profile(fmt.Sprintf("writer-%d", i)).Value("aws_access_key_id"); got != fmt.Sprintf("ASIAEXAMPLEW%d", i) {
			t.Errorf("writer-%d lost its update: %q", i, got)
		}
	}
	if !strings.HasPrefix(string(data), userCredentials) {
		t.Errorf("user's bytes changed")
	}
}

// The AWS CLI must read what Rolecall writes.
func TestAWSCLIReadsTheWrittenProfile(t *testing.T) {
	aws, err := exec.LookPath("aws")
	if err != nil {
		t.Skip("the AWS CLI is not installed; skipping the interop check")
	}
	dir := t.TempDir()
	creds := filepath.Join(dir, "credentials")
	os.WriteFile(creds, []byte(userCredentials), 0o600)
	writeSession(t, creds, "dev-session", "ASIAIOSFODNN7EXAMPLE")
	cmd := exec.Command(aws, "configure", "list", "--profile", "dev-session")
	cmd.Env = append(os.Environ(), "AWS_SHARED_CREDENTIALS_FILE="+creds, "AWS_CONFIG_FILE="+filepath.Join(dir, "config"), "HOME="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("aws configure list: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "MPLE") || !strings.Contains(string(out), "shared-credentials-file") {
		t.Fatalf("the CLI did not read the profile:\n%s", out)
	}
}
