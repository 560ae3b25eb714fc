package ststest

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
)

func stsClient(endpoint, id, secret string) *sts.Client {
	return sts.New(sts.Options{Region: "us-east-1", BaseEndpoint: aws.String(endpoint),
		Credentials: credentials.NewStaticCredentialsProvider(id, secret, "")})
}

// The harness's promises: moto answers STS through the proxy, the proxy records each Action with its
// parameters, and after EnableAuth moto checks signatures of keys made with CreateUser.
func TestMotoBehindRecordingProxy(t *testing.T) {
	t.Parallel()
	moto := StartMoto(t)
	proxy := NewProxy(t, moto.URL)
	id, secret := moto.CreateUser(t, "jo", AllowAllSTS)
	moto.EnableAuth(t)
	ctx := context.Background()

	out, err := stsClient(proxy.URL, id, secret).AssumeRole(ctx, &sts.AssumeRoleInput{
		RoleArn: aws.String("arn:aws:iam::123456789012:role/R"), RoleSessionName: aws.String("s1"), ExternalId: aws.String("ext-1")})
	if err != nil {
		t.Fatalf("signed AssumeRole with the user's own key failed: %v\nmoto:\n%s", err, moto.Log())
	}
	if got := aws.ToString(out.AssumedRoleUser.Arn); got != "arn:aws:sts::123456789012:assumed-role/R/s1" {
		t.Errorf("assumed role ARN = %q", got)
	}
	_, err = stsClient(proxy.URL, id, "wrong"+secret).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "SignatureDoesNotMatch" {
		t.Errorf("a wrong secret gave %v, want SignatureDoesNotMatch", err)
	}
	calls := proxy.Calls("AssumeRole")
	if len(calls) != 1 || calls[0].Params.Get("ExternalId") != "ext-1" || calls[0].AccessKeyID != id || calls[0].WithSessionToken {
		t.Errorf("recorded AssumeRole calls = %+v", calls)
	}
	if got := proxy.Counts(); got["AssumeRole"] != 1 || got["GetCallerIdentity"] != 1 {
		t.Errorf("counts = %v", got)
	}
}
