#!/bin/sh
# The articles' two terminals in one script: start the receiver, wait
# until it is listening, run the sender, wait for the receiver to finish.
# Run it where the traffic is private (see netns.sh):
#
#   scripts/netns.sh scripts/exchange.sh OUTDIR [RECEIVER-ARGS] -- [SENDER-ARGS]
#
# Leaves OUTDIR/receiver.out, .err, .status and OUTDIR/sender.out, .err,
# .status.  Binaries are taken from BIN (default: the top of the checkout).
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
bin=${BIN:-$top}
out=$1
shift
rargs=""
while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do
	rargs="$rargs $1"
	shift
done
[ "$#" -gt 0 ] && shift	# the --

# The receiver is ready once its socket is open: it then prints "waiting
# to receive", and (with -q, which prints nothing) the socket shows in
# /proc/net/raw on Linux.  At most 5 s, in case neither ever shows.
# shellcheck disable=SC2086
"$bin/receiver" $rargs >"$out/receiver.out" 2>"$out/receiver.err" &
rpid=$!
i=0
while [ "$i" -lt 50 ]; do
	if grep -q "waiting to receive" "$out/receiver.out" 2>/dev/null ||
	    { [ -r /proc/net/raw ] && [ "$(wc -l </proc/net/raw)" -gt 1 ]; }
	then
		break
	fi
	kill -0 "$rpid" 2>/dev/null || break
	sleep 0.1
	i=$((i + 1))
done

"$bin/sender" "$@" >"$out/sender.out" 2>"$out/sender.err"
echo $? >"$out/sender.status"
wait "$rpid"
echo $? >"$out/receiver.status"
