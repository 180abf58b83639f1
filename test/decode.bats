#!/usr/bin/env bats
# receiver -r FILE -d: the decoded view of fixed inputs.  Each input was
# read by tcpdump -vv as well, and every field below agrees with it (see
# test/fixtures/README.md).

load test_helper
load fixtures/decode/build

# tcpdump is the independent reader; CI installs it, elsewhere its tests
# are skipped with the reason (as in pcap.bats).
need_tcpdump() {
	command -v tcpdump >/dev/null 2>&1 && return 0
	[ -z "${CI:-}" ] || { echo "tcpdump is missing in CI" >&2; return 1; }
	skip "tcpdump is not installed"
}

# tcpdump's reading of a datagram in hex (wire order): written to a pcap
# by receiver -w (the wire layout, -r's default, writes the bytes as
# read), read by tcpdump -nn -v -S (sequence numbers as they are).
tcpdump_of() {
	"$RECEIVER" -r - -q -w "$BATS_TEST_TMPDIR/t.pcap" <<<"$1" 2>/dev/null
	tcpdump -nn -v -S -r "$BATS_TEST_TMPDIR/t.pcap" 2>/dev/null
}

# The value on our -d line with LABEL, from $output.
value_of() {
	sed -n "s/^ *$1  *//p" <<<"$output"
}

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
	[[ "$output" == *"fragment offset  1480 = field 185 x 8 bytes"$'\n'* ]]
	[[ "$output" == *"header checksum  0x7c25 (valid)"* ]]
	[[ "$output" == *"a later fragment, which carries no ICMP header"* ]]
}

@test "-d: the fragment offset in bytes and as the field counts it, beside tcpdump's offset" {
	# Offset field 0x1fff, the largest: 8191 x 8 = 65528 bytes; DF
	# and MF clear.  Header checksum summed by hand.
	local d
	d=$(ip_datagram "45 00 00 00 00 01 1F FF 40 11 00 00 C0 00 02 01 C0 00 02 02" "AA AA AA AA AA AA AA AA")
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$d"
	[ "$(value_of "fragment offset")" = "65528 = field 8191 x 8 bytes" ]
	need_tcpdump
	run -0 tcpdump_of "$d"
	[[ "$output" == *"offset 65528, flags [none]"* ]]
}

@test "-d: all three flags at once (found by fuzzing: overran a buffer)" {
	# flags e0 00: reserved, DF, MF; checksum 9c dd by RFC 1071
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"45 00 00 1C 00 01 E0 00 40 01 9C DD 7F 00 00 01 7F 00 00 01 08 00 F7 FF 00 00 00 00"
	[[ "$output" == *"flags            reserved bit set (must be 0), DF (don't fragment), MF (more fragments)"* ]]
	[[ "$output" == *"header checksum  0x9cdd (valid)"* ]]
}

# A Mac's ICMP errors, built in xnu's order (fixtures/decode/build.bash):
# the datagram as it crossed the wire, every checksum summed over those
# bytes, then what the kernel turns before a raw socket sees it.  The
# quoted header of the first is x/net's icmp test header
# (wireHeaderFromTradBSDKernel: 45 01 be ef ca fe 45 dc ff 01 de ad,
# 172.16.254.254 -> 192.168.0.1), which ParseIPv4Header reads on darwin
# as total length 0xbeef, id 0xcafe, TTL 255.
xnet_unreach_wire() {
	local m
	m=$(icmp_message "03 01 00 00 00 00 00 00 45 01 BE EF CA FE 45 DC FF 01 DE AD AC 10 FE FE C0 A8 00 01 08 00 00 00 12 34 00 09")
	ip_datagram "45 00 00 00 12 34 00 00 40 01 00 00 C0 A8 00 01 AC 10 FE FE" "$m"
}

# A port unreachable for a UDP datagram 192.0.2.1:40000 -> .2:33434,
# quoted total length 36 (00 24, which a Mac delivers as 24 00).
port_unreach_wire() {
	local q m
	q=$(ip_datagram "45 00 00 00 AB CD 00 00 01 11 00 00 C0 00 02 01 C0 00 02 02" "9C 40 82 9A 00 10 00 00 00 00 00 00 00 00 00 00")
	m=$(icmp_message "03 03 00 00 00 00 00 00 $(bytes_at "$q" 0 28)")
	ip_datagram "45 00 00 00 12 34 00 00 40 01 00 00 C0 00 02 02 C0 00 02 01" "$m"
}

@test "the test's RFC 1071 by shell arithmetic agrees with the articles" {
	# The Link layer article's request: ICMP checksum 37 21; the main
	# article: "with 00 1c the checksum would be 7c d4".
	[ "$(rfc1071 08 00 00 00 00 00 00 00 C0 DE)" = "37 21" ]
	[ "$(rfc1071 45 00 00 1C 00 0B 00 00 40 01 00 00 7F 00 00 01 7F 00 00 01)" = "7C D4" ]
	# What the first error vector is, to be read beside the tests:
	[ "$(xnet_unreach_wire)" = "45 00 00 38 12 34 00 00 40 01 FC D8 C0 A8 00 01 AC 10 FE FE 03 01 84 8C 00 00 00 00 45 01 BE EF CA FE 45 DC FF 01 DE AD AC 10 FE FE C0 A8 00 01 08 00 00 00 12 34 00 09" ]
	[ "$(xnu_delivers_error "$(xnet_unreach_wire)")" = "45 00 24 00 12 34 00 00 40 01 FC D8 C0 A8 00 01 AC 10 FE FE 03 01 84 8C 00 00 00 00 45 01 EF BE CA FE 45 DC FF 01 DE AD AC 10 FE FE C0 A8 00 01 08 00 00 00 12 34 00 09" ]
}

@test "-d -l darwin: an ICMP error's quoted length is read in host order, its checksum over the wire order" {
	run -0 --separate-stderr "$RECEIVER" -r - -l darwin -d <<<"$(xnu_delivers_error "$(xnet_unreach_wire)")"
	[[ "$output" == *"total length     56 (read as 36, host order 24 00, header left out: macOS delivers it so)"* ]]
	[[ "$output" == *"ICMP checksum    0x848c (valid with the quoted total length back in network order: macOS checks the wire bytes, then turns that length to host order)"* ]]
	[[ "$output" == *"inner IPv4     172.16.254.254 -> 192.168.0.1, protocol 1 (ICMP), total length 48879 (host order), id 0xcafe, TTL 255"* ]]
}

@test "-d -l darwin: a checksum summed after the swap, as no Mac delivers it, is INVALID" {
	# This project's earlier vector: 53 bd, summed over the delivered
	# bytes (ef be).  xnu would have dropped it: checksum error.
	local d
	d=$(xnu_delivers_error "$(xnet_unreach_wire)")
	run -0 --separate-stderr "$RECEIVER" -r - -l darwin -d <<<"${d/84 8C/53 BD}"
	[[ "$output" == *"ICMP checksum    0x53bd (INVALID: should be 0x848c, over the quoted total length in network order)"* ]]
}

@test "-d -l wire: the same quoted bytes in network order read 61374" {
	run -0 --separate-stderr "$RECEIVER" -r - -l wire -d <<<"$(xnu_delivers_error "$(xnet_unreach_wire)")"
	[[ "$output" == *"inner IPv4     172.16.254.254 -> 192.168.0.1, protocol 1 (ICMP), total length 61374, id 0xcafe, TTL 255"* ]]
}

@test "-d -l darwin: a redirect's quoted length is left in network order (xnu turns only what it delivers to protocols)" {
	local m d
	m=$(icmp_message "05 01 00 00 C0 00 02 09 45 00 00 24 AB CD 00 00 01 11 89 F8 C0 00 02 01 C0 00 02 02 9C 40 82 9A 00 10 00 00")
	d=$(xnu_delivers_error "$(ip_datagram "45 00 00 00 12 34 00 00 40 01 00 00 C0 00 02 02 C0 00 02 01" "$m")")
	d=$(swap16 "$d" 30)	# xnu leaves a redirect's quoted length alone
	run -0 --separate-stderr "$RECEIVER" -r - -l darwin -d <<<"$d"
	[[ "$output" == *"ICMP checksum    0x"????" (valid)"* ]]
	[[ "$output" == *"total length 36, id 0xabcd"* ]]
}

@test "-d -l darwin: the quoted header's checksum is checked with its total length put back in network order" {
	# 89 f8 is the quoted header's sum over 00 24 (the -w test below has
	# tcpdump find it right); a Mac delivers 24 00.
	run -0 --separate-stderr "$RECEIVER" -r - -l darwin -d <<<"$(xnu_delivers_error "$(port_unreach_wire)")"
	[[ "$output" == *"    inner checksum 0x89f8 (valid, with the total length back in network order)"* ]]
}

@test "receiver -l darwin -w: the quoted length back in network order; tcpdump finds every checksum right" {
	local wire
	wire=$(port_unreach_wire)
	"$RECEIVER" -r - -l darwin -q -w "$BATS_TEST_TMPDIR/e.pcap" <<<"$(xnu_delivers_error "$wire")" 2>/dev/null
	run -0 --separate-stderr "$RECEIVER" -r "$BATS_TEST_TMPDIR/e.pcap"
	[ "$output" = "$wire" ]
	need_tcpdump
	run -0 --separate-stderr tcpdump -nn -v -r "$BATS_TEST_TMPDIR/e.pcap"
	[[ "$output" == *"ICMP 192.0.2.2 udp port 33434 unreachable, length 36"*"proto UDP (17), length 36)"* ]]
	[[ "$output" != *"wrong icmp cksum"* ]]
	[[ "$output" != *"bad cksum"* ]]
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

# The fields of ICMP errors that tcpdump -v names, each checked against
# tcpdump's reading of the same bytes.

# A router's error about a UDP datagram 192.0.2.1:40000 -> 192.0.2.2:53
# of 1500 bytes with DF: TYPE, CODE and bytes 4-7 REST; the quoted
# header's checksum summed by hand here.
router_error() {
	local q m
	q=$(with_sum "45 00 05 DC AB CD 40 00 3F 11 00 00 C0 00 02 01 C0 00 02 02" 0 20 10)
	m=$(icmp_message "$1 $2 00 00 $3 $q 9C 40 00 35 05 C8 00 00")
	ip_datagram "45 00 00 00 00 07 00 00 40 01 00 00 C0 00 02 FE C0 00 02 01" "$m"
}

@test "-d: fragmentation needed names the next-hop MTU (RFC 1191), as tcpdump does" {
	local d
	d=$(router_error 03 04 "00 00 05 78")
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$d"
	[ "$(value_of "next hop")" = "mtu 1400 (RFC 1191)" ]
	[ "$(value_of unused)" = "00 00" ]
	[[ "$output" == *"ICMP checksum    0x"????" (valid)"* ]]
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$(router_error 03 04 "00 00 00 00")"
	[ "$(value_of "next hop")" = "mtu not given (00 00: a router older than RFC 1191)" ]
	need_tcpdump
	run -0 tcpdump_of "$d"
	[[ "$output" == *"192.0.2.2 unreachable - need to frag (mtu 1400), length 36"* ]]
	[[ "$output" != *"wrong icmp cksum"* && "$output" != *"bad cksum"* ]]
}

@test "-d: a redirect's gateway address, as tcpdump names it" {
	local d
	d=$(router_error 05 01 "C0 00 02 09")
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$d"
	[ "$(value_of "ICMP code")" = "1 (for the host)" ]
	[ "$(value_of gateway)" = "192.0.2.9" ]
	[[ "$output" != *"unused"* ]]
	need_tcpdump
	run -0 tcpdump_of "$d"
	[[ "$output" == *"ICMP redirect 192.0.2.2 to host 192.0.2.9, length 36"* ]]
}

@test "-d: a parameter problem's pointer, counted from 0, and the field it points at" {
	local d
	d=$(router_error 0C 00 "08 00 00 00")
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$d"
	[ "$(value_of "ICMP code")" = "0 (pointer indicates the error)" ]
	[ "$(value_of pointer)" = "octet 8 (TTL, in the quoted header)" ]
	[ "$(value_of unused)" = "00 00 00" ]
	need_tcpdump
	run -0 tcpdump_of "$d"
	[[ "$output" == *"ICMP parameter problem - octet 8, length 36"* ]]
}

@test "-d: the quoted header's checksum is checked, and a wrong one gets the value tcpdump computes" {
	local d want
	d=$(router_error 03 03 "00 00 00 00")
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$d"
	[[ "$(value_of "inner checksum")" == "0x"????" (valid)" ]]
	# Quoted checksum (bytes 38-39) off by one, the ICMP checksum summed
	# again over that, as a router quoting a damaged header would.
	d=$(splice "$d" 38 "$(printf '%02X' $((16#$(bytes_at "$d" 38 1) ^ 0x01)))")
	d=$(splice "$d" 22 "00 00")
	d=$(with_sum "$d" 20 36 22)
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$d"
	[[ "$(value_of "ICMP checksum")" == "0x"????" (valid)" ]]
	[[ "$(value_of "inner checksum")" == *"(INVALID: should be 0x"????")" ]]
	want=$(value_of "inner checksum" | sed 's/.*should be 0x\(....\)).*/\1/')
	need_tcpdump
	run -0 tcpdump_of "$d"
	# tcpdump prints it in %x, without leading zeros.
	[[ "$output" == *"bad cksum "*" (->$(printf '%x' $((16#$want))))!"* ]]
}

@test "-d: a whole ICMP message of 4 to 7 bytes gets its checksum checked; a cut one says not checked" {
	local m
	# 6 bytes, echo request 08 00, then 12 34: sum by hand.
	m=$(icmp_message "08 00 00 00 12 34")
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$(ip_datagram "45 00 00 00 00 01 00 00 40 01 00 00 7F 00 00 01 7F 00 00 01" "$m")"
	[ "$(value_of "ICMP checksum")" = "0x$(bytes_at "$m" 2 2 | tr -d ' ' | tr A-F a-f) (valid)" ]
	[[ "$output" == *"ICMP             only 6 bytes: shorter than the 8-byte ICMP header"* ]]
	# The same with a wrong checksum, and with an odd length (5 bytes).
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$(ip_datagram "45 00 00 00 00 01 00 00 40 01 00 00 7F 00 00 01 7F 00 00 01" "08 00 00 01 12 34")"
	[[ "$(value_of "ICMP checksum")" == "0x0001 (INVALID: should be 0x$(bytes_at "$m" 2 2 | tr -d ' ' | tr A-F a-f))" ]]
	m=$(icmp_message "08 00 00 00 12")
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$(ip_datagram "45 00 00 00 00 01 00 00 40 01 00 00 7F 00 00 01 7F 00 00 01" "$m")"
	[[ "$(value_of "ICMP checksum")" == *"(valid)" ]]
	# Cut: the total length says 30 bytes, 26 are here.
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"45 00 00 1E 00 01 00 00 40 01 7C E0 7F 00 00 01 7F 00 00 01 08 00 37 21 12 34"
	[ "$(value_of "ICMP checksum")" = "0x3721 (not checked: only part of the message is here)" ]
}

# TCP options (RFC 9293 3.2, RFC 7323, RFC 2018), compared with the list
# tcpdump prints: our option lines, up to their words in parentheses,
# joined as tcpdump joins them.
tcp_options_as_tcpdump() {
	sed -n 's/^    option         \([^(]*\) (.*/\1/p' <<<"$output" | paste -sd, -
}

# A segment from 192.0.2.1:49356 to 192.0.2.2:5555 with flags FLAGS and
# options OPTS (hex, a multiple of 4 bytes), checksums summed by hand.
tcp_with_options() {
	local o=($2) seg
	seg="C0 CC 15 B3 00 00 10 00 00 00 20 00 $(printf '%02X' $(((20 + ${#o[@]}) / 4 << 4))) $1 01 00 00 00 00 00 $2"
	seg=$(with_pseudo_sum "$seg" "C0 00 02 01" "C0 00 02 02" 06 16)
	ip_datagram "45 00 00 00 00 01 40 00 40 06 00 00 C0 00 02 01 C0 00 02 02" "$seg"
}

@test "-d: TCP options decoded: a Linux SYN's mss, sackOK, TS, nop, wscale, as tcpdump lists them" {
	# A real Linux SYN to port 5555 on loopback (as in protocol.bats).
	local syn="45 00 00 3c d6 be 40 00 40 06 65 fb 7f 00 00 01 7f 00 00 01 c0 cc 15 b3 7b 83 c4 41 00 00 00 00 a0 02 ff d7 80 43 00 00 02 04 ff d7 04 02 08 0a 37 ee 81 88 00 00 00 00 01 03 03 0a"
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$syn"
	[[ "$output" == *"
  TCP options      20 bytes
    option         mss 65495 (maximum segment size, kind 2)
    option         sackOK (SACK permitted, kind 4)
    option         TS val 938377608 ecr 0 (timestamps, kind 8)
    option         nop (no operation, kind 1)
    option         wscale 10 (window scale: x1024, kind 3)
  payload          0 bytes"* ]]
	ours=$(tcp_options_as_tcpdump)
	need_tcpdump
	run -0 tcpdump_of "$syn"
	[[ "$output" == *"options [$ours], length 0"* ]]
}

@test "-d: SACK blocks and timestamps after NOPs, as tcpdump -S lists them" {
	local d
	d=$(tcp_with_options 10 "01 01 08 0A 00 00 00 07 00 00 00 09 01 01 05 12 00 00 30 00 00 00 40 00 00 00 50 00 00 00 60 00")
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$d"
	[[ "$(value_of "TCP checksum")" == *"(valid)" ]]
	[[ "$output" == *"option         sack 2 {12288:16384}{20480:24576} (SACK blocks, kind 5)"* ]]
	ours=$(tcp_options_as_tcpdump)
	[ "$ours" = "nop,nop,TS val 7 ecr 9,nop,nop,sack 2 {12288:16384}{20480:24576}" ]
	need_tcpdump
	run -0 tcpdump_of "$d"
	[[ "$output" == *"options [$ours], length 0"* ]]
}

@test "-d: TCP options of unknown kind, wrong length, a scale above 14, padding after eol" {
	# kind 99 with 4 bytes; mss with length 3 (RFC 9293 gives it 4),
	# then nop; wscale 15; eol and 4 bytes of padding.
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$(tcp_with_options 02 "63 04 AB CD 02 03 05 01 03 03 0F 00 00 00 00 00")"
	[[ "$output" == *"
    option         kind 99 (unknown here), 4 bytes
    option         mss (maximum segment size, kind 2): length 3, where RFC 9293 gives it 4; not read
    option         nop (no operation, kind 1)
    option         wscale 15 (window scale: above 14, which RFC 7323 reads as 14, x16384; kind 3)
    option         eol (end of list, kind 0); the 4 bytes after it are padding
  payload          0 bytes"* ]]
	# SACK with room for no whole block.
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$(tcp_with_options 10 "05 06 00 00 00 01 01 01")"
	[[ "$output" == *"option         sack (SACK blocks, kind 5): length 6, where RFC 2018 gives it 2 + 8 per block; not read"* ]]
}

@test "-d: a TCP option whose length byte runs past the options, or is missing" {
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$(tcp_with_options 02 "01 01 02 08")"
	[[ "$output" == *"option         kind 2: length 8, outside 2 to the 2 bytes left; the rest is not read"$'\n'"  payload"* ]]
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$(tcp_with_options 02 "01 01 01 08")"
	[[ "$output" == *"option         kind 8: no room for its length byte; not read"* ]]
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$(tcp_with_options 02 "04 00 01 01")"
	[[ "$output" == *"option         kind 4: length 0, outside 2 to the 4 bytes left; the rest is not read"* ]]
}

# IP options (RFC 791 3.1): a datagram 192.0.2.1 -> 192.0.2.2 carrying
# OPTS (hex, a multiple of 4 bytes) and an echo request, checksums
# summed by hand.
with_ip_options() {
	local o=($1) icmp
	icmp=$(icmp_message "08 00 00 00 12 34 00 01")
	ip_datagram "4$(printf '%X' $(((20 + ${#o[@]}) / 4))) 00 00 00 00 01 00 00 40 01 00 00 C0 00 02 01 C0 00 02 02 $1" "$icmp"
}

# Our address lines of a route option as tcpdump lists them: each
# recorded one followed by a comma.
route_as_tcpdump() {
	sed -n 's/^      address      \([0-9.]*\)\( (recorded)\)\{0,1\}.*/\1\2/p' <<<"$output" |
	    sed 's/ (recorded)/,/' | paste -sd' ' -
}

@test "-d: record route: the pointer and each address, recorded or free, as tcpdump shows them" {
	# Length 15: 3 slots; pointer 8: one recorded (192.0.2.1).
	local d
	d=$(with_ip_options "07 0F 08 C0 00 02 01 00 00 00 00 00 00 00 00 00")
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$d"
	[[ "$output" == *"
    option         record route (7), 15 bytes
      pointer      8: slot 2 of 3 is next
      address      192.0.2.1 (recorded)
      address      0.0.0.0
      address      0.0.0.0
    option         end of list (0)
"* ]]
	[[ "$(value_of "header checksum")" == *"(valid)" ]]
	ours=$(route_as_tcpdump)
	need_tcpdump
	run -0 tcpdump_of "$d"
	[[ "$output" == *"options (RR $ours,EOL))"* ]]
}

@test "-d: loose and strict source routes: the next hop at the pointer" {
	local d
	d=$(with_ip_options "83 0B 08 C0 00 02 05 C0 00 02 06 00")
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$d"
	[[ "$output" == *"
    option         loose source route (131), 11 bytes
      pointer      8: slot 2 of 2 is next
      address      192.0.2.5 (recorded)
      address      192.0.2.6 (next hop)
"* ]]
	ours=$(route_as_tcpdump)
	need_tcpdump
	run -0 tcpdump_of "$d"
	[[ "$output" == *"options (LSRR $ours,EOL))"* ]]
	# Strict, its route used up (pointer 12 past the 11 bytes), and a
	# pointer between slots.
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$(with_ip_options "89 0B 0C C0 00 02 05 C0 00 02 06 00")"
	[[ "$output" == *"option         strict source route (137), 11 bytes"$'\n'"      pointer      12: past the last slot: all 2 used"* ]]
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$(with_ip_options "89 0B 06 C0 00 02 05 C0 00 02 06 00")"
	[[ "$output" == *"pointer      6: not at a slot (RFC 791: 4, 8, 12, ...)"* ]]
}

@test "-d: timestamp options: flag, overflow, pointer and each stamp, as tcpdump shows them" {
	# Flag 0, two slots, one recorded: 43200000 ms (02 93 2E 00), noon UT.
	local d
	d=$(with_ip_options "44 0C 09 00 02 93 2E 00 00 00 00 00")
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$d"
	[[ "$output" == *"
    option         timestamp (68), 12 bytes
      overflow     0 (hops that found no room)
      flag         0 (timestamps only)
      pointer      9: slot 2 of 2 is next
      stamp        43200000 ms since midnight UT (recorded)
      stamp        0 (not yet recorded)
"* ]]
	need_tcpdump
	run -0 tcpdump_of "$d"
	[[ "$output" == *"options (timestamp TS{TSONLY 43200000@ ^ 0@}))"* ]]
	# Flag 1, address and stamp; overflow 2; the high bit set.
	d=$(with_ip_options "44 14 0D 21 C0 00 02 01 82 93 2E 00 C0 00 02 02 00 00 00 00")
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$d"
	[[ "$output" == *"
      overflow     2 (hops that found no room)
      flag         1 (each hop's address and timestamp)
      pointer      13: slot 2 of 2 is next
      stamp        192.0.2.1: 2190683648 (recorded; high bit set: not milliseconds since midnight UT)
      stamp        192.0.2.2: 0 (not yet recorded)
"* ]]
	run -0 tcpdump_of "$d"
	[[ "$output" == *"TS{TS+ADDR 2190683648@192.0.2.1 ^ 0@192.0.2.2 [2 hops not recorded]}"* ]]
}

@test "-d: route and timestamp options too short for their pointer, or with a flag RFC 791 lacks" {
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$(with_ip_options "07 02 01 00")"
	[[ "$output" == *"option         record route (7), 2 bytes"$'\n'"      pointer      missing: the option is 2 bytes"* ]]
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$(with_ip_options "44 08 05 02 00 00 00 00")"
	[[ "$output" == *"flag         2 (unassigned: the rest is not read)"$'\n'"  ICMP type"* ]]
	# A route with a stray byte after its last whole address, and a
	# timestamp with 3 stray bytes after its last whole stamp.
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$(with_ip_options "07 08 04 C0 00 02 01 00")"
	[[ "$output" == *"address      192.0.2.1"$'\n'"      rest         1 byte: not a whole address"* ]]
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$(with_ip_options "44 0B 05 00 00 00 00 01 00 00 00 00")"
	[[ "$output" == *"stamp        1 (not yet recorded)"$'\n'"      rest         3 bytes: not a whole entry"* ]]
}
