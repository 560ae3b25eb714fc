# Rolecall. `make` builds everything and checks your own AWS files; `make test` runs every test.
# Both work on a fresh machine with Go and Node: what else the tests need is installed here.

GO       ?= go
VERSION  ?= $(shell node -p "require('./package.json').version" 2>/dev/null || echo 0.1.0)
LDFLAGS  := -s -w -X github.com/rolecall/rolecall/internal/cli.Version=$(VERSION)
# Fuzzing is bounded by a count of inputs, not a duration: a -fuzztime duration can end in a spurious
# "context deadline exceeded" on a loaded machine (a race in Go's fuzzing coordinator, golang/go#75804).
FUZZTIME ?= 50000x
# Each FuzzRecheck input is a dozen edits, each checked twice (incrementally and whole): fewer inputs.
RECHECK_FUZZTIME ?= 1000x
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all build run vet test go-test fuzz bench test-deps clean

all: build ext-install run

# On Linux the binary is static (no cgo): nothing to load at start, and it runs on any distribution. macOS
# keeps cgo, which its Keychain backend needs.
CGO      := $(if $(filter Linux,$(shell uname -s)),CGO_ENABLED=0,)

build:
	$(CGO) $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/rolecall .

# The main job: check the AWS files the AWS tools would read. Problems found (exit 1) are reported, not
# treated as a build failure; an unreadable file (exit 2) is.
run: build
	@echo "== rolecall check (your AWS files) =="
	@bin/rolecall check; status=$$?; [ $$status -le 1 ]

vet:
	$(GO) vet ./...

# ROLECALL_REQUIRE_MOTO turns "moto is missing" from a skip into a failure: on machines of this kind it
# is always there, so a skip would hide a broken STS test. ROLECALL_REQUIRE_KEYCHAIN does the same for the
# real Secret Service (gnome-keyring-daemon in a private dbus-run-session, installed by test-deps).
go-test: test-deps
	ROLECALL_REQUIRE_MOTO=1 ROLECALL_REQUIRE_KEYCHAIN=1 $(GO) test -race -count=1 ./...

# A short fuzz run of the parser, the incremental parse, the rules and the incremental check on every test
# run; longer runs: make fuzz FUZZTIME=10m RECHECK_FUZZTIME=10m.
fuzz:
	$(GO) test ./awsfiles -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME)
	$(GO) test ./awsfiles -run '^$$' -fuzz '^FuzzReparse$$' -fuzztime $(FUZZTIME)
	$(GO) test ./awsfiles/rules -run '^$$' -fuzz '^FuzzCheck$$' -fuzztime $(FUZZTIME)
	$(GO) test ./awsfiles/rules -run '^$$' -fuzz '^FuzzRecheck$$' -fuzztime $(RECHECK_FUZZTIME)

# Every speed benchmark against its target, in one table (docs/performance.md); minutes, and the numbers
# depend on the machine, so it is not part of `make test`. More rounds: make bench COUNT=5.
COUNT    ?= 3
bench:
	scripts/perf.sh $(COUNT)

# What the Go tests need besides Go: headless Neovim (a second LSP client) and a real Secret Service
# (gnome-keyring-daemon, dbus-run-session, secret-tool) from Debian. The AWS CLI and moto come with
# machines of this kind; the tests skip with a clear message where they are absent.
test-deps:
	@command -v nvim >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq neovim >/dev/null; }
	@{ command -v gnome-keyring-daemon && command -v dbus-run-session && command -v secret-tool; } >/dev/null || \
		{ $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq gnome-keyring dbus libsecret-tools >/dev/null; }

test: vet go-test fuzz ext-test ext-e2e

clean:
	rm -rf bin dist extension/out testresults .cache/vsix

-include extension/extension.mk
