#!/usr/bin/env bats
# pcap out (sender -w, receiver -w) and in (receiver -r): files that
# tcpdump and Wireshark read, and that we read back.

load test_helper

# tcpdump is the independent reader; CI installs it, elsewhere its tests
# are skipped with the reason.
need_tcpdump() {
	command -v tcpdump >/dev/null 2>&1 && return 0
	[ -z "${CI:-}" ] || { echo "tcpdump is missing in CI" >&2; return 1; }
	skip "tcpdump is not installed"
}

@test "sender -n -w writes a LINKTYPE_RAW pcap: header and record by hand" {
	run -0 "$SENDER" -n -q -w "$BATS_TEST_TMPDIR/s.pcap"
	# 24-byte file header (magic, 2.4, 0, 0, snaplen 65535, link type
	# 101), 16-byte record header (two time fields, 28, 28), 28 bytes.
	[ "$(wc -c <"$BATS_TEST_TMPDIR/s.pcap")" -eq $((24 + 16 + 28)) ]
	# Little-endian on every host, read a byte at a time.
	[ "$(od -An -tx1 -N8 "$BATS_TEST_TMPDIR/s.pcap" | tr -s ' ')" = " d4 c3 b2 a1 02 00 04 00" ]
	[ "$(od -An -tx1 -j16 -N8 "$BATS_TEST_TMPDIR/s.pcap" | tr -s ' ')" = " ff ff 00 00 65 00 00 00" ]
	[ "$(od -An -tx1 -j32 -N8 "$BATS_TEST_TMPDIR/s.pcap" | tr -s ' ')" = " 1c 00 00 00 1c 00 00 00" ]
	# The packet in wire format: length and checksum as Linux fills them.
	[ "$(od -An -tx1 -j40 "$BATS_TEST_TMPDIR/s.pcap" | tr -s ' \n' ' ')" = " 45 00 00 1c 00 00 00 00 40 01 fb e0 00 00 00 00 7f 00 00 01 08 00 f7 ff 00 00 00 00 " ]
}

@test "sender -w in every layout writes the same wire bytes" {
	for l in darwin wire; do
		"$SENDER" -n -q -l "$l" -w "$BATS_TEST_TMPDIR/$l.pcap"
		run -0 --separate-stderr "$RECEIVER" -r "$BATS_TEST_TMPDIR/$l.pcap"
		[ "$output" = "45 00 00 1C 00 0B 00 00 40 01 7C D4 7F 00 00 01 7F 00 00 01 08 00 F7 FF 00 00 00 00" ]
	done
}

@test "receiver -l darwin -w: a datagram in sending form goes out as the kernel sends it" {
	# sender -n -l darwin is what a Mac hands its kernel; on the wire
	# the length is 00 1c and the checksum 7c d4 (the article's note),
	# not 28 + 20 bytes counted twice.
	"$SENDER" -n -l darwin | "$RECEIVER" -r - -l darwin -q -w "$BATS_TEST_TMPDIR/d.pcap"
	[ "$(od -An -tx1 -j40 "$BATS_TEST_TMPDIR/d.pcap" | tr -s ' \n' ' ')" = " $(cat "$FIXTURES/sender/wire.txt") " ]
}

@test "receiver -l darwin: a cut-short delivery is 36 bytes both decoded and in -w" {
	# A macOS delivery saying 16 (10 00, host order, header left out):
	# 36 bytes on the wire, of which only 28 are here.
	run -0 --separate-stderr "$RECEIVER" -r - -l darwin -d -w "$BATS_TEST_TMPDIR/c.pcap" <<<"45 00 10 00 12 34 00 00 40 01 FC D8 C0 A8 00 01 AC 10 FE FE 03 01 53 BD 00 00 00 00"
	[[ "$output" == *"total length     36 (read as 16, host order 10 00, header left out), but only 28 bytes read: the datagram is cut short"* ]]
	[ "$(od -An -tx1 -j42 -N2 "$BATS_TEST_TMPDIR/c.pcap" | tr -d ' ')" = 0024 ]
}

@test "tcpdump agrees: 36 bytes, 8 missing, for the cut-short darwin delivery" {
	need_tcpdump
	"$RECEIVER" -r - -l darwin -q -w "$BATS_TEST_TMPDIR/c.pcap" <<<"45 00 10 00 12 34 00 00 40 01 FC D8 C0 A8 00 01 AC 10 FE FE 03 01 53 BD 00 00 00 00"
	run -0 tcpdump -nn -v -r "$BATS_TEST_TMPDIR/c.pcap"
	[[ "$output" == *"truncated-ip - 8 bytes missing!"*"length 36"* ]]
}

@test "receiver -r reads a link type whose upper bits carry FCS information" {
	# 0x04000065: link type 101 with an FCS length in bits 26-31, as
	# libpcap reads it (low 16 bits).
	{ pcap_hdr 65535 $((0x04000065)); rec 28; bin "$(cat "$FIXTURES/sender/wire.txt")"; } >"$BATS_TEST_TMPDIR/f.pcap"
	run -0 --separate-stderr "$RECEIVER" -r "$BATS_TEST_TMPDIR/f.pcap"
	[ "$output" = "45 00 00 1C 00 0B 00 00 40 01 7C D4 7F 00 00 01 7F 00 00 01 08 00 F7 FF 00 00 00 00" ]
}

@test "receiver -r reads back what sender -w wrote, every packet" {
	"$SENDER" -n -q -c 3 -S 7 -p c0de -w "$BATS_TEST_TMPDIR/s.pcap"
	run -0 --separate-stderr "$RECEIVER" -r "$BATS_TEST_TMPDIR/s.pcap"
	[ "${#lines[@]}" -eq 3 ]
	# sequence 7, 8, 9: ICMP checksum ~(0800 + c0de + 7) = 3721 - 7 = 371a
	[ "${lines[0]##* 08 00 }" = "37 1A 00 00 00 07 C0 DE" ]
	[ "${lines[2]##* 08 00 }" = "37 18 00 00 00 09 C0 DE" ]
	[ "$stderr" = "receiver: 3 datagrams read from $BATS_TEST_TMPDIR/s.pcap" ]
}

@test "tcpdump reads the sender's pcap" {
	need_tcpdump
	"$SENDER" -n -q -l wire -p c0de -w "$BATS_TEST_TMPDIR/s.pcap"
	run -0 tcpdump -nn -v -r "$BATS_TEST_TMPDIR/s.pcap"
	[[ "$output" == *"ttl 64, id 11, offset 0, flags [none], proto ICMP (1), length 30)"* ]]
	[[ "$output" == *"127.0.0.1 > 127.0.0.1: ICMP echo request, id 0, seq 0, length 10"* ]]
	[[ "$output" != *"bad cksum"* ]]
}

@test "receiver -r reads a big-endian Ethernet capture, skipping IPv6" {
	run -0 --separate-stderr "$RECEIVER" -r "$FIXTURES/pcap/lo-ethernet-be.pcap"
	diff -u "$FIXTURES/decode/article.txt" - <<<"$output"
	[[ "$stderr" == *"record 2: not an IPv4 frame, skipped"* ]]
}

@test "receiver -r reads a little-endian raw IP capture" {
	run -0 --separate-stderr "$RECEIVER" -r "$FIXTURES/pcap/raw-le.pcap"
	diff -u "$FIXTURES/decode/article.txt" - <<<"$output"
}

@test "receiver -r - reads a pcap from standard input" {
	run -0 --separate-stderr "$RECEIVER" -r - <"$FIXTURES/pcap/raw-le.pcap"
	diff -u "$FIXTURES/decode/article.txt" - <<<"$output"
}

@test "receiver -r reads hex text, skipping the lines that are not hex" {
	printf 'waiting to receive\n%s\nSent 28 bytes\n\n' \
	    "$(cat "$FIXTURES/sender/wire.txt")" >"$BATS_TEST_TMPDIR/in.txt"
	run -0 --separate-stderr "$RECEIVER" -r "$BATS_TEST_TMPDIR/in.txt"
	[ "$output" = "45 00 00 1C 00 0B 00 00 40 01 7C D4 7F 00 00 01 7F 00 00 01 08 00 F7 FF 00 00 00 00" ]
}

@test "receiver -r -l darwin -w restores wire order; tcpdump agrees" {
	"$RECEIVER" -q -r "$FIXTURES/decode/macos-reply.txt" -l darwin \
	    -w "$BATS_TEST_TMPDIR/m.pcap" >/dev/null 2>&1
	run -0 --separate-stderr "$RECEIVER" -r "$BATS_TEST_TMPDIR/m.pcap"
	diff -u "$FIXTURES/decode/macos-reply.wire.txt" - <<<"$output"
	need_tcpdump
	run -0 tcpdump -nn -v -r "$BATS_TEST_TMPDIR/m.pcap"
	[[ "$output" == *"proto ICMP (1), length 28)"* ]]
	[[ "$output" == *"ICMP echo reply, id 0, seq 0, length 8"* ]]
	[[ "$output" != *"bad cksum"* ]]
}

@test "receiver -w on a live exchange: tcpdump reads the request and reply" {
	require_netns
	exchange -c 2 -t 5 -q -w "$BATS_TEST_TMPDIR/x.pcap" --
	[ "$(cat "$X/receiver.status")" = 0 ]
	run -0 --separate-stderr "$RECEIVER" -r "$BATS_TEST_TMPDIR/x.pcap"
	diff -u "$X/receiver.out" - <<<"$output"
	need_tcpdump
	run -0 --separate-stderr tcpdump -nn -r "$BATS_TEST_TMPDIR/x.pcap"
	[[ "${lines[0]}" == *"127.0.0.1 > 127.0.0.1: ICMP echo request, id 0, seq 0, length 8" ]]
	[[ "${lines[1]}" == *"127.0.0.1 > 127.0.0.1: ICMP echo reply, id 0, seq 0, length 8" ]]
}

@test "receiver -r reads link type IPV4 (228) and Linux cooked (113)" {
	req=$(head -1 "$FIXTURES/decode/article.txt")
	{ pcap_hdr 65535 228; rec 30; bin "$req"; } >"$BATS_TEST_TMPDIR/ipv4.pcap"
	run -0 --separate-stderr "$RECEIVER" -r "$BATS_TEST_TMPDIR/ipv4.pcap"
	[ "$output" = "$req" ]
	# Linux cooked: 16 bytes, protocol 08 00 in the last two (tcpdump -i any)
	{ pcap_hdr 65535 113; rec 46; bin "00 00 03 04 00 06 00 00 00 00 00 00 00 00 08 00"; bin "$req"; } >"$BATS_TEST_TMPDIR/sll.pcap"
	run -0 --separate-stderr "$RECEIVER" -r "$BATS_TEST_TMPDIR/sll.pcap"
	[ "$output" = "$req" ]
}

@test "receiver -r -d of a capture decodes as it does from hex" {
	run -0 --separate-stderr "$RECEIVER" -r "$FIXTURES/pcap/lo-ethernet-be.pcap" -d
	diff -u "$FIXTURES/decode/article.decoded" - <<<"$output"
}

@test "receiver -r reads back its own -d output: the decoded lines are passed over" {
	"$RECEIVER" -r "$FIXTURES/decode/icmp-error.txt" -d >"$BATS_TEST_TMPDIR/d.txt" 2>/dev/null
	cat "$FIXTURES/decode/options.txt" "$FIXTURES/decode/macos-reply.decoded" >>"$BATS_TEST_TMPDIR/d.txt"
	run -0 --separate-stderr "$RECEIVER" -r "$BATS_TEST_TMPDIR/d.txt"
	[ "${#lines[@]}" -eq 4 ]
	[ "${lines[0]}" = "$(head -1 "$FIXTURES/decode/icmp-error.txt")" ]
	[ "${lines[2]}" = "$(cat "$FIXTURES/decode/options.txt")" ]
}

@test "sender -n -w records what the layout's own system would send: darwin's DF as DF" {
	need_tcpdump
	"$SENDER" -n -q -l darwin --df -w "$BATS_TEST_TMPDIR/n.pcap" 2>/dev/null
	run -0 --separate-stderr tcpdump -n -v -r "$BATS_TEST_TMPDIR/n.pcap"
	[[ "$output" == *"offset 0, flags [DF]"* ]]
}

@test "receiver -r -w keeps each record's own time" {
	need_tcpdump
	f=$FIXTURES/pcap/raw-le.pcap
	"$RECEIVER" -q -r "$f" -w "$BATS_TEST_TMPDIR/copy.pcap" 2>/dev/null
	tcpdump -n -tt -r "$f" 2>/dev/null | awk '{print $1}' >"$BATS_TEST_TMPDIR/a"
	tcpdump -n -tt -r "$BATS_TEST_TMPDIR/copy.pcap" 2>/dev/null | awk '{print $1}' >"$BATS_TEST_TMPDIR/b"
	[ -s "$BATS_TEST_TMPDIR/a" ]
	diff "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b"
}
