#!/usr/bin/env bats
# receiver -r FILE -d one layer down: Ethernet and its 802.1Q tags, ARP,
# Linux's cooked headers (SLL, SLL2), the BSD loopback's family word in
# either byte order (DLT_NULL) and OpenBSD's (DLT_LOOP), and the IPv6
# fixed header.  Each input is a frame written by hand from its
# specification (test/fixtures/link/*.frame, the sources in each file),
# put into a pcap file of its link type by frame2pcap.py; every value
# our lines give is held against tcpdump's or tshark's reading of the
# same file, never against a copy of our own output alone.

load test_helper

L=$FIXTURES/link
FRAMES=$L
load frame_helper

# The values of the lines labelled LABEL in $output, one a line.
value_of() {
	sed -n "s/^ *$1  *//p" <<<"$output"
}

tshark_of() {
	run -0 tshark -V -o ip.check_checksum:TRUE -r "$1"
}

# An EtherType line's value as tcpdump words it: "0x0800 (IPv4)" is
# "IPv4 (0x0800)".
as_tcpdump_type() {
	sed 's/^\(0x[0-9a-f]*\) (\(.*\))$/\2 (\1)/' <<<"$1"
}

@test "Ethernet: the MACs source -> destination and the EtherType by name, as tcpdump -e reads them" {
	decoded eth-icmp
	local macs type
	macs=$(value_of "MAC addresses")
	type=$(as_tcpdump_type "$(value_of EtherType)")
	[ "$macs" = "02:00:00:00:00:01 -> 02:00:00:00:00:02" ]
	[ "$(value_of "ICMP checksum")" = "0xd9ba (valid)" ]
	need tcpdump
	tcpdump_of "$(pcap eth-icmp)"
	[[ "$output" == *" ${macs/ -> / > }, ethertype $type, length 50: "* ]]
	[[ "$output" == *"id 1, offset 0, flags [DF], proto ICMP (1), length 36)"* ]]
	[[ "$output" == *"192.0.2.1 > 192.0.2.2: ICMP echo request, id 4660, seq 1, length 16"* ]]
	[[ "$output" != *"wrong icmp cksum"* && "$output" != *"bad cksum"* ]]
}

@test "Linux's lo: an Ethernet header whose MACs are both zero, said so" {
	decoded lo-eth
	[ "$(value_of "MAC addresses")" = "00:00:00:00:00:00 -> 00:00:00:00:00:00 (both zero: Linux's lo, which has no hardware to address, writes them so)" ]
	need tcpdump
	tcpdump_of "$(pcap lo-eth)"
	[[ "$output" == *" 00:00:00:00:00:00 > 00:00:00:00:00:00, ethertype IPv4 (0x0800), length 44: "* ]]
}

@test "802.1Q: the tag's VLAN id, priority and DEI, then the EtherType it carries, as tcpdump and tshark read them" {
	decoded vlan
	local tag types
	tag=$(value_of "VLAN tag")
	types=($(value_of EtherType | tr -d '()' | awk '{ print $1 }'))
	[ "$tag" = "vlan 100, p 3 (priority), DEI 0" ]
	[ "${types[*]}" = "0x8100 0x0800" ]
	[ "$(value_of "UDP checksum")" = "0xbf59 (valid)" ]
	need tcpdump
	tcpdump_of "$(pcap vlan)"
	[[ "$output" == *"ethertype 802.1Q (${types[0]}), length 50: vlan 100, p 3, ethertype IPv4 (${types[1]}),"* ]]
	[[ "$output" == *"192.0.2.1.40000 > 192.0.2.2.33434: [udp sum ok]"* ]]
	need tshark
	tshark_of "$(pcap vlan)"
	[[ "$output" == *"802.1Q Virtual LAN, PRI: 3, DEI: 0, ID: 100"* ]]
}

@test "802.1ad around 802.1Q: each tag read in turn, as tcpdump reads them" {
	run -0 --separate-stderr "$RECEIVER" -r "$(sed 's/^81 00 .*/88 a8 20 0a 81 00/' "$L/vlan.frame" | pcap -)" -d
	# Outer tag: priority 1 (001), vlan 10 (20 0a).
	[ "$(value_of "VLAN tag" | tr '\n' '|')" = "vlan 10, p 1 (priority), DEI 0|vlan 100, p 3 (priority), DEI 0|" ]
	[ "$(value_of EtherType | tr '\n' '|')" = "0x88a8 (802.1Q-QinQ)|0x8100 (802.1Q)|0x0800 (IPv4)|" ]
	[ "$(value_of "UDP checksum")" = "0xbf59 (valid)" ]
	need tcpdump
	tcpdump_of "$BATS_TEST_TMPDIR/in.pcap"
	[[ "$output" == *"ethertype 802.1Q-QinQ (0x88a8), length 54: vlan 10, p 1, ethertype 802.1Q (0x8100), vlan 100, p 3, ethertype IPv4 (0x0800),"* ]]
}

@test "ARP request and reply: who-has and is-at with their addresses, and the padding to 60 bytes, as tcpdump and tshark read them" {
	decoded arp-request
	local op
	op=$(value_of "ARP operation")
	[ "$op" = "1 (request): who-has 192.0.2.2 tell 192.0.2.1" ]
	[ "$(value_of padding)" = "18 bytes after the message" ]
	need tcpdump
	tcpdump_of "$(pcap arp-request)"
	[[ "$output" == *"02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 60: Ethernet (len 6), IPv4 (len 4), Request ${op#*: }, length 46"* ]]
	decoded arp-reply
	op=$(value_of "ARP operation")
	[ "$op" = "2 (reply): 192.0.2.2 is-at 02:00:00:00:00:02" ]
	tcpdump_of "$(pcap arp-reply)"
	[[ "$output" == *"Reply ${op#*: }, length 46"* ]]
	# Every address and number, each on a line of tshark's.
	need tshark
	decoded arp-request
	local want
	want="Hardware type: Ethernet ($(value_of "hardware type" | cut -d' ' -f1))
    Protocol type: IPv4 ($(value_of "protocol type" | cut -d' ' -f1))
    Hardware size: $(value_of "address lengths" | cut -d' ' -f1)
    Protocol size: $(value_of "address lengths" | cut -d' ' -f3)
    Opcode: request ($(value_of "ARP operation" | cut -d' ' -f1))
    Sender MAC address: $(value_of "sender MAC") ($(value_of "sender MAC"))
    Sender IP address: $(value_of "sender IPv4")
    Target MAC address: 00:00:00_00:00:00 ($(value_of "target MAC" | cut -d' ' -f1))
    Target IP address: $(value_of "target IPv4")"
	tshark_of "$(pcap arp-request)"
	[[ "$output" == *"$want"* ]]
	# tshark gives the padding to Ethernet: 18 zero bytes.
	[[ "$output" == *"Padding: $(printf '0%.0s' $(seq 36))"$'\n'* ]]
}

@test "Linux cooked (SLL, 113): packet type, link-layer type, address and protocol, as tshark and tcpdump read them" {
	decoded sll
	local want
	want="Packet type: Unicast to us ($(value_of "packet type" | cut -d' ' -f1))
    Link-layer address type: Loopback ($(value_of "link-layer type" | cut -d' ' -f1))
    Link-layer address length: $(value_of "address length")
    Source: 00:00:00_00:00:00 ($(value_of "source MAC"))
    Unused: 0000
    Protocol: $(as_tcpdump_type "$(value_of EtherType)")"
	need tshark
	tshark_of "$(pcap sll)"
	[[ "$output" == *"$want"* ]]
	need tcpdump
	tcpdump_of "$(pcap sll)"
	[[ "$output" == *" In 00:00:00:00:00:00 ethertype IPv4 (0x0800), length 46: "* ]]
}

@test "Linux cooked v2 (SLL2, 276): interface index, link-layer type, packet type, address, protocol; the TCP SYN's options as tcpdump lists them" {
	decoded sll2
	local want opts
	want="Protocol: $(as_tcpdump_type "$(value_of EtherType)")
    Interface index: $(value_of "interface index")
    Link-layer address type: Ethernet ($(value_of "link-layer type" | cut -d' ' -f1))
    Packet type: Sent by us ($(value_of "packet type" | cut -d' ' -f1))
    Link-layer address length: $(value_of "address length")
    Source: $(value_of "source MAC") ($(value_of "source MAC"))"
	opts=$(sed -n 's/^    option         \([^(]*\) (.*/\1/p' <<<"$output" | paste -sd, -)
	[ "$opts" = "mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7" ]
	[ "$(value_of "TCP checksum")" = "0xb2c5 (valid)" ]
	need tshark
	tshark_of "$(pcap sll2)"
	[[ "$output" == *"$want"* ]]
	need tcpdump
	tcpdump_of "$(pcap sll2)"
	[[ "$output" == *"Out ifindex 2 02:00:00:00:00:01 ethertype IPv4 (0x0800), length 80: "* ]]
	[[ "$output" == *"Flags [S], cksum 0xb2c5 (correct), seq 2072233025, win 64240, options [$opts], length 0"* ]]
}

# The family word's bytes on our line are the frame's first four, as
# the hex line above shows them.
family_bytes_are_the_frames() {
	local first
	first=$(head -1 <<<"$output" | cut -d' ' -f1-4 | tr A-F a-f)
	[[ "$(value_of "byte order")" == "$first: "* ]]
}

@test "DLT_NULL from a Mac or FreeBSD: family 2 in the capturing host's little-endian order, 02 00 00 00, as tcpdump and tshark read it" {
	decoded null-le
	family_bytes_are_the_frames
	[ "$(value_of "byte order")" = "02 00 00 00: little-endian, the capturing host's own order (a Mac's or FreeBSD's lo0)" ]
	[ "$(value_of "address family")" = "2 (IPv4)" ]
	need tcpdump
	tcpdump_of "$(pcap null-le)"
	[[ "$output" == *" AF IPv4 (2), length 34: "*"127.0.0.1 > 127.0.0.1: ICMP echo request, id 0, seq 0, length 10"* ]]
	need tshark
	tshark_of "$(pcap null-le)"
	[[ "$output" == *"Null/Loopback"$'\n'"    Family: IP (2)"* ]]
}

@test "DLT_NULL from a big-endian host, 00 00 00 02, and OpenBSD's DLT_LOOP in network order: family 2 either way, as tcpdump and tshark read them" {
	decoded null-be
	family_bytes_are_the_frames
	[ "$(value_of "byte order")" = "00 00 00 02: big-endian, the capturing host's own order (a big-endian BSD's lo0); DLT_NULL is read either way, as tcpdump reads it" ]
	[ "$(value_of "address family")" = "2 (IPv4)" ]
	decoded loop
	family_bytes_are_the_frames
	[ "$(value_of "byte order")" = "00 00 00 02: network order, as OpenBSD's lo0 writes it" ]
	[ "$(value_of "address family")" = "2 (IPv4)" ]
	need tcpdump
	for f in null-be loop; do
		tcpdump_of "$(pcap "$f")"
		[[ "$output" == *" AF IPv4 (2), length 34: "* ]]
	done
	need tshark
	for f in null-be loop; do
		tshark_of "$(pcap "$f")"
		[[ "$output" == *"Null/Loopback"$'\n'"    Family: IP (2)"* ]]
	done
}

@test "the loopback family's IPv6 numbers: 24 (NetBSD, OpenBSD), 28 (FreeBSD), 30 (macOS), as tcpdump names them; DLT_LOOP in little-endian is read as tcpdump reads it" {
	local word family
	for word in "18 00 00 00:24" "1c 00 00 00:28" "1e 00 00 00:30"; do
		family=${word#*:}
		run -0 --separate-stderr "$RECEIVER" -r "$(sed "s/^1e 00 00 00 /${word%:*} /" "$L/ip6.frame" | pcap -)" -d
		[[ "$(value_of "address family")" == "$family (IPv6, as "* ]]
		[ "$(value_of version)" = 6 ]
		need tcpdump
		tcpdump_of "$BATS_TEST_TMPDIR/in.pcap"
		[[ "$output" == *" AF IPv6 ($family), length 60: "* ]]
	done
	# OpenBSD's IPv6, 24, in network order.
	run -0 --separate-stderr "$RECEIVER" -r "$(sed 's/^linktype 0/linktype 108/; s/^1e 00 00 00 /00 00 00 18 /' "$L/ip6.frame" | pcap -)" -d
	[ "$(value_of "address family")" = "24 (IPv6, as NetBSD and OpenBSD number it)" ]
	[ "$(value_of "byte order")" = "00 00 00 18: network order, as OpenBSD's lo0 writes it" ]
	# A DLT_LOOP word written little-endian: said, and read so.
	run -0 --separate-stderr "$RECEIVER" -r "$(sed 's/^00 00 00 02 /02 00 00 00 /' "$L/loop.frame" | pcap -)" -d
	[ "$(value_of "byte order")" = "02 00 00 00: little-endian, not the network order DLT_LOOP has; read so, as tcpdump reads it" ]
	[ "$(value_of "ICMP type")" = "8 (echo request)" ]
	tcpdump_of "$BATS_TEST_TMPDIR/in.pcap"
	[[ "$output" == *" AF IPv4 (2), length 34: "* ]]
}

@test "IPv6's fixed header: version, traffic class, flow label, payload length, next header, hop limit, addresses, as tcpdump and tshark read them" {
	decoded ip6
	[ "$(value_of "flow label")" = 0x12345 ]
	[ "$(value_of "ICMPv6 checksum")" = "0x0b61 (valid)" ]
	local flow=$(value_of "flow label") hlim=$(value_of "hop limit") \
	    nxt=$(value_of "next header") plen=$(value_of "payload length") \
	    addrs=$(value_of addresses)
	need tcpdump
	tcpdump_of "$(pcap ip6)"
	[[ "$output" == *"(flowlabel $flow, hlim $hlim, next-header ICMPv6 (${nxt%% *}) payload length: $plen) ${addrs/ -> / > }: [icmp6 sum ok] ICMP6, echo request, id 26214, seq 1"* ]]
	need tshark
	tshark_of "$(pcap ip6)"
	[[ "$output" == *"Traffic Class: 0x00 (DSCP: CS0, ECN: Not-ECT)"* ]]
	[[ "$output" == *"= Flow Label: $flow"$'\n'"    Payload Length: $plen"$'\n'"    Next Header: ICMPv6 (${nxt%% *})"$'\n'"    Hop Limit: $hlim"* ]]
}

@test "IPv6 and UDP: the traffic class's DSCP, and the checksum over IPv6's pseudo-header, as tcpdump and tshark read them" {
	decoded ip6-udp
	[ "$(value_of "traffic class")" = "0xb8 (DSCP 46, ECN 0)" ]
	[ "$(value_of "UDP checksum")" = "0xe7e8 (valid)" ]
	need tcpdump
	tcpdump_of "$(pcap ip6-udp)"
	[[ "$output" == *"(class 0xb8, hlim 64, next-header UDP (17) payload length: 12) 2001:db8::1.40000 > 2001:db8::2.33434: [udp sum ok] UDP, length 4"* ]]
	need tshark
	tshark_of "$(pcap ip6-udp)"
	[[ "$output" == *"Differentiated Services Codepoint: Expedited Forwarding (46)"* ]]
	# One bit off: INVALID, with the value tcpdump computes.
	run -0 --separate-stderr "$RECEIVER" -r "$(sed 's/ e7 e8 / e7 e9 /' "$L/ip6-udp.frame" | pcap -)" -d
	[ "$(value_of "UDP checksum")" = "0xe7e9 (INVALID: should be 0xe7e8)" ]
	tcpdump_of "$BATS_TEST_TMPDIR/in.pcap"
	[[ "$output" == *"[bad udp cksum 0xe7e9 -> 0xe7e8!]"* ]]
	# A zero checksum, which RFC 768 allows over IPv4, IPv6 does not.
	run -0 --separate-stderr "$RECEIVER" -r "$(sed 's/ e7 e8 / 00 00 /' "$L/ip6-udp.frame" | pcap -)" -d
	[ "$(value_of "UDP checksum")" = "0x0000 (none, which IPv6 does not allow: RFC 8200 8.1)" ]
}

@test "a raw frame (hex text, LINKTYPE_RAW) whose version is 6 is read as IPv6, with no link line" {
	local d
	# The frame less its 14-byte Ethernet header.
	d=$(grep -v '^linktype' "$L/ip6-udp.frame" | sed 's/#.*//' | xargs | cut -d' ' -f15-)
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$d"
	[ "${lines[1]}" = "  version          6" ]
	[ "$(value_of "UDP checksum")" = "0xe7e8 (valid)" ]
	[[ "$output" != *"link type"* ]]
}

@test "a frame cut short: every field whose bytes are here, then what is missing, in the header's own words" {
	run -0 --separate-stderr "$RECEIVER" -r "$(pcap eth-icmp --cut 13)" -d
	[ "${lines[2]}" = "  MAC addresses    02:00:00:00:00:01 -> 02:00:00:00:00:02" ]
	[ "${lines[3]}" = "  Ethernet         only 13 bytes: shorter than the 14-byte header; the rest is not decoded" ]
	[ "${#lines[@]}" -eq 4 ]
	run -0 --separate-stderr "$RECEIVER" -r "$(pcap vlan --cut 16)" -d
	[ "${lines[-2]}" = "  VLAN tag         vlan 100, p 3 (priority), DEI 0" ]
	[ "${lines[-1]}" = "  VLAN             only 2 bytes: shorter than the 4-byte tag; the rest is not decoded" ]
	run -0 --separate-stderr "$RECEIVER" -r "$(pcap arp-request --cut 30)" -d
	[ "${lines[-3]}" = "  ARP operation    1 (request)" ]
	[ "${lines[-2]}" = "  sender MAC       02:00:00:00:00:01" ]
	[ "${lines[-1]}" = "  ARP              only 16 bytes: shorter than the 28-byte message; the rest is not decoded" ]
	run -0 --separate-stderr "$RECEIVER" -r "$(pcap sll2 --cut 11)" -d
	[ "${lines[-2]}" = "  packet type      4 (Out: sent by this host)" ]
	[ "${lines[-1]}" = "  Linux cooked v2  only 11 bytes: shorter than the 20-byte header; the rest is not decoded" ]
	run -0 --separate-stderr "$RECEIVER" -r "$(pcap null-le --cut 3)" -d
	[ "${lines[-1]}" = "  loopback         only 3 bytes: shorter than the 4-byte family; the rest is not decoded" ]
	run -0 --separate-stderr "$RECEIVER" -r "$(pcap ip6-udp --cut 34)" -d
	[ "${lines[-2]}" = "  hop limit        64" ]
	[ "${lines[-1]}" = "  not decoded      20 bytes: the header is 40 bytes, only 20 of them here; the rest is missing" ]
	# tcpdump finds each cut in that header.
	need tcpdump
	tcpdump_of "$(pcap eth-icmp --cut 13)"
	[[ "$output" == *"[|ether]"* ]]
	tcpdump_of "$(pcap arp-request --cut 30)"
	[[ "$output" == *"[|arp]"* ]]
	tcpdump_of "$(pcap ip6-udp --cut 34)"
	[[ "$output" == *"[|ip6]"* ]]
}

# Slow (a cut at every length, a full disk, a bench run): make
# test-slow runs it, as CI does.
# bats test_tags=slow
@test "every frame cut at every length: status 0, a view for each, and each ends saying what is missing or with the message's end" {
	local f n line
	for f in "$L"/*.frame; do
		f=$(basename "$f" .frame)
		run -0 last_lines "$f"
		n=$(python3 "$L/frame2pcap.py" "$L/$f.frame" /dev/stdout | wc -c)
		# One view for each length from 1 to the frame's less one (the
		# pcap is 24 + 16 + n bytes).
		[ "${#lines[@]}" -eq $((n - 24 - 16 - 1)) ]
		for line in "${lines[@]}"; do
			[[ "$line" == *" only "*" bytes: shorter than the "* ||
			   "$line" == "  not decoded  "* || "$line" == "  payload  "* ||
			   "$line" == "  padding  "* || "$line" == "  target IPv4  "* ]] ||
			    { echo "$f: a view ends in: $line" >&2; return 1; }
		done
	done
}
