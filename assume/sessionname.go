package assume

import (
	"fmt"
	"strings"
	"time"
)

// defaultSessionName is the role session name sent when the profile writes none: readable in
// CloudTrail ("who was this?") instead of the SDK's aws-go-sdk-<nanoseconds>, and valid for STS's
// pattern [\w+=,.@-]{2,64}.
// A long user name is shortened so that the timestamp, which makes the name unique, survives.
func defaultSessionName(userName string, now time.Time) string {
	suffix := fmt.Sprintf("-%d", now.Unix())
	user := sanitizeSessionName(userName)
	if room := 64 - len("rolecall-") - len(suffix); len(user) > room {
		user = user[:room]
	}
	return "rolecall-" + user + suffix
}

// sanitizeSessionName maps a string onto STS's RoleSessionName pattern [\w+=,.@-]{2,64}, where \w is
// ASCII letters, digits and underscore: other characters (spaces, a DOMAIN\user backslash, non-ASCII
// letters) become '-', a long name is cut to 64 characters and a short one padded to 2.
func sanitizeSessionName(name string) string {
	var b strings.Builder
	for _, r := range name {
		if isSessionNameChar(r) {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	out := b.String()
	if len(out) > 64 {
		out = out[:64]
	}
	for len(out) < 2 {
		out += "-"
	}
	return out
}

func isSessionNameChar(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	}
	return strings.ContainsRune("_+=,.@-", r)
}
