package handlers

import (
	"path/filepath"
	"strings"

	"github.com/rolecall/rolecall/awsfiles"
	"github.com/rolecall/rolecall/server"
)

// The language IDs of the two AWS files (the VS Code extension contributes them; Neovim users set the
// filetype to them).
const (
	languageConfig      = "aws-config"
	languageCredentials = "aws-credentials"
)

// fileRef names one side of a pair: a file on disk by its absolute path, or a document that has no path
// (an untitled: buffer) by its URI.
type fileRef struct {
	path string
	uri  server.URI
}

func (r fileRef) String() string {
	if r.path != "" {
		return r.path
	}
	return string(r.uri)
}

// pairKey is a config file and the credentials file it is read with: the AWS tools always read the two
// together, so every rule sees both.
type pairKey struct{ config, credentials fileRef }

func (k pairKey) ref(kind awsfiles.FileKind) fileRef {
	if kind == awsfiles.CredentialsFile {
		return k.credentials
	}
	return k.config
}

// docRole is what an open document is to the handlers: which file it is and which pair it belongs to.
type docRole struct {
	kind awsfiles.FileKind
	self fileRef
	pair pairKey
}

// mainPair is the pair the AWS tools would read: the located files.
func mainPair(loc awsfiles.Locations) pairKey {
	return pairKey{config: fileRef{path: loc.Config}, credentials: fileRef{path: loc.Credentials}}
}

// classify decides whether an open document is an AWS file, and which. A document is one when it is one
// of the located files, when its path ends in .aws/config or .aws/credentials, or when its languageId
// says so. Its pair is the located pair when it is a located file or has no path (untitled:),
// and otherwise the file of the other kind in the same directory (a project's own .aws/config pairs with
// the credentials beside it).
func classify(doc server.Document, loc awsfiles.Locations) (docRole, bool) {
	path, isFile := server.FilePath(doc.URI)
	if isFile {
		path = cleanPath(path)
	}
	kind, ok := documentKind(doc.LanguageID, path, loc)
	if !ok {
		return docRole{}, false
	}
	role := docRole{kind: kind, self: fileRef{path: path}}
	if !isFile {
		role.self = fileRef{uri: doc.URI}
	}
	other := otherFile(kind, path, isFile, loc)
	if kind == awsfiles.ConfigFile {
		role.pair = pairKey{config: role.self, credentials: other}
	} else {
		role.pair = pairKey{config: other, credentials: role.self}
	}
	return role, true
}

// documentKind tells the config file from the credentials file. The path decides when it names one of
// them (editors such as Helix and Emacs give both files one language); the languageId decides for any
// other document (an untitled: buffer, a file with another name).
func documentKind(languageID, path string, loc awsfiles.Locations) (awsfiles.FileKind, bool) {
	if path != "" {
		slashed := filepath.ToSlash(path)
		switch {
		case path == loc.Config || strings.HasSuffix(slashed, "/.aws/config"):
			return awsfiles.ConfigFile, true
		case path == loc.Credentials || strings.HasSuffix(slashed, "/.aws/credentials"):
			return awsfiles.CredentialsFile, true
		}
	}
	switch languageID {
	case languageConfig:
		return awsfiles.ConfigFile, true
	case languageCredentials:
		return awsfiles.CredentialsFile, true
	}
	return 0, false
}

// otherFile is the file of the other kind that a document of this kind is read with.
func otherFile(kind awsfiles.FileKind, path string, isFile bool, loc awsfiles.Locations) fileRef {
	located, other, sibling := loc.Config, loc.Credentials, "credentials"
	if kind == awsfiles.CredentialsFile {
		located, other, sibling = loc.Credentials, loc.Config, "config"
	}
	if !isFile || path == located {
		return fileRef{path: other}
	}
	return fileRef{path: filepath.Join(filepath.Dir(path), sibling)}
}
