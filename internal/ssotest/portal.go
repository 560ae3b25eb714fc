package ssotest

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// bearer finds the session of the request's x-amz-sso_bearer_token. Every portal operation answers
// UnauthorizedException, with the real service's words, for a token that is missing, unknown,
// expired or signed out.
func (s *Server) bearer(r *http.Request) *apiError {
	st := s.st
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.liveSession(r.Header.Get("x-amz-sso_bearer_token")) == nil {
		return errUnauthorized
	}
	return nil
}

var errUnauthorized = errorf("UnauthorizedException", "Session token not found or invalid")

// listAccounts is ListAccounts (GET /assignment/accounts).
func (s *Server) listAccounts(w http.ResponseWriter, r *http.Request) *apiError {
	if e := s.bearer(r); e != nil {
		return e
	}
	from, to, next, e := s.page(r, "accounts", len(s.dir.accounts))
	if e != nil {
		return e
	}
	list := make([]map[string]string, 0, to-from)
	for _, a := range s.dir.accounts[from:to] {
		list = append(list, map[string]string{"accountId": a.ID, "accountName": a.Name, "emailAddress": a.Email})
	}
	writeJSON(w, http.StatusOK, pageOutput{"accountList", list, next})
	return nil
}

// listAccountRoles is ListAccountRoles (GET /assignment/roles).
func (s *Server) listAccountRoles(w http.ResponseWriter, r *http.Request) *apiError {
	if e := s.bearer(r); e != nil {
		return e
	}
	id := r.URL.Query().Get("account_id")
	if id == "" {
		return errorf("InvalidRequestException", "account_id is required")
	}
	a, ok := s.dir.account(id)
	if !ok {
		return errorf("ResourceNotFoundException", "Account %s not found", id)
	}
	from, to, next, e := s.page(r, "roles:"+id, len(a.Roles))
	if e != nil {
		return e
	}
	list := make([]map[string]string, 0, to-from)
	for _, role := range a.Roles[from:to] {
		list = append(list, map[string]string{"roleName": role, "accountId": id})
	}
	writeJSON(w, http.StatusOK, pageOutput{"roleList", list, next})
	return nil
}

// pageOutput is a page of a list with its nextToken, omitted on the last page.
type pageOutput struct {
	key  string
	list []map[string]string
	next string
}

func (p pageOutput) MarshalJSON() ([]byte, error) {
	m := map[string]any{p.key: p.list}
	if p.next != "" {
		m["nextToken"] = p.next
	}
	return json.Marshal(m)
}

// page reads max_result and next_token and gives the slice [from, to) of a list of n items and the
// token of the next page. A token names its list, so one list's token is refused by another.
func (s *Server) page(r *http.Request, list string, n int) (from, to int, next string, e *apiError) {
	q := r.URL.Query()
	size := s.opts.PageSize
	if v := q.Get("max_result"); v != "" {
		m, err := strconv.Atoi(v)
		if err != nil || m < 1 || m > 100 {
			return 0, 0, "", errorf("InvalidRequestException", "max_result must be between 1 and 100")
		}
		size = m
	}
	if t := q.Get("next_token"); t != "" {
		raw, err := base64.RawURLEncoding.DecodeString(t)
		rest, ok := strings.CutPrefix(string(raw), list+"@")
		if err != nil || !ok {
			return 0, 0, "", errorf("InvalidRequestException", "Invalid next token")
		}
		from, err = strconv.Atoi(rest)
		if err != nil || from < 0 || from > n {
			return 0, 0, "", errorf("InvalidRequestException", "Invalid next token")
		}
	}
	to = min(from+size, n)
	if to < n {
		next = base64.RawURLEncoding.EncodeToString([]byte(list + "@" + strconv.Itoa(to)))
	}
	return from, to, next, nil
}

// getRoleCredentials is GetRoleCredentials (GET /federation/credentials). A role the user is not
// given answers ForbiddenException "No access", as the real portal does.
func (s *Server) getRoleCredentials(w http.ResponseWriter, r *http.Request) *apiError {
	if e := s.bearer(r); e != nil {
		return e
	}
	q := r.URL.Query()
	role, account := q.Get("role_name"), q.Get("account_id")
	if role == "" || account == "" {
		return errorf("InvalidRequestException", "role_name and account_id are required")
	}
	if !s.dir.hasRole(account, role) {
		return errorf("ForbiddenException", "No access")
	}
	c := s.opts.MintCredentials(account, role)
	if c.Expiration.IsZero() {
		s.st.mu.Lock()
		c.Expiration = s.st.now().Add(s.opts.RoleCredentialsLifetime)
		s.st.mu.Unlock()
	}
	writeJSON(w, http.StatusOK, map[string]any{"roleCredentials": map[string]any{
		"accessKeyId":     c.AccessKeyID,
		"secretAccessKey": c.SecretAccessKey,
		"sessionToken":    c.SessionToken,
		"expiration":      c.Expiration.UnixMilli(),
	}})
	return nil
}

// logout is Logout (POST /logout): the session ends, and with it every access and refresh token it
// issued.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) *apiError {
	st := s.st
	st.mu.Lock()
	defer st.mu.Unlock()
	sess := st.liveSession(r.Header.Get("x-amz-sso_bearer_token"))
	if sess == nil {
		return errUnauthorized
	}
	sess.ended = true
	w.WriteHeader(http.StatusOK)
	return nil
}
