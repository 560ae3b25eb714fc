package cli

import (
	"fmt"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// openBrowser opens url with $BROWSER when set (as Python's webbrowser and many tools do), else the
// system's opener, and returns once the opener has taken it: a browser started directly keeps running
// and is reaped in the background, an opener that fails at once is reported. The URL goes to the opener
// as an argument and nowhere else (it can be a bearer credential: a console sign-in link). Tests
// replace it.
var openBrowser = func(env Env, url string) error {
	name, args := browserCommand(env)
	cmd := exec.Command(name, append(args, url)...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("%s: %v", name, err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return browserError(name, err, out.String(), url)
		}
	case <-time.After(3 * time.Second):
		// Still running: a browser started directly, not an opener that hands the URL on. It has it.
	}
	return nil
}

func browserCommand(env Env) (string, []string) {
	if b, ok := env.Getenv("BROWSER"); ok && strings.TrimSpace(b) != "" {
		return strings.TrimSpace(b), nil
	}
	switch runtime.GOOS {
	case "darwin":
		return "open", nil
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler"}
	}
	return "xdg-open", nil
}

// browserError says why the opener failed, with its output but never the URL.
func browserError(name string, err error, output, url string) error {
	msg := strings.TrimSpace(strings.ReplaceAll(output, url, "(the URL)"))
	if len(msg) > 200 {
		msg = msg[:200]
	}
	if msg != "" {
		return fmt.Errorf("%s: %v: %s", name, err, msg)
	}
	return fmt.Errorf("%s: %v", name, err)
}
