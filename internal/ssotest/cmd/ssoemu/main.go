// Command ssoemu runs the IAM Identity Center emulator of internal/ssotest on 127.0.0.1, for the VS Code
// end-to-end test and for a person trying Rolecall's sign-in without an AWS account. It prints one JSON
// line on stdout, {"url": "http://127.0.0.1:PORT"}, and serves until its stdin closes or it gets
// SIGTERM or SIGINT.
//
//	ssoemu [-accounts N -roles N | -directory FILE] [-page-size N] [-auto-approve]
//
// Point AWS_ENDPOINT_URL_SSO and AWS_ENDPOINT_URL_SSO_OIDC at the URL; device codes are approved at
// URL/device.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/rolecall/rolecall/internal/ssotest"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "ssoemu:", err)
		os.Exit(1)
	}
}

func run() error {
	accounts := flag.Int("accounts", 0, "generate this many accounts (default: two example accounts)")
	roles := flag.Int("roles", 2, "roles per generated account")
	dirFile := flag.String("directory", "", `JSON file of accounts: [{"id": "111111111111", "name": "dev", "email": "...", "roles": ["R"]}]`)
	pageSize := flag.Int("page-size", 20, "ListAccounts and ListAccountRoles page size when the client gives none")
	autoApprove := flag.Bool("auto-approve", false, "approve every sign-in without showing the approval page")
	flag.Parse()

	opts := ssotest.Options{PageSize: *pageSize, AutoApprove: *autoApprove}
	switch {
	case *dirFile != "":
		data, err := os.ReadFile(*dirFile)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(data, &opts.Accounts); err != nil {
			return fmt.Errorf("%s is not a JSON list of accounts: %w", *dirFile, err)
		}
	case *accounts > 0:
		opts.Accounts = ssotest.GenerateAccounts(*accounts, *roles)
	}
	s, err := ssotest.New(opts)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := json.NewEncoder(os.Stdout).Encode(map[string]string{"url": s.URL()}); err != nil {
		return err
	}

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	stdinClosed := make(chan struct{})
	go func() {
		io.Copy(io.Discard, os.Stdin) // the parent holds stdin open while it wants the emulator
		close(stdinClosed)
	}()
	select {
	case <-stop:
	case <-stdinClosed:
	}
	return nil
}
