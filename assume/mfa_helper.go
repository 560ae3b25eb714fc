package assume

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// MFA helpers answer for the person when a code is needed and none was given: the profile's
// mfa_process (a command line, run through the shell as aws-vault runs it), else a YubiKey's OATH
// account through `ykman oath accounts code --single ACCOUNT` when Options.YubiKeyAccount asks for it.
// A code the caller gave always comes first. The helper's output is the code: it is trimmed, must be
// six digits, and never reaches a log or an error message.

// ReasonMFAHelper is the reason of an MFAHelperError (docs/commands.md).
const ReasonMFAHelper = "mfa-helper-failed"

// DefaultMFAHelperTimeout bounds one run of mfa_process or ykman: long enough to touch a YubiKey or
// unlock a password manager, short enough that a helper waiting for input it will never get is noticed.
const DefaultMFAHelperTimeout = time.Minute

// DefaultYKMan is the ykman program looked up on PATH when Options.YKManPath is empty.
const DefaultYKMan = "ykman"

// MFAHelperError: mfa_process or ykman gave no usable code.
type MFAHelperError struct {
	Profile string // the profile being assumed
	Serial  string // the MFA device the code was for
	Helper  string // "mfa_process of profile \"x\"" or "ykman (YubiKey account \"y\")"
	Problem string // what went wrong and what to do, without the helper's output
}

func (e *MFAHelperError) Error() string {
	return fmt.Sprintf("%s gave no MFA code for %s: %s", e.Helper, e.Serial, e.Problem)
}
func (e *MFAHelperError) Reason() string { return ReasonMFAHelper }
func (e *MFAHelperError) Data() map[string]any {
	return map[string]any{"profile": e.Profile, "mfaSerial": e.Serial}
}

// hasMFAHelper says whether a code for a device whose profile sets process can be had without asking
// anyone, so that auto-refresh may renew a session that needs one.
func (o Options) hasMFAHelper(process string) bool {
	return strings.TrimSpace(process) != "" || o.YubiKeyAccount != ""
}

// helperCode runs the helper for serial, if there is one; ok is false when there is none.
func (r *chainRun) helperCode(ctx context.Context, serial, profile, process string) (code string, ok bool, err error) {
	var cmd *exec.Cmd
	var helper string
	timeout := r.opts.MFAHelperTimeout
	if timeout <= 0 {
		timeout = DefaultMFAHelperTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	switch {
	case strings.TrimSpace(process) != "":
		helper = fmt.Sprintf("the mfa_process of profile %q", profile)
		cmd = shellCommand(ctx, process)
	case r.opts.YubiKeyAccount != "":
		ykman := r.opts.YKManPath
		if ykman == "" {
			ykman = DefaultYKMan
		}
		helper = fmt.Sprintf("ykman (YubiKey OATH account %q)", r.opts.YubiKeyAccount)
		cmd = exec.CommandContext(ctx, ykman, "oath", "accounts", "code", "--single", r.opts.YubiKeyAccount)
	default:
		return "", false, nil
	}
	fail := func(problem string) (string, bool, error) {
		return "", true, &MFAHelperError{Profile: r.plan.Profile, Serial: serial, Helper: helper, Problem: problem}
	}
	// No stdin and no stderr: in the language server they are the LSP stream and its log. A helper that
	// prompts fails (or times out) instead of eating protocol bytes.
	var out bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = nil, &out, nil
	// A grandchild that keeps stdout open (sh -c 'sleep 100') must not hold the call past the timeout.
	cmd.WaitDelay = time.Second
	runErr := cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case ctx.Err() == context.DeadlineExceeded:
		return fail(fmt.Sprintf("it did not finish within %s (is it waiting for input, or for a touch of the key?); "+
			"run it in a terminal to check it, or enter the code yourself", timeout))
	case errors.Is(runErr, exec.ErrNotFound), errors.Is(runErr, fs.ErrNotExist):
		return fail("the program was not found: install ykman, or set its path (rolecall.mfa.ykmanPath, ROLECALL_YKMAN)")
	case errors.As(runErr, &exitErr):
		return fail(fmt.Sprintf("it exited with status %d: run it in a terminal to see why", exitErr.ExitCode()))
	case runErr != nil:
		if ctx.Err() != nil && ctx.Err() != context.DeadlineExceeded {
			return "", true, ctx.Err() // the assume itself was cancelled
		}
		return fail("it could not be started: check the command line and that the program is on PATH")
	}
	code = strings.TrimSpace(out.String())
	if !isMFACode(code) {
		// Never quote the output: it may be a secret (a password manager printing the wrong field).
		return fail(fmt.Sprintf("it printed %d characters that are not a six-digit code: make it print only the current code",
			len(code)))
	}
	return code, true, nil
}

// shellCommand runs a command line through the shell, as aws-vault runs mfa_process (sh -c, or
// cmd.exe /C on Windows).
func shellCommand(ctx context.Context, line string) *exec.Cmd {
	if runtime.GOOS == "windows" {
		return exec.CommandContext(ctx, "cmd.exe", "/C", line)
	}
	return exec.CommandContext(ctx, "sh", "-c", line)
}
