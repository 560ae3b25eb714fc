package handlers

import (
	"context"
	"fmt"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/internal/wire"
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
	if err := sc.h.srv.Notify(context.Background(), wire.StatusNotification, wire.NewStatus(st)); err != nil {
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
	if target == "" || st.Active == "" {
		return
	}
	var active *assume.SessionStatus
	for i := range st.Sessions {
		if st.Sessions[i].Profile == st.Active {
			active = &st.Sessions[i]
		}
	}
	if active == nil || active.State == assume.StateExpired {
		return
	}
	key := active.Profile + "|" + active.AccessKeyID + "|" + assume.FormatTime(active.Expiration)
	if key == last {
		return
	}
	sc.mu.Lock()
	sc.lastWritten = key
	sc.mu.Unlock()
	if err := sc.writeProfile(target, active); err != nil {
		sc.h.log.Warn("could not write the session to the credentials file", "profile", target, "error", err)
		msg := fmt.Sprintf("Could not write the session of %s to [%s]: %v", active.Profile, target, err)
		_ = sc.h.srv.Client().ShowMessage(context.Background(),
			&protocol.ShowMessageParams{Type: protocol.MessageTypeWarning, Message: plain(msg)})
	}
}

// writeProfile puts the session's credentials and region under [target] in the credentials file the AWS
// tools read, with the same checks and the same safe edit as `rolecall assume --write-profile`: a target on
// the session's own chain, one the AWS tools would resolve through other settings, or a section Rolecall
// did not create is refused; only that section changes, and the file is replaced atomically under a lock.
func (sc *sessionCommands) writeProfile(target string, active *assume.SessionStatus) error {
	snap := sc.h.snapshot()
	if err := assume.CheckWriteTarget(snap.main().Model, active.Profile, target); err != nil {
		return fmt.Errorf("%w (set rolecall.writeProfile to another name)", err)
	}
	creds, err := sc.store.Credentials(active.Profile)
	if err != nil {
		return err
	}
	return assume.WriteSessionProfile(snap.Locations.Credentials, target, creds)
}
