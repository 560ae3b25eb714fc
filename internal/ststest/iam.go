package ststest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// AllowAllSTS is an IAM policy that lets a user call every STS action.
const AllowAllSTS = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:*","Resource":"*"}]}`

// CreateUser creates an IAM user in moto with an inline policy (none when policy is "") and an access
// key, through moto's IAM API, and returns the key pair. Call it before EnableAuth.
func (m *Moto) CreateUser(t testing.TB, name, policy string) (accessKeyID, secretAccessKey string) {
	t.Helper()
	m.iam(t, url.Values{"Action": {"CreateUser"}, "UserName": {name}}, nil)
	if policy != "" {
		m.iam(t, url.Values{"Action": {"PutUserPolicy"}, "UserName": {name}, "PolicyName": {"rolecall-test"},
			"PolicyDocument": {policy}}, nil)
	}
	var out struct {
		AccessKeyID     string `xml:"CreateAccessKeyResult>AccessKey>AccessKeyId"`
		SecretAccessKey string `xml:"CreateAccessKeyResult>AccessKey>SecretAccessKey"`
	}
	m.iam(t, url.Values{"Action": {"CreateAccessKey"}, "UserName": {name}}, &out)
	if out.AccessKeyID == "" || out.SecretAccessKey == "" {
		t.Fatalf("moto CreateAccessKey for %s returned no key", name)
	}
	return out.AccessKeyID, out.SecretAccessKey
}

// iam sends one signed IAM query request (any key is accepted while auth is off).
func (m *Moto) iam(t testing.TB, form url.Values, out any) {
	t.Helper()
	form.Set("Version", "2010-05-08")
	body := form.Encode()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, m.URL+"/", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	sum := sha256.Sum256([]byte(body))
	creds := aws.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}
	if err := v4.NewSigner().SignHTTP(req.Context(), creds, req, hex.EncodeToString(sum[:]), "iam", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("moto IAM %s: %v", form.Get("Action"), err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("moto IAM %s answered %s: %s", form.Get("Action"), resp.Status, data)
	}
	if out != nil {
		if err := xml.Unmarshal(data, out); err != nil {
			t.Fatal(fmt.Errorf("moto IAM %s: %w", form.Get("Action"), err))
		}
	}
}
