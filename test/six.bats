#!/usr/bin/env bats
# receiver -6: a raw ICMPv6 socket, live on a private namespace's ::1,
# with iputils ping -6 for the traffic.  The socket hands over the
# ICMPv6 message alone (RFC 3542 3); -d and -w put a header rebuilt from
# the control messages in front of it.  And receiver -i lo -P icmp6,
# which shows the real header.  Every value is held against RFC
# arithmetic (the checksum over the pseudo-header, RFC 4443 2.3, summed
# here in awk), tcpdump's and tshark's reading of -w's file, or the
# same datagram as a packet socket saw it.

load test_helper

setup() {
	X=$BATS_TEST_TMPDIR
}

# Inside a namespace: wait_open FILE N waits until FILE lists N sockets
# below its heading (/proc/net/raw6), or N bound to every protocol
# (/proc/net/packet, Proto 0003, ETH_P_ALL: a capture binds last, once
# its ring and filter are set).  The scripts below start with it.
WAIT_OPEN='wait_open() {
	local i=0
	while [ "$(sed 1d "$1" | if [ "$1" = /proc/net/packet ]; then grep -c " 0003 "; else wc -l; fi)" -lt "$2" ] && [ "$i" -lt 250 ]; do
		sleep 0.02
		i=$((i + 1))
	done
}
'

# ping_six RECEIVER-ARGS...: receiver -6 -q -t 5 with those arguments,
# in a fresh namespace, while ping -6 -c 1 ::1 runs; its stdout, stderr
# and status in $X/out, $X/err, $X/status.
ping_six() {
	need ping
	require_netns
	in_netns "$WAIT_OPEN"'
		x=$1 r=$2
		shift 2
		"$r" -6 -t 5 "$@" >"$x/out" 2>"$x/err" &
		p=$!
		wait_open /proc/net/raw6 1
		ping -6 -c 1 -W 2 ::1 >/dev/null
		wait $p; echo $? >"$x/status"' "$X" "$RECEIVER" "$@"
}

# The ICMPv6 checksum's test over a message from ::1 to ::1, given as a
# "% X" line (RFC 4443 2.3, RFC 8200 8.1): the pseudo-header's source
# and destination (each 0x0001 in its last word), upper-layer length and
# next header 58, then the message's 16-bit words, summed in ones'
# complement.  ffff when the checksum in it is right.
pseudo_sum() {
	awk 'function h(s) { return index("0123456789ABCDEF", substr(s, 1, 1)) * 16 + index("0123456789ABCDEF", substr(s, 2, 1)) - 17 }
	{
		s = 1 + 1 + NF + 58
		for (i = 1; i <= NF; i += 2)
			s += h($i) * 256 + (i < NF ? h($(i + 1)) : 0)
		while (s > 65535)
			s = int(s / 65536) + s % 65536
		printf "%04x\n", s
	}' <<<"$1"
}

@test "-6: each line is the ICMPv6 message alone, ping's request (80 00) and the kernel's reply (81 00), checksums right over ::1's pseudo-header" {
	ping_six -q -c 2
	[ "$(cat "$X/status")" = 0 ]
	[ "$(wc -l <"$X/out")" -eq 2 ]
	request=$(sed -n 1p "$X/out") reply=$(sed -n 2p "$X/out")
	# No header in front: type and code first; ping's 56 bytes of
	# data behind the 8-byte echo header.
	[[ "$request" == "80 00 "* ]]
	[[ "$reply" == "81 00 "* ]]
	[ "$(wc -w <<<"$request")" -eq 64 ]
	[ "$(wc -w <<<"$reply")" -eq 64 ]
	# The reply echoes identifier, sequence and data.
	[ "${request:12}" = "${reply:12}" ]
	[ "$(pseudo_sum "$request")" = ffff ]
	[ "$(pseudo_sum "$reply")" = ffff ]
	grep -qx "receiver: 2 datagrams received, 0 dropped by the kernel (receive buffer [0-9]* bytes)" "$X/err"
}

@test "-6 -d: the header said rebuilt and from what, ::1 -> ::1, hop limit 64, the checksum verified over the pseudo-header" {
	ping_six -c 2 -d
	[ "$(cat "$X/status")" = 0 ]
	[ "$(grep -c '^waiting to receive$' "$X/out")" -eq 2 ]
	# The interface by name where the C library can tell it (musl asks
	# netlink, which qemu-user does not carry for another machine's
	# build).
	[ "$(grep -cxE "  rebuilt          IPv6 header, 40 bytes the socket does not hand over: source from recvfrom, destination( and interface \(lo\))? from IPV6_PKTINFO, hop limit from IPV6_HOPLIMIT" "$X/out")" -eq 2 ]
	[ "$(grep -cx "  not told         traffic class and flow label (shown as 0), extension headers (left out)" "$X/out")" -eq 2 ]
	[ "$(grep -cx "  flow label       0x00000" "$X/out")" -eq 2 ]
	[ "$(grep -cx "  payload length   64" "$X/out")" -eq 2 ]
	[ "$(grep -cx "  next header      58 (ICMPv6)" "$X/out")" -eq 2 ]
	[ "$(grep -cx "  hop limit        64" "$X/out")" -eq 2 ]
	[ "$(grep -cx "  addresses        ::1 -> ::1" "$X/out")" -eq 2 ]
	grep -qx "  ICMPv6 type      128 (echo request)" "$X/out"
	grep -qx "  ICMPv6 type      129 (echo reply)" "$X/out"
	# The sums the decoder calls valid are the ones the hex lines hold,
	# which RFC 4443's arithmetic finds right.
	[ "$(grep -c "^  ICMPv6 checksum  0x[0-9a-f]\{4\} (valid)$" "$X/out")" -eq 2 ]
	[ "$(grep -c '^8[01] 00 ' "$X/out")" -eq 2 ]
	while read -r line; do
		[ "$(pseudo_sum "$line")" = ffff ]
		sum=$(cut -d' ' -f3-4 <<<"$line" | tr -d ' ' | tr A-F a-f)
		grep -qx "  ICMPv6 checksum  0x$sum (valid)" "$X/out"
	done < <(grep '^8[01] 00 ' "$X/out")
}

@test "-6 -w: the rebuilt datagrams as tcpdump and tshark read them: echo request and reply ::1 > ::1, hop limit 64, checksum good" {
	need tcpdump
	ping_six -q -c 2 -w "$X/six.pcap"
	[ "$(cat "$X/status")" = 0 ]
	run -0 --separate-stderr tcpdump -nn -v -r "$X/six.pcap"
	[ "${#lines[@]}" -eq 2 ]
	[[ "${lines[0]}" == *" IP6 (hlim 64, next-header ICMPv6 (58) payload length: 64) ::1 > ::1: [icmp6 sum ok] ICMP6, echo request, id "*", seq 1" ]]
	[[ "${lines[1]}" == *" IP6 (hlim 64, next-header ICMPv6 (58) payload length: 64) ::1 > ::1: [icmp6 sum ok] ICMP6, echo reply, id "*", seq 1" ]]
	# Raw IP; the records hold the rebuilt header, then the very bytes
	# printed: traffic class and flow label 0.
	[[ "$(tcpdump -r "$X/six.pcap" 2>&1 >/dev/null)" == *"link-type RAW (Raw IP)"* ]]
	[ "$(tcpdump -r "$X/six.pcap" -x 2>/dev/null | awk '/^\t0x0000:/ { print $2 $3 $4 $5 }')" = $'6000000000403a40\n6000000000403a40' ]
	need tshark
	run -0 tshark -r "$X/six.pcap" -V
	[ "$(grep -c "\[Checksum Status: Good\]" <<<"$output")" -eq 2 ]
	[ "$(grep -c "Source Address: ::1$" <<<"$output")" -eq 2 ]
}

@test "-6 --only-replies: ICMP6_FILTER passes the replies alone" {
	ping_six -q -c 1 --only-replies
	[ "$(cat "$X/status")" = 0 ]
	# The one datagram is the reply; without the filter the request
	# comes first (the first test).
	[ "$(wc -l <"$X/out")" -eq 1 ]
	[[ "$(cat "$X/out")" == "81 00 "* ]]
	# Nothing else queued behind it: a second ping's two messages give
	# two replies.
	need ping
	in_netns "$WAIT_OPEN"'
		"$2" -6 -q -c 2 -t 5 --only-replies >"$1/two" 2>/dev/null &
		p=$!
		wait_open /proc/net/raw6 1
		ping -6 -c 2 -i 0.2 -W 2 ::1 >/dev/null
		wait $p' "$X" "$RECEIVER"
	[ "$(cut -c1-5 "$X/two")" = $'81 00\n81 00' ]
}

@test "-i lo -P icmp6: the whole frame, lo's Ethernet header and the real IPv6 header in front of what -6 prints; IPv4's ping kept out" {
	need_ring
	need ping
	require_netns
	in_netns "$WAIT_OPEN"'
		"$2" -i lo -P icmp6 -q -c 2 -t 5 >"$1/frames" 2>"$1/err" &
		f=$!
		"$2" -6 -q -c 2 -t 5 -w "$1/six.pcap" >"$1/six" 2>/dev/null &
		s=$!
		wait_open /proc/net/packet 1
		wait_open /proc/net/raw6 1
		ping -c 1 -W 2 127.0.0.1 >/dev/null
		ping -6 -c 1 -W 2 ::1 >/dev/null
		wait $f; echo $? >"$1/status"
		wait $s' "$X" "$RECEIVER"
	[ "$(cat "$X/status")" = 0 ]
	[ "$(wc -l <"$X/frames")" -eq 2 ]
	# 14 zero bytes and EtherType 86 DD; version 6; next header 3A,
	# hop limit 40 (64); then the message -6 printed.  Each "% X" byte
	# takes 3 characters: the message begins at byte 54.
	while read -r frame <&3 && read -r six <&4; do
		[ "${frame:0:41}" = "00 00 00 00 00 00 00 00 00 00 00 00 86 DD" ]
		[ "${frame:42:1}" = 6 ]
		[ "${frame:60:5}" = "3A 40" ]
		[ "${frame:162}" = "$six" ]
	done 3<"$X/frames" 4<"$X/six"
	# The rebuilt header says what the real one says, from the payload
	# length on (bytes 4-39); traffic class and flow label are not told.
	rebuilt=$(tcpdump -r "$X/six.pcap" -x 2>/dev/null | awk '/^\t0x/ { for (i = 2; i <= NF; i++) printf "%s", $i } /^[0-9]/ && NR > 1 { print "" } END { print "" }' | cut -c9-80)
	real=$(tr -d ' ' <"$X/frames" | cut -c37-108 | tr A-F a-f)
	[ "$rebuilt" = "$real" ]
	grep -qx "receiver: 2 frames received, 0 dropped by the kernel (buffer [0-9]* bytes)" "$X/err"
}

@test "-i lo -P icmp6 shows what tcpdump -i lo captures of the same traffic, byte for byte" {
	need_ring
	require_real_root "a live tcpdump capture"
	require_netns
	need tcpdump
	need ping
	in_netns "$WAIT_OPEN"'
		tcpdump -Z root -U --immediate-mode -i lo -w "$1/t.pcap" "ip6 proto 58" 2>/dev/null &
		t=$!
		"$2" -i lo -P 58 -q -c 2 -t 5 >"$1/frames" 2>/dev/null &
		r=$!
		wait_open /proc/net/packet 2
		ping -6 -c 1 -W 2 ::1 >/dev/null
		wait $r
		sleep 0.2; kill $t; wait $t || true' "$X" "$RECEIVER"
	tcpdump -r "$X/t.pcap" -xx 2>/dev/null | awk '
		/^\t0x/ { for (i = 2; i <= NF; i++) for (j = 1; j < length($i); j += 2) line = line (line == "" ? "" : " ") toupper(substr($i, j, 2)); next }
		{ if (line != "") print line; line = "" }
		END { if (line != "") print line }' >"$X/tcpdump"
	[ "$(wc -l <"$X/frames")" -eq 2 ]
	diff "$X/tcpdump" "$X/frames"
}

@test "-P icmp6's kernel program is, instruction for instruction, tcpdump's for 'ip6 proto 58'" {
	need tcpdump
	# Ethernet, BSD loopback (AF_INET6 in this host's order), OpenBSD
	# loopback (network order), raw IP (the version nibble).  As in
	# capture.bats, the unit driver may be another machine's build:
	# compared only where it runs natively.
	[ -z "${TEST_UNIT:-}" ] || skip "the unit driver is another machine's build (AF_INET6 differs)"
	for lt in "1 EN10MB" "0 NULL" "108 LOOP" "101 RAW"; do
		set -- $lt
		diff <("$UNIT" filter "$1" 58) <(tcpdump -dd -y "$2" 'ip6 proto 58' 2>/dev/null)
	done
	# A link type that carries IPv4 alone: no program.
	run -1 "$UNIT" filter 228 58
	[ -z "$output" ]
}

@test "-6: bad uses are refused with the reason, status 2" {
	bad 2 "receiver: -6 opens a raw IPv6 socket: -i captures an interface's frames, of either IP version (-i lo -P icmp6 keeps ICMPv6)" "$RECEIVER" -6 -i lo
	bad 2 "receiver: -6 opens a raw IPv6 socket: -r reads a file, whose frames say their own IP version" "$RECEIVER" -6 -r /dev/null
	bad 2 "receiver: -l says how a system lays out the IPv4 header a raw socket hands over: a raw IPv6 socket hands over no header (RFC 3542 3)" "$RECEIVER" -6 -l linux
	bad 2 "receiver: protocol is icmp: ICMP is IPv4's; IPv6 has its own, ICMPv6 (-P icmp6, the default with -6)" "$RECEIVER" -6 -P icmp
	bad 2 "receiver: --only-replies keeps ICMPv6 echo replies: it does not apply to -P udp (protocol 17)" "$RECEIVER" -6 -P udp --only-replies
	bad 2 "receiver: protocol is ipv6-icmp: ICMPv6 travels in IPv6 datagrams: -6 opens a raw IPv6 socket for it (-i -P ipv6-icmp keeps an interface's)" "$RECEIVER" -P ipv6-icmp
	bad 2 "receiver: -P all takes every frame of an interface: it needs -i (a raw IP socket has one protocol)" "$RECEIVER" -6 -P all
}

@test "-6 without privilege: the raw socket's hint, exit 1" {
	public_bin
	run_unprivileged "$PUB/receiver" -6
	rm -rf "$PUB"
	[ "$status" -eq 1 ]
	[[ "$output" == "receiver: socket: Operation not permitted: a raw socket needs root or CAP_NET_RAW: "* ]]
}

@test "the article's walk-through over ::1 with sender -6, with and without --hdrincl: request 80 00 7F BB, reply 81 00 7E BB" {
	require_netns
	in_netns "$WAIT_OPEN"'
		"$2" -6 -q -c 4 -t 5 >"$1/out" 2>"$1/err" &
		p=$!
		wait_open /proc/net/raw6 1
		"$3" -6 >/dev/null 2>&1
		"$3" -6 --hdrincl >/dev/null 2>&1
		wait $p; echo $? >"$1/status"' "$X" "$RECEIVER" "$SENDER"
	[ "$(cat "$X/status")" = 0 ]
	# The sender hands over 80 00 00 00 00 00 00 00; the kernel (or,
	# with --hdrincl, the sender) sums over the pseudo-header: ::1 and
	# ::1 (0x0001 each), length 8, next header 58: 0x0044; with the
	# message, 0x8044, whose complement is 0x7fbb.  The reply, type
	# 0x81: 0x8144, complement 0x7ebb.
	[ "$(cat "$X/out")" = "80 00 7F BB 00 00 00 00
81 00 7E BB 00 00 00 00
80 00 7F BB 00 00 00 00
81 00 7E BB 00 00 00 00" ]
	while read -r line; do
		[ "$(pseudo_sum "$line")" = ffff ]
	done <"$X/out"
}

@test "--compare -6's Linux row is what this kernel answers: IPV6_CHECKSUM refused, IPV6_HDRINCL on for IPPROTO_RAW" {
	[ -z "${TEST_UNIT:-}" ] || skip "the unit driver is another machine's build under qemu-user, which does not carry these IPv6 options: the native build asks the kernel"
	[ "$(uname -s)" = Linux ] || skip "the linux row is Linux's to answer"
	require_netns
	run "$ROOT/scripts/netns.sh" "$UNIT" probe6
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "IPV6_CHECKSUM 2: refused (EINVAL)" ]
	[ "${lines[1]}" = "IPV6_HDRINCL: 1" ]
	run "$SENDER" --compare -6
	[[ "$output" == *"IPV6_CHECKSUM on an ICMPv6 socket:"$'\n'"  linux   refused (EINVAL): "* ]]
	[[ "$output" == *"IPV6_HDRINCL, an IPv6 header of the program's own:"$'\n'"  linux   yes "* ]]
}

@test "-6 -w: the largest message, 65535 bytes behind the rebuilt header, is kept whole (snapshot length 65575), checksum good" {
	need tshark
	need ping
	require_netns
	X=$BATS_TEST_TMPDIR
	in_netns '
		"$1" -6 -q -c 2 -t 5 -w "$2/big.pcap" >/dev/null 2>&1 &
		r=$!
		sleep 0.5
		ping -6 -c 1 -W 2 -s 65527 ::1 >/dev/null
		wait $r' "$RECEIVER" "$X"
	# 65527 bytes of data behind ping's 8-byte echo header: 65535, the
	# most a payload length says (RFC 8200 3).
	run -0 --separate-stderr tshark -r "$X/big.pcap" -T fields -e frame.cap_len -e frame.len -e ipv6.plen -e icmpv6.checksum.status
	[ "${lines[0]}" = "$(printf '65575\t65575\t65535\t1')" ]
	[ "${lines[1]}" = "$(printf '65575\t65575\t65535\t1')" ]
}
