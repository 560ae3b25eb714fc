package handlers

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/awsfiles/rules"
	"github.com/rolecall/rolecall/internal/conformance"
	"github.com/rolecall/rolecall/server"
)

// The latency targets, from a didChange to the publishDiagnostics of its version, over the real
// framing: at most 20 ms on the 10,000-profile file, at most 1 ms on a 50-profile file. Run with
//
//	go test ./handlers -run '^$' -bench 'DidChange|Stages' -benchtime 100x
//	go test ./handlers -run '^$' -bench 'Memory' -benchtime 1x   # one round is 10,000 edits
//
// The client is lean (leanclient_test.go): it finds the publication by its version without decoding
// the diagnostics, so the numbers are the server's. The server runs with the garbage-collector settings
// `rolecall serve` uses (server.TuneGC).

// benchFiles writes the generated files into a temporary home: the credentials file stays on disk, the
// config file is opened in the editor.
func benchFiles(b *testing.B, roles int) (home string, g conformance.Generated) {
	g = conformance.Generate(roles)
	home = b.TempDir()
	dir := filepath.Join(home, ".aws")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		b.Fatal(err)
	}
	for name, data := range map[string][]byte{"config": g.Config, "credentials": g.Credentials} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			b.Fatal(err)
		}
	}
	return home, g
}

// regionEdit finds a "region = " value near the middle of the text: the edit toggles it between two
// valid regions of the same length, like a person changing a value.
func regionEdit(b *testing.B, text string) protocol.Range {
	i := strings.Index(text[len(text)/2:], "\nregion = ")
	if i < 0 {
		b.Fatal("no region line in the generated file")
	}
	start := positionOf(text, len(text)/2+i+len("\nregion = "))
	return protocol.Range{Start: start, End: protocol.Position{Line: start.Line, Character: start.Character + 9}}
}

func BenchmarkDidChangeToPublish(b *testing.B) {
	defer server.TuneGC(os.LookupEnv)()
	for _, roles := range []int{10000, 50} {
		b.Run(fmt.Sprintf("profiles=%d", roles), func(b *testing.B) {
			home, g := benchFiles(b, roles)
			c := startLean(b, home)
			uri := uriOf(b, filepath.Join(home, ".aws", "config"))
			text := string(g.Config)
			c.open(uri, text)
			rng := regionEdit(b, text)
			regions := []string{"eu-west-2", "eu-west-1"}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				c.change(uri, rng, regions[i%2])
			}
			b.StopTimer()
			b.ReportMetric(float64(len(g.Config)+len(g.Credentials)), "filebytes")
			b.ReportMetric(float64(c.lastBytes.Load()), "publishbytes")
		})
	}
}

// BenchmarkMemoryOver10000Edits makes 10,000 edits to the 50-profile file, each awaited, and reports the
// live heap (after a GC) before and after: it must not grow with the number of edits.
func BenchmarkMemoryOver10000Edits(b *testing.B) {
	defer server.TuneGC(os.LookupEnv)()
	home, g := benchFiles(b, 50)
	c := startLean(b, home)
	uri := uriOf(b, filepath.Join(home, ".aws", "config"))
	text := string(g.Config)
	c.open(uri, text)
	rng := regionEdit(b, text)
	regions := []string{"eu-west-2", "eu-west-1"}
	edit := 0
	for i := 0; i < 100; i++ { // warm up: caches and buffers reach their steady size
		c.change(uri, rng, regions[edit%2])
		edit++
	}
	before := liveHeap()
	for b.Loop() {
		for i := 0; i < 10000; i++ {
			c.change(uri, rng, regions[edit%2])
			edit++
		}
	}
	after := liveHeap()
	b.ReportMetric(float64(before), "heap-before-B")
	b.ReportMetric(float64(after), "heap-after-B")
	b.ReportMetric(float64(int64(after)-int64(before)), "heap-growth-B")
}

func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// BenchmarkStages splits one rebuild of the 10,000-profile pair into its steps, to show where the
// didChange latency goes.
func BenchmarkStages(b *testing.B) {
	g := conformance.Generate(10000)
	cfg := awsfiles.Parse(awsfiles.ConfigFile, "/home/jo/.aws/config", g.Config)
	cred := awsfiles.Parse(awsfiles.CredentialsFile, "/home/jo/.aws/credentials", g.Credentials)
	m := awsfiles.NewModel(cfg, cred)
	diags := rules.Check(m)
	uriOfFile := func(*awsfiles.File) server.URI { return "file:///home/jo/.aws/config" }
	published := toLSPDiagnostics(rules.Diagnostics(diags, cfg), uriOfFile, defaultMaxDiagnostics)
	b.Run("parse-config", func(b *testing.B) {
		for b.Loop() {
			awsfiles.Parse(awsfiles.ConfigFile, "/home/jo/.aws/config", g.Config)
		}
	})
	b.Run("model", func(b *testing.B) {
		for b.Loop() {
			awsfiles.NewModel(cfg, cred)
		}
	})
	b.Run("check", func(b *testing.B) {
		for b.Loop() {
			rules.Check(m)
		}
	})
	b.Run("recheck", func(b *testing.B) { // an edit's model checked again where it reaches
		text := string(g.Config)
		rng := regionEdit(b, text)
		start, end := offsetOf(text, rng.Start), offsetOf(text, rng.End)
		prev := rules.CheckModel(m)
		next := awsfiles.NewModel(awsfiles.Reparse(cfg, text[:start]+"eu-west-2"+text[end:]), cred)
		for b.Loop() {
			next := awsfiles.NewModel(next.Config, cred) // a fresh model: its chains are not resolved yet
			if r := prev.Recheck(next); r.Profiles < 0 {
				b.Fatal("Recheck checked everything")
			}
		}
	})
	b.Run("convert-and-cap", func(b *testing.B) {
		for b.Loop() {
			toLSPDiagnostics(rules.Diagnostics(diags, cfg), uriOfFile, defaultMaxDiagnostics)
		}
		b.ReportMetric(float64(len(diags)), "diagnostics")
	})
	b.Run("encode", func(b *testing.B) {
		p := &protocol.PublishDiagnosticsParams{URI: "file:///home/jo/.aws/config", Diagnostics: published}
		for b.Loop() {
			if _, err := protocol.Marshal(p); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("apply-edit", func(b *testing.B) {
		text := string(g.Config)
		rng := regionEdit(b, text)
		for b.Loop() {
			start, end := offsetOf(text, rng.Start), offsetOf(text, rng.End)
			_ = text[:start] + "eu-west-2" + text[end:]
		}
	})
}
