package credendpoint

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
)

// handler answers the container credentials protocol for one Source.
type handler struct {
	src   Source
	token []byte
	hosts map[string]bool
	log   *slog.Logger
	// last is the answer given for the credentials last served. The same session is asked for many
	// times between two refreshes, so its JSON is encoded once per credentials, not once per request.
	last atomic.Pointer[encodedCredentials]
}

// encodedCredentials is one set of credentials and its encoded answer.
type encodedCredentials struct {
	creds Credentials
	body  []byte
}

// credentialsJSON is the answer both SDKs read: aws-sdk-go-v2's endpointcreds GetCredentialsOutput and
// botocore's ContainerProvider (AccessKeyId, SecretAccessKey, Token, Expiration; AccountId optional).
type credentialsJSON struct {
	AccessKeyID     string `json:"AccessKeyId"`
	SecretAccessKey string `json:"SecretAccessKey"`
	Token           string `json:"Token"`
	Expiration      string `json:"Expiration"`
	AccountID       string `json:"AccountId,omitempty"`
}

// errorJSON is the error shape aws-sdk-go-v2 decodes (code, message) when the Content-Type is JSON;
// botocore shows the whole body in its error, so the message reads well there too.
type errorJSON struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// The refusals of the request itself (docs/credential-endpoint.md).
const (
	codeMissingToken  = "MissingAuthorizationToken"
	codeInvalidToken  = "InvalidAuthorizationToken"
	codeForbiddenHost = "ForbiddenHost"
	codeBrowser       = "ForbiddenOrigin"
	codeMethod        = "MethodNotAllowed"
	codeNotFound      = "NotFound"
	codeInternal      = "InternalError"
)

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// The order matters: nothing about the credentials (not even whether the token is right) is
	// revealed to a request that a browser could have sent.
	if !h.hosts[strings.ToLower(r.Host)] {
		h.refuse(w, r, http.StatusForbidden, codeForbiddenHost,
			"this endpoint answers only requests addressed to 127.0.0.1 or localhost with its port")
		return
	}
	if r.Header.Get("Origin") != "" || r.Header.Get("Sec-Fetch-Site") != "" {
		h.refuse(w, r, http.StatusForbidden, codeBrowser, "this endpoint does not answer web browsers")
		return
	}
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		h.refuse(w, r, http.StatusMethodNotAllowed, codeMethod, "use GET")
		return
	}
	if r.URL.Path != Path {
		h.refuse(w, r, http.StatusNotFound, codeNotFound, "the credentials are at "+Path)
		return
	}
	got, present := r.Header["Authorization"]
	if !present || len(got) == 0 || got[0] == "" {
		w.Header().Set("WWW-Authenticate", `Token realm="rolecall"`)
		h.refuse(w, r, http.StatusUnauthorized, codeMissingToken,
			"no authorization token was sent: set "+EnvAuthToken+" to the token Rolecall gave with this endpoint's URL")
		return
	}
	if subtle.ConstantTimeCompare([]byte(got[0]), h.token) != 1 || len(got) != 1 {
		h.refuse(w, r, http.StatusForbidden, codeInvalidToken,
			"the authorization token is wrong: each Rolecall endpoint has its own token; set "+EnvAuthToken+
				" to the one given with this endpoint's URL (an endpoint from an earlier run is gone)")
		return
	}
	creds, err := h.src.Credentials(r.Context())
	if err != nil {
		var refusal *Refusal
		if errors.As(err, &refusal) {
			h.refuse(w, r, refusal.status(), refusal.Reason, refusal.Message)
		} else {
			h.refuse(w, r, http.StatusInternalServerError, codeInternal, err.Error())
		}
		return
	}
	body, err := h.encode(creds)
	if err != nil {
		h.refuse(w, r, http.StatusInternalServerError, codeInternal, "cannot encode the credentials")
		return
	}
	writeJSON(w, http.StatusOK, body)
}

// encode gives the answer for creds, encoding it only when they differ from the last ones served.
func (h *handler) encode(creds Credentials) ([]byte, error) {
	if last := h.last.Load(); last != nil && last.creds == creds {
		return last.body, nil
	}
	body, err := json.Marshal(credentialsJSON{AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey,
		Token: creds.SessionToken, Expiration: creds.Expiration.UTC().Format(time.RFC3339), AccountID: creds.AccountID})
	if err != nil {
		return nil, err
	}
	h.last.Store(&encodedCredentials{creds: creds, body: body})
	return body, nil
}

// refuse answers with a JSON error and logs the refusal: what was asked and why it was refused, never
// the token that was sent or any credential.
func (h *handler) refuse(w http.ResponseWriter, r *http.Request, status int, code, message string) {
	body, _ := json.Marshal(errorJSON{Code: code, Message: message})
	writeJSON(w, status, body)
	h.log.Warn("credential endpoint refused a request", "status", status, "code", code,
		"method", r.Method, "path", r.URL.Path, "remote", r.RemoteAddr)
}

// The headers of every answer, canonical already, so that setting them costs no work per request.
// net/http only reads them.
var (
	headerJSON    = []string{"application/json"}
	headerNoStore = []string{"no-store"}
	headerNoSniff = []string{"nosniff"}
)

func writeJSON(w http.ResponseWriter, status int, body []byte) {
	hdr := w.Header()
	hdr["Content-Type"] = headerJSON
	hdr["Cache-Control"] = headerNoStore
	hdr["X-Content-Type-Options"] = headerNoSniff
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
