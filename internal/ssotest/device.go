package ssotest

import (
	"context"
	"fmt"
	"net/http"
	"strings"
)

// devicePage is the verificationUri: with ?user_code= (verificationUriComplete) it asks to approve
// that code; without, it asks for the code first.
func (s *Server) devicePage(w http.ResponseWriter, r *http.Request) *apiError {
	code := normalizeUserCode(r.URL.Query().Get("user_code"))
	if code == "" {
		showApproval(w, approvalPage{Action: "/device", Field: "user_code", AskCode: true,
			Title: "Enter the code shown by your application"})
		return nil
	}
	showApproval(w, approvalPage{Action: "/device", Field: "user_code", Value: code,
		Title: "Allow the application showing code " + code + " to access your AWS accounts?"})
	return nil
}

// deviceDecision is the device page's form.
func (s *Server) deviceDecision(w http.ResponseWriter, r *http.Request) *apiError {
	if err := r.ParseForm(); err != nil {
		showPage(w, http.StatusBadRequest, "Bad form", "The form could not be read.")
		return nil
	}
	code := r.PostForm.Get("user_code")
	approve := r.PostForm.Get("decision") == "approve"
	if err := s.decide(code, approve); err != nil {
		showPage(w, http.StatusBadRequest, "Not accepted", err.Error())
		return nil
	}
	if approve {
		showPage(w, http.StatusOK, "Request approved", "You can close this window and return to your application.")
	} else {
		showPage(w, http.StatusOK, "Request denied", "The application was not given access. You can close this window.")
	}
	return nil
}

// ApproveUserCode approves a device authorization as the user would on the verification page: the
// client's next poll gets a token.
func (s *Server) ApproveUserCode(userCode string) error { return s.decide(userCode, true) }

// DenyUserCode denies a device authorization: the client's next poll gets access_denied.
func (s *Server) DenyUserCode(userCode string) error { return s.decide(userCode, false) }

func (s *Server) decide(userCode string, approve bool) error {
	st := s.st
	st.mu.Lock()
	defer st.mu.Unlock()
	now := st.now()
	d := st.userCodes[normalizeUserCode(userCode)]
	switch {
	case d == nil:
		return fmt.Errorf("the code %q is not one the emulator gave out; check the code and try again", userCode)
	case !now.Before(d.expires):
		return fmt.Errorf("the code %s has expired; start signing in again", d.userCode)
	case d.redeemed || d.denied || d.session != nil:
		return fmt.Errorf("the code %s was already approved or denied", d.userCode)
	}
	if approve {
		st.approve(d, now)
	} else {
		d.denied = true
	}
	return nil
}

// NextUserCode waits for a device authorization that no earlier call returned and gives its user
// code, oldest first: a test reads the code the client under test was given, as a person reads it
// from the screen.
func (s *Server) NextUserCode(ctx context.Context) (string, error) {
	st := s.st
	for {
		st.mu.Lock()
		now := st.now()
		for len(st.started) > 0 {
			d := st.started[0]
			st.started = st.started[1:]
			if now.Before(d.expires) {
				st.mu.Unlock()
				return d.userCode, nil
			}
		}
		wait := st.startedCh
		st.mu.Unlock()
		select {
		case <-ctx.Done():
			return "", fmt.Errorf("no device authorization started: %w", ctx.Err())
		case <-wait:
		}
	}
}

// normalizeUserCode accepts what a person types: any case, with or without the dash.
func normalizeUserCode(c string) string {
	c = strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(c), "-", ""))
	if len(c) != 8 {
		return c
	}
	return c[:4] + "-" + c[4:]
}
