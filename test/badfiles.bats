#!/usr/bin/env bats
# receiver -r on damaged and hostile files: it reads nothing outside the
# bytes it was given, keeps the datagrams before the damage, and says
# what is wrong in one line.

load test_helper

REQ="45 00 00 1E 1C D4 00 00 40 01 60 09 7F 00 00 01 7F 00 00 01 08 00 37 21 00 00 00 00 C0 DE"
F() { echo "$BATS_TEST_TMPDIR/f"; }

@test "garbage that is neither pcap nor hex: a message, exit 1" {
	head -c 300 /dev/urandom | tr '\n0-9a-fA-F' 'xxxxxxxxxxxxxxxxxxxxxxx' >"$(F)"
	bad 1 "receiver: $(F): neither a capture (pcap, pcapng) nor lines of hex bytes
receiver: 0 frames read from $(F)" "$RECEIVER" -r "$(F)"
}

@test "a pcapng file cut inside its first block: the block and where it begins are named" {
	# test/pcapng.bats has the rest of pcapng's damage.
	bin "0a 0d 0d 0a 1c 00 00 00 4d 3c 2b 1a" >"$(F)"
	bad 1 "receiver: $(F): block 1 (byte 0): file ends inside a block" "$RECEIVER" -r "$(F)"
}

@test "a pcap file header cut short" {
	pcap_hdr 65535 101 | head -c 10 >"$(F)"
	bad 1 "receiver: $(F): file ends inside the pcap file header" "$RECEIVER" -r "$(F)"
}

@test "a record longer than the file: the datagrams before it are kept" {
	{ pcap_hdr 65535 101; rec 30; bin "$REQ"; rec 100; bin "45 00 00 64 00 00"; } >"$(F)"
	run -1 --separate-stderr "$RECEIVER" -r "$(F)"
	[ "$output" = "$REQ" ]
	[[ "$stderr" == *"receiver: $(F): record 2: file ends inside a record"* ]]
	[[ "$stderr" == *"receiver: 1 frame read from $(F)" ]]
}

@test "a record header cut short" {
	{ pcap_hdr 65535 101; rec 30; bin "$REQ"; rec 30 | head -c 5; } >"$(F)"
	run -1 --separate-stderr "$RECEIVER" -r "$(F)"
	[ "$output" = "$REQ" ]
	[[ "$stderr" == *"record 2: file ends inside a record header"* ]]
}

@test "a captured length no capture could hold" {
	{ pcap_hdr 65535 101; rec 4000000000; bin "$REQ"; } >"$(F)"
	bad 1 "receiver: $(F): record 1: record longer than any capture could hold (damaged file)
receiver: 0 frames read from $(F)" "$RECEIVER" -r "$(F)"
}

@test "snapshot length 0 in the file header: records are read by their own lengths" {
	{ pcap_hdr 0 101; rec 30; bin "$REQ"; rec 30; bin "$REQ"; } >"$(F)"
	run -0 --separate-stderr "$RECEIVER" -r "$(F)"
	[ "${#lines[@]}" -eq 2 ]
}

@test "an empty record is skipped with a warning" {
	{ pcap_hdr 65535 101; rec 0; rec 30; bin "$REQ"; } >"$(F)"
	run -0 --separate-stderr "$RECEIVER" -r "$(F)"
	[ "$output" = "$REQ" ]
	[[ "$stderr" == *"record 1: empty, skipped"* ]]
}

@test "a raw record longer than any IPv4 datagram is a frame all the same: printed whole" {
	# Up to 262144 bytes (tcpdump's largest snapshot length) a record
	# is a frame; what its bytes mean is the printers' to say.
	{ pcap_hdr 262144 101; rec 70000; head -c 70000 /dev/zero; rec 30; bin "$REQ"; } >"$(F)"
	run -0 --separate-stderr "$RECEIVER" -r "$(F)"
	[ "${#lines[@]}" -eq 2 ]
	[ "$(wc -w <<<"${lines[0]}")" -eq 70000 ]
	[ "${lines[1]}" = "$REQ" ]
}

@test "an Ethernet record shorter than its header is a frame: printed as captured" {
	{ pcap_hdr 65535 1; rec 6; bin "00 00 00 00 00 00"; } >"$(F)"
	run -0 --separate-stderr "$RECEIVER" -r "$(F)"
	[ "$output" = "00 00 00 00 00 00" ]
}

@test "an unknown link type is named, with those that are read" {
	pcap_hdr 65535 12345 >"$(F)"
	bad 1 "receiver: $(F): link type 12345 is not one this reads (BSD loopback 0, Ethernet 1, raw IP 101, OpenBSD loopback 108, Linux cooked 113, raw IPv4 228, raw IPv6 229, Linux cooked v2 276)" "$RECEIVER" -r "$(F)"
}

@test "IHL below 5: printed, and said to be so" {
	{ pcap_hdr 65535 101; rec 20; bin "44 00 00 14 00 00 00 00 40 01 00 00 7F 00 00 01 7F 00 00 01"; } >"$(F)"
	run -0 --separate-stderr "$RECEIVER" -r "$(F)" -d
	[ "${lines[2]}" = "  header length    16 bytes (IHL 4): below the 20 a header needs" ]
	[ "${lines[-1]}" = "  not decoded      20 bytes: the header length is below 20 bytes (IHL below 5), so nothing after it can be placed" ]
}

@test "IHL past the end of the datagram: the fields there are shown, then what is missing" {
	# As tcpdump shows TTL, id, offset and protocol of such a header.
	{ pcap_hdr 65535 101; rec 24; bin "4F 00 00 18 12 34 00 00 40 01 00 00 7F 00 00 01 7F 00 00 01 01 01 01 01"; } >"$(F)"
	run -0 --separate-stderr "$RECEIVER" -r "$(F)" -d
	[ "${lines[2]}" = "  header length    60 bytes (IHL 15)" ]
	[[ "$output" == *"  id               0x1234 (4660)"*"  TTL              64"*"  protocol         1 (ICMP)"*"  addresses        127.0.0.1 -> 127.0.0.1"* ]]
	[ "${lines[-1]}" = "  not decoded      24 bytes: the header is 60 bytes, only 24 of them here; the rest is missing" ]
}

@test "a darwin scrap: its host-order flags named as in a whole header" {
	# The first 12 bytes of sender -n -l darwin --df (test/sender.bats).
	run -0 --separate-stderr "$RECEIVER" -r - -l darwin -d <<<"45 00 1c 00 00 0b 00 40 40 01 60 b0"
	[[ "$output" == *"  flags            DF (don't fragment)"*"  fragment offset  0 (flags and offset read in host order 00 40, as macOS keeps them)"* ]]
}

@test "a scrap of 12 bytes: the fields within them" {
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"45 00 00 1E 12 34 40 00 07 11 6A A9"
	[[ "$output" == *"  flags            DF (don't fragment)"*"  TTL              7"*"  protocol         17 (UDP)"*"  header checksum  0x6aa9 (not checked: the header is not all here)"* ]]
	[[ "$output" != *"addresses"* ]]
}

@test "total length past a record cut by the snapshot length: cut short, ICMP not read beyond" {
	# Captured 24 of 40 bytes (pcap-savefile(5): caplen < len).
	{ pcap_hdr 65535 101; le32 1700000000; le32 0; le32 24; le32 40; bin "45 00 00 28 00 00 00 00 40 01 00 00 7F 00 00 01 7F 00 00 01 08 00 F7 FF"; } >"$(F)"
	run -0 --separate-stderr "$RECEIVER" -r "$(F)" -d
	[[ "$output" == *"total length     40, but only 24 bytes read: the datagram is cut short"* ]]
	[[ "$output" == *"ICMP type        8 (echo request)"*"ICMP code        0"*"ICMP             only 4 bytes: shorter than the 8-byte ICMP header; the rest is not decoded"* ]]
}

@test "total length past a whole record: the field is wrong, the checksum is checked over what is there" {
	# The article's 28-byte request whole (caplen = len = 28), but its
	# total length says 65535; Wireshark too checks the ICMP sum over
	# the bytes present.  IP checksum by RFC 1071: 7c d4 with length
	# 00 1c (the article); ff ff adds ff e3 to the sum, so the complement
	# falls by ff e3, one's-complement: 7c d4 + 00 1c = 7c f0.
	{ pcap_hdr 65535 101; rec 28; bin "45 00 FF FF 00 0B 00 00 40 01 7C F0 7F 00 00 01 7F 00 00 01 08 00 F7 FF 00 00 00 00"; } >"$(F)"
	run -0 --separate-stderr "$RECEIVER" -r "$(F)" -d
	[[ "$output" == *"total length     65535, but the datagram is 28 bytes, all of it here: the field is wrong; the rest is read over the 28 bytes present"* ]]
	[[ "$output" == *"header checksum  0x7cf0 (valid)"* ]]
	[[ "$output" == *"ICMP checksum    0xf7ff (valid)"* ]]
}

@test "hex text: empty lines, blank lines and a lone digit are passed over" {
	printf '\n   \n%s\n4 5\n\n%s' "$REQ" "$REQ" >"$(F)"
	run -0 --separate-stderr "$RECEIVER" -r "$(F)"
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[1]}" = "$REQ" ]
}

@test "hex text: a 1 MB line is skipped with a warning, the next one read" {
	{ head -c 1048576 /dev/zero | tr '\0' 'a'; echo; echo "$REQ"; } >"$(F)"
	run -0 --separate-stderr "$RECEIVER" -r "$(F)"
	[ "$output" = "$REQ" ]
	[[ "$stderr" == *"line 1: 524288 bytes, longer than any frame this reads (262144 bytes), skipped"* ]]
}

@test "standard input that ends at once: no datagrams, no error" {
	run -0 --separate-stderr "$RECEIVER" -r - </dev/null
	[ -z "$output" ]
	[ "$stderr" = "receiver: 0 frames read from -" ]
}
