package credendpoint

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"strings"
	"testing"
)

// The kernel's socket table says where the server listens: 127.0.0.1 on its port, and nothing else
// listens on that port (no wildcard, no IPv6 any-address).
func TestSocketTableShowsOnlyALoopbackListener(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat("/proc/net/tcp"); err != nil {
		t.Skip("skipping: no /proc/net/tcp on this system")
	}
	s, _ := startServer(t, fixedSource(exampleCredentials()))
	port := fmt.Sprintf("%04X", s.Addr().(*net.TCPAddr).Port)
	var listeners []string
	for _, table := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		listeners = append(listeners, listening(t, table, port)...)
	}
	// /proc/net/tcp writes an IPv4 address as one little-endian word: 127.0.0.1 is 0100007F.
	if len(listeners) != 1 || listeners[0] != "0100007F:"+port {
		t.Errorf("listeners on port %s: %v, want only 0100007F:%s (127.0.0.1)", port, listeners, port)
	}
}

// listening returns the local addresses in state LISTEN (0A) on port, as the table writes them.
func listening(t *testing.T, table, port string) []string {
	t.Helper()
	f, err := os.Open(table)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 4 || fields[3] != "0A" {
			continue
		}
		if strings.HasSuffix(fields[1], ":"+port) {
			out = append(out, fields[1])
		}
	}
	return out
}
