package handlers

import (
	"context"
	"log/slog"
	"time"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/awsfiles/rules"
	"github.com/rolecall/rolecall/server"
)

// rebuild makes a new snapshot from the open documents and the disk, stores it, and publishes the
// diagnostics that changed. changed is the document the editor just opened, changed, saved or closed
// ("" when the trigger was the disk or the settings): it is always published, with its version.
func (h *Handlers) rebuild(ctx context.Context, changed server.URI) *snapshot {
	h.mu.Lock()
	defer h.mu.Unlock()
	start := time.Now()
	next := h.build(h.snap.Load(), h.srv.Documents(), h.currentSettings())
	h.snap.Store(next)
	built := time.Since(start)
	h.publish(ctx, next, changed)
	h.sessions.snapshotChanged(next)
	if h.log.Enabled(ctx, slog.LevelDebug) { // the list is made for the log only
		h.log.Debug("snapshot rebuilt", "pairs", len(next.pairs), "build", built, "total", time.Since(start),
			"rechecked", next.rechecked())
	}
	return next
}

// build makes a snapshot. Pairs whose two files are unchanged since old are reused whole (model,
// diagnostics and their LSP form), so an edit costs one parse, one merge and one check of its own pair.
func (h *Handlers) build(old *snapshot, docs *server.Documents, s clientSettings) *snapshot {
	loc := h.locations(s)
	h.cache.begin()
	defer h.cache.end()

	type openDoc struct {
		doc  server.Document
		role docRole
	}
	var roles []openDoc
	open := map[fileRef]server.Document{}
	keys := []pairKey{mainPair(loc)}
	seen := map[pairKey]bool{keys[0]: true}
	for _, d := range docs.All() {
		role, ok := classify(d, loc)
		if !ok {
			continue
		}
		roles = append(roles, openDoc{d, role})
		if _, dup := open[role.self]; !dup {
			open[role.self] = d
		}
		if !seen[role.pair] {
			seen[role.pair] = true
			keys = append(keys, role.pair)
		}
	}

	previous := map[pairKey]*filePair{}
	for _, p := range old.pairs {
		previous[p.key] = p
	}
	snap := &snapshot{Locations: loc, docs: map[server.URI]docEntry{}}
	byKey := map[pairKey]*filePair{}
	for _, k := range keys {
		p := h.buildPair(k, open, previous[k], s.Hints)
		snap.pairs = append(snap.pairs, p)
		byKey[k] = p
	}
	for _, o := range roles {
		p := byKey[o.role.pair]
		snap.docs[o.doc.URI] = docEntry{pair: p, file: p.side(o.role.kind)}
	}
	return snap
}

// buildPair reads both sides of a pair and checks them, unless old already holds the same files.
func (h *Handlers) buildPair(k pairKey, open map[fileRef]server.Document, old *filePair, hints hintSettings) *filePair {
	cfg := h.side(k.config, awsfiles.ConfigFile, open)
	cred := h.side(k.credentials, awsfiles.CredentialsFile, open)
	p := &filePair{Config: cfg, Credentials: cred, key: k, active: cfg.Open || cred.Open, hints: hints.plaintextKeys()}
	if old != nil && old.Model != nil && old.Config.File == cfg.File && old.Credentials.File == cred.File && old.hints == p.hints &&
		old.Config.URI == cfg.URI && old.Credentials.URI == cred.URI && old.Diagnostics != nil {
		p.Model, p.Diagnostics, p.checked = old.Model, old.Diagnostics, old.checked
		cfg.Published, cred.Published = old.Config.Published, old.Credentials.Published
		cfg.diags, cred.diags = old.Config.diags, old.Credentials.diags
		return p
	}
	if old != nil && old.checked != nil && old.Config.URI == cfg.URI && old.Credentials.URI == cred.URI {
		// An edit: the groups it did not touch are taken over, and the rules run again where it reaches.
		p.Model = awsfiles.NextModel(old.Model, cfg.File, cred.File)
		p.checked = old.checked.Recheck(p.Model)
	} else {
		p.Model = awsfiles.NewModel(cfg.File, cred.File)
		p.checked = rules.CheckModel(p.Model)
	}
	p.Diagnostics = withoutHintsOff(p.checked.Diagnostics, hints)
	if p.Diagnostics == nil {
		p.Diagnostics = []rules.Diagnostic{}
	}
	h.convertDiagnostics(p, old)
	return p
}

// side is one file of a pair: the open document when there is one, else the file on disk.
func (h *Handlers) side(ref fileRef, kind awsfiles.FileKind, open map[fileRef]server.Document) *fileState {
	if d, ok := open[ref]; ok {
		return &fileState{Kind: kind, URI: d.URI, Path: ref.path, Open: true, Version: d.Version,
			File: h.cache.parseDoc(ref, kind, d.Text)}
	}
	u, _ := server.FileURI(ref.path)
	return &fileState{Kind: kind, URI: u, Path: ref.path, File: h.cache.readDisk(ref.path, kind, h.log)}
}
