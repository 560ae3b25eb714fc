package credendpoint

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/rolecall/rolecall/internal/ststest"
)

// rotatingSource serves whatever credentials it was last given, as a session store does across a
// refresh.
type rotatingSource struct {
	mu sync.Mutex
	c  Credentials
}

func (r *rotatingSource) set(c Credentials) { r.mu.Lock(); r.c = c; r.mu.Unlock() }

func (r *rotatingSource) Credentials(context.Context) (Credentials, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.c, nil
}

// assumeAt gets a role session from moto; moto then names that session in GetCallerIdentity, so a test
// can tell which credentials a client signed with. The expiration handed out is short (4 minutes),
// inside the SDKs' refresh window, so a client asks the endpoint again on its next call.
func assumeAt(t *testing.T, endpoint, session string) Credentials {
	t.Helper()
	client := sts.New(sts.Options{Region: "us-east-1", BaseEndpoint: aws.String(endpoint),
		Credentials: credentials.NewStaticCredentialsProvider("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "")})
	out, err := client.AssumeRole(context.Background(), &sts.AssumeRoleInput{
		RoleArn: aws.String("arn:aws:iam::111122223333:role/Dev"), RoleSessionName: aws.String(session)})
	if err != nil {
		t.Fatal(err)
	}
	c := out.Credentials
	return Credentials{AccessKeyID: aws.ToString(c.AccessKeyId), SecretAccessKey: aws.ToString(c.SecretAccessKey),
		SessionToken: aws.ToString(c.SessionToken), Expiration: time.Now().Add(4 * time.Minute)}
}

const devArn = "arn:aws:sts::111122223333:assumed-role/Dev/"

// awsCLI runs `aws sts get-caller-identity` with nothing but the endpoint variables, the STS endpoint
// and an empty home (and a region, which the CLI insists on): the credentials can only come from the
// endpoint.
func awsCLI(t *testing.T, stsURL string, endpointEnv ...string) (string, error) {
	t.Helper()
	aws, err := exec.LookPath("aws")
	if err != nil {
		t.Skip("skipping: the AWS CLI (aws) is not on PATH")
	}
	home := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, aws, "sts", "get-caller-identity", "--output", "json")
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + home,
		"AWS_CONFIG_FILE=" + filepath.Join(home, "config"), "AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(home, "credentials"),
		"AWS_ENDPOINT_URL_STS=" + stsURL, "AWS_DEFAULT_REGION=us-east-1", "AWS_EC2_METADATA_DISABLED=true"}, endpointEnv...)
	cmd.Stdin = nil
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func callerArn(t *testing.T, out string) string {
	t.Helper()
	var id struct{ Arn string }
	if i := strings.Index(out, "{"); i < 0 || json.Unmarshal([]byte(out[i:]), &id) != nil {
		t.Fatalf("aws did not print the caller identity:\n%s", out)
	}
	return id.Arn
}

func endpointEnv(s *Server, token string) []string {
	return []string{EnvFullURI + "=" + s.URL(), EnvAuthToken + "=" + token}
}

// The AWS CLI (botocore's container provider), given only the two variables, calls STS with the
// endpoint's credentials; after the source rotates them, the next run uses the new ones; a missing or
// wrong token is refused and the CLI's error says so.
func TestAWSCLIUsesTheEndpoint(t *testing.T) {
	t.Parallel()
	moto := ststest.StartMoto(t)
	src := &rotatingSource{}
	src.set(assumeAt(t, moto.URL, "first"))
	s, _ := startServer(t, src)

	out, err := awsCLI(t, moto.URL, endpointEnv(s, s.Token())...)
	if err != nil || callerArn(t, out) != devArn+"first" {
		t.Fatalf("aws sts get-caller-identity: %v\n%s", err, out)
	}
	src.set(assumeAt(t, moto.URL, "second"))
	if out, err := awsCLI(t, moto.URL, endpointEnv(s, s.Token())...); err != nil || callerArn(t, out) != devArn+"second" {
		t.Errorf("after rotation: %v\n%s", err, out)
	}

	out, err = awsCLI(t, moto.URL, endpointEnv(s, "not-the-token")...)
	if err == nil || !strings.Contains(out, "403") || !strings.Contains(out, "authorization token is wrong") {
		t.Errorf("a wrong token: %v\n%s", err, out)
	}
	out, err = awsCLI(t, moto.URL, EnvFullURI+"="+s.URL())
	if err == nil || !strings.Contains(out, "401") || !strings.Contains(out, "no authorization token was sent") {
		t.Errorf("no token: %v\n%s", err, out)
	}
}

// An aws-sdk-go-v2 program (config.LoadDefaultConfig, as every Go program does) calls STS through the
// endpoint, and keeps one credentials cache: once its credentials are inside the SDK's expiry window it
// asks the endpoint again and gets the rotated ones, without a restart.
//
// Not parallel: LoadDefaultConfig reads the process environment.
func TestGoSDKUsesTheEndpointAndPicksUpRotation(t *testing.T) {
	moto := ststest.StartMoto(t)
	src := &rotatingSource{}
	src.set(assumeAt(t, moto.URL, "first"))
	s, _ := startServer(t, src)
	home := t.TempDir()
	for k, v := range map[string]string{
		EnvFullURI: s.URL(), EnvAuthToken: s.Token(), "AWS_ENDPOINT_URL_STS": moto.URL, "HOME": home,
		"AWS_CONFIG_FILE": filepath.Join(home, "config"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(home, "credentials"),
		"AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SESSION_TOKEN": "",
		"AWS_PROFILE": "", "AWS_EC2_METADATA_DISABLED": "true", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "",
	} {
		t.Setenv(k, v)
	}
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		t.Fatal(err)
	}
	client := sts.NewFromConfig(cfg)
	whoAmI := func() string {
		t.Helper()
		out, err := client.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		if err != nil {
			t.Fatalf("GetCallerIdentity through the endpoint: %v", err)
		}
		return aws.ToString(out.Arn)
	}
	if got := whoAmI(); got != devArn+"first" {
		t.Fatalf("first call as %s", got)
	}
	src.set(assumeAt(t, moto.URL, "second"))
	if got := whoAmI(); got != devArn+"second" {
		t.Errorf("after rotation the same client called as %s, want the new session", got)
	}

	src.set(Credentials{})
	failing := SourceFunc(func(context.Context) (Credentials, error) {
		return Credentials{}, &Refusal{Reason: ReasonGone, Message: "profile \"dev\" has no session: assume it again"}
	})
	gone, _ := startServer(t, failing)
	t.Setenv(EnvFullURI, gone.URL())
	t.Setenv(EnvAuthToken, gone.Token())
	cfg, err = config.LoadDefaultConfig(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, err = sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err == nil || !strings.Contains(err.Error(), ReasonGone) || !strings.Contains(err.Error(), "assume it again") {
		t.Errorf("a forgotten session gave %v", err)
	}
}
