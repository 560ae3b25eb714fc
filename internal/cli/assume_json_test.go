package cli

import (
	"bytes"
	"testing"
	"time"

	"github.com/rolecall/rolecall/assume"
)

// `rolecall assume --format json` prints exactly these bytes for a session: the documented session
// status with the credentials laid over it. Scripts parse it, so a change of the engine's types must not
// change one byte.
func TestAssumeJSONOutputIsStable(t *testing.T) {
	exp := time.Date(2026, 11, 27, 11, 0, 0, 0, time.UTC)
	st, creds := exampleSession(exp)
	var out bytes.Buffer
	if err := printCredentials(&out, "json", st, creds); err != nil {
		t.Fatal(err)
	}
	const want = `{"accessKeyId":"ASIAIOSFODNN7EXAMPLE","accountId":"111122223333",` +
		`"assumedRoleArn":"arn:aws:sts::111122223333:assumed-role/Admin/rolecall-jo-1795774800","autoRefresh":false,` +
		`"chain":["dev","base"],"error":null,"expiration":"2026-11-27T11:00:00Z","expiringAt":"2026-11-27T10:50:00Z",` +
		`"mfa":true,"mfaEachRefresh":false,"profile":"dev","refreshAt":null,"region":"eu-west-1","roleArn":"arn:aws:iam::111122223333:role/Admin",` +
		`"secretAccessKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY","sessionToken":"session-token-EXAMPLE","source":"sts",` +
		`"state":"active"}` + "\n"
	if out.String() != want {
		t.Errorf("--format json printed\n%s\nwant\n%s", out.String(), want)
	}
}

// exampleSession is a session of profile dev, assumed through base with MFA, expiring at exp.
func exampleSession(exp time.Time) (assume.SessionStatus, assume.SessionCredentials) {
	st := assume.SessionStatus{Profile: "dev", RoleArn: adminRole,
		AssumedRoleArn: "arn:aws:sts::111122223333:assumed-role/Admin/rolecall-jo-1795774800", AccountID: "111122223333",
		Region: "eu-west-1", Expiration: exp, State: assume.StateActive, AccessKeyID: "ASIA…MPLE",
		Chain: []string{"dev", "base"}, MFA: true, ExpiringAt: exp.Add(-10 * time.Minute), Source: assume.SourceSTS}
	creds := assume.SessionCredentials{Profile: "dev", AccessKeyID: "ASIAIOSFODNN7EXAMPLE", SecretAccessKey: exampleSecret,
		SessionToken: "session-token-EXAMPLE", Expiration: exp, Region: "eu-west-1"}
	return st, creds
}
