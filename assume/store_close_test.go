package assume

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Shutting the server down while an assume or a refresh waits for STS: Close cancels the call and
// returns only once it has ended, and nothing the call would have obtained lands in the store, in the
// engine's memory or in the AWS CLI's cache after Close.
func TestCloseCancelsAndWaitsForCallsInFlight(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name        string
		blockAction string // the STS action that hangs until the test releases it
		blockCall   int    // which call of it hangs
		refresh     bool   // assume first, then refresh while STS hangs
	}{
		{name: "assume", blockAction: "GetSessionToken", blockCall: 1},
		{name: "refresh", blockAction: "AssumeRole", blockCall: 2, refresh: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			arrived, release := make(chan struct{}), make(chan struct{})
			sts := newFakeSTS(t, func(action string, n int) (int, string) {
				if action == tc.blockAction && n == tc.blockCall {
					close(arrived)
					<-release
				}
				switch action {
				case "GetSessionToken":
					return 200, getSessionTokenXML("ASIAMFAEXAMPLE000001", time.Now().Add(12*time.Hour))
				case "AssumeRole":
					return 200, assumeRoleXML(fmt.Sprintf("ASIAROLEEXAMPLE%05d", n), time.Now().Add(time.Hour))
				}
				return 403, stsErrorXML("AccessDenied", "not in this test")
			})
			released := false
			releaseOnce := func() {
				if !released {
					released = true
					close(release)
				}
			}
			t.Cleanup(releaseOnce) // before the fake STS closes: it waits for its handlers
			cacheDir := t.TempDir()
			store := newQuietStore(t, Options{CLICacheDir: cacheDir, UserName: "tester"}, nil)
			src := baseKeys()
			plan := Plan{Profile: "dev", Source: src, Endpoint: sts.URL,
				Roles: []RoleHop{{Profile: "dev", RoleArn: adminRole, MFASerial: mfaSerial}}}
			if tc.refresh {
				if _, err := store.Assume(context.Background(), plan, "123456"); err != nil {
					t.Fatal(err)
				}
			}
			cacheBefore := dirContents(t, cacheDir)

			ended := make(chan struct{}) // closed when the call's STS work has returned
			run := store.run
			store.run = func(ctx context.Context, opts Options, plan Plan, code string, refresh bool) (result, error) {
				res, err := run(ctx, opts, plan, code, refresh)
				if refresh == tc.refresh {
					close(ended)
				}
				return res, err
			}
			done := make(chan error, 1)
			go func() {
				var err error
				if tc.refresh {
					_, err = store.Refresh(context.Background(), "dev", "")
				} else {
					_, err = store.Assume(context.Background(), plan, "123456")
				}
				done <- err
			}()
			<-arrived
			store.Close()
			select {
			case <-ended:
			default:
				t.Errorf("Close returned while the %s was still waiting for STS", tc.name)
			}
			releaseOnce()
			if err := <-done; !errors.Is(err, ErrClosed) {
				t.Errorf("the %s cancelled by Close answered %v, want ErrClosed", tc.name, err)
			}

			if st := store.Status(); len(st.Sessions) != 0 {
				t.Errorf("the store holds %d sessions after Close", len(st.Sessions))
			}
			store.engine.mu.Lock()
			held := len(store.engine.mfaSessions) + len(store.engine.hops)
			store.engine.mu.Unlock()
			if held != 0 {
				t.Errorf("the engine holds %d MFA sessions or hops after Close", held)
			}
			if after := dirContents(t, cacheDir); after != cacheBefore {
				t.Errorf("the AWS CLI cache changed after Close:\nbefore %s\nafter  %s", cacheBefore, after)
			}
		})
	}
}

func getSessionTokenXML(keyID string, expires time.Time) string {
	return `<GetSessionTokenResponse><GetSessionTokenResult><Credentials><AccessKeyId>` + keyID + `</AccessKeyId>` +
		`<SecretAccessKey>` + exampleSecret + `</SecretAccessKey><SessionToken>session-token-EXAMPLE</SessionToken>` +
		`<Expiration>` + expires.UTC().Format(time.RFC3339) + `</Expiration></Credentials></GetSessionTokenResult></GetSessionTokenResponse>`
}

// dirContents is every file of dir with its content, as one string to compare.
func dirContents(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := ""
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out += e.Name() + "=" + string(data) + ";"
	}
	return out
}
