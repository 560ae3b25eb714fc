// Package sso signs a user in to IAM Identity Center (SSO) and uses the sign-in: the two OAuth flows
// the AWS CLI v2 uses (authorization code with PKCE and a loopback redirect, and the device code
// flow), the token cache shared with the AWS CLI and every SDK (~/.aws/sso/cache), refresh with the
// refresh token, Logout, discovery of the accounts and roles the user is given, and role credentials.
// It knows the AWS files only through awsfiles and nothing of LSP or the CLI: a caller gets Events
// ("open this URL", "show this code", "waiting", "signed in") and cancels through its context.
//
//	c := sso.New(sso.Options{})
//	s, _ := sso.SessionNamed(model, "corp", os.LookupEnv)
//	status, err := c.Login(ctx, s, sso.LoginOptions{Events: show})
//	dir, err := c.Accounts(ctx, s, false)
//	creds, err := c.RoleCredentials(ctx, s, "111122223333", "ReadOnly")
//
// Tokens, client secrets and role credentials are secrets: every type holding one masks it in
// String, GoString, Format and LogValue, and no error of this package quotes one.
package sso
