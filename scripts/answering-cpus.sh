#!/bin/sh
# Which CPUs this kernel answers an echo request on.  Linux sends every
# namespace's echo replies through one ICMP socket per CPU, and a reply
# goes out on the CPU that took the request; when that socket's send
# buffer is held full (datagrams queued in a namespace that cannot go
# away yet), that CPU answers nothing, in any namespace, until they
# drain.  The live tests need replies, so the test runner asks here.
#
#   scripts/answering-cpus.sh [DIR]    DIR holds sender and receiver
#
# Prints the CPUs that answer, comma-separated, and exits 0 when all of
# them do, 1 when only some do, 2 when none does, 3 when it cannot tell
# (not Linux, no taskset, no private namespace here).
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$top}
[ "$(uname -s)" = Linux ] && command -v taskset >/dev/null 2>&1 &&
    [ -x "$dir/sender" ] && [ -x "$dir/receiver" ] &&
    "$top/scripts/netns.sh" true 2>/dev/null || exit 3

out=$(mktemp)
trap 'rm -f "$out"' EXIT
ok= bad=0
# Every CPU online, not only those this process may use (nproc).
for cpu in $(seq 0 $(($(getconf _NPROCESSORS_ONLN) - 1))); do
	# The request and the kernel's reply: two datagrams, or one.
	# The sender starts once the receiver's socket is open (listed in
	# /proc/net/raw under its header line), 2 s at most.
	taskset -c "$cpu" "$top/scripts/netns.sh" sh -c \
	    '"$1/receiver" -q -c 2 -t 1 >"$2" 2>/dev/null &
	    i=0
	    while [ "$(wc -l </proc/net/raw)" -lt 2 ] && [ $i -lt 40 ]; do
		sleep 0.05
		i=$((i + 1))
	    done
	    "$1/sender" -q 2>/dev/null; wait' sh "$dir" "$out"
	if [ "$(wc -l <"$out")" -eq 2 ]; then
		ok=${ok:+$ok,}$cpu
	else
		bad=$((bad + 1))
	fi
done
echo "$ok"
[ -n "$ok" ] || exit 2
[ "$bad" -eq 0 ] || exit 1
