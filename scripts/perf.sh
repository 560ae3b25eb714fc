#!/bin/sh
# Runs every speed benchmark of the project once and prints one table: what is measured, rolecall's
# number, the baseline's, their ratio, the target, and whether it is met. Each number is the median over
# COUNT runs of its benchmark. docs/performance.md explains each row and how to run it on its own.
#
# Usage: scripts/perf.sh [COUNT]       run the benchmarks (default COUNT 3); takes a few minutes
#        scripts/perf.sh -f FILE       read saved `go test -bench` output instead
# The raw benchmark output goes to stderr as it comes, the table to stdout.
# Exits 1 when a target is missed, 2 when a result is missing (a benchmark failed or was skipped).
set -eu
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: >"$tmp/all"

# bench runs one `go test -bench` and keeps its output; a failure shows as a missing result, not an abort.
bench() {
	printf '== go test %s\n' "$*" >&2
	go test "$@" >"$tmp/one" 2>&1 || printf 'perf: go test %s failed\n' "$*" >>"$tmp/one"
	cat "$tmp/one" >&2
	cat "$tmp/one" >>"$tmp/all"
}

# tryBuild says whether another tool's command line can be built here, for the exec comparison. A module
# the proxy refuses is reported in one line; nothing more is attempted.
tryBuild() {
	name=$1 pkg=$2
	limit=""
	command -v timeout >/dev/null && limit="timeout 120"
	if err=$(cd "$tmp" && GOBIN="$tmp/gobin" GOFLAGS= $limit go install "$pkg" 2>&1); then
		echo "$name: built, but not measured: it needs its own credential store set up first"
	else
		# The last part of go's first line says why (e.g. "403 Forbidden"), without the proxy's URL.
		echo "$name: cannot be built here ($(printf '%s\n' "$err" | head -n 1 | sed 's/.*: //'))"
	fi
}

if [ "${1:-}" = "-f" ]; then
	cp "$2" "$tmp/all"
	others=""
else
	count=${1:-3}
	bench ./internal/conformance -run '^$' -bench '^BenchmarkFiles$/^roles=10000$/^(rolecall|sdk|floor|floor-2cores)$' -benchmem -count "$count"
	bench ./internal/perf -run '^$' -bench 'Process' -count "$count"
	# A fixed number of keystrokes: in one second the 10,000-profile file gets too few for a p95.
	bench ./internal/perf -run '^$' -bench 'Keystroke|EnterKey' -benchtime 100x -count "$count"
	bench ./credendpoint -run '^$' -bench '^BenchmarkWarmRequest50Clients$' -benchtime 3s -count "$count"
	bench ./internal/cli -run '^$' -bench '^BenchmarkExecOverhead$' -benchtime 50x -count "$count"
	others=$(tryBuild aws-vault github.com/99designs/aws-vault/v7@latest; tryBuild granted github.com/common-fate/granted/cmd/granted@latest)
	echo >&2
fi

status=0
awk '
# A result line: BenchmarkName/sub-P  ITER  V UNIT  V UNIT ...  (-P is GOMAXPROCS, absent when it is 1)
/^Benchmark[^ \t]*[ \t]+[0-9]+[ \t]/ {
	name = $1; sub(/-[0-9]+$/, "", name)
	for (i = 3; i < NF; i += 2) {
		key = name SUBSEP $(i + 1)
		n[key]++
		v[key, n[key]] = $i + 0
	}
}
function get(name, unit,    key, m, i, j, t, a) {
	key = name SUBSEP unit
	m = n[key]
	if (m == 0) return -1
	for (i = 1; i <= m; i++) a[i] = v[key, i]
	for (i = 2; i <= m; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
	return (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
}
function dur(ns) { return ns < 1e6 ? sprintf("%.0f us", ns / 1e3) : ns < 1e9 ? sprintf("%.1f ms", ns / 1e6) : sprintf("%.2f s", ns / 1e9) }
function mb(bytes) { return sprintf("%.1f MB", bytes / 1e6) }
# row prints one line; mine < 0 or base == -1 is a missing result. base == -2 means there is no baseline.
function row(what, mine, mineText, base, baseText, target, ok,    ratio) {
	if (mine < 0 || base == -1) { missing = 1; printf "%-44s %11s %11s %7s  %-22s %s\n", what, "-", "-", "-", target, "missing"; return }
	ratio = (base > 0) ? sprintf("%.2fx", mine / base) : "-"
	if (base == -2) baseText = "-"
	if (ok == "") verdict = "info"; else if (ok) verdict = "met"; else { verdict = "MISSED"; missed = 1 }
	printf "%-44s %11s %11s %7s  %-22s %s\n", what, mineText, baseText, ratio, target, verdict
}
END {
	printf "%-44s %11s %11s %7s  %-22s %s\n", "what (10,000 profiles unless said)", "rolecall", "baseline", "ratio", "target", "verdict"
	F = "BenchmarkFiles/roles=10000/"
	t = get(F "rolecall", "ns/op"); s = get(F "sdk", "ns/op")
	row("check in process vs SDK loading 1 profile", t, dur(t), s, dur(s), "ratio <= 0.125 (8x)", t >= 0 && s > 0 && t / s <= 0.125)
	# The floor (internal/floor): the least any checker must do, on one core and on two. A target at or
	# under it leaves the real checker nothing for its own work.
	t = get(F "floor", "ns/op"); if (t >= 0) row("  the floor (internal/floor) vs the same SDK", t, dur(t), s, dur(s), "-", "")
	t = get(F "floor-2cores", "ns/op"); if (t >= 0) row("  the floor on two cores vs the same SDK", t, dur(t), s, dur(s), "-", "")
	a = get(F "rolecall", "B/op"); f = get(F "rolecall", "filebytes")
	row("bytes allocated by that check vs input", a, mb(a), f, mb(f), "ratio <= 3", a >= 0 && f > 0 && a / f <= 3)
	a = get(F "floor", "B/op"); if (a >= 0) row("  the floor: bytes vs input", a, mb(a), f, mb(f), "-", "")
	P = "BenchmarkCheckProcess/roles=10000/"
	t = get(P "rolecall-check", "ns/op"); s = get(P "sdk-load", "ns/op")
	row("process: check --format json vs SDK program", t, dur(t), s, dur(s), "ratio <= 0.2", t >= 0 && s > 0 && t / s <= 0.2)
	t = get(P "floor", "ns/op"); if (t >= 0) row("  the floor as a process vs the same SDK", t, dur(t), s, dur(s), "-", "")
	t = get(P "rolecall-check", "maxrss-KB"); s = get(P "sdk-load", "maxrss-KB")
	row("peak RSS of that check vs SDK program", t, mb(t * 1024), s, mb(s * 1024), "<= 25 MB", t >= 0 && t * 1024 <= 25e6)
	S = "BenchmarkStartProcess/"
	t = get(S "rolecall-version", "ns/op"); s = get(S "empty-go", "ns/op")
	row("process start: version vs empty Go program", t, dur(t), s, dur(s), "<= 10 ms", t >= 0 && t <= 10e6)
	t = get(S "rolecall-version", "maxrss-KB"); s = get(S "empty-go", "maxrss-KB")
	row("peak RSS of version vs empty Go program", t, mb(t * 1024), s, mb(s * 1024), "-", "")
	K = "BenchmarkKeystroke/profiles="
	t = get(K "10000", "p50-µs"); row("keystroke to diagnostics over stdio, p50", t, dur(t * 1e3), -2, "", "<= 5 ms", t >= 0 && t <= 5000)
	t = get(K "10000", "p95-µs"); row("keystroke to diagnostics over stdio, p95", t, dur(t * 1e3), -2, "", "<= 15 ms", t >= 0 && t <= 15000)
	t = get(K "100", "p50-µs"); row("keystroke, 100 profiles, p50", t, dur(t * 1e3), -2, "", "<= 0.5 ms", t >= 0 && t <= 500)
	# Enter and Backspace across a line end: the keystrokes that change the number of lines.
	t = get("BenchmarkEnterKey", "p50-µs"); row("Enter/Backspace to diagnostics, p50", t, dur(t * 1e3), -2, "", "<= 5 ms", t >= 0 && t <= 5000)
	t = get("BenchmarkEnterKey", "p95-µs"); row("Enter/Backspace to diagnostics, p95", t, dur(t * 1e3), -2, "", "<= 15 ms", t >= 0 && t <= 15000)
	t = get("BenchmarkWarmRequest50Clients", "p50-µs")
	row("credential endpoint, 50 clients, p50", t, dur(t * 1e3), -2, "", "< 1 ms", t >= 0 && t < 1000)
	t = get("BenchmarkExecOverhead/rolecall-exec", "ms/run"); s = get("BenchmarkExecOverhead/true", "ms/run")
	d = get("BenchmarkExecOverhead/rolecall-exec", "added-ms")
	row(sprintf("exec PROFILE -- true vs true (adds %.1f ms)", d), t, dur(t * 1e6), s, dur(s * 1e6), "adds < 30 ms", d > -1e9 && t >= 0 && d < 30)
	# The same with the OS keychain (the shared sessions), as on a desktop; absent without a session bus.
	t = get("BenchmarkExecOverhead/rolecall-exec-keychain", "ms/run"); d = get("BenchmarkExecOverhead/rolecall-exec-keychain", "added-ms")
	if (t >= 0) row(sprintf("  the same with the keychain (adds %.1f ms)", d), t, dur(t * 1e6), s, dur(s * 1e6), "adds < 30 ms", d < 30)
	if (missing) print "\nmissing: a benchmark failed or was skipped; its own command (docs/performance.md) with -v says why"
	exit missing ? 2 : missed ? 1 : 0
}' "$tmp/all" || status=$?
[ -n "$others" ] && printf '%s\n' "$others"
exit "$status"
