package sso

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sso"
)

// Account is an AWS account the signed-in user is given, with the roles (permission sets) they may
// use in it.
type Account struct {
	ID    string   `json:"accountId"`
	Name  string   `json:"accountName"`
	Email string   `json:"emailAddress"`
	Roles []string `json:"roles"`
}

// Directory is everything a session is given, accounts in the portal's order, roles sorted.
type Directory struct {
	Session   string    `json:"ssoSession"`
	Accounts  []Account `json:"accounts"`
	FetchedAt time.Time `json:"fetchedAt"`
}

// discoveryEntry is one session's directory in memory; a fetch in progress is shared by every caller
// who asks meanwhile.
type discoveryEntry struct {
	done chan struct{} // closed when dir and err are set
	dir  Directory
	err  error
}

// Accounts lists the session's accounts and the roles in each (ListAccounts, then ListAccountRoles
// for every account, every page, Concurrency at a time). The answer is reused for DiscoveryTTL;
// fresh asks the portal again. A token that expired is refreshed first; without a sign-in the error
// is ReasonSignInRequired.
func (c *Client) Accounts(ctx context.Context, s Session, fresh bool) (Directory, error) {
	key := s.CacheKey()
	c.mu.Lock()
	e := c.discovery[key]
	if e != nil && !fresh {
		select {
		case <-e.done:
			if e.err == nil && c.opts.Now().Sub(e.dir.FetchedAt) < c.opts.DiscoveryTTL {
				c.mu.Unlock()
				return e.dir, nil
			}
			e = nil // stale or failed: fetch again
		default: // in progress: wait for it below
		}
	} else {
		e = nil
	}
	if e == nil {
		e = &discoveryEntry{done: make(chan struct{})}
		c.discovery[key] = e
		go c.fetchDirectory(context.WithoutCancel(ctx), s, e)
	}
	c.mu.Unlock()
	select {
	case <-ctx.Done():
		return Directory{}, ctx.Err()
	case <-e.done:
		return e.dir, e.err
	}
}

// forgetDiscovery drops a session's directory (after a sign-in or sign-out: another user may be
// signed in now).
func (c *Client) forgetDiscovery(s Session) {
	c.mu.Lock()
	delete(c.discovery, s.CacheKey())
	c.mu.Unlock()
}

// fetchDirectory runs one discovery into e. It is not cancelled by the caller who started it, since
// others may wait for it too; it is bounded by the retries and the HTTP client's timeouts.
func (c *Client) fetchDirectory(ctx context.Context, s Session, e *discoveryEntry) {
	defer close(e.done)
	e.dir, e.err = c.discover(ctx, s)
	if e.err != nil {
		c.mu.Lock()
		if c.discovery[s.CacheKey()] == e {
			delete(c.discovery, s.CacheKey())
		}
		c.mu.Unlock()
	}
}

func (c *Client) discover(ctx context.Context, s Session) (Directory, error) {
	t, err := c.accessToken(ctx, s)
	if err != nil {
		return Directory{}, err
	}
	portal := c.portal(s)
	bearer := aws.String(t.AccessToken)
	var accounts []Account
	pages := sso.NewListAccountsPaginator(portal, &sso.ListAccountsInput{AccessToken: bearer})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return Directory{}, c.portalError(ctx, s, "ListAccounts", "", "", err)
		}
		for _, a := range page.AccountList {
			accounts = append(accounts, Account{ID: aws.ToString(a.AccountId), Name: aws.ToString(a.AccountName),
				Email: aws.ToString(a.EmailAddress)})
		}
	}
	if err := c.listRoles(ctx, s, portal, bearer, accounts); err != nil {
		return Directory{}, err
	}
	return Directory{Session: s.Label(), Accounts: accounts, FetchedAt: c.opts.Now()}, nil
}

// listRoles fills every account's roles, Concurrency accounts at a time; the first failure stops
// the rest.
func (c *Client) listRoles(ctx context.Context, s Session, portal *sso.Client, bearer *string, accounts []Account) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(c.opts.Concurrency, len(accounts)) {
		wg.Go(func() {
			for i := range work {
				roles, err := c.accountRoles(ctx, s, portal, bearer, accounts[i].ID)
				if err != nil {
					cancel(err)
					continue
				}
				accounts[i].Roles = roles
			}
		})
	}
	for i := range accounts {
		select {
		case work <- i:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
	}
	close(work)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return err
	}
	return nil
}

func (c *Client) accountRoles(ctx context.Context, s Session, portal *sso.Client, bearer *string, id string) ([]string, error) {
	var roles []string
	pages := sso.NewListAccountRolesPaginator(portal, &sso.ListAccountRolesInput{AccessToken: bearer, AccountId: aws.String(id)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			if cause := context.Cause(ctx); cause != nil && ctx.Err() != nil {
				return nil, cause
			}
			return nil, c.portalError(ctx, s, "ListAccountRoles", id, "", err)
		}
		for _, r := range page.RoleList {
			roles = append(roles, aws.ToString(r.RoleName))
		}
	}
	sort.Strings(roles)
	return roles, nil
}

// portalError explains a failed portal call.
func (c *Client) portalError(ctx context.Context, s Session, op, account, role string, err error) error {
	if te := transportError(ctx, s, c.portalBase(ctx, s), err); te != nil {
		return te
	}
	e := &Error{Session: s.Label(), err: err}
	switch code := apiCode(err); code {
	case "UnauthorizedException":
		return signInRequired(s, "IAM Identity Center no longer accepts the sign-in", err)
	case "ForbiddenException", "AccessDeniedException":
		if role == "" {
			e.Reason, e.Msg = ReasonRoleDenied, fmt.Sprintf("IAM Identity Center refused to list the roles of account %s (%s): "+
				"ask your administrator, or try again later", account, code)
			break
		}
		e.Reason, e.Msg = ReasonRoleDenied, fmt.Sprintf(
			"IAM Identity Center does not give you the role %s in account %s: choose a role you are given (rolecall sso accounts lists them)",
			role, account)
	case "ResourceNotFoundException":
		e.Reason, e.Msg = ReasonRoleDenied, fmt.Sprintf(
			"IAM Identity Center does not give you account %s (or the role %s in it): check sso_account_id and sso_role_name (rolecall sso accounts lists them)",
			account, role)
	case "TooManyRequestsException":
		e.Reason, e.Msg = ReasonThrottled, "IAM Identity Center is throttling requests: wait a minute and try again"
	default:
		e.Reason, e.Msg = ReasonService, fmt.Sprintf("IAM Identity Center refused %s (%s): try again in a moment", op, codeOr(code))
	}
	return e
}
