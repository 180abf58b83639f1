#!/bin/bash
# make stress: stop signals (INT, TERM, HUP) at random moments, RUNS
# times (default 200), across four kinds of run: a sender flood writing
# a capture, and receiver -w captures fed from a pipe, a file and the
# socket.  Every run must end within a second, with status 0, and leave
# a capture that reads back whole, in receiver -r and in tcpdump.
#
#   scripts/stress.sh [RUNS]
#
# Runs in a private network namespace of its own (scripts/netns.sh).
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
if [ "${STRESS_INSIDE:-}" != 1 ]; then
	STRESS_INSIDE=1 exec "$top/scripts/netns.sh" "$0" "$@"
fi
runs=${1:-200}
bin=${BIN:-$top}
X=$(mktemp -d)
# A failed run must not leave its flood behind: the helper and the
# program under test are ended with the script, however it ends.
pid="" helper=""
trap '[ -z "$helper" ] || kill "$helper" 2>/dev/null
[ -z "$pid" ] || kill -9 "$pid" 2>/dev/null
rm -rf "$X"' EXIT

fail() { echo "stress: run $run: $*" >&2; exit 1; }

# 300,000 copies of the article's request, as hex text and as a pcap:
# decoded (-d), more than the longest wait below takes to read.
yes "$(cat "$top/test/fixtures/sender/wire.txt")" | head -n 300000 >"$X/many.txt"
"$bin/receiver" -r "$X/many.txt" -q -w "$X/many.pcap" >/dev/null 2>&1 ||
    { echo "stress: cannot make the input capture" >&2; exit 1; }

# The capture must read back whole: no damage reported by either reader.
check_pcap() {
	local err
	err=$("$bin/receiver" -r "$1" -q 2>&1 >/dev/null)
	[[ "$err" == "receiver: "*" frames read from $1" ]] ||
	    [[ "$err" == "receiver: 1 frame read from $1" ]] ||
	    fail "receiver -r of the capture says: $err"
	if command -v tcpdump >/dev/null 2>&1; then
		err=$(tcpdump -r "$1" -w /dev/null 2>&1)
		[[ "$err" != *truncated* && "$err" != *rror* ]] ||
		    fail "tcpdump says: $err"
	fi
}

# Whether process $1 is our program (not the shell that forked it, whose
# own handlers it carries until exec) and catches SIGINT yet: the SigCgt
# mask of /proc/PID/status, signal 2 its bit 1.  Waited for, 2 s at most.
caught() {
	local mask comm i
	for ((i = 0; i < 400; i++)); do
		comm=$(cat "/proc/$1/comm" 2>/dev/null) || return 1
		mask=$(sed -n 's/^SigCgt:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null) ||
		    return 1
		[ -n "$mask" ] || return 1
		if [[ "$comm" == sender || "$comm" == receiver ]] &&
		    (( 16#$mask & 2 )); then
			return 0
		fi
		sleep 0.005
	done
	return 1
}

sigs=(INT TERM HUP)
slowest=0
for ((run = 1; run <= runs; run++)); do
	sig=${sigs[RANDOM % 3]}
	kind=$((run % 4))
	helper=""
	rm -f "$X/o.pcap"
	case $kind in
	0)	"$bin/sender" -q -c 0 -i 0 -w "$X/o.pcap" >/dev/null 2>"$X/err" &
		pid=$! ;;
	1)	# A new FIFO each time: a writer left from an earlier run
		# would keep the old one open with bytes in it.  exec: the
		# helper is the sleep itself, and killing it closes the FIFO.
		rm -f "$X/fifo"
		mkfifo "$X/fifo"
		{ cat "$X/many.pcap"; exec sleep 5; } >"$X/fifo" &
		helper=$!
		"$bin/receiver" -q -r "$X/fifo" -w "$X/o.pcap" >/dev/null 2>"$X/err" &
		pid=$! ;;
	2)	"$bin/receiver" -q -d -r "$X/many.pcap" -w "$X/o.pcap" >/dev/null 2>"$X/err" &
		pid=$! ;;
	3)	"$bin/receiver" -q -w "$X/o.pcap" >/dev/null 2>"$X/err" &
		pid=$!
		"$bin/sender" -q -c 0 -i 0 >/dev/null 2>&1 &
		helper=$! ;;
	esac
	# The moment is random from when the program catches signals: one
	# sent before (a slow start on a loaded machine) would meet the
	# disposition it inherited, and a background job of a script
	# inherits SIGINT ignored.
	caught "$pid" || fail "kind $kind: no handler for SIGINT after 2 s"
	sleep "0.$(printf '%03d' $((RANDOM % 300 + 20)))"
	t0=$(date +%s%N)
	kill -"$sig" "$pid" 2>/dev/null
	while kill -0 "$pid" 2>/dev/null; do
		if [ $(( ($(date +%s%N) - t0) / 1000000 )) -gt 1000 ]; then
			kill -9 "$pid"
			fail "kind $kind, SIG$sig: still running after 1 s"
		fi
		sleep 0.005
	done
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	[ "$ms" -le "$slowest" ] || slowest=$ms
	wait "$pid"
	status=$?
	if [ -n "$helper" ]; then
		kill "$helper" 2>/dev/null
		wait "$helper" 2>/dev/null
	fi
	[ "$status" -eq 0 ] ||
	    fail "kind $kind, SIG$sig: status $status: $(cat "$X/err")"
	check_pcap "$X/o.pcap"
done
echo "stress: $runs runs, every one ended within 1 s (slowest $slowest ms)" \
    "with status 0 and a whole capture"
