#!/usr/bin/env bats
# receiver -r FILE -d on IPv6 beyond its fixed header: the extension
# headers walked in order (hop-by-hop, routing, fragment, destination
# options), ICMPv6 (echo, the errors with the packet each quotes,
# neighbour discovery, MLDv2) and every checksum over IPv6's
# pseudo-header (RFC 4443 2.3, RFC 8200 8.1).  Each input is a frame
# written from its RFCs (test/fixtures/ip6/*.frame, the sources and the
# checksum arithmetic in each file's comments), put into a pcap file by
# test/fixtures/link/frame2pcap.py; every value our lines give is held
# against tcpdump -nn -vv's or tshark -V's reading of the same file.

load test_helper

I=$FIXTURES/ip6
FRAMES=$I
load frame_helper

# The values of the lines labelled LABEL (the leading spaces of its own
# level included) in $output, one a line: a line is two spaces, the
# label padded to 17 columns, the value.
value_of() {
	local head line
	head=$(printf '  %-17s' "$1")
	while IFS= read -r line; do
		[[ "$line" != "$head"* ]] || printf '%s\n' "${line#"$head"}"
	done <<<"$output"
}

tshark_of() {
	run -0 tshark -V -o udp.check_checksum:TRUE -r "$1"
}

@test "ICMPv6 echo request and reply: type, code, id, sequence and the checksum over the pseudo-header, as tcpdump and tshark read them" {
	local f id seq sum word
	for f in echo-request echo-reply; do
		decoded "$f"
		id=$(value_of "ICMPv6 id") seq=$(value_of "ICMPv6 sequence")
		sum=$(value_of "ICMPv6 checksum")
		word=${f#echo-}
		[ "$(value_of "ICMPv6 type")" = "$([ "$word" = request ] && echo 128 || echo 129) (echo $word)" ]
		[[ "$sum" == 0x????" (valid)" ]]
		need tcpdump
		tcpdump_of "$(pcap "$f")"
		[[ "$output" == *"[icmp6 sum ok] ICMP6, echo $word, id $id, seq $seq"* ]]
		need tshark
		tshark_of "$(pcap "$f")"
		[[ "$output" == *"Checksum: ${sum%% *} [correct]"$'\n'"    [Checksum Status: Good]"$'\n'"    Identifier: $(printf '0x%04x' "$id")"$'\n'"    Sequence: $seq"* ]]
	done
}

@test "ICMPv6 checksum one off: INVALID with the value tcpdump and tshark compute" {
	decoded_text < <(sed 's/^\(80 00 04\) 20 /\1 21 /' "$I/echo-request.frame")
	[ "$(value_of "ICMPv6 checksum")" = "0x0421 (INVALID: should be 0x0420)" ]
	need tcpdump
	tcpdump_of "$BATS_TEST_TMPDIR/in.pcap"
	[[ "$output" == *"[bad icmp6 cksum 0x0421 -> 0x0420!]"* ]]
	need tshark
	tshark_of "$BATS_TEST_TMPDIR/in.pcap"
	[[ "$output" == *"Checksum: 0x0421 incorrect, should be 0x0420"*"[Checksum Status: Bad]"* ]]
}

@test "packet too big: the MTU, and the echo request it quotes decoded as an inner IPv6 packet, as tcpdump and tshark read them" {
	decoded too-big
	local inner
	[ "$(value_of MTU)" = 1280 ]
	[ "$(value_of "ICMPv6 checksum")" = "0xd6bb (valid)" ]
	[ "$(value_of "quoted packet")" = "1232 bytes: as much of the packet that caused this error as fits in 1280 (RFC 4443 2.4)" ]
	inner=$(value_of "  inner IPv6")
	[ "$inner" = "2001:db8::1 -> 2001:db8::2, next header 58 (ICMPv6), payload length 1408 (1192 bytes of it quoted), hop limit 63" ]
	[ "$(value_of "  inner ICMPv6")" = "type 128 (echo request), code 0, id 4660, sequence 2" ]
	need tcpdump
	tcpdump_of "$(pcap too-big)"
	[[ "$output" == *"[icmp6 sum ok] ICMP6, packet too big, mtu 1280"* ]]
	need tshark
	tshark_of "$(pcap too-big)"
	[[ "$output" == *"Checksum: 0xd6bb [correct]"*"MTU: 1280"$'\n'"    Internet Protocol Version 6, Src: 2001:db8::1, Dst: 2001:db8::2"* ]]
	[[ "$output" == *"        Payload Length: 1408"$'\n'"        Next Header: ICMPv6 (58)"$'\n'"        Hop Limit: 63"* ]]
	[[ "$output" == *"        Type: Echo (ping) request (128)"$'\n'"        Code: 0"*"        Identifier: 0x1234"$'\n'"        Sequence: 2"* ]]
	# 1192 bytes of the echo request: its 8-byte header and 1184 of data.
	[[ "$output" == *"        Data (1184 bytes)"* ]]
}

@test "time exceeded, destination unreachable, parameter problem: codes by name, the pointer's field, the quoted packet's addresses and ports, as tcpdump and tshark read them" {
	decoded time-exceeded
	[ "$(value_of "ICMPv6 code")" = "0 (hop limit exceeded in transit)" ]
	[ "$(value_of "ICMPv6 checksum")" = "0x2f28 (valid)" ]
	[ "$(value_of "  inner IPv6")" = "2001:db8::1 -> 2001:db8::3, next header 17 (UDP), payload length 12, hop limit 1" ]
	[ "$(value_of "  inner UDP")" = "port 40000 -> 33434" ]
	decoded unreach
	[ "$(value_of "ICMPv6 code")" = "4 (port unreachable)" ]
	[ "$(value_of "ICMPv6 checksum")" = "0x31e1 (valid)" ]
	[ "$(value_of "  inner UDP")" = "port 40000 -> 33434" ]
	decoded param-problem
	[ "$(value_of "ICMPv6 code")" = "1 (unrecognized next header type encountered)" ]
	[ "$(value_of pointer)" = "octet 6 (next header, in the quoted packet)" ]
	[[ "$(value_of "  inner IPv6")" == *", next header 253 (experimentation and testing (RFC 3692)), payload length 8, hop limit 64" ]]
	need tcpdump
	tcpdump_of "$(pcap time-exceeded)"
	[[ "$output" == *"[icmp6 sum ok] ICMP6, time exceeded in-transit for 2001:db8::3"* ]]
	tcpdump_of "$(pcap unreach)"
	[[ "$output" == *"[icmp6 sum ok] ICMP6, destination unreachable, unreachable port, 2001:db8::2 udp port 33434"* ]]
	tcpdump_of "$(pcap param-problem)"
	[[ "$output" == *"[icmp6 sum ok] ICMP6, parameter problem, next header - octet 6"* ]]
	need tshark
	tshark_of "$(pcap time-exceeded)"
	[[ "$output" == *"Code: 0 (hop limit exceeded in transit)"$'\n'"    Checksum: 0x2f28 [correct]"* ]]
	[[ "$output" == *"    Internet Protocol Version 6, Src: 2001:db8::1, Dst: 2001:db8::3"*"        Hop Limit: 1"*"        Source Port: 40000"$'\n'"        Destination Port: 33434"* ]]
	tshark_of "$(pcap unreach)"
	[[ "$output" == *"Code: 4 (Port unreachable)"$'\n'"    Checksum: 0x31e1 [correct]"* ]]
	tshark_of "$(pcap param-problem)"
	[[ "$output" == *"Code: 1 (unrecognized Next Header type encountered)"$'\n'"    Checksum: 0xb217 [correct]"*"    Pointer: 6"* ]]
}

@test "neighbour solicitation and advertisement: the target, the flags, the link-layer address options, as tcpdump and tshark read them" {
	decoded ns
	[ "$(value_of target)" = fe80::2 ]
	[ "$(value_of "ICMPv6 checksum")" = "0x7a97 (valid)" ]
	[ "$(value_of "  option")" = "source link-layer address (1), 8 bytes: 02:00:00:00:00:01" ]
	need tcpdump
	tcpdump_of "$(pcap ns)"
	[[ "$output" == *"[icmp6 sum ok] ICMP6, neighbor solicitation, length 32, who has fe80::2"$'\n'"	  source link-address option (1), length 8 (1): 02:00:00:00:00:01"* ]]
	decoded na
	[ "$(value_of flags)" = "0x60 (S solicited, O override)" ]
	[ "$(value_of "  option")" = "target link-layer address (2), 8 bytes: 02:00:00:00:00:02" ]
	tcpdump_of "$(pcap na)"
	[[ "$output" == *"[icmp6 sum ok] ICMP6, neighbor advertisement, length 32, tgt is fe80::2, Flags [solicited, override]"$'\n'"	  destination link-address option (2), length 8 (1): 02:00:00:00:00:02"* ]]
	need tshark
	tshark_of "$(pcap ns)"
	[[ "$output" == *"Checksum: 0x7a97 [correct]"*"Target Address: fe80::2"*"Type: Source link-layer address (1)"$'\n'"        Length: 1 (8 bytes)"$'\n'"        Link-layer address: 02:00:00:00:00:01"* ]]
	tshark_of "$(pcap na)"
	[[ "$output" == *"Checksum: 0x181a [correct]"*"Flags: 0x60000000, Solicited, Override"*"Target Address: fe80::2"*"Type: Target link-layer address (2)"*"Link-layer address: 02:00:00:00:00:02"* ]]
}

@test "router advertisement: hop limit, flags, preference, lifetimes, and the options source link-layer address, MTU and prefix information, as tcpdump and tshark read them" {
	decoded ra
	[ "$(value_of "cur hop limit")" = 64 ]
	[ "$(value_of flags | head -1)" = "0xc0 (M managed address configuration, O other configuration)" ]
	[ "$(value_of "  option" | tr '\n' '|')" = "source link-layer address (1), 8 bytes: 02:00:00:00:00:fe|MTU (5), 8 bytes: 1500|prefix information (3), 32 bytes: 2001:db8:1::/64|" ]
	[ "$(value_of "    flags")" = "0xc0 (L on-link, A autonomous address configuration)" ]
	# tcpdump's words for the same values: "pref medium", "1800s", "0ms".
	local hdr mtu prefix
	hdr="hop limit $(value_of "cur hop limit"), Flags [managed, other stateful], pref $(value_of preference | cut -d' ' -f2 | tr -d '(,'), router lifetime $(value_of "router lifetime" | cut -d' ' -f1)s, reachable time $(value_of "reachable time" | cut -d' ' -f1)ms, retrans timer $(value_of "retrans timer" | cut -d' ' -f1)ms"
	mtu="mtu option (5), length 8 (1):  $(value_of "  option" | sed -n 's/^MTU (5), 8 bytes: //p')"
	prefix="prefix info option (3), length 32 (4): $(value_of "  option" | sed -n 's/^prefix information (3), 32 bytes: //p'), Flags [onlink, auto], valid time $(value_of "    valid" | cut -d' ' -f1)s, pref. time $(value_of "    preferred" | cut -d' ' -f1)s"
	need tcpdump
	tcpdump_of "$(pcap ra)"
	[[ "$output" == *"[icmp6 sum ok] ICMP6, router advertisement, length 64"$'\n'"	$hdr"*"$mtu"*"$prefix"* ]]
	need tshark
	tshark_of "$(pcap ra)"
	[[ "$output" == *"Checksum: 0xeb2e [correct]"*"Cur hop limit: 64"$'\n'"    Flags: 0xc0, Managed address configuration, Other configuration, Prf (Default Router Preference): Medium"* ]]
	[[ "$output" == *"Router lifetime (s): 1800"*"ICMPv6 Option (Source link-layer address : 02:00:00:00:00:fe)"*"ICMPv6 Option (MTU : 1500)"*"ICMPv6 Option (Prefix information : 2001:db8:1::/64)"* ]]
}

@test "a hop-by-hop router alert and an MLDv2 report: the options by name, the record, the checksum with next header 58, as tcpdump and tshark read them" {
	decoded mld2
	[ "$(value_of "extension header")" = "0 (Hop-by-Hop Options), 8 bytes (length field 0)" ]
	[ "$(value_of "    next header")" = "58 (ICMPv6)" ]
	[ "$(value_of "    option" | tr '\n' '|')" = "router alert (0x05): 0 (MLD, RFC 2710)|PadN (0x01): 0 bytes of padding after its 2|" ]
	[ "$(value_of "ICMPv6 type")" = "143 (version 2 multicast listener report)" ]
	[ "$(value_of "ICMPv6 checksum")" = "0x7107 (valid)" ]
	[ "$(value_of "  record")" = "CHANGE_TO_EXCLUDE_MODE (4): ff02::1:ff00:1, 0 sources, 0 bytes of auxiliary data" ]
	need tcpdump
	tcpdump_of "$(pcap mld2)"
	[[ "$output" == *"fe80::1 > ff02::16: HBH (rtalert: 0x0000) (padn) [icmp6 sum ok] ICMP6, multicast listener report v2, 1 group record(s) [gaddr ff02::1:ff00:1 to_ex { }]"* ]]
	need tshark
	tshark_of "$(pcap mld2)"
	[[ "$output" == *"    IPv6 Hop-by-Hop Option"$'\n'"        Next Header: ICMPv6 (58)"$'\n'"        Length: 0"$'\n'"        [Length: 8 bytes]"* ]]
	[[ "$output" == *"Router Alert: MLD (0)"*"Type: PadN (0x01)"* ]]
	[[ "$output" == *"Checksum: 0x7107 [correct]"*"Number of Multicast Address Records: 1"*"Record Type: Changed to exclude (4)"$'\n'"        Aux Data Len: 0"$'\n'"        Number of Sources: 0"$'\n'"        Multicast Address: ff02::1:ff00:1"* ]]
}

@test "a jumbo payload option: its length held against the payload length and the bytes present, as tcpdump and tshark read it" {
	# The MLDv2 frame, payload length 0 and the router alert and PadN
	# replaced by a jumbo payload option of 70000 (RFC 2675 2).
	decoded_text < <(sed 's/^00 24 /00 00 /; s/^05 02 00 00 /c2 04 00 01 /; s/^01 00 /11 70 /' "$I/mld2.frame")
	[ "$(value_of "payload length")" = "0, with 36 bytes after the header: a jumbogram's if the hop-by-hop header has a jumbo payload option (RFC 2675); read over the bytes present" ]
	[ "$(value_of "    option")" = "jumbo payload (0xc2): length 70000 (RFC 2675), but 36 bytes follow the header, all of the datagram here" ]
	need tcpdump
	tcpdump_of "$BATS_TEST_TMPDIR/in.pcap"
	[[ "$output" == *"payload length: 0) fe80::1 > ff02::16: HBH (jumbo: 70000)  truncated-ip6 - $((70000 - 36)) bytes missing!"* ]]
	need tshark
	tshark_of "$BATS_TEST_TMPDIR/in.pcap"
	[[ "$output" == *"Type: Jumbo Payload (0xc2)"*"            Payload Length: 70000"* ]]
}

@test "a fragment header, first and later fragment: offset in 8-byte units, M, identification; the first's message not checked, the later's not decoded, as tcpdump and tshark read them" {
	decoded frag-first
	[ "$(value_of "    offset")" = 0 ]
	[ "$(value_of "    M flag")" = "1 (more fragments follow)" ]
	[ "$(value_of "    id")" = "0x12345678 (305419896)" ]
	[ "$(value_of "ICMPv6 checksum")" = "0xe2c9 (not checked: only part of the message is here)" ]
	local echo
	echo="id $(value_of "ICMPv6 id"), seq $(value_of "ICMPv6 sequence")"
	[ "$echo" = "id 4660, seq 3" ]
	need tcpdump
	tcpdump_of "$(pcap frag-first)"
	[[ "$output" == *"2001:db8::1 > 2001:db8::2: frag (0x12345678:0|16) ICMP6, echo request, $echo"* ]]
	[[ "$output" != *"sum ok"* ]]
	decoded frag-later
	[ "$(value_of "    offset")" = "16 = field 2 x 8 bytes" ]
	[ "$(value_of "    M flag")" = "0 (the last fragment)" ]
	[ "$(value_of payload)" = "8 bytes: a later fragment, which carries no ICMPv6 header" ]
	tcpdump_of "$(pcap frag-later)"
	[[ "$output" == *"2001:db8::1 > 2001:db8::2: frag (0x12345678:16|8)" ]]
	need tshark
	tshark_of "$(pcap frag-later)"
	[[ "$output" == *"    Fragment Header for IPv6"$'\n'"        Next header: ICMPv6 (58)"$'\n'"        Reserved octet: 0x00"$'\n'"        0000 0000 0001 0... = Offset: 2 (16 bytes)"$'\n'"        .... .... .... .00. = Reserved bits: 0"$'\n'"        .... .... .... ...0 = More Fragments: No"$'\n'"        Identification: 0x12345678"* ]]
	tshark_of "$(pcap frag-first)"
	[[ "$output" == *"Offset: 0 (0 bytes)"*"More Fragments: Yes"*"Identification: 0x12345678"* ]]
}

@test "a routing header and destination options: type, segments left, addresses; UDP's checksum over the final destination, as tcpdump and tshark read them" {
	decoded routing
	[ "$(value_of "    routing type")" = "0 (source route, deprecated by RFC 5095)" ]
	[ "$(value_of "    segments")" = "2 left" ]
	[ "$(value_of "    address" | tr '\n' '|')" = "2001:db8::4 (1 of 2)|2001:db8::3 (2 of 2)|" ]
	[[ "$(value_of "    destination")" == "2001:db8::3: the last address, the final destination, "* ]]
	[ "$(value_of "    option" | head -1)" = "RFC 3692-style experiment (0x1e): 2 bytes of data, not decoded here (a node that does not know it should skip over it; its data does not change en route)" ]
	[ "$(value_of "UDP checksum")" = "0xeaec (valid)" ]
	need tcpdump
	tcpdump_of "$(pcap routing)"
	[[ "$output" == *"2001:db8::1 > 2001:db8::2: RT6 (len=4, type=0 [Deprecated], segleft=2, rsv=0x0, [0]2001:db8::4, [1]2001:db8::3) DSTOPT (opt_type 0x1e: len=2)(padn) 40000 > 33434: [udp sum ok] UDP, length 4"* ]]
	need tshark
	tshark_of "$(pcap routing)"
	[[ "$output" == *"Type: Source Route (0)"*"        Segments Left: 2"$'\n'"        Reserved: 00000000"$'\n'"        Address[1]: 2001:db8::4"$'\n'"        Address[2]: 2001:db8::3"* ]]
	[[ "$output" == *"Experimental (0x1E)"*"00.. .... = Action: Skip and continue (0)"$'\n'"                ..0. .... = May Change: No"* ]]
	[[ "$output" == *"Checksum: 0xeaec [correct]"*"[Checksum Status: Good]"* ]]
	# The last address is the one the sum covers: another there, and
	# the same checksum fails.
	run -0 --separate-stderr "$RECEIVER" -r "$(sed 's/^\(20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 03\) /20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 02 /' "$I/routing.frame" | pcap -)" -d
	[[ "$(value_of "UDP checksum")" == "0xeaec (INVALID: should be 0x"* ]]
}

@test "UDP over IPv6 with a wrong checksum: INVALID with the value tcpdump and tshark compute" {
	decoded udp-bad
	[ "$(value_of "UDP checksum")" = "0xe8e8 (INVALID: should be 0xe7e8)" ]
	need tcpdump
	tcpdump_of "$(pcap udp-bad)"
	[[ "$output" == *"2001:db8::1.40000 > 2001:db8::2.33434: [bad udp cksum 0xe8e8 -> 0xe7e8!] UDP, length 4"* ]]
	need tshark
	tshark_of "$(pcap udp-bad)"
	[[ "$output" == *"Checksum: 0xe8e8 incorrect, should be 0xe7e8"*"[Checksum Status: Bad]"* ]]
}

@test "raw IPv6 (LINKTYPE_RAW hex text): the MLDv2 report through its hop-by-hop header, checksum valid" {
	local d
	d=$(grep -v '^linktype' "$I/mld2.frame" | sed 's/#.*//' | xargs | cut -d' ' -f15-)
	run -0 --separate-stderr "$RECEIVER" -r - -d <<<"$d"
	[ "${lines[1]}" = "  version          6" ]
	[ "$(value_of "ICMPv6 checksum")" = "0x7107 (valid)" ]
}

@test "extension headers cut short or longer than the bytes: said in the header's words, as tcpdump finds them cut" {
	# The hop-by-hop header cut after 6 of its 8 bytes (14 + 40 + 6).
	run -0 --separate-stderr "$RECEIVER" -r "$(pcap mld2 --cut 60)" -d
	[ "${lines[-3]}" = "      next header  58 (ICMPv6)" ]
	[ "${lines[-2]}" = "  extension header only 6 bytes: shorter than the 8-byte Hop-by-Hop Options header; the rest is not decoded" ]
	[ "${lines[-1]}" = "  not decoded      30 bytes of the payload's 36 are not here: the datagram is cut short" ]
	# A fragment header cut after its first byte.
	run -0 --separate-stderr "$RECEIVER" -r "$(pcap frag-first --cut 55)" -d
	[ "${lines[-2]}" = "  extension header only 1 bytes: shorter than the 8-byte Fragment header; the rest is not decoded" ]
	# A routing header whose length byte says 8 (72 bytes) in a payload
	# of 60: all of the datagram here, the field is wrong.
	decoded_text < <(sed 's/^3c 04 00 02 /3c 08 00 02 /' "$I/routing.frame")
	[ "${lines[-2]}" = "      next header  60 (Destination Options)" ]
	[ "${lines[-1]}" = "  extension header only 60 bytes: shorter than the 72-byte Routing header; the rest is not decoded" ]
	need tcpdump
	tcpdump_of "$BATS_TEST_TMPDIR/in.pcap"
	[[ "$output" == *"RT6 (len=8, type=0 [Deprecated], segleft=2, "*" [|rt6]"* ]]
	tcpdump_of "$(pcap mld2 --cut 60)"
	[[ "$output" == *"fe80::1 > ff02::16:  [|hbhopt]"* ]]
	tcpdump_of "$(pcap frag-first --cut 55)"
	[[ "$output" == *"2001:db8::1 > 2001:db8::2:  [|frag6]"* ]]
	need tshark
	sed 's/^3c 04 00 02 /3c 08 00 02 /' "$I/routing.frame" | pcap - >/dev/null
	tshark_of "$BATS_TEST_TMPDIR/in.pcap"
	[[ "$output" == *"[Length: 72 bytes]"*"[Malformed Packet: IPv6 Routing: length of contained item exceeds length of containing item]"* ]]
}

# Slow (a cut at every length, a full disk, a bench run): make
# test-slow runs it, as CI does.
# bats test_tags=slow
@test "every frame cut at every length: status 0, a view for each, and each ends saying what is missing" {
	local f n line
	for f in "$I"/*.frame; do
		f=$(basename "$f" .frame)
		run -0 last_lines "$f"
		n=$(python3 "$FRAME2PCAP" "$I/$f.frame" /dev/stdout | wc -c)
		[ "${#lines[@]}" -eq $((n - 24 - 16 - 1)) ]
		for line in "${lines[@]}"; do
			[[ "$line" == *" only "*" bytes: shorter than the "* ||
			   "$line" == "  not decoded  "* ]] ||
			    { echo "$f: a view ends in: $line" >&2; return 1; }
		done
	done
}
