#!/usr/bin/env bats
# receiver -r on damaged and hostile files: it reads nothing outside the
# bytes it was given, keeps the datagrams before the damage, and says
# what is wrong in one line.

load test_helper

REQ="45 00 00 1E 1C D4 00 00 40 01 60 09 7F 00 00 01 7F 00 00 01 08 00 37 21 00 00 00 00 C0 DE"
F() { echo "$BATS_TEST_TMPDIR/f"; }

@test "garbage that is neither pcap nor hex: a message, exit 1" {
	head -c 300 /dev/urandom | tr '\n0-9a-fA-F' 'xxxxxxxxxxxxxxxxxxxxxxx' >"$(F)"
	bad 1 "receiver: $(F): neither a pcap file nor lines of hex bytes
receiver: 0 datagrams read from $(F)" "$RECEIVER" -r "$(F)"
}

@test "a pcapng file is named, with the way to convert it" {
	bin "0a 0d 0d 0a 1c 00 00 00 4d 3c 2b 1a" >"$(F)"
	bad 1 "receiver: $(F): a pcapng file; this reads classic pcap: convert it with 'tcpdump -r $(F) -w out.pcap'" "$RECEIVER" -r "$(F)"
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
	[[ "$stderr" == *"receiver: 1 datagram read from $(F)" ]]
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
receiver: 0 datagrams read from $(F)" "$RECEIVER" -r "$(F)"
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

@test "a raw record longer than any IPv4 datagram is skipped" {
	{ pcap_hdr 262144 101; rec 70000; head -c 70000 /dev/zero; rec 30; bin "$REQ"; } >"$(F)"
	run -0 --separate-stderr "$RECEIVER" -r "$(F)"
	[ "$output" = "$REQ" ]
	[[ "$stderr" == *"record 1: 70000 bytes, longer than any IPv4 datagram, skipped"* ]]
}

@test "an Ethernet record shorter than its header is skipped" {
	{ pcap_hdr 65535 1; rec 6; bin "00 00 00 00 00 00"; } >"$(F)"
	run -0 --separate-stderr "$RECEIVER" -r "$(F)"
	[ -z "$output" ]
	[[ "$stderr" == *"record 1: shorter than its link-layer header, skipped"* ]]
}

@test "an unknown link type is named" {
	pcap_hdr 65535 12345 >"$(F)"
	bad 1 "receiver: $(F): link type 12345 is not one this reads (raw IP 101, IPv4 228, Ethernet 1, Linux cooked 113)" "$RECEIVER" -r "$(F)"
}

@test "IHL below 5: printed, and said to be so" {
	{ pcap_hdr 65535 101; rec 20; bin "44 00 00 14 00 00 00 00 40 01 00 00 7F 00 00 01 7F 00 00 01"; } >"$(F)"
	run -0 --separate-stderr "$RECEIVER" -r "$(F)" -d
	[ "${lines[1]}" = "  not decoded      20 bytes: header length below 20 bytes (IHL below 5)" ]
}

@test "IHL past the end of the datagram" {
	{ pcap_hdr 65535 101; rec 24; bin "4F 00 00 18 00 00 00 00 40 01 00 00 7F 00 00 01 7F 00 00 01 01 01 01 01"; } >"$(F)"
	run -0 --separate-stderr "$RECEIVER" -r "$(F)" -d
	[ "${lines[1]}" = "  not decoded      24 bytes: header length runs past the end of the datagram" ]
}

@test "total length past the end: cut short, ICMP not read beyond" {
	{ pcap_hdr 65535 101; rec 24; bin "45 00 FF FF 00 00 00 00 40 01 00 00 7F 00 00 01 7F 00 00 01 08 00 F7 FF"; } >"$(F)"
	run -0 --separate-stderr "$RECEIVER" -r "$(F)" -d
	[[ "$output" == *"total length     65535, but only 24 bytes read: the datagram is cut short"* ]]
	[[ "$output" == *"ICMP             only 4 bytes: shorter than the 8-byte ICMP header"* ]]
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
	[[ "$stderr" == *"line 1: 524288 bytes, longer than any IPv4 datagram, skipped"* ]]
}

@test "standard input that ends at once: no datagrams, no error" {
	run -0 --separate-stderr "$RECEIVER" -r - </dev/null
	[ -z "$output" ]
	[ "$stderr" = "receiver: 0 datagrams read from -" ]
}
