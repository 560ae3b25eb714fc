package cli

import (
	"fmt"
	"regexp"

	"github.com/rolecall/rolecall/assume"
)

// regionPattern is the shape of every AWS region name (us-east-1, eu-central-2, us-gov-west-1,
// cn-north-1, us-isob-east-1): it reaches URLs and environment variables, so nothing else passes.
var regionPattern = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$`)

// regionProblem says what is wrong with a --region value, "" when nothing is (or none was given).
func regionProblem(region string) string {
	if region == "" || regionPattern.MatchString(region) {
		return ""
	}
	return fmt.Sprintf("--region %q is not a region name: write one such as us-east-1 or eu-west-2", region)
}

// withRegion makes --region win over the profile's region and AWS_REGION, as the AWS CLI's --region
// does: the STS calls go to that region and the session reports it.
func withRegion(plan assume.Plan, region string) assume.Plan {
	if region != "" {
		plan.Region = region
	}
	return plan
}
