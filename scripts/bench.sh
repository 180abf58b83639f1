#!/usr/bin/env bash
# make bench: our two programs against yardsticks doing the same job,
# in one private network namespace, on its loopback.
#
#   1. the receiver under overload: several sendmmsg floods at once
#      (test/bench/flood.c), and one reader at a time keeping what it
#      can: receiver -q > file, a recvmmsg+hex loop writing the same
#      text (test/bench/mmsg_hex.c), a bare poll+recvmsg loop that
#      only counts (test/bench/bare_recv.c);
#   2. the sender's time a packet at 0, 1400 and 65000 bytes of
#      payload, against a bare sendto loop and one that updates the
#      checksum incrementally (test/bench/send_loop.c);
#   3. reading a capture: receiver -r -d against tcpdump -nn -v -r,
#      receiver -r against tcpdump -nn -xx -r (output to /dev/null, so
#      that the formatting is timed, not a disk);
#   4. with a stalled reader, the summary's drop count against the
#      kernel's own (/proc/net/raw), and each program's peak RSS on a
#      run of BENCH_RSS packets;
#   5. sender --ping against iputils ping(8), the same BENCH_PINGS
#      requests each (-q -c N -i 0 127.0.0.1): requests answered a
#      second (the received count of each one's own summary line over
#      its time on our clock), the ratio within each round, and the
#      loss each reported.  Only here does the namespace answer echo
#      requests.
#
# Every contender is timed by the same clock (bash's EPOCHREALTIME
# around the whole command, start-up included), contenders take turns
# within each round (A B C A B C ...), and each table gives the median
# of BENCH_ROUNDS rounds with the min and max, ratios taken within a
# round, and the load average when the table was made.  Until part 5
# the namespace answers no echo request, so what arrives is what was
# sent.
#
# Root in a user namespace (an ordinary user's, through netns.sh's
# unshare -rn) is not root enough for tcpdump: it drops to its own user
# once its file is open, which needs setgroups(2), refused there
# (user_namespaces(7)), and -Z root or -Z "$(id -un)" take the same
# path.  There tcpdump runs through unshare -U, as the unmapped user of
# a nested user namespace, who has nothing to drop; part 3 says so and
# how long unshare -U alone takes, which its times include.
#
# Whenever the script stops short, it says where and why.
#
#   make bench [BENCH_ROUNDS=7] [BENCH_FLOODERS=4] [BENCH_SECONDS=2]
#              [BENCH_FILE=500000] [BENCH_RSS=1000000] [BENCH_SENDS=N]
#              [BENCH_PINGS=20000] [BENCH_PARTS="1 2 3 4 5"]
#
# BENCH_SENDS sets how many packets each sender run sends, whatever the
# size (by default 200000, 100000 and 10000: about 0.3 s each);
# BENCH_IDLE how long a reader waits after the flood before it ends (1 s);
# BENCH_PARTS which parts run (all of them, in order).
#
# Linux only (network namespaces, sendmmsg, recvmmsg).
set -Eeuo pipefail
trap 'st=$?; echo "bench.sh: stopped at line $LINENO, status $st: $BASH_COMMAND" >&2' ERR

top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/build/bench
rounds=${BENCH_ROUNDS:-7}
flooders=${BENCH_FLOODERS:-4}
seconds=${BENCH_SECONDS:-2}
records=${BENCH_FILE:-500000}
rss_count=${BENCH_RSS:-1000000}
sends=${BENCH_SENDS:-}
idle=${BENCH_IDLE:-1}
pings=${BENCH_PINGS:-20000}
parts=${BENCH_PARTS:-1 2 3 4 5}
# number NAME VALUE [seconds]: a count above 0 (or a number of seconds),
# else a message and status 2.
number() {
	if [ "${3:-}" = seconds ]; then
		[[ $2 =~ ^[0-9]*[.]?[0-9]+$ ]] && return 0
		echo "bench.sh: $1 is '$2': not a number of seconds" >&2
	else
		[[ $2 =~ ^[1-9][0-9]*$ ]] && return 0
		echo "bench.sh: $1 is '$2': not a whole number above 0" >&2
	fi
	exit 2
}
number BENCH_ROUNDS "$rounds"
number BENCH_FLOODERS "$flooders"
number BENCH_SECONDS "$seconds" seconds
number BENCH_FILE "$records"
number BENCH_RSS "$rss_count"
[ -z "$sends" ] || number BENCH_SENDS "$sends"
number BENCH_IDLE "$idle" seconds
number BENCH_PINGS "$pings"
for p in $parts; do
	[[ $p =~ ^[1-5]$ ]] && continue
	echo "bench.sh: BENCH_PARTS has '$p': parts are 1 to 5" >&2
	exit 2
done
# part N: whether BENCH_PARTS names part N.
part() { [[ " $parts " == *" $1 "* ]]; }
idle_ms=$(awk -v s="$idle" 'BEGIN { printf "%d", s * 1000 }')

if [ "${BENCH_INSIDE:-}" != 1 ]; then
	[ "$(uname -s)" = Linux ] || { echo "bench.sh: Linux only" >&2; exit 1; }
	mkdir -p "$bin"
	for p in flood bare_recv mmsg_hex send_loop peakrss; do
		${CC:-cc} -O2 -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror \
		    -o "$bin/$p" "$top/test/bench/$p.c"
	done
	export BENCH_INSIDE=1
	exec "$top/scripts/netns.sh" "$0" "$@"
fi
unset BENCH_INSIDE
echo 1 >/proc/sys/net/ipv4/icmp_echo_ignore_all

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Microseconds on the one clock every contender is timed by.
now() { local t=${EPOCHREALTIME/[.,]/}; echo "$t"; }
# stats FILE: median min max of the numbers in FILE, one a line.
stats() {
	sort -g "$1" | awk '{ v[NR] = $1 } END {
		printf "%s %s %s\n", v[int((NR + 1) / 2)], v[1], v[NR] }'
}
# row LABEL FILE FORMAT: a table row, median then min and max; dashes
# where no round gave a number.
row() {
	if [ ! -s "$2" ]; then
		printf "  %-36s %10s %10s %10s\n" "$1" - - -
		return
	fi
	read -r md lo hi <<<"$(stats "$2")"
	printf "  %-36s $3 $3 $3\n" "$1" "$md" "$lo" "$hi"
}
load() { cut -d' ' -f1-3 /proc/loadavg; }
# Wait until N raw ICMP sockets are open in this namespace.
wait_listeners() {
	local i=0
	while [ "$(awk '$2 ~ /:0001$/' /proc/net/raw | wc -l)" -lt "$1" ] &&
	    [ $i -lt 200 ]; do
		sleep 0.01
		i=$((i + 1))
	done
}
# The floods, all at once for $seconds; their total is left in $tmp/sent
# and the time they took, in microseconds, in $tmp/span.
flood() {
	local i t0 t1 pids=()
	t0=$(now)
	for i in $(seq "$flooders"); do
		"$bin/flood" "$seconds" >"$tmp/flood.$i" &
		pids+=($!)
	done
	wait "${pids[@]}"
	t1=$(now)
	cat "$tmp"/flood.* | awk '{ s += $1 } END { print s }' >"$tmp/sent"
	echo $((t1 - t0)) >"$tmp/span"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", (b > 0 ? a / b : 0) }'; }

echo "make bench: $rounds rounds, $(nproc) cores, $(uname -sr)"

# Each part runs when BENCH_PARTS names it; its body stays at the left
# margin, between "if part N; then" and "fi # part N".

# 1. The receiver under overload.
if part 1; then
for r in $(seq "$rounds"); do
	for who in ours mmsg bare; do
		case $who in
		ours)	"$top/receiver" -q -t "$idle" >"$tmp/out" 2>"$tmp/err" & ;;
		mmsg)	"$bin/mmsg_hex" "$idle_ms" >"$tmp/out" 2>"$tmp/err" & ;;
		bare)	"$bin/bare_recv" "$idle_ms" >"$tmp/err" 2>&1 & ;;
		esac
		pid=$!
		wait_listeners 1
		flood
		wait "$pid" || true	# -t ends the receiver with status 1
		case $who in
		ours)	kept=$(wc -l <"$tmp/out")
			sed -n 's/.*received, \([0-9]*\) dropped.*/\1/p' \
			    "$tmp/err" >>"$tmp/r.drops" ;;
		*)	kept=$(tail -n 1 "$tmp/err") ;;
		esac
		sent=$(cat "$tmp/sent")
		awk -v k="$kept" -v us="$(cat "$tmp/span")" \
		    'BEGIN { printf "%.0f\n", k / (us / 1e6) }' >>"$tmp/r.$who"
		awk -v k="$kept" -v s="$sent" \
		    'BEGIN { printf "%.1f\n", 100 * k / s }' >>"$tmp/r.$who.pct"
		echo "$kept" >"$tmp/kept.$who"
	done
	ratio "$(cat "$tmp/kept.ours")" "$(cat "$tmp/kept.mmsg")" >>"$tmp/r.vs_mmsg"
	ratio "$(cat "$tmp/kept.ours")" "$(cat "$tmp/kept.bare")" >>"$tmp/r.vs_bare"
done
echo
echo "1. receiver under overload: $flooders sendmmsg floods of 28-byte"
echo "   requests for $seconds s, one reader at a time (load average $(load))"
printf "  %-36s %10s %10s %10s\n" "datagrams kept a second" median min max
row "receiver -q > file" "$tmp/r.ours" "%10.0f"
row "recvmmsg+hex loop > file" "$tmp/r.mmsg" "%10.0f"
row "poll+recvmsg loop, counting" "$tmp/r.bare" "%10.0f"
printf "  %-36s %10s %10s %10s\n" "share of what was sent kept, %" "" "" ""
row "receiver -q > file" "$tmp/r.ours.pct" "%10.1f"
row "recvmmsg+hex loop > file" "$tmp/r.mmsg.pct" "%10.1f"
row "poll+recvmsg loop, counting" "$tmp/r.bare.pct" "%10.1f"
printf "  %-36s %10s %10s %10s\n" "ratio of datagrams kept, per round" "" "" ""
row "receiver / recvmmsg+hex (>= 0.9)" "$tmp/r.vs_mmsg" "%10.2f"
row "receiver / poll+recvmsg (>= 1.4)" "$tmp/r.vs_bare" "%10.2f"
row "drops the receiver reported" "$tmp/r.drops" "%10.0f"
fi # part 1

# 2. The sender, microseconds a packet.
if part 2; then
for size in 0 1400 65000; do
	case $size in
	0)	count=200000 ;;
	1400)	count=100000 ;;
	*)	count=10000 ;;
	esac
	count=${sends:-$count}
	hex=$(head -c "$size" /dev/zero | od -An -v -tx1 | tr -d ' \n')
	for r in $(seq "$rounds"); do
		for who in ours bare inc; do
			t0=$(now)
			case $who in
			ours)	"$top/sender" -q -c "$count" -i 0 ${hex:+-p "$hex"} \
				    2>/dev/null ;;
			*)	"$bin/send_loop" "$who" "$count" "$size" ;;
			esac
			t1=$(now)
			awk -v us=$((t1 - t0)) -v n="$count" \
			    'BEGIN { printf "%.3f\n", us / n }' >"$tmp/us.$who"
			cat "$tmp/us.$who" >>"$tmp/s.$size.$who"
		done
		ratio "$(cat "$tmp/us.ours")" "$(cat "$tmp/us.inc")" >>"$tmp/s.$size.ratio"
	done
done
echo
echo "2. sender: microseconds a packet, -q -c N -i 0 (load average $(load))"
printf "  %-36s %10s %10s %10s\n" "" median min max
for size in 0 1400 65000; do
	echo "  payload $size bytes"
	row "sender" "$tmp/s.$size.ours" "%10.3f"
	row "bare sendto loop" "$tmp/s.$size.bare" "%10.3f"
	row "incremental-checksum loop" "$tmp/s.$size.inc" "%10.3f"
	row "sender / incremental (<= 1.1)" "$tmp/s.$size.ratio" "%10.2f"
done
fi # part 2

# 3. Reading a capture.
if part 3; then
echo
"$top/sender" -n -q -l wire -c "$records" -i 0 -w "$tmp/cap.pcap" \
    >/dev/null 2>"$tmp/cap.err" ||
    { echo "bench.sh: sender -w wrote no capture: $(cat "$tmp/cap.err")" >&2
      exit 1; }
# How tcpdump runs here: as it is; or, as root in a user namespace,
# through unshare -U (see the top); or not at all, and why.
tcpdump=() tcpdump_why='' tcpdump_note=''
if ! command -v tcpdump >/dev/null 2>&1; then
	tcpdump_why="tcpdump is not installed (apt-get install tcpdump)"
elif tcpdump -nn -c 1 -r "$tmp/cap.pcap" >/dev/null 2>"$tmp/td.err"; then
	tcpdump=(tcpdump)
elif unshare -U tcpdump -nn -c 1 -r "$tmp/cap.pcap" >/dev/null 2>&1; then
	tcpdump=(unshare -U tcpdump)
	for r in $(seq "$rounds"); do
		t0=$(now)
		unshare -U true
		t1=$(now)
		echo $((t1 - t0)) >>"$tmp/unshare.us"
	done
	read -r md _ <<<"$(stats "$tmp/unshare.us")"
	tcpdump_note="   tcpdump runs through unshare -U: as root in this user namespace it
   cannot drop to its own user; its times include unshare -U's own (median $md us)"
else
	tcpdump_why="tcpdump cannot read the capture here, nor through unshare -U:
   $(tail -n 1 "$tmp/td.err")"
fi
if [ "${#tcpdump[@]}" -gt 0 ]; then
	for r in $(seq "$rounds"); do
		for who in d tv hex txx; do
			t0=$(now)
			case $who in
			d)	"$top/receiver" -r "$tmp/cap.pcap" -d ;;
			tv)	"${tcpdump[@]}" -nn -v -r "$tmp/cap.pcap" ;;
			hex)	"$top/receiver" -r "$tmp/cap.pcap" ;;
			txx)	"${tcpdump[@]}" -nn -xx -r "$tmp/cap.pcap" ;;
			esac >/dev/null 2>"$tmp/read.err" ||
			    { echo "bench.sh: reading the capture ($who) failed:" \
				"$(tail -n 1 "$tmp/read.err")" >&2; exit 1; }
			t1=$(now)
			awk -v us=$((t1 - t0)) -v n="$records" \
			    'BEGIN { printf "%.0f\n", n / (us / 1e6) }' >"$tmp/f.$who.now"
			cat "$tmp/f.$who.now" >>"$tmp/f.$who"
		done
		ratio "$(cat "$tmp/f.d.now")" "$(cat "$tmp/f.tv.now")" >>"$tmp/f.d.ratio"
		ratio "$(cat "$tmp/f.hex.now")" "$(cat "$tmp/f.txx.now")" >>"$tmp/f.hex.ratio"
	done
	echo "3. reading a capture of $records requests, output to /dev/null:"
	echo "   packets a second (load average $(load))"
	[ -z "$tcpdump_note" ] || echo "$tcpdump_note"
	printf "  %-36s %10s %10s %10s\n" "" median min max
	row "receiver -r FILE -d" "$tmp/f.d" "%10.0f"
	row "tcpdump -nn -v -r FILE" "$tmp/f.tv" "%10.0f"
	row "ratio (>= 4)" "$tmp/f.d.ratio" "%10.2f"
	row "receiver -r FILE" "$tmp/f.hex" "%10.0f"
	row "tcpdump -nn -xx -r FILE" "$tmp/f.txx" "%10.0f"
	row "ratio (>= 40)" "$tmp/f.hex.ratio" "%10.2f"
else
	echo "3. reading a capture: $tcpdump_why"
fi
fi # part 3

# 4. A stalled reader: the receiver writes into a FIFO that is held open
#    and never read, so the socket's queue fills and the kernel drops.
if part 4; then
echo
mkfifo "$tmp/fifo"
sleep 60 <"$tmp/fifo" &
holder=$!
"$top/receiver" -q >"$tmp/fifo" 2>"$tmp/stall.err" &
pid=$!
wait_listeners 1
flood
sleep 0.2
kernel=$(awk '$2 ~ /:0001$/ { print $NF }' /proc/net/raw)
kill -TERM "$pid"
wait "$pid" || true
kill "$holder" 2>/dev/null || true
wait "$holder" 2>/dev/null || true
ours=$(sed -n 's/.*received, \([0-9]*\) dropped.*/\1/p' "$tmp/stall.err")
echo "4. stalled reader: $(cat "$tmp/sent") sent; drops in the summary $ours," \
    "in /proc/net/raw $kernel: $([ "$ours" = "$kernel" ] && echo equal || echo DIFFERENT)"

# Peak resident memory on a run of $rss_count packets each.
"$bin/peakrss" "$top/sender" -q -c "$rss_count" -i 0 2>"$tmp/srss" || true
"$bin/peakrss" "$top/receiver" -q -t "$idle" >/dev/null 2>"$tmp/rrss" &
pid=$!
wait_listeners 1
"$bin/flood" 3600 "$rss_count" >"$tmp/rss.sent"
wait "$pid" || true
echo "   peak RSS on $rss_count packets (< 4096 KiB each): sender" \
    "$(sed -n 's/^peakrss //p' "$tmp/srss") KiB, receiver" \
    "$(sed -n 's/^peakrss //p' "$tmp/rrss") KiB" \
    "(it kept $(sed -n 's/.*: \([0-9]*\) datagrams received.*/\1/p' "$tmp/rrss"))"
fi # part 4

# 5. The ping: sender --ping and iputils ping take turns sending the
#    same requests to this namespace's loopback, which now answers.
#    Each one's received count and loss come from its own summary line
#    ("N packets transmitted, N received, ..., N% packet loss, ..."),
#    its time from our clock; a run that prints no summary is said.
iputils() { command -v ping >/dev/null 2>&1 && ping -V 2>&1 | grep -q iputils; }
if part 5; then
echo
echo 0 >/proc/sys/net/ipv4/icmp_echo_ignore_all
fi
if part 5 && ! iputils; then
	echo "5. ping: iputils ping is not installed (apt-get install iputils-ping)"
elif part 5; then
: >"$tmp/p.notes"
for r in $(seq "$rounds"); do
	for who in ours iputils; do
		st=0
		t0=$(now)
		case $who in
		ours)	"$top/sender" --ping -q -c "$pings" -i 0 127.0.0.1 ;;
		iputils) ping -q -c "$pings" -i 0 127.0.0.1 ;;
		esac >"$tmp/p.out" 2>"$tmp/p.err" || st=$?
		t1=$(now)
		sum=$(sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*, \([0-9.]*\)% packet loss.*/\2 \3/p' "$tmp/p.out")
		rm -f "$tmp/p.$who.now"
		if [ -z "$sum" ]; then
			echo "   round $r, $who: no summary line (status $st):" \
			    "$(head -n 1 "$tmp/p.err")" >>"$tmp/p.notes"
			continue
		fi
		read -r got loss <<<"$sum"
		awk -v n="$got" -v us=$((t1 - t0)) \
		    'BEGIN { printf "%.0f\n", n / (us / 1e6) }' >"$tmp/p.$who.now"
		cat "$tmp/p.$who.now" >>"$tmp/p.$who"
		echo "$loss" >>"$tmp/p.$who.loss"
	done
	# A ratio only for a round in which both printed their counts.
	if [ -s "$tmp/p.ours.now" ] && [ -s "$tmp/p.iputils.now" ]; then
		ratio "$(cat "$tmp/p.ours.now")" "$(cat "$tmp/p.iputils.now")" >>"$tmp/p.ratio"
	fi
done
echo "5. ping: -q -c $pings -i 0 127.0.0.1, each in turn: requests answered"
echo "   a second, its summary's received count over its time (load average $(load))"
printf "  %-36s %10s %10s %10s\n" "" median min max
row "sender --ping" "$tmp/p.ours" "%10.0f"
row "iputils ping" "$tmp/p.iputils" "%10.0f"
row "sender / iputils (>= 0.9)" "$tmp/p.ratio" "%10.2f"
printf "  %-36s %10s %10s %10s\n" "packet loss each reported, %" "" "" ""
row "sender --ping" "$tmp/p.ours.loss" "%10.2f"
row "iputils ping" "$tmp/p.iputils.loss" "%10.2f"
cat "$tmp/p.notes"
echo 1 >/proc/sys/net/ipv4/icmp_echo_ignore_all
fi # part 5
