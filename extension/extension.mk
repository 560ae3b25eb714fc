# The VS Code extension's targets; the root Makefile includes this file.
#
#   make ext-build     bundle the extension (extension/out/extension.js)
#   make ext-test      npm ci, type check (tsc --noEmit), unit tests (node --test)
#   make package       dist/rolecall-<version>-linux-x64.vsix with the Linux x64 server inside
#   make package-all   the same for linux-x64, linux-arm64, darwin-x64, darwin-arm64 and win32-x64
#   make ext-install   package, then install into VS Code when a `code` command is on PATH
#   make ext-e2e       package, then drive a real VS Code (code-server + Chromium) against moto
#
# Needs Node 20+ with npm, and Go for the server binary. ext-e2e also needs python3 with moto, and
# installs code-server, Chromium and playwright-core with ../shared/tools/vscode-web (cached in .cache/).

EXT_VERSION  := $(shell node -p "require('./package.json').version" 2>/dev/null)
EXT_TARGETS  := linux-x64 linux-arm64 darwin-x64 darwin-arm64 win32-x64
EXT_VSIX     := dist/rolecall-$(EXT_VERSION)-linux-x64.vsix

.PHONY: ext-deps ext-build ext-typecheck ext-test package package-all ext-install ext-e2e

# npm ci only when package-lock.json changed since the last install.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

ext-deps: node_modules/.package-lock.json

ext-build: ext-deps
	node extension/scripts/build.mjs

ext-typecheck: ext-deps
	npx --no-install tsc -p extension --noEmit

ext-test: ext-typecheck
	npm test

package: ext-deps
	node extension/scripts/package.mjs --target linux-x64

package-all: ext-deps
	@set -e; for t in $(EXT_TARGETS); do node extension/scripts/package.mjs --target $$t; done

ext-install: package
	@if command -v code >/dev/null 2>&1; then \
	  code --install-extension $(EXT_VSIX) --force; \
	else \
	  echo "ext-install: no 'code' command on PATH; install $(EXT_VSIX) from VS Code's Extensions view (... > Install from VSIX)"; \
	fi

ext-e2e: package test-deps
	node extension/e2e/run.mjs --vsix $(EXT_VSIX)
