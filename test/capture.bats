#!/usr/bin/env bats
# receiver -i: frames at the link layer, live, on lo and between two
# test hosts (network namespaces joined by a veth pair, 192.0.2.0/24).

load test_helper


# two_hosts SCRIPT ARG...: SCRIPT runs in host A, a fresh namespace
# (192.0.2.1 on va, MAC 02:00:00:00:00:01), with $B the pid of a process
# in host B (192.0.2.2 on vb, MAC 02:00:00:00:00:02); "b CMD..." runs a
# command there.  Nothing is routed beyond 192.0.2.0/24.  Works as real
# root and as root of a user namespace (unshare -rn).
two_hosts() {
	local script=$1
	shift
	in_netns '
set -e
unshare -n sleep 60 &
B=$!
b() { nsenter -t "$B" -n -- "$@"; }
for i in $(seq 50); do
	[ "$(readlink /proc/$B/ns/net)" != "$(readlink /proc/self/ns/net)" ] && break
	sleep 0.02
done
ip link add va type veth peer name vb
ip link set vb netns "$B"
ip link set va address 02:00:00:00:00:01
b ip link set vb address 02:00:00:00:00:02
ip addr add 192.0.2.1/24 dev va
b ip addr add 192.0.2.2/24 dev vb
b ip link set lo up
sysctl -qw net.ipv6.conf.va.disable_ipv6=1 2>/dev/null || true
b sysctl -qw net.ipv6.conf.vb.disable_ipv6=1 2>/dev/null || true
ip link set va up
b ip link set vb up
trap "kill $B" EXIT
'"$script" "$@"
}

@test "-i lo: the request and the kernel's reply, each once, behind lo's all-zero Ethernet header" {
	need_ring
	X=$BATS_TEST_TMPDIR
	in_netns '
		"$1" -i lo -q -c 2 -t 5 >"$2/frames" 2>"$2/err" &
		r=$!
		"$1" -q -c 2 -t 5 >"$2/raw" 2>/dev/null &
		s=$!
		sleep 0.5
		"$3" -q
		wait $r; echo $? >"$2/status"
		wait $s' "$RECEIVER" "$X" "$SENDER"
	[ "$(cat "$X/status")" = 0 ]
	[ "$(wc -l <"$X/frames")" -eq 2 ]
	# Each frame: 14 zero bytes, the EtherType 08 00, then the very
	# datagram a raw socket was handed at the same time.
	while read -r frame <&3 && read -r raw <&4; do
		[ "${frame:0:41}" = "00 00 00 00 00 00 00 00 00 00 00 00 08 00" ]
		[ "${frame:42}" = "$raw" ]
	done 3<"$X/frames" 4<"$X/raw"
	grep -qx "receiver: 2 frames received, 0 dropped by the kernel (buffer 4194304 bytes)" "$X/err"
}

@test "-i lo shows what tcpdump -i lo captures of the same traffic, byte for byte" {
	require_real_root "a live tcpdump capture"
	need_ring
	need tcpdump
	need tshark
	X=$BATS_TEST_TMPDIR
	in_netns '
		tcpdump -Z root -U --immediate-mode -i lo -w "$2/t.pcap" icmp 2>/dev/null &
		t=$!
		"$1" -i lo -q -c 4 -t 5 >"$2/frames" 2>/dev/null &
		r=$!
		sleep 1
		"$3" -q -c 2 -i 0.1
		wait $r
		sleep 0.3; kill $t; wait $t' "$RECEIVER" "$X" "$SENDER"
	tshark -r "$X/t.pcap" -x 2>/dev/null | awk '
		/^[0-9a-f][0-9a-f][0-9a-f][0-9a-f]  / { s = substr($0, 7, 48); gsub(/ +$/, "", s); line = line (line == "" ? "" : " ") s; next }
		/^$/ { if (line != "") print toupper(line); line = "" }
		END { if (line != "") print toupper(line) }' >"$X/tcpdump"
	[ "$(wc -l <"$X/frames")" -eq 4 ]
	diff "$X/tcpdump" "$X/frames"
}

@test "-i -P all between two hosts: ARP request and reply as frames, with the MACs, then the ping, each way named" {
	need_ring
	need ping
	X=$BATS_TEST_TMPDIR
	two_hosts '
		"$1" -i va -P all -d -c 4 -t 5 >"$2/out" 2>"$2/err" &
		r=$!
		sleep 0.5
		ping -c 1 -W 2 192.0.2.2 >/dev/null
		wait $r' "$RECEIVER" "$X"
	run grep -c "^[0-9A-F][0-9A-F] " "$X/out"
	[ "$output" -eq 4 ]
	grep -q "^FF FF FF FF FF FF 02 00 00 00 00 01 08 06 " "$X/out"
	grep -q "^02 00 00 00 00 01 02 00 00 00 00 02 08 06 " "$X/out"
	grep -qx "  ARP operation    1 (request): who-has 192.0.2.2 tell 192.0.2.1" "$X/out"
	grep -qx "  ARP operation    2 (reply): 192.0.2.2 is-at 02:00:00:00:00:02" "$X/out"
	grep -qx "  ICMP type        0 (echo reply)" "$X/out"
	[ "$(grep -c "^  direction        out (sent by this host)" "$X/out")" -eq 2 ]
	[ "$(grep -c "^  direction        in (received)" "$X/out")" -eq 2 ]
	grep -qx "receiver: 4 frames received, 0 dropped by the kernel (buffer [0-9]* bytes)" "$X/err"
}

@test "-i -P icmp: the kernel filter passes ICMP only, not the ARP before it" {
	need_ring
	need ping
	X=$BATS_TEST_TMPDIR
	two_hosts '
		"$1" -i va -c 2 -t 5 -q >"$2/out" 2>"$2/err" &
		r=$!
		sleep 0.5
		ping -c 1 -W 2 192.0.2.2 >/dev/null
		wait $r; echo $? >"$2/status"' "$RECEIVER" "$X"
	[ "$(cat "$X/status")" = 0 ]
	[ "$(wc -l <"$X/out")" -eq 2 ]
	! grep -q " 08 06 " <(cut -c1-42 "$X/out")
	[ "$(cut -c37-41 "$X/out" | sort -u)" = "08 00" ]
}

@test "-i -w: the interface's link type, and the kernel's nanoseconds, as tshark reads them" {
	need_ring
	need tshark
	X=$BATS_TEST_TMPDIR
	in_netns '
		"$1" -i lo -q -c 2 -t 5 -w "$2/c.pcap" >"$2/frames" 2>/dev/null &
		r=$!
		sleep 0.5
		"$3" -q
		wait $r' "$RECEIVER" "$X" "$SENDER"
	run --separate-stderr tshark -r "$X/c.pcap" -T fields -e frame.encap_type -e frame.len
	[ "$output" = "1	42
1	42" ]
	[ "$(od -An -tx1 -N4 "$X/c.pcap" | tr -d ' ')" = 4d3cb2a1 ]
}

@test "a ring too small for the flood: frames printed and frames the kernel dropped add up to every frame that came" {
	need_ring
	X=$BATS_TEST_TMPDIR
	# A raw ICMP socket with room to spare counts what came (and
	# reports its own drops); the -i receiver, stopped while 4000
	# frames arrive, has 64 KiB of ring.
	in_netns '
		"$1" -i lo -B 64 -q -t 1 >"$2/frames" 2>"$2/err" &
		r=$!
		"$1" -q -t 1 >"$2/raw" 2>"$2/raw.err" &
		s=$!
		sleep 0.5
		kill -STOP $r
		"$3" -q -c 2000 -i 0
		sleep 0.2
		kill -CONT $r
		wait $r; wait $s; true' "$RECEIVER" "$X" "$SENDER"
	came=$(wc -l <"$X/raw")
	grep -qx "receiver: $came datagrams received, 0 dropped by the kernel (receive buffer [0-9]* bytes)" "$X/raw.err"
	# 2000 requests and their replies (a few could be lost before any
	# socket, in lo's backlog: the sum below is the claim).
	[ "$came" -gt 3000 ] && [ "$came" -le 4000 ]
	printed=$(wc -l <"$X/frames")
	dropped=$(sed -n 's/^receiver: [0-9]* frames received, \([0-9]*\) dropped by the kernel.*/\1/p' "$X/err")
	grep -q "^receiver: $printed frames received, " "$X/err"
	[ "$dropped" -gt 0 ]
	[ $((printed + dropped)) -eq "$came" ]
}

@test "-i: bad uses are refused with the reason" {
	bad 2 "receiver: -P all takes every frame of an interface: it needs -i (a raw IP socket has one protocol)" "$RECEIVER" -P all
	bad 2 "receiver: -i and -r are two sources: give one" "$RECEIVER" -i lo -r x
	bad 2 "receiver: -B sizes an interface's buffer: it needs -i" "$RECEIVER" -B 64
	bad 2 "receiver: -l reads a raw IP socket's datagrams as a system lays them out: frames from -i are as on the wire" "$RECEIVER" -i lo -l darwin
	bad 2 "receiver: buffer size is 0: *" "$RECEIVER" -i lo -B 0
	require_netns
	run -1 --separate-stderr "$ROOT/scripts/netns.sh" "$RECEIVER" -i nosuch0
	[ "$stderr" = "receiver: nosuch0: no such interface: No such device" ]
}

@test "-P's kernel program is, instruction for instruction, the one tcpdump compiles for the same filter" {
	need tcpdump
	# Ethernet, BSD loopback (the family in this host's order, as
	# libpcap compares it), OpenBSD loopback, raw IP.
	# tcpdump compiles for this machine; the unit driver may be a
	# big-endian build under qemu (make cross), whose own lo0 would
	# write the family 00 00 00 02.
	local turn=cat
	if [ "$("$UNIT" host-order)" != "$(printf '\001\000' | od -An -tu2 | tr -d ' ' | sed 's/^1$/little/;s/^256$/big/')" ]; then
		turn="sed s/0x02000000/0x00000002/"
	fi
	for lt in "1 EN10MB" "0 NULL" "108 LOOP" "101 RAW"; do
		set -- $lt
		diff <("$UNIT" filter "$1" 1) <(tcpdump -dd -y "$2" icmp 2>/dev/null | $turn)
		diff <("$UNIT" filter "$1" 17) <(tcpdump -dd -y "$2" 'ip proto 17' 2>/dev/null | $turn)
	done
	# -P all: accept, then the reject a loopback's test jumps to.
	[ "$("$UNIT" filter 1 -1 | head -1)" = "$(tcpdump -dd -y EN10MB '' 2>/dev/null)" ]
	run -1 "$UNIT" filter 276 1
	[ -z "$output" ]
}
