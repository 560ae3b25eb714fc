package ssotest

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// The grant types of the sso-oidc API (RegisterClient's grantTypes and CreateToken's grantType).
const (
	grantDeviceCode        = "urn:ietf:params:oauth:grant-type:device_code"
	grantAuthorizationCode = "authorization_code"
	grantRefreshToken      = "refresh_token"
)

// registerClient is RegisterClient (POST /client/register).
func (s *Server) registerClient(w http.ResponseWriter, r *http.Request) *apiError {
	var in struct {
		ClientName   string   `json:"clientName"`
		ClientType   string   `json:"clientType"`
		Scopes       []string `json:"scopes"`
		RedirectURIs []string `json:"redirectUris"`
		GrantTypes   []string `json:"grantTypes"`
		IssuerURL    string   `json:"issuerUrl"`
	}
	if e := readJSON(r, &in); e != nil {
		return e
	}
	if in.ClientName == "" || in.ClientType == "" {
		return errorf("InvalidRequestException", "clientName and clientType are required.")
	}
	if in.ClientType != "public" {
		return errorf("InvalidClientMetadataException", "clientType must be public.")
	}
	for _, g := range in.GrantTypes {
		if g != grantDeviceCode && g != grantAuthorizationCode && g != grantRefreshToken {
			return errorf("UnsupportedGrantTypeException", "Unsupported grant type %q.", g)
		}
	}
	for _, sc := range in.Scopes {
		if strings.TrimSpace(sc) == "" {
			return errorf("InvalidScopeException", "A scope is empty.")
		}
	}
	for _, u := range in.RedirectURIs {
		if !isLoopbackHTTP(u) {
			return errorf("InvalidRedirectUriException", "Redirect URI %q is not an http URI on a loopback address.", u)
		}
	}
	if slices.Contains(in.GrantTypes, grantAuthorizationCode) && (len(in.RedirectURIs) == 0 || in.IssuerURL == "") {
		return errorf("InvalidRequestException", "The authorization_code grant needs redirectUris and issuerUrl.")
	}
	st := s.st
	st.mu.Lock()
	defer st.mu.Unlock()
	if !st.admit() {
		return errorf("SlowDownException", "Too many registrations; try again later.")
	}
	now := st.now()
	c := &client{id: randomToken(22), secret: randomToken(200), name: in.ClientName, grantTypes: in.GrantTypes,
		redirectURIs: in.RedirectURIs, scopes: in.Scopes, issued: now, expires: now.Add(st.opts.RegistrationLifetime)}
	st.clients[c.id] = c
	writeJSON(w, http.StatusOK, map[string]any{
		"clientId":              c.id,
		"clientSecret":          c.secret,
		"clientIdIssuedAt":      c.issued.Unix(),
		"clientSecretExpiresAt": c.expires.Unix(),
	})
	return nil
}

// startDeviceAuthorization is StartDeviceAuthorization (POST /device_authorization).
func (s *Server) startDeviceAuthorization(w http.ResponseWriter, r *http.Request) *apiError {
	var in struct {
		ClientID     string `json:"clientId"`
		ClientSecret string `json:"clientSecret"`
		StartURL     string `json:"startUrl"`
	}
	if e := readJSON(r, &in); e != nil {
		return e
	}
	if in.ClientID == "" || in.ClientSecret == "" || in.StartURL == "" {
		return errorf("InvalidRequestException", "clientId, clientSecret and startUrl are required.")
	}
	st := s.st
	st.mu.Lock()
	defer st.mu.Unlock()
	now := st.now()
	c, e := st.authenticate(in.ClientID, in.ClientSecret, now)
	if e != nil {
		return e
	}
	if !c.allows(grantDeviceCode) {
		return errorf("UnauthorizedClientException", "The client is not registered for the device code grant.")
	}
	if !st.admit() {
		return errorf("SlowDownException", "Too many device authorizations; try again later.")
	}
	d := &deviceAuth{deviceCode: randomToken(86), userCode: st.newUserCode(), clientID: c.id,
		expires: now.Add(st.opts.DeviceCodeLifetime)}
	st.devices[d.deviceCode] = d
	st.userCodes[d.userCode] = d
	if st.autoApprove {
		st.approve(d, now)
	}
	st.started = append(st.started, d)
	close(st.startedCh)
	st.startedCh = make(chan struct{})
	writeJSON(w, http.StatusOK, map[string]any{
		"deviceCode":              d.deviceCode,
		"userCode":                d.userCode,
		"verificationUri":         s.url + "/device",
		"verificationUriComplete": s.url + "/device?user_code=" + url.QueryEscape(d.userCode),
		"expiresIn":               int32(st.opts.DeviceCodeLifetime / time.Second),
		"interval":                st.opts.Interval,
	})
	return nil
}

// newUserCode is a code a person can read and type: two groups of four letters, as the real ones.
// Call with mu held.
func (st *state) newUserCode() string {
	const letters = "BCDFGHJKLMNPQRSTVWXZ" // no vowels: no words, no 0/O or 1/I confusion
	for {
		b := []byte(randomToken(8))
		for i, c := range b {
			b[i] = letters[int(c)%len(letters)]
		}
		code := string(b[:4]) + "-" + string(b[4:])
		if st.userCodes[code] == nil {
			return code
		}
	}
}

// authenticate checks a client's id and secret. Call with mu held.
func (st *state) authenticate(id, secret string, now time.Time) (*client, *apiError) {
	c := st.clients[id]
	if c == nil || subtle.ConstantTimeCompare([]byte(c.secret), []byte(secret)) != 1 {
		return nil, errorf("InvalidClientException", "Invalid client id or secret.")
	}
	if !now.Before(c.expires) {
		return nil, errorf("InvalidClientException", "The client registration has expired; register again.")
	}
	return c, nil
}

// createTokenInput is CreateToken's body.
type createTokenInput struct {
	ClientID     string   `json:"clientId"`
	ClientSecret string   `json:"clientSecret"`
	GrantType    string   `json:"grantType"`
	DeviceCode   string   `json:"deviceCode"`
	Code         string   `json:"code"`
	RefreshToken string   `json:"refreshToken"`
	Scope        []string `json:"scope"`
	RedirectURI  string   `json:"redirectUri"`
	CodeVerifier string   `json:"codeVerifier"`
}

// createToken is CreateToken (POST /token) for the three grants.
func (s *Server) createToken(w http.ResponseWriter, r *http.Request) *apiError {
	if r.URL.Query().Has("aws_iam") {
		return errorf("InvalidRequestException", "CreateTokenWithIAM is not emulated.")
	}
	var in createTokenInput
	if e := readJSON(r, &in); e != nil {
		return e
	}
	if in.ClientID == "" || in.ClientSecret == "" || in.GrantType == "" {
		return errorf("InvalidRequestException", "clientId, clientSecret and grantType are required.")
	}
	st := s.st
	st.mu.Lock()
	defer st.mu.Unlock()
	now := st.now()
	c, e := st.authenticate(in.ClientID, in.ClientSecret, now)
	if e != nil {
		return e
	}
	switch in.GrantType {
	case grantDeviceCode, grantAuthorizationCode, grantRefreshToken:
	default:
		return errorf("UnsupportedGrantTypeException", "Unsupported grant type %q.", in.GrantType)
	}
	if !c.allows(in.GrantType) {
		return errorf("UnauthorizedClientException", "The client is not registered for the %s grant.", in.GrantType)
	}
	if !st.admit() {
		return errorf("SlowDownException", "Too many tokens; try again later.")
	}
	var sess *session
	switch in.GrantType {
	case grantDeviceCode:
		sess, e = st.redeemDeviceCode(c, in.DeviceCode, now)
	case grantAuthorizationCode:
		sess, e = st.redeemAuthCode(c, in, now)
	case grantRefreshToken:
		sess, e = st.redeemRefreshToken(c, in.RefreshToken, now)
	}
	if e != nil {
		return e
	}
	keep := ""
	if in.GrantType == grantRefreshToken && !st.opts.RotateRefreshTokens {
		keep = in.RefreshToken
	}
	writeJSON(w, http.StatusOK, st.issue(c, sess, now, keep))
	return nil
}

// redeemDeviceCode answers a device-code poll: the OAuth device flow's errors (RFC 8628 section
// 3.5) until the user approves, then the session once. Call with mu held.
func (st *state) redeemDeviceCode(c *client, code string, now time.Time) (*session, *apiError) {
	d := st.devices[code]
	switch {
	case d == nil || d.clientID != c.id:
		return nil, errorf("InvalidGrantException", "Invalid device code provided.")
	case d.redeemed:
		return nil, errorf("InvalidGrantException", "The device code has already been used.")
	case !now.Before(d.expires):
		return nil, errorf("ExpiredTokenException", "Device code has expired.")
	case d.denied:
		return nil, errorf("AccessDeniedException", "The user denied the authorization request.")
	case st.slowDown > 0:
		st.slowDown--
		return nil, errorf("SlowDownException", "Client is polling too fast.")
	case d.session == nil:
		return nil, errorf("AuthorizationPendingException", "Authorization is still pending.")
	}
	d.redeemed = true
	return d.session, nil
}

// redeemAuthCode checks an authorization code, its redirect_uri and the PKCE verifier (RFC 7636,
// S256). The code is spent by any attempt, right or wrong. Call with mu held.
func (st *state) redeemAuthCode(c *client, in createTokenInput, now time.Time) (*session, *apiError) {
	ac := st.codes[in.Code]
	if ac == nil || ac.clientID != c.id {
		return nil, errorf("InvalidGrantException", "Invalid authorization code provided.")
	}
	delete(st.codes, in.Code)
	switch {
	case !now.Before(ac.expires):
		return nil, errorf("InvalidGrantException", "The authorization code has expired.")
	case in.RedirectURI != ac.redirectURI:
		return nil, errorf("InvalidGrantException", "redirectUri does not match the redirect_uri of the authorization request.")
	case in.CodeVerifier == "" || s256(in.CodeVerifier) != ac.challenge:
		return nil, errorf("InvalidGrantException", "The code verifier does not match the code challenge.")
	}
	return ac.session, nil
}

// redeemRefreshToken checks a refresh token against its client and session. Call with mu held.
func (st *state) redeemRefreshToken(c *client, token string, now time.Time) (*session, *apiError) {
	rt := st.refresh[token]
	if rt == nil || rt.clientID != c.id {
		return nil, errorf("InvalidGrantException", "Invalid refresh token provided.")
	}
	if !rt.session.live(now) {
		delete(st.refresh, token)
		return nil, errorf("InvalidGrantException", "The session of this refresh token has ended; sign in again.")
	}
	if st.opts.RotateRefreshTokens {
		delete(st.refresh, token)
	}
	return rt.session, nil
}

// s256 is PKCE's S256 transform: BASE64URL(SHA256(verifier)) without padding.
func s256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// isLoopbackHTTP: Identity Center accepts only loopback redirect URIs for native clients (RFC 8252).
func isLoopbackHTTP(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" {
		return false
	}
	h := u.Hostname()
	return h == "127.0.0.1" || h == "localhost" || h == "::1"
}

// redirectRegistered matches a redirect_uri to a registration; as RFC 8252 section 7.3 asks, the port
// of a loopback URI is not compared, since the client picks a free one each time.
func redirectRegistered(c *client, raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || !isLoopbackHTTP(raw) {
		return false
	}
	for _, reg := range c.redirectURIs {
		ru, err := url.Parse(reg)
		if err == nil && ru.Hostname() == u.Hostname() && ru.Path == u.Path {
			return true
		}
	}
	return false
}
