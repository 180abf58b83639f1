#!/usr/bin/env bats
# receiver -r FILE -d: the decoded view of fixed inputs.  Each input was
# read by tcpdump -vv as well, and every field below agrees with it (see
# test/fixtures/README.md).

load test_helper

decoded() {
	run -0 --separate-stderr "$RECEIVER" -r "$FIXTURES/decode/$1.txt" -d "${@:2}"
	diff -u "$FIXTURES/decode/$1.decoded" - <<<"$output"
}

@test "-d: the Link layer article's request and reply, checksums valid" {
	decoded article
}

@test "-d: a macOS delivery, length 08 00 in host order without the header" {
	decoded macos-reply -l darwin
}

@test "-d: a header with options (IHL 7: router alert, NOPs, end)" {
	decoded options
}

@test "-d: ICMP errors with the quoted header and first 8 bytes" {
	decoded icmp-error
}

@test "-d: a truncated datagram and a scrap shorter than a header" {
	decoded truncated
}

@test "-d: Linux's all-zero echo reply checksum 00 00 is named, not hidden" {
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"45 00 00 1C 55 2F 00 00 40 01 27 B0 7F 00 00 01 7F 00 00 01 00 00 00 00 00 00 00 00"
	[[ "$output" == *"ICMP checksum    0x0000 (fails the strict RFC 1071 check, which wants 0xffff; but 0x0000 is the same zero in one's complement, and it is what Linux writes when it answers an all-zero echo request)"* ]]
}

@test "-d: a wrong checksum is called INVALID with the right value" {
	# The article's request with its IP checksum 60 09 changed to 60 0a.
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"45 00 00 1E 1C D4 00 00 40 01 60 0A 7F 00 00 01 7F 00 00 01 08 00 37 22 00 00 00 00 C0 DE"
	[[ "$output" == *"header checksum  0x600a (INVALID: should be 0x6009)"* ]]
	[[ "$output" == *"ICMP checksum    0x3722 (INVALID: should be 0x3721)"* ]]
}

@test "-d: the doubled header of --no-hdrincl is recognised" {
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"45 00 00 30 10 8A 40 00 40 01 2C 41 7F 00 00 01 7F 00 00 01 45 00 00 00 00 00 00 00 40 01 00 00 00 00 00 00 7F 00 00 01 08 00 F7 FF 00 00 00 00"
	[[ "$output" == *"flags            DF (don't fragment)"* ]]
	[[ "$output" == *"ICMP type        69 (unassigned; 0x45 is how an IPv4 header begins: a second IP header, IP | IP | ICMP"* ]]
	[[ "$output" == *"inner ICMP     type 8 (echo request), code 0, id 0, sequence 0"* ]]
}

@test "-d: the sender's own dry-run line, read in its layout" {
	"$SENDER" -n -l darwin >"$BATS_TEST_TMPDIR/d.txt"
	run -0 --separate-stderr "$RECEIVER" -r "$BATS_TEST_TMPDIR/d.txt" -l darwin -d
	[[ "$output" == *"total length     28 (host order 1c 00, as macOS wants it on sending)"* ]]
	[[ "$output" == *"header checksum  0x60f0 (valid)"* ]]
}

@test "-d: a later fragment carries no ICMP header" {
	# offset 185 (x8 = 1480); header checksum 7c 25 by RFC 1071
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"45 00 00 1C 00 01 00 B9 40 01 7C 25 7F 00 00 01 7F 00 00 01 AA AA AA AA AA AA AA AA"
	[[ "$output" == *"fragment offset  1480"* ]]
	[[ "$output" == *"header checksum  0x7c25 (valid)"* ]]
	[[ "$output" == *"a later fragment, which carries no ICMP header"* ]]
}

@test "-d: all three flags at once (found by fuzzing: overran a buffer)" {
	# flags e0 00: reserved, DF, MF; checksum 9c dd by RFC 1071
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"45 00 00 1C 00 01 E0 00 40 01 9C DD 7F 00 00 01 7F 00 00 01 08 00 F7 FF 00 00 00 00"
	[[ "$output" == *"flags            reserved bit set (must be 0), DF (don't fragment), MF (more fragments)"* ]]
	[[ "$output" == *"header checksum  0x9cdd (valid)"* ]]
}

# The quoted header of x/net's icmp test (wireHeaderFromTradBSDKernel:
# 45 01 ef be ca fe 45 dc ff 01 de ad, 172.16.254.254 -> 192.168.0.1),
# which ParseIPv4Header reads on darwin as total length 0xbeef, id
# 0xcafe, TTL 255: xnu's icmp_input turns the quoted ip_len (alone) to
# host order.  Around it a host unreachable as macOS delivers it: 56
# bytes, ip_len 36 = 24 00; checksums fc d8 and 53 bd by RFC 1071.
MACOS_UNREACH="45 00 24 00 12 34 00 00 40 01 FC D8 C0 A8 00 01 AC 10 FE FE 03 01 53 BD 00 00 00 00 45 01 EF BE CA FE 45 DC FF 01 DE AD AC 10 FE FE C0 A8 00 01 08 00 00 00 12 34 00 09"

@test "-d -l darwin: an ICMP error's quoted length is read in host order" {
	run -0 --separate-stderr "$RECEIVER" -r - -l darwin -d <<<"$MACOS_UNREACH"
	[[ "$output" == *"total length     56 (read as 36, host order 24 00, header left out: macOS delivers it so)"* ]]
	[[ "$output" == *"ICMP checksum    0x53bd (valid)"* ]]
	[[ "$output" == *"inner IPv4     172.16.254.254 -> 192.168.0.1, protocol 1 (ICMP), total length 48879 (host order), id 0xcafe, TTL 255"* ]]
}

@test "-d -l wire: the same quoted bytes in network order read 61374" {
	run -0 --separate-stderr "$RECEIVER" -r - -l wire -d <<<"$MACOS_UNREACH"
	[[ "$output" == *"inner IPv4     172.16.254.254 -> 192.168.0.1, protocol 1 (ICMP), total length 61374, id 0xcafe, TTL 255"* ]]
}

# ICMP types from the IANA registry, each in a 28- or 36-byte datagram
# whose checksums were worked by RFC 1071 outside this code.

@test "-d: RFC 8335 extended echo request and reply, by their own fields" {
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"45 00 00 1C 00 01 00 00 40 01 7C DE 7F 00 00 01 7F 00 00 01 2A 00 C2 CA 12 34 01 01"
	[[ "$output" == *"ICMP type        42 (extended echo request)"*"ICMP checksum    0xc2ca (valid)"*"ICMP id          4660"*"ICMP sequence    1 (8 bits)"*"flags (L bit 0)  0x01"* ]]
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"45 00 00 1C 00 01 00 00 40 01 7C DE 7F 00 00 01 7F 00 00 01 2B 00 C1 27 12 34 01 A4"
	[[ "$output" == *"ICMP type        43 (extended echo reply)"*"ICMP checksum    0xc127 (valid)"*"state and flags  0xa4"* ]]
}

@test "-d: a router advertisement's bytes 4-7 are its count, size and lifetime, not id and sequence" {
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"45 00 00 24 00 01 00 00 40 01 7C D6 7F 00 00 01 7F 00 00 01 09 00 6F F4 01 02 07 08 7F 00 00 01 00 00 00 00"
	[[ "$output" == *"ICMP type        9 (router advertisement)"*"ICMP checksum    0x6ff4 (valid)"*"addresses        1, of 2 words each"*"lifetime         1800 seconds"* ]]
	[[ "$output" != *"ICMP id"* ]]
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"45 00 00 1C 00 01 00 00 40 01 7C DE 7F 00 00 01 7F 00 00 01 0A 00 F5 FF 00 00 00 00"
	[[ "$output" == *"ICMP type        10 (router solicitation)"*"rest of header   00 00 00 00"* ]]
	[[ "$output" != *"ICMP sequence"* ]]
}

@test "-d: an ICMP part of 2 bytes still shows its type and code" {
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"45 00 00 16 00 01 00 00 40 01 7C E4 7F 00 00 01 7F 00 00 01 03 01"
	[[ "$output" == *"ICMP type        3 (destination unreachable)"*"ICMP code        1"*"only 2 bytes: shorter than the 8-byte ICMP header"* ]]
}
