#!/bin/sh
# make test: run every test/*.bats file and end with one line
# "N passed, N failed" counted from bats' TAP output; exit non-zero if
# anything failed.
#
# bats comes from the PATH, else from a pinned bats-core installed from
# the npm registry into .deps/ (ignored by git).
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
BATS_VERSION=1.11.0

bats=$(command -v bats || true)
if [ -z "$bats" ] && [ -x "$top/.deps/node_modules/.bin/bats" ]; then
	bats=$top/.deps/node_modules/.bin/bats
fi
if [ -z "$bats" ]; then
	if ! command -v npm >/dev/null 2>&1; then
		echo "run-tests: bats is missing; install it with" \
		    "'apt-get install bats' (or 'npm install -g bats')" >&2
		exit 1
	fi
	echo "run-tests: fetching bats-core $BATS_VERSION from npm into .deps/"
	npm install --silent --prefix "$top/.deps" "bats@$BATS_VERSION" >&2 ||
	    { echo "run-tests: npm install of bats failed" >&2; exit 1; }
	bats=$top/.deps/node_modules/.bin/bats
fi

log=$(mktemp)
trap 'rm -f "$log" "$log.status"' EXIT
{ "$bats" --tap "$top"/test/*.bats; echo $? >"$log.status"; } | tee "$log"
status=$(cat "$log.status")

passed=$(grep "^ok " "$log" | grep -vc "# skip")
skipped=$(grep '^ok ' "$log" | grep -c '# skip')
failed=$(grep -c '^not ok ' "$log")
planned=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$log" | head -1)
ran=$((passed + skipped + failed))
if [ -n "$planned" ] && [ "$ran" -lt "$planned" ]; then
	# bats stopped early (a crash in a helper): the rest count as failed.
	failed=$((failed + planned - ran))
fi
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
