// Package console turns a role session's credentials into a sign-in URL for the AWS Management
// Console through the AWS federation endpoint (getSigninToken, then Action=login), in the aws,
// aws-us-gov and aws-cn partitions. The URL is a bearer credential for 15 minutes: this package never
// logs it and no error it returns holds it. It knows nothing of profiles or of LSP.
package console

import (
	"fmt"
	"strings"
)

// Partition is where a session lives: its sign-in (federation) host and its console host.
type Partition struct {
	Name        string // aws, aws-us-gov, aws-cn
	SigninHost  string
	ConsoleHost string
}

var partitions = map[string]Partition{
	"aws":        {"aws", "signin.aws.amazon.com", "console.aws.amazon.com"},
	"aws-us-gov": {"aws-us-gov", "signin.amazonaws-us-gov.com", "console.amazonaws-us-gov.com"},
	"aws-cn":     {"aws-cn", "signin.amazonaws.cn", "console.amazonaws.cn"},
}

// PartitionOf finds the partition of a session: from its ARN when known (arn:PARTITION:...), which is
// authoritative, else from the region's name, else aws.
func PartitionOf(arn, region string) (Partition, error) {
	name := "aws"
	if rest, ok := strings.CutPrefix(arn, "arn:"); ok {
		name, _, _ = strings.Cut(rest, ":")
	} else {
		switch {
		case strings.HasPrefix(region, "cn-"):
			name = "aws-cn"
		case strings.HasPrefix(region, "us-gov-"):
			name = "aws-us-gov"
		case strings.HasPrefix(region, "us-iso"), strings.HasPrefix(region, "eu-isoe-"):
			name = "aws-iso"
		}
	}
	p, ok := partitions[name]
	if !ok {
		return Partition{}, fmt.Errorf("the %s partition has no console sign-in through federation that Rolecall knows: "+
			"sign in through your organisation's portal", name)
	}
	return p, nil
}
