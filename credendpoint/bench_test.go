package credendpoint

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
)

// benchConn is one kept-alive client connection that sends the request an SDK sends. It is a bare
// HTTP/1.1 client so that the benchmark measures the server rather than a heavy client sharing the
// same two cores.
type benchConn struct {
	c   net.Conn
	r   *bufio.Reader
	req []byte
}

func dialBench(b *testing.B, s *Server) *benchConn {
	c, err := net.Dial("tcp", s.Addr().String())
	if err != nil {
		b.Fatal(err)
	}
	req := "GET " + Path + " HTTP/1.1\r\nHost: " + s.Addr().String() + "\r\nAccept: application/json\r\n" +
		"Authorization: " + s.Token() + "\r\nUser-Agent: bench\r\n\r\n"
	return &benchConn{c: c, r: bufio.NewReader(c), req: []byte(req)}
}

func (bc *benchConn) fetch(b *testing.B) {
	if _, err := bc.c.Write(bc.req); err != nil {
		b.Fatal(err)
	}
	resp, err := http.ReadResponse(bc.r, nil)
	if err != nil {
		b.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b.Fatalf("status %d", resp.StatusCode)
	}
}

// A warm request (the connection kept alive, as the SDKs' pooled clients do) while 50 clients ask at
// once, back to back. Reports the median and 99th percentile latency of one request; the target is a
// median under 1 ms. Run: go test ./credendpoint -run '^$' -bench WarmRequest
func BenchmarkWarmRequest50Clients(b *testing.B) { benchWarm(b, 50) }

// The same with one client: the latency of a request when nothing else is asking.
func BenchmarkWarmRequestOneClient(b *testing.B) { benchWarm(b, 1) }

func benchWarm(b *testing.B, clients int) {
	s, _ := startServer(b, fixedSource(exampleCredentials()))
	conns := make(chan *benchConn, clients)
	for range clients {
		bc := dialBench(b, s)
		bc.fetch(b) // warm: the server has accepted the connection and served it once
		conns <- bc
	}
	var mu sync.Mutex
	var all []time.Duration
	procs := runtime.GOMAXPROCS(0)
	b.SetParallelism((clients + procs - 1) / procs)
	if clients < procs {
		b.SetParallelism(1)
	}
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		var bc *benchConn
		select {
		case bc = <-conns:
		default:
			bc = dialBench(b, s) // more goroutines than clients (GOMAXPROCS > 50)
		}
		defer bc.c.Close()
		var mine []time.Duration
		for pb.Next() {
			start := time.Now()
			bc.fetch(b)
			mine = append(mine, time.Since(start))
		}
		mu.Lock()
		all = append(all, mine...)
		mu.Unlock()
	})
	b.StopTimer()
	slices.Sort(all)
	if len(all) > 0 {
		b.ReportMetric(float64(all[len(all)/2].Microseconds()), "p50-µs")
		b.ReportMetric(float64(all[len(all)*99/100].Microseconds()), "p99-µs")
	}
}
