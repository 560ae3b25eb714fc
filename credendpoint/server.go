// Package credendpoint serves temporary AWS credentials to local programs over the container
// credentials protocol that every AWS SDK and the AWS CLI read (AWS_CONTAINER_CREDENTIALS_FULL_URI with
// AWS_CONTAINER_AUTHORIZATION_TOKEN). A program given the two variables asks again before its
// credentials expire and so keeps working across refreshes, however long it runs.
//
// Security (docs/credential-endpoint.md): the server listens on a loopback address only, answers GET
// only, requires a random 256-bit token per server compared in constant time, and checks the Host
// header so that a web page cannot reach it through DNS rebinding. It logs no secret. It knows nothing
// of LSP or of where the credentials come from: a Source gives them.
package credendpoint

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"
)

// The variables a program needs to use the endpoint.
const (
	EnvFullURI   = "AWS_CONTAINER_CREDENTIALS_FULL_URI"
	EnvAuthToken = "AWS_CONTAINER_AUTHORIZATION_TOKEN"
)

// DefaultAddr is where a server listens unless told otherwise: the IPv4 loopback address, a free port.
const DefaultAddr = "127.0.0.1:0"

// Path is the URL path the credentials are served at.
const Path = "/credentials"

// Options configure a server. The zero value is the default.
type Options struct {
	// Addr is the address to listen on; it must be a loopback IP literal with a port (127.0.0.1:0,
	// [::1]:8123). "" means DefaultAddr. A host name or a wildcard address is refused.
	Addr string
	// Log receives one line per refused request and per start and stop; nil discards them. No line
	// holds the token or a credential.
	Log *slog.Logger
}

// Server is a running endpoint for one Source.
type Server struct {
	url, token string
	listener   net.Listener
	http       *http.Server
	done       chan struct{}
	log        *slog.Logger
}

// tokenBytes is the token's length: 256 bits from crypto/rand.
const tokenBytes = 32

// Start listens on a loopback address and serves src until Close.
func Start(src Source, opts Options) (*Server, error) {
	addr := opts.Addr
	if addr == "" {
		addr = DefaultAddr
	}
	if err := checkLoopback(addr); err != nil {
		return nil, err
	}
	token, err := newToken()
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("cannot open the credential endpoint on %s: %w", addr, err)
	}
	logger := opts.Log
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ip := ln.Addr().(*net.TCPAddr).IP
	h := &handler{src: src, token: []byte(token), hosts: allowedHosts(ip, port), log: logger}
	s := &Server{
		url:      "http://" + net.JoinHostPort(ip.String(), strconv.Itoa(port)) + Path,
		token:    token,
		listener: ln,
		done:     make(chan struct{}),
		log:      logger,
		http: &http.Server{
			Handler: h,
			// Slow or idle clients cannot hold the server: requests are tiny.
			ReadHeaderTimeout: 5 * time.Second,
			ReadTimeout:       10 * time.Second,
			WriteTimeout:      30 * time.Second,
			IdleTimeout:       2 * time.Minute,
			MaxHeaderBytes:    16 << 10,
			// net/http's own messages (bad requests, TLS probes) go to the same logger, never to stderr.
			ErrorLog: log.New(slogWriter{logger}, "", 0),
		},
	}
	go func() {
		defer close(s.done)
		_ = s.http.Serve(ln)
	}()
	logger.Info("credential endpoint listening", "url", s.url)
	return s, nil
}

// URL is the value of AWS_CONTAINER_CREDENTIALS_FULL_URI.
func (s *Server) URL() string { return s.url }

// Token is the value of AWS_CONTAINER_AUTHORIZATION_TOKEN: a secret, to be given only to the programs
// that may use the session.
func (s *Server) Token() string { return s.token }

// Addr is the address the server listens on.
func (s *Server) Addr() net.Addr { return s.listener.Addr() }

// Env lists the two variables that point a program at the endpoint.
func (s *Server) Env() [][2]string {
	return [][2]string{{EnvFullURI, s.url}, {EnvAuthToken, s.token}}
}

// Close stops the server: the listener closes at once, requests in flight may finish within a second.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	err := s.http.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = s.http.Close()
	}
	<-s.done
	s.log.Info("credential endpoint closed", "url", s.url)
	return err
}

// checkLoopback accepts only a loopback IP literal: a host name could resolve elsewhere, and a
// wildcard address would expose the credentials to the network.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("credential endpoint address %q is not HOST:PORT: use %s", addr, DefaultAddr)
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("credential endpoint address %q is not a loopback IP address: use 127.0.0.1 or [::1], "+
			"so that no other machine can ask for the credentials", addr)
	}
	return nil
}

// allowedHosts are the Host header values a real client sends for this server: the IP literal it was
// given in the URL, or localhost, with the port. A page that reached the port through DNS rebinding
// sends its own host name and is refused.
func allowedHosts(ip net.IP, port int) map[string]bool {
	p := strconv.Itoa(port)
	hosts := map[string]bool{net.JoinHostPort(ip.String(), p): true, "localhost:" + p: true}
	if ip.To4() != nil {
		hosts["127.0.0.1:"+p] = true
	} else {
		hosts["[::1]:"+p] = true
	}
	return hosts
}

func newToken() (string, error) {
	b := make([]byte, tokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("cannot make a token for the credential endpoint: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// slogWriter sends net/http's error log lines to the server's logger.
type slogWriter struct{ l *slog.Logger }

func (w slogWriter) Write(p []byte) (int, error) {
	w.l.Warn("credential endpoint: " + string(trimNewline(p)))
	return len(p), nil
}

func trimNewline(p []byte) []byte {
	for len(p) > 0 && (p[len(p)-1] == '\n' || p[len(p)-1] == '\r') {
		p = p[:len(p)-1]
	}
	return p
}
