// Command sdkload is the baseline of the whole-process benchmark (internal/perf): what a Go program
// built on aws-sdk-go-v2 does at start to use one profile. It loads the default configuration with the
// profile named on the command line from the files the AWS tools read (AWS_CONFIG_FILE,
// AWS_SHARED_CREDENTIALS_FILE, or ~/.aws) and prints the profile's region. No credentials are
// retrieved, so nothing goes to the network: the cost is reading and parsing both files.
//
// Usage: sdkload PROFILE
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/aws/aws-sdk-go-v2/config"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: sdkload PROFILE")
		os.Exit(2)
	}
	cfg, err := config.LoadDefaultConfig(context.Background(), config.WithSharedConfigProfile(os.Args[1]))
	if err != nil {
		fmt.Fprintln(os.Stderr, "sdkload:", err)
		os.Exit(1)
	}
	fmt.Println(cfg.Region)
}
