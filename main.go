// Command rolecall checks AWS config and credentials files, serves them to editors as a language server,
// and assumes the roles they describe. See docs/cli.md.
package main

import (
	"os"

	"github.com/rolecall/rolecall/internal/cli"
)

func main() {
	cli.TuneGC(os.Args[1:], os.LookupEnv)
	os.Exit(cli.Main(os.Args[1:], cli.System()))
}
