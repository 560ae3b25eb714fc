package ssotest

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sso"
	ssotypes "github.com/aws/aws-sdk-go-v2/service/sso/types"
	"github.com/aws/smithy-go"
)

func listenLoopback(t *testing.T) net.Listener {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func signIn(t *testing.T, s *Server) Token {
	t.Helper()
	tok, err := s.SignIn()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// Discovery at scale as the issue measures it: 500 accounts with 4 roles each, pages of 20, read with
// the SDK's own paginators.
func TestPortalPagesThroughEveryAccountAndRole(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{Accounts: GenerateAccounts(500, 4), PageSize: 20})
	ctx := context.Background()
	portal := portalClient(s)
	tok := signIn(t, s)

	var accounts []ssotypes.AccountInfo
	pages := sso.NewListAccountsPaginator(portal, &sso.ListAccountsInput{AccessToken: aws.String(tok.AccessToken)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		accounts = append(accounts, page.AccountList...)
	}
	if len(accounts) != 500 || s.Count(OpListAccounts) != 25 {
		t.Fatalf("%d accounts in %d requests, want 500 in 25", len(accounts), s.Count(OpListAccounts))
	}
	last := accounts[499]
	if aws.ToString(last.AccountId) != "100000000499" || aws.ToString(last.AccountName) != "account-0499" || aws.ToString(last.EmailAddress) == "" {
		t.Errorf("last account = %+v", last)
	}

	roles, err := portal.ListAccountRoles(ctx, &sso.ListAccountRolesInput{AccessToken: aws.String(tok.AccessToken),
		AccountId: last.AccountId, MaxResults: aws.Int32(3)})
	if err != nil || len(roles.RoleList) != 3 || roles.NextToken == nil {
		t.Fatalf("first page of roles: %v, %+v", err, roles)
	}
	rest, err := portal.ListAccountRoles(ctx, &sso.ListAccountRolesInput{AccessToken: aws.String(tok.AccessToken),
		AccountId: last.AccountId, NextToken: roles.NextToken})
	if err != nil || len(rest.RoleList) != 1 || rest.NextToken != nil || aws.ToString(rest.RoleList[0].RoleName) != "Role4" ||
		aws.ToString(rest.RoleList[0].AccountId) != "100000000499" {
		t.Fatalf("second page of roles: %v, %+v", err, rest)
	}
	_, err = portal.ListAccountRoles(ctx, &sso.ListAccountRolesInput{AccessToken: aws.String(tok.AccessToken),
		AccountId: aws.String("100000000000"), NextToken: roles.NextToken})
	errorAs[*ssotypes.InvalidRequestException](t, "another account's next token", err)
	_, err = portal.ListAccountRoles(ctx, &sso.ListAccountRolesInput{AccessToken: aws.String(tok.AccessToken),
		AccountId: aws.String("999999999999")})
	errorAs[*ssotypes.ResourceNotFoundException](t, "roles of an account not in the directory", err)
}

// GetRoleCredentials gives keys for a role the user has, "No access" for one they have not, and
// nothing to an expired token.
func TestGetRoleCredentials(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{})
	ctx := context.Background()
	portal := portalClient(s)
	tok := signIn(t, s)
	before := time.Now()
	out, err := portal.GetRoleCredentials(ctx, &sso.GetRoleCredentialsInput{AccessToken: aws.String(tok.AccessToken),
		AccountId: aws.String("111111111111"), RoleName: aws.String("ReadOnlyAccess")})
	if err != nil {
		t.Fatal(err)
	}
	c := out.RoleCredentials
	expires := time.UnixMilli(c.Expiration)
	if len(aws.ToString(c.AccessKeyId)) != 20 || aws.ToString(c.AccessKeyId)[:4] != "ASIA" || len(aws.ToString(c.SecretAccessKey)) != 40 ||
		aws.ToString(c.SessionToken) == "" || expires.Before(before.Add(59*time.Minute)) || expires.After(time.Now().Add(time.Hour)) {
		t.Errorf("credentials: key id %q, expiration %s", aws.ToString(c.AccessKeyId), expires)
	}

	_, err = portal.GetRoleCredentials(ctx, &sso.GetRoleCredentialsInput{AccessToken: aws.String(tok.AccessToken),
		AccountId: aws.String("222222222222"), RoleName: aws.String("AdministratorAccess")})
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "ForbiddenException" || apiErr.ErrorMessage() != "No access" {
		t.Errorf("a role the user is not given: %v", err)
	}

	s.Advance(time.Hour)
	_, err = portal.GetRoleCredentials(ctx, &sso.GetRoleCredentialsInput{AccessToken: aws.String(tok.AccessToken),
		AccountId: aws.String("111111111111"), RoleName: aws.String("ReadOnlyAccess")})
	e := errorAs[*ssotypes.UnauthorizedException](t, "an expired access token", err)
	if aws.ToString(e.Message) != "Session token not found or invalid" {
		t.Errorf("message = %q", aws.ToString(e.Message))
	}
}

// A test can hold requests in the hook to see how many a client runs at once, and the portal's
// concurrency limit answers TooManyRequestsException beyond it, as throttling does.
func TestPortalConcurrencyLimitAndHook(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	entered := make(chan struct{}, 8)
	s := Start(t, Options{PortalConcurrency: 2, Hook: func(ctx context.Context, op string) *Fault {
		if op == OpListAccounts {
			entered <- struct{}{}
			<-release
		}
		return nil
	}})
	ctx := context.Background()
	portal := portalClient(s)
	tok := signIn(t, s)
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			if _, err := portal.ListAccounts(ctx, &sso.ListAccountsInput{AccessToken: aws.String(tok.AccessToken)}); err != nil {
				t.Error(err)
			}
		})
	}
	<-entered
	<-entered
	_, err := portal.ListAccounts(ctx, &sso.ListAccountsInput{AccessToken: aws.String(tok.AccessToken)},
		func(o *sso.Options) { o.RetryMaxAttempts = 1 })
	close(release)
	wg.Wait()
	errorAs[*ssotypes.TooManyRequestsException](t, "a third request at once", err)
	if got := s.MaxInFlight(OpListAccounts); got != 3 {
		t.Errorf("MaxInFlight(ListAccounts) = %d, want 3", got)
	}
}

// What the emulator holds is bounded by what it has granted and not yet expired: a client that starts
// device authorizations forever does not grow it without limit. (Requests go to the handler directly:
// thousands of them through the network would only make the test slow.)
func TestExpiredGrantsAreForgotten(t *testing.T) {
	t.Parallel()
	s := Start(t, Options{DeviceCodeLifetime: time.Minute})
	tok := signIn(t, s)
	h := s.routes()
	body := `{"clientId":"` + tok.ClientID + `","clientSecret":"` + tok.ClientSecret + `","startUrl":"` + startURL + `"}`
	for round := 0; round < 3; round++ {
		for range minSweepAt {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/device_authorization", strings.NewReader(body)))
			if rec.Code != http.StatusOK {
				t.Fatalf("StartDeviceAuthorization answered %d: %s", rec.Code, rec.Body)
			}
		}
		s.Advance(time.Minute + sweepGrace + time.Second)
	}
	s.st.mu.Lock()
	size, queued := s.st.size(), len(s.st.started)
	s.st.mu.Unlock()
	if size > minSweepAt+3 || queued > minSweepAt {
		t.Errorf("after 3 rounds of %d expired device codes the emulator holds %d grants, %d queued codes", minSweepAt, size, queued)
	}
}
