// Package ssotest emulates IAM Identity Center for tests: the OIDC service (sso-oidc) that signs a user
// in and the portal (sso) that lists accounts and roles and hands out role credentials. moto has
// neither and no AWS account is reachable from a test, so this is the peer that Rolecall's sign-in,
// discovery and token-cache code talk to. It listens on 127.0.0.1 only.
//
//	s := ssotest.Start(t, ssotest.Options{Accounts: ssotest.GenerateAccounts(500, 4), PageSize: 20})
//	// AWS_ENDPOINT_URL_SSO_OIDC and AWS_ENDPOINT_URL_SSO = s.URL(), or BaseEndpoint in aws-sdk-go-v2
//	code, _ := s.NextUserCode(ctx) // the code the client under test was given
//	s.ApproveUserCode(code)
//
// # Faithful
//
// The wire formats are the service models' (botocore's data/sso-oidc and data/sso, the same as
// aws-sdk-go-v2's): paths, query names (max_result, next_token, account_id, role_name), the
// x-amz-sso_bearer_token header, JSON member names, timestamps (seconds for registrations, epoch
// milliseconds for role credentials) and each exception's HTTP status (InvalidClientException 401,
// UnauthorizedException 401, ResourceNotFoundException 404, TooManyRequestsException 429, the other
// OIDC errors 400). Errors carry the exception name in X-Amzn-ErrorType with the suffix the real
// services add, and the body the real services send: sso-oidc {"error": "authorization_pending",
// "error_description": ...} with the OAuth codes of RFC 6749 and RFC 8628, the portal {"message": ...}
// with the real messages ("Session token not found or invalid"; ForbiddenException "No access", 403,
// for a role the user is not given, which the model does not list but the service answers). The
// grants follow the RFCs: a device code answers authorization_pending until approved, then a token
// once; an authorization code is single-use, bound to its redirect_uri and to the PKCE S256
// challenge; loopback redirect URIs match whatever port the client picked (RFC 8252). A sign-in is a
// session: access tokens never outlive it and Logout ends it with all its tokens. Only clients
// registered with scopes (the sso-session configuration) get refresh tokens, as with the real service.
// The tests prove it with botocore (the AWS CLI's own commands, for every operation, both grants with
// PKCE and each OAuth error, and its SSO credential provider) and with aws-sdk-go-v2's clients.
//
// # Simplified, and why
//
//   - One directory for every user: all signed-in sessions see the same accounts and roles; the
//     emulator has no users or groups, since Rolecall only sees what the portal lists.
//   - Polling faster than interval is not detected; slow_down is injected (Options.SlowDown,
//     InjectSlowDown) so tests are deterministic instead of timing-dependent.
//   - A refresh returns the same refresh token unless Options.RotateRefreshTokens is set; whether the
//     real service rotates is not documented, and the option lets a test insist on rotation.
//   - ListAccountRoles for an account outside the directory answers ResourceNotFoundException (the
//     model's error for that operation); the real service's choice there is not documented.
//   - Scopes are accepted as given and not enforced by the portal; CreateTokenWithIAM and idToken are
//     not emulated (no Rolecall flow uses them). Requests are not signed (these operations are not).
//   - Role credentials are random ASIA-shaped keys that moto accepts while its signature checks are
//     off; Options.MintCredentials makes them another way (e.g. keys of a moto IAM user).
//   - Throttling is modelled only as a limit on portal requests in flight (Options.PortalConcurrency).
//
// State is bounded by what was granted and not yet expired: expired entries are swept as the tables
// grow, and grants beyond a fixed ceiling are refused with the service's throttling error. Nothing is
// logged; Token's String hides its secrets.
package ssotest
