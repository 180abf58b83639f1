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
#      requests;
#   6. receiver -i lo under part 1's floods, one reader at a time:
#      receiver -i lo -q > file, a bare TPACKET_V3 ring loop that only
#      counts (test/bench/bare_ring.c) and tcpdump -i lo -w /dev/null,
#      each keeping ICMP in a ring of the same size; the share each kept
#      of what came up lo's receive side, the receiver's peak RSS; and
#      with a ring too small for the flood (-B 64), the receiver's
#      printed + dropped against a big bare ring counting beside it.
#
# Every contender is timed by the same clock (bash's EPOCHREALTIME
# around the whole command, start-up included), contenders take turns
# within each round (A B C A B C ...), and each table gives the median
# of BENCH_ROUNDS rounds with the min and max, ratios taken within a
# round, and the load average when the table was made.  Outside part 5
# the namespace answers no echo request, so what arrives is what was
# sent.
#
# Root in a user namespace (an ordinary user's, through netns.sh's
# unshare -rn) is not root enough for tcpdump: it drops to its own user
# once its file is open, which needs setgroups(2), refused there
# (user_namespaces(7)), and -Z root or -Z "$(id -un)" take the same
# path.  There tcpdump runs through unshare -U, as the unmapped user of
# a nested user namespace, who has nothing to drop; part 3 says so and
# how long unshare -U alone takes, which its times include.  A live
# capture (part 6) has no such way round: the nested namespace's user
# holds no capability in this network namespace, and tcpdump -w
# /dev/null stops at once ("Couldn't change ownership of savefile"; with
# -w - or -Z root, "Couldn't change to ..."), so part 6 says that it
# stopped before listening, and why.
#
# Whenever the script stops short, it says where and why.
#
#   make bench [BENCH_ROUNDS=7] [BENCH_FLOODERS=4] [BENCH_SECONDS=2]
#              [BENCH_FILE=500000] [BENCH_RSS=1000000] [BENCH_SENDS=N]
#              [BENCH_PINGS=20000] [BENCH_PARTS="1 2 3 4 5 6"]
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
parts=${BENCH_PARTS:-1 2 3 4 5 6}
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
	[[ $p =~ ^[1-6]$ ]] && continue
	echo "bench.sh: BENCH_PARTS has '$p': parts are 1 to 6" >&2
	exit 2
done
# part N: whether BENCH_PARTS names part N.
part() { [[ " $parts " == *" $1 "* ]]; }
idle_ms=$(awk -v s="$idle" 'BEGIN { printf "%d", s * 1000 }')

if [ "${BENCH_INSIDE:-}" != 1 ]; then
	[ "$(uname -s)" = Linux ] || { echo "bench.sh: Linux only" >&2; exit 1; }
	mkdir -p "$bin"
	for p in flood bare_recv mmsg_hex send_loop peakrss bare_ring; do
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

# 6. receiver -i lo under part 1's overload: the same floods, one reader
#    at a time, each keeping ICMP in a ring of the same size (the
#    receiver's default, 4 MiB):
#      ours     receiver -i lo -q > file, under peakrss for its peak RSS;
#      ring     test/bench/bare_ring.c, the receiver's ring and kernel
#               filter with a loop that adds up whole blocks;
#      tcpdump  tcpdump -i lo -B 4096 -w /dev/null icmp, immediate mode
#               off: libpcap then takes TPACKET_V3 and has the kernel
#               hand a block over after its 1 s timeout (immediate mode
#               would take TPACKET_V2, a wake-up a frame), so it is
#               stopped with SIGINT BENCH_IDLE + 1 s after the flood;
#               what it kept is its summary's "N packets captured".
#    What each kept is a share of what came up lo's receive side in the
#    same run: lo's rx_packets, read from /proc/net/dev, which is this
#    namespace's (/sys/class/net/lo is the host's: sysfs was mounted
#    outside).  A frame the floods sent reaches a packet socket's ring
#    there or nowhere: one that lo's backlog refused (netdev_max_backlog)
#    is counted in lo's receive drops instead and no reader could have
#    had it.  The table says whether the floods' own count equalled
#    rx_packets + those drops in every run, so the two denominators are
#    known to agree or not.
#    Then, in each round, a ring too small for the flood (-B 64) with a
#    64 MiB bare ring counting beside it: what the receiver printed plus
#    what its summary says the kernel dropped, against the big ring's
#    count and lo's rx_packets, exactly.
# lo's received frames and receive drops: this namespace's.
lo_rx() { sed -n 's/^ *lo: *//p' /proc/net/dev | awk '{ print $2, $4 }'; }
lo_index=$(ip -o link show lo | cut -d: -f1)
# Wait until N packet sockets are bound to lo in this namespace.
wait_packet() {
	local i=0
	while [ "$(awk -v lo="$lo_index" 'NR > 1 && $5 == lo' /proc/net/packet |
	    wc -l)" -lt "$1" ] && [ $i -lt 200 ]; do
		sleep 0.01
		i=$((i + 1))
	done
}
# kept6 WHO: one run of a reader under the floods; its share of what came
# is added to $tmp/l.WHO, and left in $tmp/l.WHO.now (empty when it gave
# no count).
kept6() {
	local who=$1 rx0 dr0 rx1 dr1 came kept='' drops i
	read -r rx0 dr0 <<<"$(lo_rx)"
	case $who in
	ours)	"$bin/peakrss" "$top/receiver" -i lo -q -t "$idle" \
		    >"$tmp/out" 2>"$tmp/err" & ;;
	ring)	"$bin/bare_ring" "$idle_ms" 4096 >"$tmp/out" 2>"$tmp/err" & ;;
	tcpdump) tcpdump -i lo -B 4096 -w /dev/null icmp 2>"$tmp/err" & ;;
	esac
	pid=$!
	wait_packet 1
	if [ "$who" = tcpdump ]; then
		# Its socket is bound before its filter is set: ready once it
		# says it listens; gone, it says why.
		for i in $(seq 500); do
			grep -q 'listening on' "$tmp/err" && break
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.01
		done
		if ! grep -q 'listening on' "$tmp/err"; then
			kill "$pid" 2>/dev/null || true
			wait "$pid" || true
			td6_why="it stopped before listening: $(grep -v '^$' "$tmp/err" |
			    tail -n 1)"
			# Root of a user namespace: see the top.
			[ "$(awk '{ print $1, $2, $3 }' /proc/self/uid_map)" = \
			    "0 0 4294967295" ] || td6_why="$td6_why
   (as root of a user namespace it can neither give its file to its own
   user nor become that user: see the top)"
			: >"$tmp/l.$who.now"
			return
		fi
	fi
	flood
	if [ "$who" = tcpdump ]; then
		sleep "$(awk -v s="$idle" 'BEGIN { print s + 1 }')"
		kill -INT "$pid"
	fi
	wait "$pid" || true	# -t ends the receiver with status 1
	read -r rx1 dr1 <<<"$(lo_rx)"
	came=$((rx1 - rx0))
	runs6=$((runs6 + 1))
	[ "$(cat "$tmp/sent")" -eq $((came + dr1 - dr0)) ] && agree6=$((agree6 + 1))
	echo $((dr1 - dr0)) >>"$tmp/l.lodrops"
	awk -v n="$came" -v us="$(cat "$tmp/span")" \
	    'BEGIN { printf "%.0f\n", n / (us / 1e6) }' >>"$tmp/l.rate.$who"
	case $who in
	ours)	kept=$(sed -n 's/^receiver: \([0-9]*\) frames received, .*/\1/p' "$tmp/err")
		if [ -n "$kept" ] && [ "$kept" != "$(wc -l <"$tmp/out")" ]; then
			echo "   a run printed $(wc -l <"$tmp/out") lines," \
			    "its summary says $kept" >>"$tmp/l.notes"
		fi
		sed -n 's/.* received, \([0-9]*\) dropped.*/\1/p' "$tmp/err" >>"$tmp/l.drops"
		sed -n 's/^peakrss //p' "$tmp/err" >>"$tmp/l.rss"
		ring6=$(sed -n 's/.*(buffer \([0-9]*\) bytes).*/\1/p' "$tmp/err") ;;
	ring)	read -r kept drops <"$tmp/out" || kept=''
		[ -z "$kept" ] || echo "$drops" >>"$tmp/l.ringdrops" ;;
	tcpdump) kept=$(sed -n 's/^\([0-9]*\) packets captured$/\1/p' "$tmp/err")
		sed -n 's/^\([0-9]*\) packets received by filter$/\1/p' "$tmp/err" |
		    awk -v n="$came" '{ printf "%.2f\n", $1 / n }' >>"$tmp/l.tdfilter" ;;
	esac
	if [ -z "$kept" ]; then
		echo "   a run of $who gave no count: $(tail -n 1 "$tmp/err")" >>"$tmp/l.notes"
		: >"$tmp/l.$who.now"
		return
	fi
	# Four places (ratio() keeps three): the target is 0.999.
	awk -v k="$kept" -v n="$came" 'BEGIN { printf "%.4f\n", (n > 0 ? k / n : 0) }' \
	    >"$tmp/l.$who.now"
	cat "$tmp/l.$who.now" >>"$tmp/l.$who"
}
if part 6; then
echo
echo 1 >/proc/sys/net/ipv4/icmp_echo_ignore_all
runs6=0 agree6=0 small_runs=0 small_equal=0 ring6='' td6_why=''
: >"$tmp/l.notes"
command -v tcpdump >/dev/null 2>&1 ||
    td6_why="tcpdump is not installed (apt-get install tcpdump)"
for r in $(seq "$rounds"); do
	for who in ours ring tcpdump; do
		[ "$who" = tcpdump ] && [ -n "$td6_why" ] && continue
		kept6 "$who"
	done
	if [ -s "$tmp/l.ours.now" ] && [ -s "$tmp/l.ring.now" ]; then
		awk -v a="$(cat "$tmp/l.ours.now")" -v b="$(cat "$tmp/l.ring.now")" \
		    'BEGIN { printf "%.4f\n", (b > 0 ? a / b : 0) }' >>"$tmp/l.vs_ring"
	fi
	# The small ring, and the big one counting what the filter passes.
	read -r rx0 dr0 <<<"$(lo_rx)"
	"$bin/peakrss" "$top/receiver" -i lo -B 64 -q -t "$idle" \
	    >"$tmp/out" 2>"$tmp/err" &
	pid=$!
	"$bin/bare_ring" "$idle_ms" 65536 >"$tmp/big" &
	big=$!
	wait_packet 2
	flood
	wait "$pid" || true
	wait "$big" || true
	read -r rx1 dr1 <<<"$(lo_rx)"
	small=$(sed -n 's/^receiver: \([0-9]*\) frames received, \([0-9]*\) dropped .*(buffer \([0-9]*\) bytes)$/\1 \2 \3/p' "$tmp/err")
	read -r counted bigdrops <"$tmp/big" || counted=''
	small_runs=$((small_runs + 1))
	if [ -z "$small" ] || [ -z "$counted" ]; then
		echo "   -B 64, round $r: no count: the receiver said" \
		    "'$(grep -v '^peakrss' "$tmp/err" | tail -n 1)', the big" \
		    "ring '$(cat "$tmp/big")'" >>"$tmp/l.notes"
		continue
	fi
	read -r printed dropped small_buf <<<"$small"
	[ "$printed" -eq "$(wc -l <"$tmp/out")" ] ||
	    echo "   -B 64, round $r: $(wc -l <"$tmp/out") lines, the summary says $printed" >>"$tmp/l.notes"
	echo "$printed" >>"$tmp/l.s.printed"
	sed -n 's/^peakrss //p' "$tmp/err" >>"$tmp/l.s.rss"
	echo "$dropped" >>"$tmp/l.s.dropped"
	echo $((printed + dropped)) >>"$tmp/l.s.sum"
	echo "$counted" >>"$tmp/l.s.big"
	echo "$bigdrops" >>"$tmp/l.s.bigdrops"
	echo $((rx1 - rx0)) >>"$tmp/l.s.came"
	if [ $((printed + dropped)) -eq "$counted" ] && [ "$bigdrops" -eq 0 ] &&
	    [ "$counted" -eq $((rx1 - rx0)) ]; then
		small_equal=$((small_equal + 1))
	else
		echo "   -B 64, round $r: printed $printed + dropped $dropped" \
		    "= $((printed + dropped)); big ring $counted (it dropped" \
		    "$bigdrops); lo's rx_packets $((rx1 - rx0))" >>"$tmp/l.notes"
	fi
done
echo "6. receiver -i lo under the same overload: $flooders sendmmsg floods of"
echo "   28-byte requests for $seconds s, one reader at a time, each keeping ICMP"
echo "   in a ring of 4096 KiB (load average $(load))"
printf "  %-36s %10s %10s %10s\n" "" median min max
printf "  %-36s %10s %10s %10s\n" "the load, frames up lo a second" "" "" ""
row "receiver -i lo -q > file" "$tmp/l.rate.ours" "%10.0f"
row "bare TPACKET_V3 ring, counting" "$tmp/l.rate.ring" "%10.0f"
[ -n "$td6_why" ] ||
    row "tcpdump -i lo -B 4096 -w /dev/null" "$tmp/l.rate.tcpdump" "%10.0f"
printf "  %-36s %10s %10s %10s\n" "share of those frames kept" "" "" ""
row "receiver -i lo -q > file (>= 0.999)" "$tmp/l.ours" "%10.4f"
row "bare TPACKET_V3 ring, counting" "$tmp/l.ring" "%10.4f"
if [ -n "$td6_why" ]; then
	echo "  tcpdump -i lo -w /dev/null: $td6_why"
else
	row "tcpdump -i lo -B 4096 -w /dev/null" "$tmp/l.tcpdump" "%10.4f"
fi
printf "  %-36s %10s %10s %10s\n" "ratio of shares kept, per round" "" "" ""
row "receiver / bare ring (>= 0.99)" "$tmp/l.vs_ring" "%10.4f"
printf "  %-36s %10s %10s %10s\n" "drops in a run" "" "" ""
row "the receiver's summary" "$tmp/l.drops" "%10.0f"
row "the bare ring's PACKET_STATISTICS" "$tmp/l.ringdrops" "%10.0f"
row "lo's backlog (/proc/net/dev)" "$tmp/l.lodrops" "%10.0f"
if [ -z "$td6_why" ]; then
	printf "  %-36s %10s %10s %10s\n" "in the ring per frame that came" "" "" ""
	row "tcpdump ('received by filter')" "$tmp/l.tdfilter" "%10.2f"
fi
echo "   the floods' own count = lo's rx_packets + its receive drops:" \
    "in $agree6 of $runs6 runs"
# peak LABEL FILE: a sentence of RSS figures.
peak() {
	[ -s "$2" ] || { echo "   peak RSS of $1: none measured"; return; }
	echo "   peak RSS of $1: $(stats "$2" |
	    awk '{ printf "median %s KiB, min %s, max %s", $1, $2, $3 }')"
}
peak "receiver -i lo -q, ring of ${ring6:-?} bytes" "$tmp/l.rss"
echo "   a ring too small for the flood (-B 64: ${small_buf:-?} bytes), a 64 MiB"
echo "   bare ring counting beside it:"
row "printed by the receiver" "$tmp/l.s.printed" "%10.0f"
row "dropped, its summary says" "$tmp/l.s.dropped" "%10.0f"
row "printed + dropped" "$tmp/l.s.sum" "%10.0f"
row "counted by the 64 MiB bare ring" "$tmp/l.s.big" "%10.0f"
row "lo's rx_packets" "$tmp/l.s.came" "%10.0f"
echo "   printed + dropped = the big ring's count (it dropping none) ="
echo "   lo's rx_packets, exactly: in $small_equal of $small_runs rounds"
peak "receiver -i lo -B 64 -q, ring of ${small_buf:-?} bytes" "$tmp/l.s.rss"
cat "$tmp/l.notes"
fi # part 6
