package cli

import "runtime"

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
