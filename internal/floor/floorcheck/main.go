// Command floorcheck is the floor of the whole-process benchmark (internal/perf): the floor pass of
// package floor, on two cores as `rolecall check` reads, in a process that starts as rolecall does. It
// links everything rolecall links (its package initialisation runs) and turns the collector off as
// `rolecall check` does, then reads the two files the AWS tools would read and prints one line of
// counts. What it costs, `rolecall check` cannot do without.
//
// Usage: floorcheck
package main

import (
	"fmt"
	"os"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/internal/cli"
	"github.com/rolecall/rolecall/internal/floor"
)

func main() {
	cli.TuneGC([]string{"check"}, os.LookupEnv)
	home, _ := os.UserHomeDir()
	loc := awsfiles.Locate(os.LookupEnv, home)
	cfg, err := os.ReadFile(loc.Config)
	if err != nil {
		fmt.Fprintln(os.Stderr, "floorcheck:", err)
		os.Exit(1)
	}
	creds, err := os.ReadFile(loc.Credentials)
	if err != nil {
		fmt.Fprintln(os.Stderr, "floorcheck:", err)
		os.Exit(1)
	}
	r := floor.CheckOnTwoCores(cfg, creds)
	fmt.Printf("%d profiles, %d properties, %d problems\n", r.Profiles, r.Properties, r.Problems)
}
