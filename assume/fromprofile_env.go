package assume

import (
	"fmt"

	"github.com/rolecall/rolecall/awsfiles"
)

// resolveRegion is the region aws-sdk-go-v2 gives a client for the profile (config.resolveRegion over
// its environment config, then its shared config): AWS_REGION, else AWS_DEFAULT_REGION, else the
// profile's region; "" when none is set (the engine then uses us-east-1, as the CLI's global STS
// endpoint does). The AWS CLI also lets AWS_DEFAULT_REGION win over the profile.
func resolveRegion(p *awsfiles.Profile, env LookupEnv) regionChoice {
	for _, name := range []string{"AWS_REGION", "AWS_DEFAULT_REGION"} {
		if v, ok := env(name); ok && v != "" {
			return regionChoice{name: v, where: name}
		}
	}
	set := p.Get("region")
	if set == nil {
		return regionChoice{}
	}
	return regionChoice{name: set.Value(), where: fmt.Sprintf("%s:%d", set.File().Path, set.Entry.Line.Num()+1)}
}
