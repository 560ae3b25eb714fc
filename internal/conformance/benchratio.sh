#!/bin/sh
# Runs BenchmarkFiles and prints the three speed targets of the project (see README.md):
#   1. the SDK's single-profile load / rolecall's full check, 10,000 roles   (want >= 8)
#   2. rolecall's allocated bytes / the size of both files, 10,000 roles     (want <  3)
#   3. rolecall at 10,000 roles / rolecall at 1,000 roles, time              (want <= 12)
# Each figure is the median over the -count runs.
#
# Usage: internal/conformance/benchratio.sh [COUNT]      run the benchmark (default COUNT 5)
#        internal/conformance/benchratio.sh -f FILE      read saved `go test -bench` output instead
# Exits 1 when a target is missed, 2 when the output has no results to compute from.
set -eu
cd "$(dirname "$0")"

if [ "${1:-}" = "-f" ]; then
	out=$(cat "$2")
else
	count=${1:-5}
	out=$(go test -run '^$' -bench '^BenchmarkFiles$' -benchmem -count "$count" .)
	printf '%s\n' "$out"
	echo
fi

printf '%s\n' "$out" | awk '
# A result line: BenchmarkFiles/roles=N/VARIANT-P  ITER  V UNIT  V UNIT ...
/^BenchmarkFiles\/roles=[0-9]+\/[a-z]+/ {
	split($1, part, "/")
	size = substr(part[2], 7)
	variant = part[3]; sub(/-[0-9]+$/, "", variant)
	for (i = 3; i < NF; i += 2) {
		key = size SUBSEP variant SUBSEP $(i + 1)
		n[key]++
		v[key, n[key]] = $i + 0
	}
}
function median(key,    m, i, j, t, a) {
	m = n[key]
	if (m == 0) return -1
	for (i = 1; i <= m; i++) a[i] = v[key, i]
	for (i = 2; i <= m; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
	return (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
}
function get(size, variant, unit) { return median(size SUBSEP variant SUBSEP unit) }
function verdict(ok) { if (!ok) missed = 1; return ok ? "met" : "MISSED" }
END {
	printf "%-8s %-9s %14s %14s %12s %12s\n", "roles", "variant", "ns/op", "B/op", "allocs/op", "filebytes"
	split("100 1000 10000", sizes, " "); split("rolecall sdk ini", variants, " ")
	for (s = 1; s <= 3; s++) for (w = 1; w <= 3; w++)
		if (get(sizes[s], variants[w], "ns/op") >= 0)
			printf "%-8s %-9s %14.0f %14.0f %12.0f %12.0f\n", sizes[s], variants[w], get(sizes[s], variants[w], "ns/op"),
				get(sizes[s], variants[w], "B/op"), get(sizes[s], variants[w], "allocs/op"), get(sizes[s], variants[w], "filebytes")
	rc = get(10000, "rolecall", "ns/op"); sdk = get(10000, "sdk", "ns/op")
	rb = get(10000, "rolecall", "B/op"); fb = get(10000, "rolecall", "filebytes"); r1k = get(1000, "rolecall", "ns/op")
	if (rc <= 0 || sdk <= 0 || rb < 0 || fb <= 0 || r1k <= 0) { print "benchratio: missing results for 1,000 or 10,000 roles"; exit 2 }
	print ""
	printf "1. SDK single-profile load / rolecall full check (10k):  %6.2fx   target >= 8    %s\n", sdk / rc, verdict(sdk / rc >= 8)
	printf "2. rolecall allocated bytes / file bytes (10k):           %6.2fx   target <  3    %s\n", rb / fb, verdict(rb / fb < 3)
	printf "3. rolecall time 10k / 1k:                                %6.2fx   target <= 12   %s\n", rc / r1k, verdict(rc / r1k <= 12)
	exit missed
}'
