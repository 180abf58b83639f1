#!/usr/bin/env bats
# pcap out (sender -w, receiver -w) and in (receiver -r): files that
# tcpdump and Wireshark read, and that we read back.

load test_helper

# tcpdump and tshark are the independent readers; CI installs them,
# elsewhere their tests are skipped with the reason.
need_tcpdump() {
	need tcpdump
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
	[ "$stderr" = "receiver: 3 frames read from $BATS_TEST_TMPDIR/s.pcap" ]
}

@test "tcpdump reads the sender's pcap" {
	need_tcpdump
	"$SENDER" -n -q -l wire -p c0de -w "$BATS_TEST_TMPDIR/s.pcap"
	run -0 tcpdump -nn -v -r "$BATS_TEST_TMPDIR/s.pcap"
	[[ "$output" == *"ttl 64, id 11, offset 0, flags [none], proto ICMP (1), length 30)"* ]]
	[[ "$output" == *"127.0.0.1 > 127.0.0.1: ICMP echo request, id 0, seq 0, length 10"* ]]
	[[ "$output" != *"bad cksum"* ]]
}

@test "receiver -r reads a big-endian Ethernet capture: each frame as captured, IPv6 too" {
	# Linux's lo: a 14-byte Ethernet header of zero MACs, EtherType
	# 08 00 before the article's datagrams, 86 dd before the IPv6 one.
	run -0 --separate-stderr "$RECEIVER" -r "$FIXTURES/pcap/lo-ethernet-be.pcap"
	[ "${#lines[@]}" -eq 3 ]
	[ "${lines[0]}" = "00 00 00 00 00 00 00 00 00 00 00 00 08 00 $(sed -n 1p "$FIXTURES/decode/article.txt")" ]
	[[ "${lines[1]}" == "00 00 00 00 00 00 00 00 00 00 00 00 86 DD 60 "* ]]
	[ "${lines[2]}" = "00 00 00 00 00 00 00 00 00 00 00 00 08 00 $(sed -n 2p "$FIXTURES/decode/article.txt")" ]
	[[ "$stderr" != *"skipped"* ]]
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
	# Linux cooked: 16 bytes, protocol 08 00 in the last two (tcpdump
	# -i any), printed with the frame
	sll="00 00 03 04 00 06 00 00 00 00 00 00 00 00 08 00"
	{ pcap_hdr 65535 113; rec 46; bin "$sll"; bin "$req"; } >"$BATS_TEST_TMPDIR/sll.pcap"
	run -0 --separate-stderr "$RECEIVER" -r "$BATS_TEST_TMPDIR/sll.pcap"
	[ "$output" = "$sll $req" ]
}

@test "receiver -r -d of a raw capture decodes as it does from hex" {
	run -0 --separate-stderr "$RECEIVER" -r "$FIXTURES/pcap/raw-le.pcap" -d
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

# Link types from other systems: the files in test/fixtures/pcap/ that
# test/fixtures/pcapng/make-fixtures.py builds from the specifications
# (README.md there has tcpdump's and tshark's reading of each).

@test "a Mac's lo0 (DLT_NULL, family 02 00 00 00 and 1e 00 00 00) and OpenBSD's (DLT_LOOP, 00 00 00 02 and 00 00 00 18): the family word stays with the frame" {
	for f in null loop; do
		run -0 --separate-stderr "$RECEIVER" -r "$FIXTURES/pcap/$f.pcap"
		diff -u "$FIXTURES/pcap/$f.txt" - <<<"$output"
	done
	[[ "$(sed -n 1p "$FIXTURES/pcap/null.txt")" == "02 00 00 00 45 "* ]]
	[[ "$(sed -n 2p "$FIXTURES/pcap/loop.txt")" == "00 00 00 18 60 "* ]]
	need_tcpdump
	run -0 tcpdump -nn -e -r "$FIXTURES/pcap/null.pcap"
	[[ "$output" == *"AF IPv4 (2), length 35: 127.0.0.1 > 127.0.0.1: ICMP echo request"*"AF IPv6 (30), length 55: ::1 > ::1: ICMP6, echo request"* ]]
	run -0 tcpdump -nn -e -r "$FIXTURES/pcap/loop.pcap"
	[[ "$output" == *"AF IPv4 (2), length 35"*"AF IPv6 (24), length 55"* ]]
}

@test "tcpdump -i any's LINUX_SLL2: each frame with its 20-byte header" {
	run -0 --separate-stderr "$RECEIVER" -r "$FIXTURES/pcap/sll2.pcap"
	diff -u "$FIXTURES/pcap/sll2.txt" - <<<"$output"
	# protocol 08 00, reserved, index 1, ARPHRD 772, out (4) then in (0)
	[[ "${lines[0]}" == "08 00 00 00 00 00 00 01 03 04 04 06 "* ]]
	[[ "${lines[1]}" == "08 00 00 00 00 00 00 01 03 04 00 06 "* ]]
	need_tcpdump
	run -0 tcpdump -nn -e -r "$FIXTURES/pcap/sll2.pcap"
	[[ "$output" == *"lo    Out ifindex 1"*"lo    In  ifindex 1"* ]]
}

@test "a link type word with an FCS length: the 4-byte FCS is cut from each frame; tshark names those bytes the FCS" {
	# 0x24000001: Ethernet, the P bit, FCS length 2 x 16 bits.
	[ "$(od -An -tx1 -j20 -N4 "$FIXTURES/pcap/fcs.pcap" | tr -d ' ')" = 01000024 ]
	run -0 --separate-stderr "$RECEIVER" -r "$FIXTURES/pcap/fcs.pcap"
	diff -u "$FIXTURES/pcap/fcs.txt" - <<<"$output"
	# 52 bytes on the wire, 48 without the FCS; the second record was
	# cut at 40 bytes, before its FCS: all 40 are frame.
	[ "$(wc -w <<<"${lines[0]}")" -eq 48 ]
	[ "$(wc -w <<<"${lines[1]}")" -eq 40 ]
	need tshark
	fcs=$(tshark -r "$FIXTURES/pcap/fcs.pcap" -T fields -e eth.fcs 2>/dev/null | head -1)
	[ "$fcs" = 0xfefc7dc2 ]
	# and they are the record's last four bytes, those the reader cut
	[ "$(od -An -tx1 -j$((24 + 16 + 48)) -N4 "$FIXTURES/pcap/fcs.pcap" | tr -d ' ')" = fefc7dc2 ]
	fcs=$(tshark -o eth.check_fcs:TRUE -r "$FIXTURES/pcap/fcs.pcap" -T fields -e eth.fcs.status 2>/dev/null | head -1)
	[ "$fcs" = 1 ]	# good: the CRC-32 of the 48 bytes before it
}

@test "-r -w keeps DLT_NULL, DLT_LOOP and SLL2 frames, and nanoseconds: tcpdump reads the copy as the original" {
	need_tcpdump
	for f in null loop sll2; do
		run -0 "$RECEIVER" -q -r "$FIXTURES/pcap/$f.pcap" -w "$BATS_TEST_TMPDIR/$f.pcap"
		a=$(tcpdump -nn -e -tt --time-stamp-precision=nano -r "$FIXTURES/pcap/$f.pcap" 2>/dev/null)
		[ -n "$a" ]
		diff -u <(echo "$a") <(tcpdump -nn -e -tt --time-stamp-precision=nano -r "$BATS_TEST_TMPDIR/$f.pcap" 2>/dev/null)
	done
	# loop.pcap had nanoseconds (and was big-endian); the copy keeps them
	[ "$(od -An -tx1 -N4 "$BATS_TEST_TMPDIR/loop.pcap" | tr -d ' ')" = 4d3cb2a1 ]
	[ "$(od -An -tx1 -N4 "$BATS_TEST_TMPDIR/null.pcap" | tr -d ' ')" = d4c3b2a1 ]
}

@test "-r -w of frames whose FCS was cut: the copy's frames are 4 bytes shorter and its link type has no FCS bits" {
	run -0 "$RECEIVER" -q -r "$FIXTURES/pcap/fcs.pcap" -w "$BATS_TEST_TMPDIR/c.pcap"
	[ "$(od -An -tx1 -j20 -N4 "$BATS_TEST_TMPDIR/c.pcap" | tr -d ' ')" = 01000000 ]
	need tshark
	[ "$(tshark -r "$BATS_TEST_TMPDIR/c.pcap" -T fields -e frame.len -e frame.cap_len 2>/dev/null | tr '\t\n' '  ')" = "48 48 48 40 " ]
	[ -z "$(tshark -r "$BATS_TEST_TMPDIR/c.pcap" -T fields -e eth.fcs -e eth.trailer 2>/dev/null | tr -d '\t\n')" ]
}
