package assume

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/rolecall/rolecall/awsfiles"
)

// The AWS CLI's assume-role cache (botocore's JSONFileCache under AssumeRoleProvider): one JSON file per set of AssumeRole arguments in
// ~/.aws/cli/cache, named sha1(json.dumps(args, sort_keys=True)).json, used while at least 15 minutes
// remain. Reading and writing it the CLI's way means `aws --profile <role>` reuses what Rolecall assumed
// (no second MFA prompt) and Rolecall reuses what the CLI assumed.
//
// Intermediate hops: the CLI hands the same cache to the providers of source profiles that are roles
// themselves (botocore `_load_creds_via_assume_role` passes `cache=self.cache` down the recursion), so
// every hop of a chain has its own entry. Rolecall does the same: it reads and writes an entry for each
// hop, so a chain the CLI assumed is reused hop by hop and the other way round. The one exception is
// Refresh, which never reads the final hop's entry (a refresh must give new credentials).

// cliCacheKey computes the cache file's base name for one hop: the AssumeRole arguments as configured,
// i.e. RoleArn plus only the settings written in the profile. A generated session name, the MFA token
// code, the source credentials and the profile name are not part of it, exactly as in botocore.
func cliCacheKey(hop RoleHop) string {
	args := map[string]any{"RoleArn": hop.RoleArn}
	if hop.SessionName != "" {
		args["RoleSessionName"] = hop.SessionName
	}
	if hop.ExternalID != "" {
		args["ExternalId"] = hop.ExternalID
	}
	if hop.MFASerial != "" {
		args["SerialNumber"] = hop.MFASerial
	}
	if hop.DurationSeconds != 0 {
		args["DurationSeconds"] = hop.DurationSeconds
	}
	sum := sha1.Sum([]byte(pythonJSONDumps(args)))
	return hex.EncodeToString(sum[:])
}

// pythonJSONDumps renders a flat object of strings and ints as Python's json.dumps(obj, sort_keys=True)
// does: keys sorted, separators ", " and ": ", ASCII-only output with lowercase \uXXXX escapes.
func pythonJSONDumps(obj map[string]any) string {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys) // Python sorts by code point; byte order of UTF-8 is the same order
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(pythonJSONString(k))
		b.WriteString(": ")
		switch v := obj[k].(type) {
		case int:
			b.WriteString(strconv.Itoa(v))
		case string:
			b.WriteString(pythonJSONString(v))
		default:
			b.WriteString(pythonJSONString(fmt.Sprint(v)))
		}
	}
	b.WriteByte('}')
	return b.String()
}

// pythonJSONString quotes s like json.dumps with ensure_ascii=True.
func pythonJSONString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r >= 0x20 && r <= 0x7e {
				b.WriteRune(r)
			} else if r > 0xffff {
				hi, lo := utf16.EncodeRune(r)
				fmt.Fprintf(&b, `\u%04x\u%04x`, hi, lo)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// cliCacheEntry is the file's content: the AssumeRole response as botocore returns it, with the
// AccountId botocore adds to Credentials.
type cliCacheEntry struct {
	Credentials struct {
		AccessKeyID     string `json:"AccessKeyId"`
		SecretAccessKey string `json:"SecretAccessKey"`
		SessionToken    string `json:"SessionToken"`
		Expiration      string `json:"Expiration"`
		AccountID       string `json:"AccountId,omitempty"`
	} `json:"Credentials"`
	AssumedRoleUser struct {
		AssumedRoleID string `json:"AssumedRoleId"`
		Arn           string `json:"Arn"`
	} `json:"AssumedRoleUser"`
	ResponseMetadata *responseMetadata `json:"ResponseMetadata,omitempty"`
}

type responseMetadata struct {
	RequestID      string            `json:"RequestId"`
	HTTPStatusCode int               `json:"HTTPStatusCode"`
	HTTPHeaders    map[string]string `json:"HTTPHeaders"`
	RetryAttempts  int               `json:"RetryAttempts"`
}

// parseCacheExpiration accepts the three forms the CLI writes: the wire form with Z (CLI v1), an
// isoformat with +00:00 (CLI v2) and botocore's "%Y-%m-%dT%H:%M:%S%Z" for a datetime ("…UTC").
func parseCacheExpiration(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutSuffix(s, "UTC"); ok {
		s = strings.TrimSpace(rest) + "Z"
	}
	s = strings.Replace(s, " ", "T", 1) // str(datetime) separates date and time with a space
	return time.Parse(time.RFC3339Nano, s)
}

// readCLICache returns the hop's cached credentials when the entry exists, is readable and has at
// least 15 minutes left; anything else is a miss, as in botocore.
func readCLICache(dir string, hop RoleHop, now time.Time) (hopResult, bool) {
	if dir == "" {
		return hopResult{}, false
	}
	data, err := os.ReadFile(filepath.Join(dir, cliCacheKey(hop)+".json"))
	if err != nil {
		return hopResult{}, false
	}
	var entry cliCacheEntry
	if json.Unmarshal(data, &entry) != nil {
		return hopResult{}, false
	}
	c := entry.Credentials
	expires, err := parseCacheExpiration(c.Expiration)
	if err != nil || c.AccessKeyID == "" || c.SecretAccessKey == "" || c.SessionToken == "" {
		return hopResult{}, false
	}
	if expires.Sub(now) < cacheMinRemaining {
		return hopResult{}, false
	}
	res := hopResult{
		creds:      credentials{c.AccessKeyID, c.SecretAccessKey, c.SessionToken, expires},
		assumedArn: entry.AssumedRoleUser.Arn,
		roleID:     entry.AssumedRoleUser.AssumedRoleID,
		accountID:  c.AccountID,
	}
	if res.accountID == "" {
		res.accountID = accountFromArn(res.assumedArn)
	}
	return res, true
}

// writeCLICache stores the hop's credentials as botocore's JSONFileCache does (mode 0600, replaced
// atomically, the directory created 0700), through awsfiles.ReplaceFile like every file Rolecall writes.
func writeCLICache(dir string, hop RoleHop, res hopResult) (err error) {
	if dir == "" {
		return errors.New("no home directory to find ~/.aws/cli/cache in")
	}
	var entry cliCacheEntry
	entry.Credentials.AccessKeyID = res.creds.AccessKeyID
	entry.Credentials.SecretAccessKey = res.creds.SecretAccessKey
	entry.Credentials.SessionToken = res.creds.SessionToken
	entry.Credentials.Expiration = res.creds.Expires.UTC().Format(time.RFC3339)
	entry.Credentials.AccountID = res.accountID
	entry.AssumedRoleUser.AssumedRoleID = res.roleID
	entry.AssumedRoleUser.Arn = res.assumedArn
	entry.ResponseMetadata = &responseMetadata{RequestID: res.requestID, HTTPStatusCode: 200,
		HTTPHeaders: map[string]string{}, RetryAttempts: 0}
	data, err := json.Marshal(entry)
	if err != nil {
		return err
	}
	return awsfiles.ReplaceFile(filepath.Join(dir, cliCacheKey(hop)+".json"), data, 0o600)
}

// accountFromArn returns the account field of an ARN ("" when it is not one).
func accountFromArn(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" {
		return ""
	}
	return parts[4]
}
