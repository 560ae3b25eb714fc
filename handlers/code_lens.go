package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"sync/atomic"
	"time"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/awsfiles"
)

// assumeRoleCommand is the editor command a code lens runs. It belongs to the VS Code extension (which
// asks the server through rolecall-ls.assume), so the server does not advertise it.
const assumeRoleCommand = "rolecall.assumeRole"

// refreshCommand is the editor command the active profile's code lens runs: the extension's refresh,
// which asks the server through rolecall-ls.refresh (and for an MFA code when it needs one).
const refreshCommand = "rolecall.refresh"

// codeLens puts a lens above the header of each profile that can be used from the editor: "Assume
// role" (or "Assume role (MFA)" when a role on the chain needs an MFA code) for a role profile whose
// source chain ends in credentials, "Get credentials" for an SSO profile. Both run rolecall.assumeRole
// with the profile name as their only argument. The active profile's lens shows its state instead,
// "Active · 59m · Refresh", and runs rolecall.refresh.
func (h *Handlers) codeLens(ctx context.Context, p *protocol.CodeLensParams) ([]protocol.CodeLens, error) {
	out := []protocol.CodeLens{}
	pair, fs, ok := h.snapshot().document(p.TextDocument.URI)
	if !ok {
		return out, nil
	}
	m := pair.Model
	active := h.lens.active()
	now := time.Now()
	for _, sec := range fs.File.Sections {
		if sec.Header == nil || sec.Head.Type != awsfiles.SectionProfile {
			continue
		}
		prof := m.Profile(sec.Head.Name)
		if prof == nil || prof.SectionIn(fs.Kind) != sec {
			continue // one lens per profile and file, on its first section there
		}
		kind := prof.Kind()
		if kind != awsfiles.KindAssumeRole && kind != awsfiles.KindSSO {
			continue
		}
		ch := m.Chain(prof)
		if !ch.OK() {
			continue
		}
		arg, err := json.Marshal(prof.Name)
		if err != nil {
			continue
		}
		cmd := protocol.Command{Title: lensTitle(ch, kind), Command: assumeRoleCommand, Arguments: []protocol.LSPAny{arg}}
		if active != nil && active.Profile == prof.Name {
			cmd.Title, cmd.Command = activeLensTitle(active, now)
		}
		out = append(out, protocol.CodeLens{Range: toRange(sec.HeaderRange()), Command: cmd})
	}
	return out, nil
}

func lensTitle(ch *awsfiles.Chain, kind awsfiles.ProfileKind) string {
	if kind == awsfiles.KindSSO {
		return "Get credentials"
	}
	for _, r := range ch.Roles {
		if r.Value("mfa_serial") != "" {
			return "Assume role (MFA)"
		}
	}
	return "Assume role"
}

// activeLensTitle is the active session's lens: its state and time left, and what clicking does.
func activeLensTitle(s *assume.SessionStatus, now time.Time) (title, command string) {
	left := s.Expiration.Sub(now)
	switch {
	case s.State == assume.StateExpired || left <= 0:
		return "Expired · Assume again", assumeRoleCommand
	case s.State == assume.StateExpiring:
		return "Expiring · " + shortDuration(left) + " · Refresh", refreshCommand
	}
	return "Active · " + shortDuration(left) + " · Refresh", refreshCommand
}

// shortDuration is a time left as the status bar writes it: "59m", "1h 5m", "<1m".
func shortDuration(d time.Duration) string {
	m := int(d / time.Minute)
	switch {
	case m < 1:
		return "<1m"
	case m < 60:
		return fmt.Sprintf("%dm", m)
	case m%60 == 0:
		return fmt.Sprintf("%dh", m/60)
	}
	return fmt.Sprintf("%dh %dm", m/60, m%60)
}

// lensState is what the code lenses know of the sessions: the active one, as of the store's last
// change.
type lensState struct {
	status atomic.Pointer[assume.StoreStatus]
}

// active is the active session, or nil.
func (l *lensState) active() *assume.SessionStatus {
	st := l.status.Load()
	if st == nil || st.Active == "" {
		return nil
	}
	for i := range st.Sessions {
		if st.Sessions[i].Profile == st.Active {
			return &st.Sessions[i]
		}
	}
	return nil
}

// sessionsChanged records the sessions' new status for the lenses and asks the client to ask for them
// again (workspace/codeLens/refresh), when it can. The request goes on its own goroutine: the store
// calls this in order, one change at a time, and must not wait for the editor.
func (h *Handlers) sessionsChanged(st assume.StoreStatus) {
	h.lens.status.Store(&st)
	if caps := h.client.Load(); caps == nil || !caps.codeLensRefresh {
		return
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := h.srv.Client().CodeLensRefresh(ctx); err != nil {
			h.log.Debug("the client did not refresh its code lenses", "error", err)
		}
	}()
}
