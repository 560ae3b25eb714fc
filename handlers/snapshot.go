package handlers

import (
	"go.lsp.dev/protocol"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/awsfiles/rules"
	"github.com/rolecall/rolecall/server"
)

// snapshot is the state of the AWS files after one change: every pair of files parsed, merged and
// checked once. It is immutable; a change makes a new one, and a request reads the one that was current
// when it started, so it never sees a half-applied edit.
type snapshot struct {
	// Locations are the files the AWS tools would read (after the settings' overrides).
	Locations awsfiles.Locations

	pairs []*filePair // the main pair first, then the pairs of open documents
	docs  map[server.URI]docEntry
}

// docEntry is an open AWS document: its pair and its side of it.
type docEntry struct {
	pair *filePair
	file *fileState
}

// filePair is a config file and the credentials file read with it, merged into one model.
type filePair struct {
	Config, Credentials *fileState
	// Model is the two files merged as the AWS tools merge them.
	Model *awsfiles.Model
	// Diagnostics are every rule's findings on the two files (rules.Check), uncapped, without the hints
	// the settings turn off.
	Diagnostics []rules.Diagnostic
	// checked is the check they came from, kept so that the next edit is checked only where it reaches.
	checked *rules.Checked

	key    pairKey
	active bool // an open document belongs to it, so its diagnostics are published
	hints  bool // the plaintext-keys hint was on when it was checked (hints.go)
}

// fileState is one side of a pair: an open document or the file on disk.
type fileState struct {
	Kind awsfiles.FileKind
	// URI is the open document's URI as the editor sent it, else the file: URI of Path.
	URI server.URI
	// Path is the file's path; "" for a document without one (untitled:).
	Path string
	// Open is set when the text comes from an open document (which overrides the disk), and Version is
	// then its version.
	Open    bool
	Version int32
	File    *awsfiles.File
	// Published are the diagnostics as they are published for this file: LSP shapes, capped.
	Published []protocol.Diagnostic
	diags     []rules.Diagnostic // the pair's diagnostics in this file, from which Published was made
}

// main is the pair of files the AWS tools read (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, the
// settings, or ~/.aws), with open documents overriding the disk. It is always present.
func (s *snapshot) main() *filePair { return s.pairs[0] }

// document returns the pair and file of an open AWS document, or ok=false for any other URI.
func (s *snapshot) document(uri server.URI) (*filePair, *fileState, bool) {
	e, ok := s.docs[uri]
	return e.pair, e.file, ok
}

// files returns the config side, then the credentials side.
func (p *filePair) files() []*fileState { return []*fileState{p.Config, p.Credentials} }

// side returns the fileState of a kind.
func (p *filePair) side(kind awsfiles.FileKind) *fileState {
	if kind == awsfiles.CredentialsFile {
		return p.Credentials
	}
	return p.Config
}

// stateOf returns the fileState holding a parsed file of this pair (nil for a file of another pair).
func (p *filePair) stateOf(f *awsfiles.File) *fileState {
	for _, fs := range p.files() {
		if fs.File == f {
			return fs
		}
	}
	return nil
}

// uriOf returns the URI of a parsed file of this pair ("" for a file of another pair).
func (p *filePair) uriOf(f *awsfiles.File) server.URI {
	if fs := p.stateOf(f); fs != nil {
		return fs.URI
	}
	return ""
}

// emptySnapshot is the snapshot before anything was read: the main pair with two empty files.
func emptySnapshot(loc awsfiles.Locations) *snapshot {
	key := mainPair(loc)
	side := func(kind awsfiles.FileKind) *fileState {
		ref := key.ref(kind)
		u, _ := server.FileURI(ref.path)
		return &fileState{Kind: kind, URI: u, Path: ref.path, File: awsfiles.Parse(kind, ref.path, nil)}
	}
	cfg, cred := side(awsfiles.ConfigFile), side(awsfiles.CredentialsFile)
	p := &filePair{Config: cfg, Credentials: cred, Model: awsfiles.NewModel(cfg.File, cred.File), key: key}
	return &snapshot{Locations: loc, pairs: []*filePair{p}, docs: map[server.URI]docEntry{}}
}

// rechecked is, for the log, how many profiles the last check of each pair ran the profile rules on (-1:
// every rule on everything).
func (s *snapshot) rechecked() []int {
	out := make([]int, len(s.pairs))
	for i, p := range s.pairs {
		out[i] = -1
		if p.checked != nil {
			out[i] = p.checked.Profiles
		}
	}
	return out
}
