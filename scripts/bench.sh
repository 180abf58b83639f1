#!/usr/bin/env bash
# make bench: how fast the sender floods and how well the receiver keeps
# up, against bare C loops of sendto(2) and recv(2) (test/bench/) and
# hping3 --flood where installed, all in one private network namespace,
# on its loopback.  Each figure is the median of BENCH_REPS runs; ratios
# are taken pair by pair within a run, since the machine is shared and
# absolute rates move while ratios hold.
#
#   make bench [BENCH_REPS=5] [BENCH_COUNT=200000] [BENCH_PACED=100000]
#
# BENCH_PACED is the number of requests in the paced run (at 20,000 a
# second); BENCH_HPING_SECONDS how long each hping3 flood lasts (2).
#
# Linux only (network namespaces, SO_RXQ_OVFL).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/build/bench
reps=${BENCH_REPS:-5}
count=${BENCH_COUNT:-200000}
paced=${BENCH_PACED:-100000}
hping_seconds=${BENCH_HPING_SECONDS:-2}

if [ "${BENCH_INSIDE:-}" != 1 ]; then
	[ "$(uname -s)" = Linux ] || { echo "bench.sh: Linux only" >&2; exit 1; }
	mkdir -p "$bin"
	for p in bare_send bare_recv peakrss; do
		${CC:-cc} -O2 -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror \
		    -o "$bin/$p" "$top/test/bench/$p.c"
	done
	export BENCH_INSIDE=1
	exec "$top/scripts/netns.sh" "$0" "$@"
fi
unset BENCH_INSIDE

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# Wait until N raw sockets are open in this namespace.
wait_sockets() {
	local i=0
	while [ "$(($(wc -l </proc/net/raw) - 1))" -lt "$1" ] && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
}

# 1. Sender flood: ours, the bare loop and hping3, one after another in
#    each round.
have_hping=0
command -v hping3 >/dev/null 2>&1 && have_hping=1
for r in $(seq "$reps"); do
	read -r _ _ bare <<<"$("$bin/bare_send" "$count")"
	t0=$(now)
	"$top/sender" -q -c "$count" -i 0 2>/dev/null
	t1=$(now)
	ours=$(awk -v n="$count" -v ns=$((t1 - t0)) 'BEGIN { printf "%.0f", n / (ns / 1e9) }')
	echo "$ours" >>"$tmp/s.ours"
	echo "$bare" >>"$tmp/s.bare"
	awk -v a="$ours" -v b="$bare" 'BEGIN { print a / b }' >>"$tmp/s.ratio"
	if [ "$have_hping" = 1 ]; then
		t0=$(now)
		sent=$(timeout -s INT "$hping_seconds" hping3 -1 --flood -q 127.0.0.1 2>&1 |
		    sed -n 's/^\([0-9]*\) packets transmitted.*/\1/p' || true)
		t1=$(now)
		hp=$(awk -v n="${sent:-0}" -v ns=$((t1 - t0)) 'BEGIN { printf "%.0f", n / (ns / 1e9) }')
		echo "$hp" >>"$tmp/s.hping"
		awk -v a="$ours" -v b="$hp" 'BEGIN { print (b > 0 ? a / b : 0) }' >>"$tmp/s.hratio"
	fi
done

# 2. Receiver during a flood: ours writing every datagram to a file, and
#    the bare counting loop, both listening to the same flood.
for r in $(seq "$reps"); do
	"$top/receiver" -q -t 1 >"$tmp/dump" 2>"$tmp/dump.err" &
	rpid=$!
	"$bin/bare_recv" 1000 >"$tmp/bare" 2>/dev/null &
	bpid=$!
	wait_sockets 2
	read -r _ secs _ <<<"$("$bin/bare_send" "$count")"
	wait "$rpid" || true	# -t 1 ends it with status 1 once idle
	wait "$bpid"
	kept=$(wc -l <"$tmp/dump")
	drops=$(sed -n 's/.*received, \([0-9]*\) dropped.*/\1/p' "$tmp/dump.err")
	read -r bkept bdrops <"$tmp/bare"
	awk -v k="$kept" -v s="$secs" 'BEGIN { printf "%.0f\n", k / s }' >>"$tmp/r.ours"
	awk -v k="$bkept" -v s="$secs" 'BEGIN { printf "%.0f\n", k / s }' >>"$tmp/r.bare"
	echo "$drops" >>"$tmp/r.drops"
	echo "$bdrops" >>"$tmp/r.bdrops"
	awk -v a="$kept" -v b="$bkept" 'BEGIN { print a / b }' >>"$tmp/r.ratio"
done
rcvbuf=$(sed -n 's/.*receive buffer \([0-9]*\) bytes.*/\1/p' "$tmp/dump.err")

# 3. Paced: 20,000 requests a second (for 5 s by default), every
#    datagram dumped.
"$top/receiver" -q -t 1 >"$tmp/paced" 2>"$tmp/paced.err" &
rpid=$!
wait_sockets 1
t0=$(now)
"$top/sender" -q -c "$paced" -i 0.00005 2>/dev/null
t1=$(now)
wait "$rpid" || true
pkept=$(wc -l <"$tmp/paced")
pdrops=$(sed -n 's/.*received, \([0-9]*\) dropped.*/\1/p' "$tmp/paced.err")
prate=$(awk -v n="$paced" -v ns=$((t1 - t0)) 'BEGIN { printf "%.0f", n / (ns / 1e9) }')

# 4. Peak resident memory of each binary, in a flood.
"$bin/peakrss" "$top/sender" -q -c "$count" -i 0 2>"$tmp/srss" || true
"$bin/peakrss" "$top/receiver" -q -t 1 >/dev/null 2>"$tmp/rrss" &
rpid=$!
wait_sockets 1
"$bin/bare_send" "$count" >/dev/null
wait "$rpid" || true
srss=$(sed -n 's/^peakrss //p' "$tmp/srss")
rrss=$(sed -n 's/^peakrss //p' "$tmp/rrss")

m() { median <"$tmp/$1"; }
f() { awk -v v="$1" 'BEGIN { printf "%.2f", v }'; }
n() { printf '%s' "$1"; }
echo "make bench: $reps rounds, $count packets a flood, medians ($(nproc) cores, $(uname -r))"
echo
printf '%-44s %12s %12s %7s  %s\n' "measure" "ours" "reference" "ratio" "target"
printf '%-44s %12s %12s %7s  %s\n' "sender flood, packets/s (vs bare sendto)" \
    "$(n "$(m s.ours)")" "$(n "$(m s.bare)")" "$(f "$(m s.ratio)")" ">= 0.90"
if [ "$have_hping" = 1 ]; then
	printf '%-44s %12s %12s %7s  %s\n' "sender flood, packets/s (vs hping3 --flood)" \
	    "$(n "$(m s.ours)")" "$(n "$(m s.hping)")" "$(f "$(m s.hratio)")" ">= 1.00"
else
	printf '%-44s %12s\n' "sender flood vs hping3 --flood" "(hping3 not installed)"
fi
printf '%-44s %12s %12s %7s  %s\n' "receiver -q > file, datagrams kept/s" \
    "$(n "$(m r.ours)")" "$(n "$(m r.bare)")" "$(f "$(m r.ratio)")" ">= 0.85"
printf '%-44s %12s %12s %7s\n' "  kernel drops in that flood" "$(m r.drops)" "$(m r.bdrops)" ""
printf '%-44s %12s %12s %7s  %s\n' "paced 20,000/s, $paced sent: dumped, drops" \
    "$(n "$pkept")" "$pdrops" "" "all $(n $((paced * 2))), 0 drops"
printf '%-44s %12s\n' "  paced rate achieved, packets/s" "$(n "$prate")"
printf '%-44s %12s %12s %7s  %s\n' "peak RSS KiB: sender, receiver" "$srss" "$rrss" "" "< 4096 each"
echo
echo "receive buffer granted: $rcvbuf bytes (SO_RCVBUF)"
