package ssotest

import (
	"net/http"
	"net/url"
	"strings"
)

// authorize is GET /authorize, where a client sends the browser for the authorization code grant
// (response_type=code with PKCE S256). Errors about the client or redirect_uri are shown as a page,
// never redirected, since the redirect target is not trusted (RFC 6749 section 4.1.2.1); the others
// go back to the redirect_uri. With auto-approval the browser goes straight back with a code;
// otherwise it sees the approval page.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) *apiError {
	q := r.URL.Query()
	redirect := q.Get("redirect_uri")
	st := s.st
	st.mu.Lock()
	defer st.mu.Unlock()
	now := st.now()
	c := st.clients[q.Get("client_id")]
	if c == nil || !now.Before(c.expires) {
		showPage(w, http.StatusBadRequest, "Unknown client", "The client_id is not registered, or its registration has expired.")
		return nil
	}
	if !c.allows(grantAuthorizationCode) || !redirectRegistered(c, redirect) {
		showPage(w, http.StatusBadRequest, "Invalid redirect", "The redirect_uri is not registered for this client.")
		return nil
	}
	state := q.Get("state")
	switch {
	case q.Get("response_type") != "code":
		redirectBack(w, r, redirect, url.Values{"error": {"unsupported_response_type"}, "state": {state}})
		return nil
	case q.Get("code_challenge") == "" || q.Get("code_challenge_method") != "S256":
		redirectBack(w, r, redirect, url.Values{"error": {"invalid_request"},
			"error_description": {"PKCE with code_challenge_method=S256 is required"}, "state": {state}})
		return nil
	}
	if !st.admit() {
		showPage(w, http.StatusTooManyRequests, "Too many requests", "Try again later.")
		return nil
	}
	req := &authRequest{clientID: c.id, clientName: c.name, redirectURI: redirect, state: state,
		challenge: q.Get("code_challenge"), scopes: strings.Fields(q.Get("scopes")), expires: now.Add(authCodeLife)}
	if st.autoApprove {
		redirectBack(w, r, redirect, st.grantCode(req))
		return nil
	}
	id := randomToken(32)
	st.requests[id] = req
	showApproval(w, approvalPage{Action: "/authorize", Field: "request", Value: id,
		Title: "Allow " + c.name + " to access your AWS accounts?", Scopes: req.scopes})
	return nil
}

// authorizeDecision is the approval page's form: Approve sends the browser back with a code, Deny with
// error=access_denied.
func (s *Server) authorizeDecision(w http.ResponseWriter, r *http.Request) *apiError {
	if err := r.ParseForm(); err != nil {
		showPage(w, http.StatusBadRequest, "Bad form", "The form could not be read.")
		return nil
	}
	st := s.st
	st.mu.Lock()
	defer st.mu.Unlock()
	id := r.PostForm.Get("request")
	req := st.requests[id]
	if req == nil || !st.now().Before(req.expires) {
		showPage(w, http.StatusBadRequest, "Request expired", "This sign-in request is unknown or has expired; start again.")
		return nil
	}
	delete(st.requests, id)
	if r.PostForm.Get("decision") != "approve" {
		redirectBack(w, r, req.redirectURI, url.Values{"error": {"access_denied"}, "state": {req.state}})
		return nil
	}
	redirectBack(w, r, req.redirectURI, st.grantCode(req))
	return nil
}

// grantCode signs the user in and makes the authorization code for req; the answer is the redirect's
// query. Call with mu held.
func (st *state) grantCode(req *authRequest) url.Values {
	now := st.now()
	code := randomToken(64)
	st.codes[code] = &authCode{clientID: req.clientID, redirectURI: req.redirectURI, challenge: req.challenge,
		expires: now.Add(authCodeLife), session: st.newSession(now)}
	return url.Values{"code": {code}, "state": {req.state}}
}

// redirectBack sends the browser to the client's redirect_uri with query added to it.
func redirectBack(w http.ResponseWriter, r *http.Request, redirect string, query url.Values) {
	u, _ := url.Parse(redirect) // checked by redirectRegistered
	q := u.Query()
	for k, v := range query {
		q[k] = v
	}
	u.RawQuery = q.Encode()
	status := http.StatusFound
	if r.Method == http.MethodPost {
		status = http.StatusSeeOther
	}
	http.Redirect(w, r, u.String(), status)
}
