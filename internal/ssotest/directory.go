package ssotest

import (
	"crypto/rand"
	"fmt"
	"time"
)

// Account is one AWS account in the emulator's directory with the roles (permission sets) the user
// is given in it.
type Account struct {
	ID    string   `json:"id"`
	Name  string   `json:"name"`
	Email string   `json:"email"`
	Roles []string `json:"roles"`
}

// RoleCredentials are the keys GetRoleCredentials returns.
type RoleCredentials struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
	Expiration      time.Time // 0 means now + Options.RoleCredentialsLifetime
}

// DefaultAccounts is a small directory for a person trying the emulator: two accounts, three roles.
func DefaultAccounts() []Account {
	return []Account{
		{ID: "111111111111", Name: "development", Email: "dev@example.com", Roles: []string{"AdministratorAccess", "ReadOnlyAccess"}},
		{ID: "222222222222", Name: "production", Email: "prod@example.com", Roles: []string{"ReadOnlyAccess"}},
	}
}

// GenerateAccounts makes n accounts with rolesPer roles each: ids 100000000000, 100000000001, ...,
// names account-0000, account-0001, ..., roles Role1 ... RoleN. For discovery at scale.
func GenerateAccounts(n, rolesPer int) []Account {
	roles := make([]string, rolesPer)
	for i := range roles {
		roles[i] = fmt.Sprintf("Role%d", i+1)
	}
	out := make([]Account, n)
	for i := range out {
		out[i] = Account{
			ID:    fmt.Sprintf("%012d", 100000000000+i),
			Name:  fmt.Sprintf("account-%04d", i),
			Email: fmt.Sprintf("aws+%04d@example.com", i),
			Roles: roles,
		}
	}
	return out
}

// directory is the accounts with an index by id; it never changes after New.
type directory struct {
	accounts []Account
	byID     map[string]int
}

func newDirectory(accounts []Account) (directory, error) {
	d := directory{accounts: accounts, byID: make(map[string]int, len(accounts))}
	for i, a := range accounts {
		if len(a.ID) != 12 {
			return directory{}, fmt.Errorf("ssotest: account id %q is not 12 digits; give each account a 12-digit id", a.ID)
		}
		if _, dup := d.byID[a.ID]; dup {
			return directory{}, fmt.Errorf("ssotest: account id %s appears twice in the directory; give each account its own id", a.ID)
		}
		d.byID[a.ID] = i
	}
	return d, nil
}

func (d directory) account(id string) (Account, bool) {
	i, ok := d.byID[id]
	if !ok {
		return Account{}, false
	}
	return d.accounts[i], true
}

func (d directory) hasRole(accountID, role string) bool {
	a, ok := d.account(accountID)
	if !ok {
		return false
	}
	for _, r := range a.Roles {
		if r == role {
			return true
		}
	}
	return false
}

// randomCredentials makes keys shaped like STS's: ASIA + 16 upper-case characters, a 40-character
// secret, a long session token.
func randomCredentials(string, string) RoleCredentials {
	return RoleCredentials{
		AccessKeyID:     "ASIA" + rand.Text()[:16], // rand.Text is upper-case base32, as key ids are
		SecretAccessKey: (rand.Text() + rand.Text())[:40],
		SessionToken:    "IQoJb3JpZ2luX2VjE" + randomToken(200),
	}
}
