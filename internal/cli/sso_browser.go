package cli

import (
	"os/exec"
	"runtime"
)

// browserAvailable says whether a browser can be opened on this machine, which decides the default
// sign-in flow: the authorization code flow needs the browser here (its redirect comes back to
// 127.0.0.1), so a remote shell without a display uses the device code flow. Tests replace it.
var browserAvailable = func(env Env) bool {
	switch runtime.GOOS {
	case "windows", "darwin":
		_, ssh := env.Getenv("SSH_CONNECTION")
		return !ssh || runtime.GOOS == "windows"
	}
	for _, v := range []string{"DISPLAY", "WAYLAND_DISPLAY", "BROWSER"} {
		if s, ok := env.Getenv(v); ok && s != "" {
			return true
		}
	}
	return false
}

// openBrowser opens url in the default browser and does not wait for it. Tests replace it.
var openBrowser = func(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reap it; xdg-open returns once the browser has the URL
	return nil
}
