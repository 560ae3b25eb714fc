package ssotest

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
)

// maxBody bounds a request body: the largest real one (RegisterClient with redirect URIs and scopes)
// is well under a kilobyte.
const maxBody = 64 << 10

// service tells which error format a route answers in.
type service int

const (
	oidcService   service = iota // sso-oidc: {"error": "...", "error_description": "..."}
	portalService                // sso portal: {"message": "..."}
)

// The suffix the real services put after the exception name in X-Amzn-ErrorType; botocore and
// aws-sdk-go-v2 both cut it off, and sending it keeps that parsing exercised.
var errorTypeSuffix = map[service]string{
	oidcService:   ":http://internal.amazon.com/coral/com.amazonaws.sso.oidc/",
	portalService: ":http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/",
}

// apiError is an error answer: the exception's name and its description.
type apiError struct {
	typ, msg string
	status   int // 0: the model's status for typ
}

func errorf(typ, format string, args ...any) *apiError {
	return &apiError{typ: typ, msg: fmt.Sprintf(format, args...)}
}

// The HTTP status of each exception, from the service models (httpStatusCode of each error shape).
// ForbiddenException is not modelled, but the portal answers it (403, "No access") for a role the
// user is not given.
var exceptionStatus = map[string]int{
	"InvalidClientException":    http.StatusUnauthorized,
	"InternalServerException":   http.StatusInternalServerError,
	"UnauthorizedException":     http.StatusUnauthorized,
	"ResourceNotFoundException": http.StatusNotFound,
	"TooManyRequestsException":  http.StatusTooManyRequests,
	"ForbiddenException":        http.StatusForbidden,
}

// The OAuth error code (RFC 6749 and RFC 8628) each sso-oidc exception carries in its "error" member.
var oauthCode = map[string]string{
	"AuthorizationPendingException":  "authorization_pending",
	"SlowDownException":              "slow_down",
	"ExpiredTokenException":          "expired_token",
	"AccessDeniedException":          "access_denied",
	"InvalidGrantException":          "invalid_grant",
	"InvalidClientException":         "invalid_client",
	"InvalidRequestException":        "invalid_request",
	"UnauthorizedClientException":    "unauthorized_client",
	"UnsupportedGrantTypeException":  "unsupported_grant_type",
	"InvalidScopeException":          "invalid_scope",
	"InvalidClientMetadataException": "invalid_client_metadata",
	"InvalidRedirectUriException":    "invalid_redirect_uri",
	"InternalServerException":        "server_error",
}

func writeError(w http.ResponseWriter, svc service, e *apiError) {
	status := e.status
	if status == 0 {
		status = exceptionStatus[e.typ]
	}
	if status == 0 {
		status = http.StatusBadRequest
	}
	w.Header().Set("X-Amzn-ErrorType", e.typ+errorTypeSuffix[svc])
	var body any
	if svc == oidcService {
		code := oauthCode[e.typ]
		if code == "" {
			code = "invalid_request"
		}
		body = map[string]string{"error": code, "error_description": e.msg}
	} else {
		body = map[string]string{"message": e.msg}
	}
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if body != nil {
		json.NewEncoder(w).Encode(body)
	}
}

// readJSON decodes a REST-JSON request body; unknown members are ignored as the services do.
func readJSON(r *http.Request, into any) *apiError {
	if err := json.NewDecoder(r.Body).Decode(into); err != nil {
		return errorf("InvalidRequestException", "The request body is not valid JSON for this operation.")
	}
	return nil
}

// routes maps the models' paths to handlers. sso-oidc and the portal share one address here; their
// paths do not overlap.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST /client/register", s.op(OpRegisterClient, oidcService, s.registerClient))
	mux.Handle("POST /device_authorization", s.op(OpStartDeviceAuthorization, oidcService, s.startDeviceAuthorization))
	mux.Handle("POST /token", s.op(OpCreateToken, oidcService, s.createToken))
	mux.Handle("GET /authorize", s.op(OpAuthorize, oidcService, s.authorize))
	mux.Handle("POST /authorize", s.op(OpAuthorize, oidcService, s.authorizeDecision))
	mux.Handle("GET /device", s.op(OpVerifyDevice, oidcService, s.devicePage))
	mux.Handle("POST /device", s.op(OpVerifyDevice, oidcService, s.deviceDecision))
	mux.Handle("GET /assignment/accounts", s.op(OpListAccounts, portalService, s.listAccounts))
	mux.Handle("GET /assignment/roles", s.op(OpListAccountRoles, portalService, s.listAccountRoles))
	mux.Handle("GET /federation/credentials", s.op(OpGetRoleCredentials, portalService, s.getRoleCredentials))
	mux.Handle("POST /logout", s.op(OpLogout, portalService, s.logout))
	mux.HandleFunc("GET /{$}", s.index)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Amzn-ErrorType", "UnknownOperationException")
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "The emulator has no operation at " + r.Method + " " + r.URL.Path})
	})
	return mux
}

// handler is an operation: it writes its answer or returns the error to answer.
type handler func(w http.ResponseWriter, r *http.Request) *apiError

// op wraps an operation with what every request gets: counting, a request id, a bounded body, the
// portal's concurrency limit, then the hook (so a request a test holds in the hook counts as in flight).
func (s *Server) op(name string, svc service, h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.stats.begin(name)
		defer s.stats.end(name)
		w.Header().Set("X-Amzn-RequestId", requestID())
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		if svc == portalService && s.portalIn != nil {
			select {
			case s.portalIn <- struct{}{}:
				defer func() { <-s.portalIn }()
			default:
				writeError(w, svc, errorf("TooManyRequestsException", "Rate exceeded"))
				return
			}
		}
		if s.opts.Hook != nil {
			if f := s.opts.Hook(r.Context(), name); f != nil {
				writeError(w, svc, &apiError{typ: f.Type, msg: f.Message, status: f.Status})
				return
			}
		}
		if e := h(w, r); e != nil {
			writeError(w, svc, e)
		}
	})
}

func requestID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
