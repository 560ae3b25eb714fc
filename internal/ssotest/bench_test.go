package ssotest

import (
	"context"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sso"
)

// BenchmarkDiscovery500x4 is the discovery workload against the emulator alone (500 accounts,
// 4 roles each, pages of 20, role lists fetched 8 at a time with the SDK): the floor under any
// client's discovery time on this machine.
func BenchmarkDiscovery500x4(b *testing.B) {
	s, err := New(Options{Accounts: GenerateAccounts(500, 4), PageSize: 20})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	tok, err := s.SignIn()
	if err != nil {
		b.Fatal(err)
	}
	portal := portalClient(s)
	ctx := context.Background()
	token := aws.String(tok.AccessToken)
	for b.Loop() {
		var ids []string
		pages := sso.NewListAccountsPaginator(portal, &sso.ListAccountsInput{AccessToken: token})
		for pages.HasMorePages() {
			page, err := pages.NextPage(ctx)
			if err != nil {
				b.Fatal(err)
			}
			for _, a := range page.AccountList {
				ids = append(ids, aws.ToString(a.AccountId))
			}
		}
		work := make(chan string)
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				for id := range work {
					if _, err := portal.ListAccountRoles(ctx, &sso.ListAccountRolesInput{AccessToken: token, AccountId: aws.String(id)}); err != nil {
						b.Error(err)
					}
				}
			})
		}
		for _, id := range ids {
			work <- id
		}
		close(work)
		wg.Wait()
	}
}
