package sso

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sso"

	"github.com/rolecall/rolecall/awsfiles"
)

// RoleCredentials are a role's short-lived keys from the portal. String, GoString, Format and
// LogValue mask them; only the fields themselves hold the secrets.
type RoleCredentials struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
	Expiration      time.Time
}

func (r RoleCredentials) String() string {
	return fmt.Sprintf("role credentials %s until %s (secrets hidden)", awsfiles.MaskAccessKeyID(r.AccessKeyID), r.Expiration.UTC().Format(time.RFC3339))
}
func (r RoleCredentials) GoString() string           { return r.String() }
func (r RoleCredentials) Format(f fmt.State, _ rune) { fmt.Fprint(f, r.String()) }
func (r RoleCredentials) LogValue() slog.Value       { return slog.StringValue(r.String()) }

// RoleCredentials gets the keys of role in account (GetRoleCredentials), whether or not a profile
// names them. The access token is refreshed first when it is about to expire.
func (c *Client) RoleCredentials(ctx context.Context, s Session, accountID, role string) (RoleCredentials, error) {
	t, err := c.accessToken(ctx, s)
	if err != nil {
		return RoleCredentials{}, err
	}
	out, err := c.portal(s).GetRoleCredentials(ctx, &sso.GetRoleCredentialsInput{AccessToken: aws.String(t.AccessToken),
		AccountId: aws.String(accountID), RoleName: aws.String(role)})
	if err != nil {
		return RoleCredentials{}, c.portalError(ctx, s, "GetRoleCredentials", accountID, role, err)
	}
	rc := out.RoleCredentials
	if rc == nil || aws.ToString(rc.AccessKeyId) == "" || aws.ToString(rc.SecretAccessKey) == "" {
		return RoleCredentials{}, &Error{Reason: ReasonService, Session: s.Label(), Msg: fmt.Sprintf(
			"IAM Identity Center answered without credentials for %s in account %s: try again in a moment", role, accountID)}
	}
	return RoleCredentials{AccessKeyID: aws.ToString(rc.AccessKeyId), SecretAccessKey: aws.ToString(rc.SecretAccessKey),
		SessionToken: aws.ToString(rc.SessionToken), Expiration: time.UnixMilli(rc.Expiration).UTC()}, nil
}
