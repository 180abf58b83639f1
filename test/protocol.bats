#!/usr/bin/env bats
# -P: other protocols on the receiver, and -d's TCP and UDP headers.
# The checksums below were worked out by RFC 1071 arithmetic over the
# pseudo-header (RFC 9293 3.1, RFC 768) outside this code: the TCP
# segment's 0x8043, the UDP datagram's 0xde42, the IP headers' 0x7ccb
# and 0x7cd7.
# The SYN's other bytes are a real Linux SYN to port 5555 on loopback.

load test_helper

SYN="45 00 00 3c d6 be 40 00 40 06 65 fb 7f 00 00 01 7f 00 00 01 c0 cc 15 b3 7b 83 c4 41 00 00 00 00 a0 02 ff d7 80 43 00 00 02 04 ff d7 04 02 08 0a 37 ee 81 88 00 00 00 00 01 03 03 0a"
UDP="45 00 00 1f 00 01 00 00 40 11 7c cb 7f 00 00 01 7f 00 00 01 9c 40 14 e9 00 0b de 42 68 69 0a"

@test "-d decodes a TCP header: ports, sequence, flags, window, the checksum over the pseudo-header" {
	run -0 "$RECEIVER" -r - -d <<<"$SYN"
	[ "${lines[9]}" = "  protocol         6 (TCP)" ]
	[ "${lines[12]}" = "  TCP ports        49356 -> 5555" ]
	[ "${lines[13]}" = "  sequence         2072233025" ]
	[ "${lines[14]}" = "  acknowledgment   0" ]
	[ "${lines[15]}" = "  data offset      40 bytes of header (10 words)" ]
	[ "${lines[16]}" = "  TCP flags        SYN" ]
	[ "${lines[17]}" = "  window           65495" ]
	[ "${lines[18]}" = "  TCP checksum     0x8043 (valid)" ]
	[ "${lines[19]}" = "  urgent pointer   0" ]
	[ "${lines[20]}" = "  TCP options      20 bytes" ]
	# Linux's SYN options, as tcpdump -v lists them: mss 65495, sackOK,
	# TS val 938377608 ecr 0, nop, wscale 10 (decode.bats checks the list
	# against tcpdump itself).
	[ "${lines[21]}" = "    option         mss 65495 (maximum segment size, kind 2)" ]
	[ "${lines[25]}" = "    option         wscale 10 (window scale: x1024, kind 3)" ]
	[ "${lines[26]}" = "  payload          0 bytes" ]
}

@test "-d: a loopback segment's checksum left for the card is named, with the right value" {
	# As Linux hands it to a raw socket on loopback: 0xfe30, the
	# pseudo-header's own sum (tcpdump: "incorrect -> 0x8043").
	run -0 "$RECEIVER" -r - -d <<<"${SYN/80 43/fe 30}"
	[ "${lines[18]}" = "  TCP checksum     0xfe30 (the pseudo-header's sum only: Linux leaves the rest to the network card, and on loopback none adds it; should be 0x8043)" ]
	run -0 "$RECEIVER" -r - -d <<<"${SYN/80 43/80 44}"
	[ "${lines[18]}" = "  TCP checksum     0x8044 (INVALID: should be 0x8043)" ]
}

@test "-d: TCP flags by name, in bit order; a data offset that cannot be" {
	# SYN and ACK (0x12); data offset 15 words, more than the 40 bytes.
	run -0 "$RECEIVER" -r - -d <<<"$(sed 's/a0 02 ff d7/f0 12 ff d7/' <<<"$SYN")"
	[ "${lines[15]}" = "  data offset      60 bytes of header (15 words): more than the segment holds" ]
	[ "${lines[16]}" = "  TCP flags        SYN, ACK" ]
	[ "${lines[20]}" = "  payload          20 bytes after the fixed header, not placed: the data offset is wrong" ]
}

@test "-d: a TCP segment shorter than its header says what is there" {
	run -0 "$RECEIVER" -r - -d <<<"45 00 00 1e 00 01 00 00 40 06 7c d7 7f 00 00 01 7f 00 00 01 c0 cc 15 b3 7b 83"
	[ "${lines[10]}" = "  header checksum  0x7cd7 (valid)" ]
	[ "${lines[12]}" = "  TCP ports        49356 -> 5555" ]
	[ "${lines[13]}" = "  TCP              only 6 bytes: shorter than the 20-byte TCP header; the rest is not decoded" ]
}

@test "-d decodes a UDP header, and a checksum of 0 as none" {
	run -0 "$RECEIVER" -r - -d <<<"$UDP"
	[ "${lines[10]}" = "  header checksum  0x7ccb (valid)" ]
	[ "${lines[12]}" = "  UDP ports        40000 -> 5353" ]
	[ "${lines[13]}" = "  UDP length       11" ]
	[ "${lines[14]}" = "  UDP checksum     0xde42 (valid)" ]
	[ "${lines[15]}" = "  payload          3 bytes" ]
	run -0 "$RECEIVER" -r - -d <<<"${UDP/de 42/00 00}"
	[ "${lines[14]}" = "  UDP checksum     0x0000 (none: the sender computed none, which RFC 768 allows)" ]
}

@test "-P with a value it cannot use: a message and status 2" {
	run -2 "$RECEIVER" -P 255
	[ "$output" = "receiver: protocol is 255: a raw socket of protocol 255 receives nothing (it only sends)" ]
	run -2 "$RECEIVER" -P 0x00
	[ "$output" = "receiver: protocol is 0x00: a raw socket of protocol 0 receives nothing" ]
	run -2 "$RECEIVER" -P sctpx
	[ "$output" = "receiver: protocol is sctpx: not a protocol name this system knows (getprotobyname) or a number 1-254" ]
	run -2 "$RECEIVER" -P tcp --only-replies
	[ "$output" = "receiver: --only-replies keeps ICMP echo replies: it does not apply to -P tcp (protocol 6)" ]
	run -2 "$RECEIVER" -P udp -r - </dev/null
	[ "$output" = "receiver: -P picks a socket's protocol: it does not apply to -r" ]
}

@test "-P tcp: a connection to a listener in the namespace, protocol 06, ports decoded" {
	require_netns
	if [ "$(uname -s)" != Linux ]; then
		# BSD-derived kernels never deliver TCP to a raw socket.
		run -1 --separate-stderr "$ROOT/scripts/netns.sh" "$RECEIVER" -P tcp -q -t 1
		[ "${stderr_lines[0]}" = "receiver: this kernel never delivers TCP to a raw socket (BSD kernels, macOS included, keep them for their own stack): nothing will arrive" ]
		return
	fi
	command -v python3 >/dev/null || { echo "python3 is missing (the listener)" >&2; return 1; }
	X=$BATS_TEST_TMPDIR
	# The listener first, and the receiver once it listens: a python that
	# starts slowly must not meet a refused connection (whose RST the
	# receiver would count), nor a receiver that has timed out.  Each
	# part ends on its own: the listener gives up after 10 s, the
	# receiver after 3 datagrams or 2 s of none.
	in_netns '
		python3 -c "
import socket
s = socket.socket()
s.settimeout(10)
s.bind((\"127.0.0.1\", 5555))
s.listen(1)
c, _ = s.accept()
c.settimeout(10)
c.recv(16)
c.close()" 2>"$2/listener.err" &
		listener=$!
		# Listening: /proc/net/tcp lists port 5555 (15B3) in state 0A,
		# LISTEN (include/net/tcp_states.h).  10 s at most.
		i=0
		until awk '\''$2 ~ /:15B3$/ && $4 == "0A" { found = 1 } END { exit !found }'\'' /proc/net/tcp; do
			i=$((i + 1))
			if [ "$i" -gt 200 ] || ! kill -0 "$listener" 2>/dev/null; then
				echo "no listener on 127.0.0.1:5555 (waited 10 s at most); python said:" >&2
				cat "$2/listener.err" >&2
				kill "$listener" 2>/dev/null
				exit 1
			fi
			sleep 0.05
		done
		"$1" -P tcp -q -d -c 3 -t 2 >"$2/out" 2>"$2/err" &
		wait_raw_sockets 1
		exec 3<>/dev/tcp/127.0.0.1/5555 || { kill "$listener"; exit 1; }
		echo hi >&3
		exec 3>&-
		wait' "$RECEIVER" "$X"
	# The handshake: SYN, SYN-ACK, ACK, each protocol 06 at byte 10.
	[ "$(grep -c '^45 .. .. .. .. .. .. .. .. 06 ' "$X/out")" -eq 3 ]
	grep -q "^  TCP ports        [0-9]* -> 5555$" "$X/out"
	grep -q "^  TCP ports        5555 -> [0-9]*$" "$X/out"
	grep -q "^  TCP flags        SYN$" "$X/out"
	grep -q "^  TCP flags        SYN, ACK$" "$X/out"
	grep -q "^receiver: 3 datagrams received" "$X/err"
}

@test "-P udp: a datagram to a closed port, protocol 11, ports and payload decoded" {
	require_netns
	if [ "$(uname -s)" != Linux ]; then
		run -1 --separate-stderr "$ROOT/scripts/netns.sh" "$RECEIVER" -P udp -q -t 1
		[ "${stderr_lines[0]}" = "receiver: this kernel never delivers UDP to a raw socket (BSD kernels, macOS included, keep them for their own stack): nothing will arrive" ]
		return
	fi
	X=$BATS_TEST_TMPDIR
	in_netns '
		"$1" -P udp -q -d -c 1 -t 2 >"$2/out" 2>"$2/err" &
		wait_raw_sockets 1
		echo hi >/dev/udp/127.0.0.1/5353
		wait' "$RECEIVER" "$X"
	grep -q '^45 .. .. .. .. .. .. .. .. 11 ' "$X/out"
	grep -q "^  UDP ports        [0-9]* -> 5353$" "$X/out"
	grep -q "^  UDP length       11$" "$X/out"
	grep -q "^  payload          3 bytes$" "$X/out"
}
