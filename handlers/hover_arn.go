package handlers

import (
	"fmt"
	"strings"
)

// arnHover shows the parts of an ARN value (role_arn, mfa_serial, a source role's ARN) as a list:
// partition, service, account, and the resource split into its type, path and name ("" for a value
// that is not an ARN). Every part is file text, so every part is escaped.
func arnHover(v string) string {
	f := strings.SplitN(v, ":", 6)
	if len(f) != 6 || f[0] != "arn" {
		return ""
	}
	var b strings.Builder
	typ, rest, hasType := strings.Cut(f[5], "/")
	what := "ARN"
	switch {
	case f[2] == "iam" && typ == "role":
		what = "IAM role"
	case f[2] == "iam" && typ == "mfa":
		what = "MFA device"
	case f[2] == "iam" && typ == "user":
		what = "IAM user"
	case f[2] == "sts" && typ == "assumed-role":
		what = "assumed-role session"
	}
	fmt.Fprintf(&b, "**%s** %s\n\n", what, mdCode(v))
	fmt.Fprintf(&b, "- Partition: %s\n", mdCode(f[1]))
	fmt.Fprintf(&b, "- Service: %s\n", mdCode(f[2]))
	if f[3] != "" {
		fmt.Fprintf(&b, "- Region: %s\n", mdCode(f[3]))
	}
	fmt.Fprintf(&b, "- Account: %s\n", mdCode(f[4]))
	if !hasType {
		fmt.Fprintf(&b, "- Resource: %s\n", mdCode(f[5]))
		return b.String()
	}
	path, name := "/", rest
	if i := strings.LastIndexByte(rest, '/'); i >= 0 && typ != "assumed-role" {
		path, name = "/"+rest[:i+1], rest[i+1:]
	}
	label := map[string]string{"role": "Role", "mfa": "Device", "user": "User", "assumed-role": "Role and session"}[typ]
	if label == "" {
		fmt.Fprintf(&b, "- Resource type: %s\n", mdCode(typ))
		label = "Name"
	}
	if path != "/" {
		fmt.Fprintf(&b, "- Path: %s\n", mdCode(path))
	}
	fmt.Fprintf(&b, "- %s: %s\n", label, mdCode(name))
	return b.String()
}
