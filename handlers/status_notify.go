package handlers

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/awsfiles"
)

// statusChanged is the store's onChange callback: after every change of any session (assumed,
// refreshed, forgotten, turned expiring or expired, refresh failed, settings changed) it sends the whole
// status to the client as the rolecall/status notification, and keeps the writeProfile section of the
// credentials file in step with the active session.
//
// The store calls it outside its own lock, from the goroutine that made the change (a command's, or an
// auto-refresh timer's), one call at a time and in order; it may read the store (Status, Credentials)
// but must not change it. Notifications use a background context: a change made by a request that is
// being cancelled must still reach the client.
func (sc *sessionCommands) statusChanged(st assume.StoreStatus) {
	if err := sc.h.srv.Notify(context.Background(), StatusNotification, st); err != nil {
		sc.h.log.Debug("could not send the session status", "error", err)
	}
	sc.h.sessionsChanged(st)
	sc.writeActiveSession(st)
}

// writeActiveSession writes the active session's credentials under [writeProfile] in the credentials
// file when the setting is on and the session is not the one written last. Failures (a section Rolecall
// did not create, an unwritable file) are logged and shown to the user; they never hold a secret.
func (sc *sessionCommands) writeActiveSession(st assume.StoreStatus) {
	sc.mu.Lock()
	target, last := sc.settings.WriteProfile, sc.lastWritten
	sc.mu.Unlock()
	if target == "" || st.Active == nil {
		return
	}
	var active *assume.SessionStatus
	for i := range st.Sessions {
		if st.Sessions[i].Profile == *st.Active {
			active = &st.Sessions[i]
		}
	}
	if active == nil || active.State == assume.StateExpired {
		return
	}
	key := active.Profile + "|" + active.AccessKeyID + "|" + active.Expiration.String()
	if key == last {
		return
	}
	sc.mu.Lock()
	sc.lastWritten = key
	sc.mu.Unlock()
	if err := sc.writeProfile(target, active); err != nil {
		sc.h.log.Warn("could not write the session to the credentials file", "profile", target, "error", err)
		msg := fmt.Sprintf("Rolecall could not write the session of %s to [%s]: %v", active.Profile, target, err)
		_ = sc.h.srv.Notify(context.Background(), protocol.MethodWindowShowMessage,
			&protocol.ShowMessageParams{Type: protocol.MessageTypeWarning, Message: msg})
	}
}

// writeProfile puts the session's credentials under [target] in the credentials file the AWS tools
// read, through the same safe edit as `rolecall assume --write-profile`: only that section changes,
// the file is replaced atomically under a lock, and a section Rolecall did not create is refused.
func (sc *sessionCommands) writeProfile(target string, active *assume.SessionStatus) error {
	if slices.Contains(active.Chain, target) {
		return fmt.Errorf("%s is on the chain of %s (%s), so writing keys there would change how %s itself is assumed: "+
			"set rolecall.writeProfile to another name", target, active.Profile, strings.Join(active.Chain, " → "), active.Profile)
	}
	creds, err := sc.store.Credentials(active.Profile)
	if err != nil {
		return err
	}
	path := sc.h.Snapshot().Locations.Credentials
	values := []awsfiles.KeyValue{
		{Key: "aws_access_key_id", Value: creds.AccessKeyID},
		{Key: "aws_secret_access_key", Value: creds.SecretAccessKey},
		{Key: "aws_session_token", Value: creds.SessionToken},
	}
	return awsfiles.UpdateFile(path, 0o600, func(old []byte) ([]byte, error) {
		return awsfiles.SetManagedProfile(awsfiles.Parse(awsfiles.CredentialsFile, path, old), target, values)
	})
}
