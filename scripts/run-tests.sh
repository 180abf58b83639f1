#!/bin/sh
# make test: run every test/*.bats file (or the files named) and end
# with one line "N passed, N failed" counted from bats' TAP output; exit
# non-zero if anything failed.
#
# bats comes from the PATH, else from a pinned bats-core installed from
# the npm registry into .deps/ (ignored by git; DEPS names another).
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
BATS_VERSION=1.11.0
deps=${DEPS:-$top/.deps}

# The npm package declares its program through directories.bin, for
# which current npm makes no .bin/ link: run it from the package itself.
npm_bats=$deps/node_modules/bats/bin/bats
bats=$(command -v bats || true)
if [ -z "$bats" ] && [ -x "$npm_bats" ]; then
	bats=$npm_bats
fi
if [ -z "$bats" ]; then
	if ! command -v npm >/dev/null 2>&1; then
		echo "run-tests: bats is missing; install it with" \
		    "'apt-get install bats' (or 'npm install -g bats')" >&2
		exit 1
	fi
	echo "run-tests: fetching bats-core $BATS_VERSION from npm into $deps"
	# npm's own messages stay visible: they say why a fetch failed.
	npm install --no-audit --no-fund --prefix "$deps" \
	    "bats@$BATS_VERSION" >&2 ||
	    { echo "run-tests: npm install of bats failed (see above)" >&2
	      exit 1; }
	[ -x "$npm_bats" ] ||
	    { echo "run-tests: npm installed bats, but $npm_bats is not" \
		"there" >&2; exit 1; }
	bats=$npm_bats
fi

# The live tests need the kernel's echo replies.  Where only some CPUs
# send them (scripts/answering-cpus.sh says why that happens), run the
# suite on those, and say so; where none does, run it anyway: the live
# tests will fail, and should.
on=
probe=$top	# native programs where built: qemu's start too slowly
[ -x "$top/sender" ] && [ -x "$top/receiver" ] || probe=${TEST_BIN:-$top}
cpus=$("$top/scripts/answering-cpus.sh" "$probe")
case $? in
1)	echo "run-tests: this kernel sends no echo reply on some CPUs;" \
	    "running the suite on CPU $cpus, which do" >&2
	on="taskset -c $cpus" ;;
2)	echo "run-tests: this kernel sends no echo reply on any CPU:" \
	    "the live tests will fail" >&2 ;;
esac

# What runs: the files named; by default every test/*.bats but the
# tests tagged slow (a cut at every length, a full disk, a bench run),
# which SLOW=1 (make test-slow) runs with test/slow/*.bats instead.
filter="!slow"
if [ "${SLOW:-}" = 1 ]; then
	filter=slow
	[ "$#" -gt 0 ] || set -- "$top"/test/*.bats "$top"/test/slow/*.bats
fi
[ "$#" -gt 0 ] || set -- "$top"/test/*.bats
unset SLOW	# a test that runs this script runs it as make test would

# The files in JOBS (4) groups run side by side (most tests wait on a
# socket, a pipe or a clock, not the CPU; each is in its own namespace
# and scratch folder), each group's TAP shown when it ends.  Files go
# to the group with the least so far, weighed by their tests' count.
jobs=${JOBS:-4}
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
i=0
while [ "$i" -lt "$jobs" ]; do
	: >"$log/files.$i"
	echo 0 >"$log/weight.$i"
	i=$((i + 1))
done
for f in "$@"; do
	n=$(grep -c '^@test' "$f")
	best=0 least=
	i=0
	while [ "$i" -lt "$jobs" ]; do
		w=$(cat "$log/weight.$i")
		if [ -z "$least" ] || [ "$w" -lt "$least" ]; then
			least=$w best=$i
		fi
		i=$((i + 1))
	done
	echo "$f" >>"$log/files.$best"
	echo $((least + n)) >"$log/weight.$best"
done
i=0
while [ "$i" -lt "$jobs" ]; do
	if [ -s "$log/files.$i" ]; then
		# shellcheck disable=SC2046
		{ $on "$bats" --tap --filter-tags "$filter" \
		    $(cat "$log/files.$i") >"$log/tap.$i" 2>&1
		  echo $? >"$log/status.$i"; } &
	fi
	i=$((i + 1))
done
wait
cat "$log"/tap.* >"$log/all"
cat "$log/all"
status=0
for s in "$log"/status.*; do
	[ "$(cat "$s")" -eq 0 ] || status=1
done
log=$log/all

passed=$(grep "^ok " "$log" | grep -vc "# skip")
skipped=$(grep '^ok ' "$log" | grep -c '# skip')
failed=$(grep -c '^not ok ' "$log")
planned=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$log" | awk '{ n += $1 } END { print n + 0 }')
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
