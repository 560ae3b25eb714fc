package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"sync"
	"time"

	"github.com/rolecall/rolecall/assume"
	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/server"
)

// sessionCommands is the server's side of the assume engine: one Store of sessions for the whole
// server, fed with plans built from the current snapshot and with the client's settings.
type sessionCommands struct {
	h     *Handlers
	store *assume.Store
	base  assume.Options   // Options.Assume with the home directory's CLI cache filled in
	env   assume.LookupEnv // the environment the AWS tools would see (AWS_REGION, AWS_ENDPOINT_URL_STS, ...)

	credEndpoint credentialEndpoint // the terminals' credential endpoint (commands_endpoint.go)

	mu          sync.Mutex
	settings    sessionSettings
	lastModel   *awsfiles.Model // the model the held sessions' plans were last built from
	lastWritten string          // the session last written to writeProfile (see status_notify.go)
}

// newSessionCommands creates the session store, with the options of the handlers and the AWS CLI's
// cache under the home directory. The handlers call it directly: applySettings when the settings
// change, snapshotChanged after every rebuild, close at shutdown.
func newSessionCommands(h *Handlers) *sessionCommands {
	sc := &sessionCommands{h: h, base: h.opts.Assume, env: assume.LookupEnv(h.opts.Env)}
	if sc.base.CLICacheDir == "" && h.opts.Home != "" {
		sc.base.CLICacheDir = filepath.Join(h.opts.Home, ".aws", "cli", "cache")
	}
	sc.base.SSOCacheDir = ssoCacheDir(h) // the one the sso commands sign in to

	if sc.base.Getenv == nil {
		sc.base.Getenv = func(name string) string { v, _ := h.opts.Env(name); return v }
	}
	sc.store = assume.NewStore(sc.base, sc.statusChanged)
	return sc
}

// close ends the sessions at shutdown: the credential endpoint stops listening, an assume or refresh
// in flight is cancelled and waited for, timers stop, and every session leaves memory (the AWS CLI's
// cache stays, as the CLI's own would).
func (sc *sessionCommands) close() {
	sc.credEndpoint.close()
	sc.store.Close()
}

// sessionSettings are the client's settings for sessions (docs/extension.md); nil means the default.
type sessionSettings struct {
	AutoRefresh          *bool        `json:"autoRefresh"`
	ExpiryWarningMinutes *float64     `json:"expiryWarningMinutes"`
	CLICache             *bool        `json:"cliCache"`
	WriteProfile         string       `json:"writeProfile"`
	MFASessionHours      *float64     `json:"mfaSessionHours"`
	MFA                  *mfaSettings `json:"mfa"`
}

// mfaSettings are the MFA helpers' settings (rolecall.mfa.*): a YubiKey OATH account whose code answers
// when one is needed, the ykman program, and how long a helper may take.
type mfaSettings struct {
	YubiKeyAccount string   `json:"yubikeyAccount"`
	YKManPath      string   `json:"ykmanPath"`
	TimeoutSeconds *float64 `json:"timeoutSeconds"`
}

// applySettings reads the session settings from the client's settings object and hands them to the
// store. A field of the wrong type (or out of range) is logged and keeps its default; the others apply.
func (sc *sessionCommands) applySettings(raw json.RawMessage) {
	var fields map[string]json.RawMessage
	_ = json.Unmarshal(raw, &fields)
	var s sessionSettings
	for name, target := range map[string]any{"autoRefresh": &s.AutoRefresh, "expiryWarningMinutes": &s.ExpiryWarningMinutes,
		"cliCache": &s.CLICache, "writeProfile": &s.WriteProfile, "mfaSessionHours": &s.MFASessionHours, "mfa": &s.MFA} {
		if v, ok := fields[name]; ok && !decodeSetting(v, target) {
			sc.h.log.Warn("ignoring a session setting of the wrong type; its default applies", "setting", name)
		}
	}
	opts := sc.base
	if s.AutoRefresh != nil && !*s.AutoRefresh {
		opts.DisableAutoRefresh = true
	}
	if s.CLICache != nil && !*s.CLICache {
		opts.DisableCLICache = true
	}
	if m := s.ExpiryWarningMinutes; m != nil && *m > 0 && *m <= 24*60 {
		opts.ExpiryWarning = time.Duration(*m * float64(time.Minute))
	}
	if hours := s.MFASessionHours; hours != nil && *hours >= 0.25 && *hours <= 36 {
		opts.MFASessionDuration = time.Duration(*hours * float64(time.Hour))
	}
	if m := s.MFA; m != nil {
		opts.YubiKeyAccount, opts.YKManPath = m.YubiKeyAccount, m.YKManPath
		if t := m.TimeoutSeconds; t != nil && *t >= 1 && *t <= 600 {
			opts.MFAHelperTimeout = time.Duration(*t * float64(time.Second))
		}
	}
	sc.mu.Lock()
	sc.settings = s
	sc.lastWritten = "" // a new writeProfile target gets the active session at the next change
	sc.mu.Unlock()
	sc.store.SetOptions(opts)
}

// decodeSetting decodes one setting into target (a pointer), leaving target alone when the value does
// not decode: encoding/json may have half-filled a fresh value by the time it reports the error.
func decodeSetting(v json.RawMessage, target any) bool {
	fresh := reflect.New(reflect.TypeOf(target).Elem())
	if json.Unmarshal(v, fresh.Interface()) != nil {
		return false
	}
	reflect.ValueOf(target).Elem().Set(fresh.Elem())
	return true
}

// planFor builds the plan of a profile from the current snapshot's main pair: the files the AWS tools
// read, with unsaved editor changes.
func (sc *sessionCommands) planFor(ctx context.Context, profile string) (assume.Plan, error) {
	return assume.FromProfile(sc.h.freshSnapshot(ctx).main().Model, profile, sc.env)
}

// snapshotChanged gives every held session the plan of its profile as the files now say, so that
// refreshes (auto-refresh included) use the settings as edited. A profile that can no longer be
// assumed keeps its old plan: its session still says what it was assumed with. It runs inside every
// rebuild, under the rebuild's lock, after the diagnostics were published: it must stay quick and never
// wait for the client.
func (sc *sessionCommands) snapshotChanged(snap *snapshot) {
	m := snap.main().Model
	sc.mu.Lock()
	changed := m != sc.lastModel
	sc.lastModel = m
	sc.mu.Unlock()
	if !changed {
		return
	}
	for _, st := range sc.store.Status().Sessions {
		if plan, err := assume.FromProfile(m, st.Profile, sc.env); err == nil {
			sc.store.SetPlan(plan)
		}
	}
}

// commandError turns an engine error into the documented JSON-RPC error: code -32803 with
// data.reason and the reason's fields. The message is the engine's, which never holds a secret.
func commandError(err error) error {
	if errors.Is(err, context.Canceled) {
		return err
	}
	if _, data, ok := assume.ErrorData(err); ok {
		addSSOData(err, data) // commands_sso.go: "Sign in to <session>" for a role whose sign-in is over
		return server.NewError(server.CodeRequestFailed, err.Error()).WithData(data)
	}
	return server.NewError(server.CodeRequestFailed, err.Error())
}
