#!/usr/bin/env bats
# The articles' exchange for real: receiver and sender together in a
# private network namespace, on its own loopback.

load test_helper

setup() {
	require_netns
}

@test "the receiver prints the request and the kernel's reply" {
	exchange -c 2 -t 5 -- 
	[ "$(cat "$X/receiver.status")" = 0 ]
	[ "$(cat "$X/sender.status")" = 0 ]
	# The sender prints the article's three lines.
	diff -u "$FIXTURES/sender/article-linux.txt" "$X/sender.out"
	# Only the bytes the kernel chooses are blanked: see the fixture.
	mask_kernel_bytes <"$X/receiver.out" |
	    diff -u "$FIXTURES/live/exchange.txt" -
}

@test "every received IP header checksum is valid" {
	exchange -c 2 -t 5 -q --
	[ "$(wc -l <"$X/receiver.out")" -eq 2 ]
	while read -r line; do
		[ "$(header_checksum "$line")" = 0000 ]
	done <"$X/receiver.out"
}

@test "the summary on stderr counts the datagrams and the kernel's drops" {
	exchange -c 2 -t 5 --
	grep -qx "receiver: 2 datagrams received, 0 dropped by the kernel (receive buffer [0-9]* bytes)" "$X/receiver.err"
}

@test "-t gives up with status 1 and a message when nothing comes" {
	run -1 --separate-stderr "$ROOT/scripts/netns.sh" "$RECEIVER" -t 0.3
	[ "$output" = "waiting to receive" ]
	[[ "$stderr" == *"receiver: no datagram for 0.3 seconds: giving up"* ]]
}

@test "sendto with loopback down says how to bring it up" {
	[ "$(uname -s)" = Linux ] || skip "network namespaces are Linux's"
	if [ "$(id -u)" -eq 0 ]; then
		run -1 --separate-stderr unshare -n "$SENDER"
	else
		run -1 --separate-stderr unshare -rn "$SENDER"
	fi
	# glibc says "Network is unreachable", musl "Network unreachable".
	[[ "$stderr" == *"sendto: Network "*"unreachable: the loopback interface is down ('ip link set lo up')" ]]
}

@test "a failed send: the bytes first, then the reason, in that order on one stream" {
	[ "$(uname -s)" = Linux ] || skip "network namespaces are Linux's"
	if [ "$(id -u)" -eq 0 ]; then ns="unshare -n"; else ns="unshare -rn"; fi
	run -1 $ns "$SENDER" --color=never
	[ "${lines[0]}" = "Transmitting bytes:" ]
	[ "${lines[1]}" = "45 00 00 00 00 00 00 00 40 01 00 00 00 00 00 00 7f 00 00 01 08 00 f7 ff 00 00 00 00" ]
	[[ "${lines[2]}" == "sender: sendto: Network "*"unreachable: the loopback interface is down ('ip link set lo up')" ]]
}

@test "sendto with loopback up but no address says to add one" {
	[ "$(uname -s)" = Linux ] || skip "network namespaces are Linux's"
	in_netns 'ip addr flush dev lo; "$1" >"$2/out" 2>"$2/err"; echo $? >"$2/status"' "$SENDER" "$BATS_TEST_TMPDIR"
	[ "$(cat "$BATS_TEST_TMPDIR/status")" = 1 ]
	[[ "$(cat "$BATS_TEST_TMPDIR/err")" == *"sendto: Network "*"unreachable: the loopback interface is up but has no IPv4 address ('ip addr add 127.0.0.1/8 dev lo')" ]]
	# The bytes were printed before the send failed, as the article does.
	grep -qx "Transmitting bytes:" "$BATS_TEST_TMPDIR/out"
	[ "$(sed -n 2p "$BATS_TEST_TMPDIR/out" | wc -w)" -eq 28 ]
}

@test "a datagram over the MTU: what Linux does with IP_HDRINCL, and the ways out" {
	[ "$(uname -s)" = Linux ] || skip "raw_send_hdrinc is Linux's"
	# lo's MTU lowered to 1280; a 1500-byte datagram (1472 bytes of payload).
	in_netns 'ip link set lo mtu 1280; "$1" -q -p "$(head -c 1472 /dev/zero | od -An -v -tx1 | tr -d " \n")" >"$2/out" 2>"$2/err"; echo $? >"$2/status"' "$SENDER" "$BATS_TEST_TMPDIR"
	[ "$(cat "$BATS_TEST_TMPDIR/status")" = 1 ]
	# strerror(EMSGSIZE) is the C library's: glibc's "Message too
	# long", musl's (make cross) "Message too large".  Under qemu-user,
	# which carries no IP_MTU getsockopt, the route's MTU is not known,
	# and the message says only what is.
	local want="1500 bytes is more than the MTU of the route (1280), and Linux does not fragment a datagram whose header is ours (IP_HDRINCL): send a shorter one (-p), or fragments of your own (--mf, --frag-offset)"
	[ -z "${TEST_BIN:-}" ] ||
	    want="1500 bytes is more than this kernel sends in one datagram here: send a shorter one (-p), or fragments of your own (--mf, --frag-offset)"
	[[ "$(cat "$BATS_TEST_TMPDIR/err")" == "sender: sendto: Message too "*": $want" ]]
}

@test "the payload goes out and comes back in the reply" {
	exchange -c 2 -t 5 -q -- -p c0de
	# Request: the other article's bytes, 37 21.  Reply: type 0, so the
	# sum is 0800 less: ~c0de = 3f 21, the article's reply checksum (a
	# message that is not all zero has only one right checksum).
	[ "$(cut -d' ' -f21-30 <"$X/receiver.out" | head -1)" = "08 00 37 21 00 00 00 00 C0 DE" ]
	[ "$(cut -d' ' -f21-30 <"$X/receiver.out" | tail -1)" = "00 00 3F 21 00 00 00 00 C0 DE" ]
}

@test "a time-out of one second is said in the singular" {
	require_netns
	run -1 --separate-stderr "$ROOT/scripts/netns.sh" "$RECEIVER" -q -t 1
	[ "$stderr" = "receiver: no datagram for 1 second: giving up"$'\n'"receiver: 0 datagrams received, 0 dropped by the kernel (receive buffer $(sed -n 's/.*(receive buffer \([0-9]*\) bytes.*/\1/p' <<<"$stderr") bytes)" ]
}

@test "-l darwin sent live on Linux: the article's macOS bytes go out, and arrive in network order" {
	[ "$(uname -s)" = Linux ] || skip "what Linux does with a macOS header"
	exchange -c 2 -t 5 --color=never -- -l darwin --color=never
	[ "$(cat "$X/sender.status")" = 0 ]
	# The article's macOS sender output: 1c 00, id 00 0b, 60 f0.
	[ "$(sed -n 2p "$X/sender.out")" = "$(cat "$FIXTURES/sender/darwin.txt")" ]
	# Linux writes the length itself and sums the header again: the
	# request arrives as the article says it would with 00 1c, 7c d4,
	# its id and source as the program set them.
	[ "$(sed -n 2p "$X/receiver.out")" = "45 00 00 1C 00 0B 00 00 40 01 7C D4 7F 00 00 01 7F 00 00 01 08 00 F7 FF 00 00 00 00" ]
	# and the kernel answers it: type 00.
	[[ "$(sed -n 4p "$X/receiver.out")" == "45 00 00 1C "*" 7F 00 00 01 7F 00 00 01 00 00 "* ]]
}

@test "-l darwin --df sent on Linux: the flags field as Linux reads it, said on stderr, and -w records what the wire carried" {
	[ "$(uname -s)" = Linux ] || skip "what Linux does with a macOS header"
	command -v tcpdump >/dev/null || { [ -z "${CI:-}" ] || return 1; skip "tcpdump is not installed"; }
	require_real_root "tcpdump captures live, then drops to its own user, which a user namespace cannot become"
	# A fragment is held for reassembly, never handed to a raw socket:
	# tcpdump on lo is the wire's witness.
	in_netns '
		tcpdump -i lo --immediate-mode -U -n -w "$2/wire.pcap" 2>"$2/td.err" &
		t=$!
		i=0; until grep -qs "listening on" "$2/td.err" || [ $i -ge 50 ]; do sleep 0.1; i=$((i + 1)); done
		"$1" -q -l darwin --df -w "$2/sent.pcap" 2>"$2/err"
		sleep 0.3
		kill -INT $t; wait $t' "$SENDER" "$BATS_TEST_TMPDIR"
	# DF is 0x4000; darwin writes it little-endian, 00 40; Linux reads
	# the field in network order: 0x0040, offset 64 units of 8 = 512.
	[ "$(head -1 "$BATS_TEST_TMPDIR/err")" = "sender: the darwin layout writes DF, offset 0 in little-endian, as 00 40; Linux reads that field in network order, so the wire carries no flags, offset 64 (512 bytes): the articles' byte-order mistake, made on purpose (-w records the wire's bytes)" ]
	# tcpdump reads the same on the wire and on what the sender saved.
	for f in wire sent; do
		tcpdump -v -n -r "$BATS_TEST_TMPDIR/$f.pcap" 2>/dev/null >"$BATS_TEST_TMPDIR/$f.txt"
		grep -q "offset 512, flags \[none\]" "$BATS_TEST_TMPDIR/$f.txt"
	done
}

@test "-l linux --df on Linux: nothing to say, the field is read as written" {
	[ "$(uname -s)" = Linux ] || skip "the native layout here"
	exchange -c 2 -t 5 -q -- --df
	[ ! -s "$X/sender.err" ]
	[ "$(head -1 "$X/receiver.out" | cut -d' ' -f7-8)" = "40 00" ]
}

@test "receiver -w records each datagram's arrival time, not the time it was read" {
	command -v tcpdump >/dev/null || { [ -z "${CI:-}" ] || return 1; skip "tcpdump is not installed"; }
	# qemu-user (make cross) drops the SO_TIMESTAMPNS control message:
	# there the receiver has only the time it read each one.
	[ -z "${TEST_BIN:-}" ] ||
	    skip "qemu-user passes no SO_TIMESTAMPNS stamps: the native build is tested"
	# Three requests 0.5 s apart, read only after the last one came (the
	# receiver is stopped meanwhile): six records, six times, the requests
	# about 0.5 s apart.
	in_netns '
		"$1" -q -c 6 -t 5 -w "$2/r.pcap" >/dev/null 2>&1 &
		r=$!
		wait_raw_sockets 1
		kill -STOP $r
		"$3" -q -c 3 -i 0.5 2>/dev/null
		kill -CONT $r
		wait $r' "$RECEIVER" "$BATS_TEST_TMPDIR" "$SENDER"
	tcpdump -n -tt -r "$BATS_TEST_TMPDIR/r.pcap" 2>/dev/null | awk '{print $1}' >"$BATS_TEST_TMPDIR/t"
	[ "$(wc -l <"$BATS_TEST_TMPDIR/t")" -eq 6 ]
	[ "$(sort -u "$BATS_TEST_TMPDIR/t" | wc -l)" -eq 6 ]
	# first request to third: 1.0 s, give or take scheduling.
	gap=$(awk 'NR == 1 { a = $1 } NR == 5 { printf "%d", ($1 - a) * 1000 }' "$BATS_TEST_TMPDIR/t")
	[ "$gap" -ge 950 ] && [ "$gap" -le 1300 ]
}

@test "receiver -d shows each datagram's arrival time from the kernel, to the nanosecond" {
	exchange -c 1 -t 5 -d -- -q
	grep -Eq "^  arrived          [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{9} UTC$" "$X/receiver.out"
	# The date is today's (UTC).
	grep -q "arrived          $(date -u +%Y-%m-%d)" "$X/receiver.out"
}

@test "sender -w records the time just before each send" {
	command -v tcpdump >/dev/null || { [ -z "${CI:-}" ] || return 1; skip "tcpdump is not installed"; }
	in_netns '"$1" -q -c 3 -i 0.3 -w "$2/s.pcap" 2>/dev/null' "$SENDER" "$BATS_TEST_TMPDIR"
	tcpdump -n -tt -r "$BATS_TEST_TMPDIR/s.pcap" 2>/dev/null | awk '{print $1}' >"$BATS_TEST_TMPDIR/t"
	gap=$(awk 'NR == 1 { a = $1 } NR == 3 { printf "%d", ($1 - a) * 1000 }' "$BATS_TEST_TMPDIR/t")
	[ "$gap" -ge 580 ] && [ "$gap" -le 900 ]
}

@test "-l netbsd --df on Linux: turned around only where this machine is little-endian, and said only then" {
	[ "$(uname -s)" = Linux ] || skip "what Linux does with a NetBSD header"
	# The netbsd layout writes the field in this machine's order: bytes
	# 6-7 of the built request tell which.
	built=$("$SENDER" -n -l netbsd --df --color=never | cut -d' ' -f7-8)
	in_netns '"$1" -q -l netbsd --df 2>"$2/err"' "$SENDER" "$BATS_TEST_TMPDIR"
	if [ "$built" = "00 40" ]; then
		grep -q "^sender: the netbsd layout writes DF, offset 0 in this machine's order, little-endian, as 00 40; Linux reads that field in network order, so the wire carries no flags, offset 64 (512 bytes)" "$BATS_TEST_TMPDIR/err"
	else
		[ "$built" = "40 00" ]
		! grep -q "layout writes" "$BATS_TEST_TMPDIR/err"
	fi
}
