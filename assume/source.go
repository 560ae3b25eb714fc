package assume

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/ec2rolecreds"
	"github.com/aws/aws-sdk-go-v2/credentials/endpointcreds"
	"github.com/aws/aws-sdk-go-v2/credentials/processcreds"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
	"github.com/aws/smithy-go"
)

// processTimeout is how long a credential_process may run (the SDK's default).
const processTimeout = time.Minute

// sourceCredentials gets the first credentials of the chain. Every failure becomes a
// SourceCredentialsError that names the source profile and where it is written.
func (r *chainRun) sourceCredentials(ctx context.Context) (credentials, error) {
	src := r.plan.Source
	fail := func(problem string, err error) (credentials, error) {
		if ctx.Err() != nil {
			return credentials{}, ctx.Err()
		}
		return credentials{}, &SourceCredentialsError{Profile: r.plan.Profile, SourceProfile: src.Profile,
			File: src.File, Line: src.Line, Problem: problem, err: err}
	}
	switch src.Kind {
	case StaticKeys:
		return credentials{AccessKeyID: src.AccessKeyID, SecretAccessKey: src.SecretAccessKey, SessionToken: src.SessionToken}, nil
	case CredentialProcess:
		if profile, ok := keychainSource(src); ok {
			return r.keychainCredentials(profile)
		}
		c, err := processcreds.NewProviderCommand(processCommand(src.Process),
			func(o *processcreds.Options) { o.Timeout = processTimeout }).Retrieve(ctx)
		if err != nil {
			return fail(processProblem(err), err)
		}
		return fromAWS(c), nil
	case CredentialSource:
		c, err := r.credentialSource(ctx)
		if err != nil {
			return fail(err.Error(), err)
		}
		return c, nil
	case SSO:
		c, err := r.ssoCredentials(ctx)
		if err != nil {
			return fail(ssoProblem(src, err), err)
		}
		return c, nil
	case WebIdentity:
		return r.webIdentity(ctx)
	case Login:
		c, err := r.loginCredentials(ctx)
		if err != nil {
			return fail(loginProblem(src, err), err)
		}
		return c, nil
	}
	return fail("it holds no credentials Rolecall can use", nil)
}

// processCommand runs credential_process as the SDK does (through sh -c, or cmd.exe /C on Windows),
// but with no stdin and no stderr: the SDK's default hands the process our own stdin and stderr, which
// in the language server are the LSP stream and its log. A process that prompts then fails instead of
// eating protocol bytes.
func processCommand(command string) processcreds.NewCommandBuilderFunc {
	return func(ctx context.Context) (*exec.Cmd, error) {
		shell := []string{"sh", "-c", command}
		if runtime.GOOS == "windows" {
			shell = []string{"cmd.exe", "/C", command}
		}
		cmd := exec.CommandContext(ctx, shell[0], shell[1:]...)
		cmd.Stdin, cmd.Stderr = nil, io.Discard
		return cmd, nil
	}
}

// processProblem describes a failed credential_process without quoting its output, which may hold a
// secret (the SDK's own message for unparsable output includes the output verbatim).
func processProblem(err error) string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "parse failed of process output"):
		return "credential_process did not print the JSON it must (Version 1, AccessKeyId, SecretAccessKey): run the command in a terminal to see its output"
	case strings.Contains(msg, "wrong version"):
		return `credential_process printed JSON without "Version": 1`
	case strings.Contains(msg, "missing AccessKeyId"), strings.Contains(msg, "missing SecretAccessKey"):
		return "credential_process printed JSON without AccessKeyId or SecretAccessKey"
	case strings.Contains(msg, "timed out"):
		return fmt.Sprintf("credential_process did not finish within %s (is it waiting for input?)", processTimeout)
	}
	var exitErr interface{ ExitCode() int }
	if errors.As(err, &exitErr) {
		return fmt.Sprintf("credential_process exited with status %d: run the command in a terminal to see why", exitErr.ExitCode())
	}
	return "credential_process could not be run: check the command line and that the program is on PATH"
}

// credentialSource implements credential_source as the AWS CLI does, reading the environment through
// Options.Getenv (the language server's environment is the editor's).
func (r *chainRun) credentialSource(ctx context.Context) (credentials, error) {
	env := r.opts.Getenv
	switch r.plan.Source.CredentialSource {
	case SourceEnvironment:
		id, secret := firstSet(env, "AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY"), firstSet(env, "AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY")
		if id == "" || secret == "" {
			return credentials{}, errors.New("credential_source = Environment, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY " +
				"are not set in Rolecall's environment (for the language server, the editor's): set them, or use source_profile")
		}
		return credentials{AccessKeyID: id, SecretAccessKey: secret, SessionToken: env("AWS_SESSION_TOKEN")}, nil
	case SourceEc2InstanceMetadata:
		if strings.EqualFold(env("AWS_EC2_METADATA_DISABLED"), "true") {
			return credentials{}, errors.New("credential_source = Ec2InstanceMetadata, but AWS_EC2_METADATA_DISABLED is true")
		}
		client := imds.New(imds.Options{Endpoint: env("AWS_EC2_METADATA_SERVICE_ENDPOINT")})
		c, err := r.retrieveWithTimeout(ctx, ec2rolecreds.New(func(o *ec2rolecreds.Options) { o.Client = client }))
		if err != nil {
			return credentials{}, errors.New("no instance role credentials from the EC2 instance metadata service: " +
				"run on an EC2 instance with an instance profile, or use source_profile")
		}
		return c, nil
	case SourceEcsContainer:
		return r.containerCredentials(ctx)
	}
	return credentials{}, fmt.Errorf("credential_source = %q is not one of Environment, Ec2InstanceMetadata, EcsContainer",
		r.plan.Source.CredentialSource)
}

func (r *chainRun) containerCredentials(ctx context.Context) (credentials, error) {
	env := r.opts.Getenv
	url := env("AWS_CONTAINER_CREDENTIALS_FULL_URI")
	if rel := env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"); rel != "" {
		url = "http://169.254.170.2" + rel
	}
	if url == "" {
		return credentials{}, errors.New("credential_source = EcsContainer, but neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI " +
			"nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set: run inside an ECS task or EKS pod with a role")
	}
	provider := endpointcreds.New(url, func(o *endpointcreds.Options) {
		o.AuthorizationToken = env("AWS_CONTAINER_AUTHORIZATION_TOKEN")
		if file := env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"); file != "" {
			o.AuthorizationTokenProvider = endpointcreds.TokenProviderFunc(func() (string, error) {
				b, err := os.ReadFile(file)
				return strings.TrimSpace(string(b)), err
			})
		}
	})
	c, err := r.retrieveWithTimeout(ctx, provider)
	if err != nil {
		return credentials{}, fmt.Errorf("the container credentials endpoint %s gave no credentials: "+
			"check the task's or pod's role and the AWS_CONTAINER_* variables", url)
	}
	return c, nil
}

func (r *chainRun) retrieveWithTimeout(ctx context.Context, p aws.CredentialsProvider) (credentials, error) {
	ctx, cancel := context.WithTimeout(ctx, r.opts.CallTimeout)
	defer cancel()
	c, err := p.Retrieve(ctx)
	return fromAWS(c), err
}

func firstSet(env func(string) string, names ...string) string {
	for _, n := range names {
		if v := env(n); v != "" {
			return v
		}
	}
	return ""
}

// webIdentity calls AssumeRoleWithWebIdentity with the token file and the source profile's role.
func (r *chainRun) webIdentity(ctx context.Context) (credentials, error) {
	src := r.plan.Source
	name := src.WebIdentitySessionName
	if name == "" {
		name = defaultSessionName(r.opts.UserName, r.now)
	}
	provider := stscreds.NewWebIdentityRoleProvider(r.e.stsClient(r.plan, nil), src.WebIdentityRoleArn,
		stscreds.IdentityTokenFile(src.WebIdentityTokenFile), func(o *stscreds.WebIdentityRoleOptions) { o.RoleSessionName = name })
	var c aws.Credentials
	err := r.e.withTimeout(ctx, r.opts.CallTimeout, r.plan, func(ctx context.Context) (err error) {
		c, err = provider.Retrieve(ctx)
		return err
	})
	if err == nil {
		return fromAWS(c), nil
	}
	var re ReasonError
	if errors.As(err, &re) || ctx.Err() != nil {
		return credentials{}, err
	}
	problem := fmt.Sprintf("the token in %s could not be read: check web_identity_token_file", src.WebIdentityTokenFile)
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		problem = fmt.Sprintf("STS refused the web identity token in %s for %s (%s): renew the token, or check the role's trust policy",
			src.WebIdentityTokenFile, src.WebIdentityRoleArn, apiErr.ErrorCode())
	}
	return credentials{}, &SourceCredentialsError{Profile: r.plan.Profile, SourceProfile: src.Profile,
		File: src.File, Line: src.Line, Problem: problem, err: err}
}
