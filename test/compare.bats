#!/usr/bin/env bats
# sender --compare: every layout side by side.  The expected screens are
# in test/fixtures/compare/, checked by hand (see the
# fixtures' README); the netbsd layout follows the machine's own byte
# order, so a big-endian machine has its own.

load test_helper

# le or be: the order of the machine the programs run on (under qemu,
# the emulated one), read from the netbsd layout's length bytes.
order() {
	case $("$SENDER" -n -l netbsd) in
	"45 00 1c 00 "*) echo le ;;
	"45 00 00 1c "*) echo be ;;
	*) echo unknown ;;
	esac
}

@test "--compare: the article's packet in every layout, differences marked and explained" {
	run -0 "$SENDER" --compare
	[ "$output" = "$(cat "$FIXTURES/compare/$(order).txt")" ]
}

@test "--compare with --df and an id: the flags are the third host-order field" {
	run -0 "$SENDER" --compare --df --ip-id 0x1cd4
	[ "$output" = "$(cat "$FIXTURES/compare/df-$(order).txt")" ]
}

@test "--compare says host byte order, a Mac's little-endian, and why" {
	run -0 "$SENDER" --compare
	[[ "$output" == *"  darwin  1c 00        28, in host byte order (a Mac's: little-endian), for macOS"* ]]
	[[ "$output" == *"  wire    00 1c        28, in network byte order, for FreeBSD 11+ and OpenBSD"* ]]
	# The why, read as one paragraph: the BSD stack keeps ip_len and
	# ip_off in host order, and raw sockets pass them on so.
	flat=$(tr '\n' ' ' <<<"$output")
	[[ "$flat" == *"every Mac since 2006 (Intel, then Apple silicon) is little-endian: the article's 28 is 1c 00."* ]]
	[[ "$flat" == *"the BSD stack turns ip_len and ip_off to host order as a datagram comes in"* ]]
	[[ "$flat" == *"a raw socket hands the header across as the stack holds it"* ]]
}

@test "--compare shows the flags and fragment offset field, bytes 6-7, in every layout" {
	# Even when 0, which the article leaves in either order.
	run -0 "$SENDER" --compare
	[[ "$output" == *"flags and fragment offset (bytes 6-7):
  linux   00 00        no flags, offset 0, in network byte order, for Linux
  darwin  00 00        no flags, offset 0, in host byte order (a Mac's: little-endian), for macOS (0 is the same bytes in either order)"* ]]
	# MF and offset 185 (1480 bytes: RFC 791 counts 8-byte units) are
	# 0x2000 | 0xb9 = 0x20b9: 20 b9 in network order, b9 20 a Mac's.
	run -0 "$SENDER" --compare --mf --frag-offset 185
	[[ "$output" == *"  linux   20 b9        MF, offset 185 (1480 bytes), in network byte order, for Linux"* ]]
	[[ "$output" == *"  darwin  b9 20        MF, offset 185 (1480 bytes), in host byte order (a Mac's: little-endian), for macOS"* ]]
	[[ "$output" == *"  wire    20 b9        MF, offset 185 (1480 bytes), in network byte order, for FreeBSD 11+ and OpenBSD"* ]]
}

@test "--compare --color: the bytes and the field names in the article's colours" {
	# The palette of the manuals; the fields at RFC 791's offsets.
	L=$'\e[36m' I=$'\e[35m' S=$'\e[33m' A=$'\e[32m' T=$'\e[1;31m' R=$'\e[0m'
	run -0 "$SENDER" --compare --color always
	[ "${lines[3]}" = "darwin        45 00 ${L}1c 00${R} ${I}00 0b${R} 00 00 40 01 ${S}60 f0${R} ${A}7f 00 00 01${R} 7f 00 00 01 ${T}08${R} 00 f7 ff 00 00 00 00" ]
	[ "${lines[7]}" = "${L}total length${R} (bytes 2-3):" ]
	[ "${lines[9]}" = "  darwin  ${L}1c 00${R}        28, in host byte order (a Mac's: little-endian), for macOS" ]
	[[ "$output" == *"
  wire        45 00 ${L}00 1c${R} ${I}.. ..${R} 00 00 40 01 ${S}.. ..${R} ${A}.. .. .. ..${R} 7f 00 00 01 ${T}08${R} 00 f7 ff 00 00 00 00
"* ]]
	# Never, or to a pipe: the screen without colour, byte for byte.
	run -0 "$SENDER" --compare --color=never
	[ "$output" = "$(cat "$FIXTURES/compare/$(order).txt")" ]
	[[ "$output" != *$'\e'* ]]
}

@test "--compare needs no privilege and sends nothing" {
	# Where a raw socket would be refused: as nobody when we are root
	# (test_helper's run_unprivileged), as ourselves when we are not.
	public_bin
	run_unprivileged "$PUB/sender" --compare
	rm -rf "$PUB"
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "The same echo request as each system's program hands it to its kernel:" ]]
}

@test "--compare with -x, -w or --no-hdrincl: a message and status 2" {
	msg="sender: --compare builds the packet in every layout and prints it: it does not combine with -x, -w or --no-hdrincl"
	run -2 "$SENDER" --compare -x 4500
	[ "$output" = "$msg" ]
	run -2 "$SENDER" --compare -w "$BATS_TEST_TMPDIR/f.pcap"
	[ "$output" = "$msg" ]
	run -2 "$SENDER" --compare --no-hdrincl
	[ "$output" = "$msg" ]
}

@test "README, manuals and --compare count bytes alike, from 0, and each says so once" {
	for doc in README.md cmd/sender/sender.1 cmd/receiver/receiver.1; do
		n=$(tr '\n' ' ' <"$ROOT/$doc" | grep -o "Bytes are counted from 0" | wc -l)
		[ "$n" -eq 1 ] || { echo "$doc says so $n times" >&2; return 1; }
	done
	# --compare's ruler starts at 0, and its total length is at 2-3.
	run -0 "$SENDER" --compare
	[[ "${lines[1]}" == "byte           0  1  2  3 "* ]]
	[[ "$output" == *"total length (bytes 2-3):"* ]]
	# The README's reply type, byte 20, is the 21st pair of a line; the
	# same byte of the request is 08.
	flat=$(tr '\n' ' ' <"$ROOT/README.md")
	[[ "$flat" == *'whose type (byte 20) is `00` instead of `08`'* ]]
	[ "$("$SENDER" -n | cut -d' ' -f21)" = 08 ]
	# receiver(1): a macOS reply's 08 00 at bytes 2 and 3.
	[[ "$(tr '\n' ' ' <"$ROOT/cmd/receiver/receiver.1")" == *".Ql 08 00 at bytes 2 and 3."* ]]
	[ "$(grep '^45 ' "$FIXTURES/decode/macos-reply.txt" | cut -d' ' -f3-4)" = "08 00" ]
}

# --compare -6 and --compare --dgram (compare_socks.c).  The checksums
# below are worked by hand (RFC 1071: the one's complement of the one's
# complement sum of 16-bit words), not taken from the program.

# The documented vector: echo ::1 -> ::1, id 0x6666, seq 1, "ICMPV6!!".
ICMPV6=(-I 0x6666 -S 1 -p 49434d5056362121)

@test "--compare -6: the same ICMPv6 bytes on every system, checksum 00 00, no marks, and why" {
	run -0 "$SENDER" --compare -6 "${ICMPV6[@]}"
	req="80 00 00 00 66 66 00 01 49 43 4d 50 56 36 21 21"
	[ "${lines[2]}" = "byte           0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15" ]
	[ "${lines[3]}" = "linux         $req" ]
	[ "${lines[4]}" = "darwin        $req" ]
	[ "${lines[5]}" = "wire          $req" ]
	[ "${lines[6]}" = "netbsd        $req" ]
	# No marker row: the sentence why comes next.
	[[ "${lines[7]}" == "No byte differs: an IPv6 raw socket takes and gives its data in network byte" ]]
	flat=$(tr '\n' ' ' <<<"$output")
	[[ "$flat" == *"order on every system (RFC 3542), and never the IPv6 header"* ]]
}

@test "--compare -6: on the wire, ICMPv6's checksum over the pseudo-header is 0x0b61" {
	# Pseudo-header (RFC 8200 8.1): ::1 and ::1 give 0001 + 0001,
	# length 16 is 0010, next header 58 is 003a: 004c.  Message words:
	# 8000 0000 6666 0001 4943 4d50 5636 2121 sum to 1f452 -> f452;
	# f452 + 004c = f49e; complemented: 0b61 (REFERENCE-LAYERS.md's
	# value too).
	run -0 "$SENDER" --compare -6 "${ICMPV6[@]}" ::1
	[[ "$output" == *"
handed        80 00 00 00 66 66 00 01 49 43 4d 50 56 36 21 21
  wire        80 00 0b 61 66 66 00 01 49 43 4d 50 56 36 21 21
  differ            ^^ ^^
The checksum, 0x0b61, is the kernel's over the pseudo-header (source ::1,
destination ::1, length 16, next header 58) and the message."* ]]
	# Elsewhere the source, and so the checksum, is the kernel's choice.
	run -0 "$SENDER" --compare -6 "${ICMPV6[@]}" 2001:db8::1
	[[ "$output" == *"
  wire        80 00 .. .. 66 66 00 01 49 43 4d 50 56 36 21 21
"* ]]
	[[ "$output" == *"(the address of the route to 2001:db8::1),"* ]]
	[[ "$output" != *"0x0b61"* ]]
}

@test "--compare -6: own echo requests, IPV6_CHECKSUM and IPV6_HDRINCL, system by system" {
	run -0 "$SENDER" --compare -6
	[[ "$output" == *"
  linux   IPv6 yes, IPv4 yes, for Linux
  darwin  IPv6 yes, IPv4 no, for macOS
"* ]]
	[[ "$output" == *"
  linux   refused (EINVAL): the kernel's own, for Linux
  darwin  accepted only as 2, the checksum's offset, for macOS
  wire    not checked here, for FreeBSD 11+ and OpenBSD
"* ]]
	[[ "$output" == *"
  linux   yes (IPPROTO_RAW has it on; sender -6 --hdrincl), for Linux
  darwin  no, for macOS
"* ]]
}

@test "--compare --dgram: who may open the ping socket; the checksum the program's on macOS, the port Linux's" {
	# "ICMPV6!!" behind 0800 6666 0001: 0800 + 6666 + 0001 + 4943 +
	# 4d50 + 5636 + 2121 = 17c51 -> 7c52, complemented 83ad.
	run -0 "$SENDER" --compare --dgram "${ICMPV6[@]}"
	[ "${lines[0]}" = "Who may open the ping socket, socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP):" ]
	[ "${lines[1]}" = "  linux   a group in net.ipv4.ping_group_range (default '1 0': nobody), for Linux" ]
	[ "${lines[2]}" = "  darwin  any user, for macOS" ]
	[ "${lines[3]}" = "  wire    nobody: there is no such socket, for FreeBSD 11+ and OpenBSD" ]
	[[ "$output" == *"
linux         08 00 00 00 66 66 00 01 49 43 4d 50 56 36 21 21
darwin        08 00 83 ad 66 66 00 01 49 43 4d 50 56 36 21 21
differ              ^^ ^^
"* ]]
	# -I given: the sender binds Linux's socket to that port, so the
	# identifier stays, and the kernel's checksum is the Mac's.
	[[ "$output" == *"
linux writes  08 00 00 00 66 66 00 01 49 43 4d 50 56 36 21 21
  wire        08 00 83 ad 66 66 00 01 49 43 4d 50 56 36 21 21
  differ            ^^ ^^
darwin writes 08 00 83 ad 66 66 00 01 49 43 4d 50 56 36 21 21
  wire        08 00 83 ad 66 66 00 01 49 43 4d 50 56 36 21 21
  differ      none
"* ]]
	# Without -I the kernel picks the port: identifier and checksum
	# unknown here.
	run -0 "$SENDER" --compare --dgram -S 1 -p 49434d5056362121
	[[ "$output" == *"
linux writes  08 00 00 00 00 00 00 01 49 43 4d 50 56 36 21 21
  wire        08 00 .. .. .. .. 00 01 49 43 4d 50 56 36 21 21
  differ            ^^ ^^ ^^ ^^
"* ]]
}

@test "--compare --dgram: a Mac's ping socket hands the reply over with ip_len little-endian, less 20" {
	# The reply is 20 + 16 = 36 bytes (00 24) on the wire; macOS hands
	# over 16, little-endian: 10 00.  Its checksum: type 00 for 08
	# takes 0800 off the sum, 7c52 - 0800 = 7452, complemented 8bad.
	run -0 "$SENDER" --compare --dgram "${ICMPV6[@]}"
	[[ "$output" == *"
darwin wire   45 .. 00 24 .. .. .. .. .. 01 .. .. 7f 00 00 01 7f 00 00 01 00 00 8b ad 66 66 00 01 49 43 4d 50 56 36 21 21
  recv        45 .. 10 00 .. .. .. .. .. 01 .. .. 7f 00 00 01 7f 00 00 01 00 00 8b ad 66 66 00 01 49 43 4d 50 56 36 21 21
  differ            ^^ ^^
macOS hands over the IPv4 header too, as its raw socket does:
total length 16, the header's 20 bytes left out, in host byte order
"* ]]
	# Linux: the message alone, under the wire's.
	[[ "$output" == *"
  recv                                                                    00 00 8b ad 66 66 00 01 49 43 4d 50 56 36 21 21
Linux hands over the ICMP message alone, and only the replies to its
"* ]]
}

@test "--compare --dgram -6: the IPv6 ping sockets, id kept and checksum the kernel's on macOS" {
	# Echo request ::1 -> ::1, id 0, seq 0, no payload: 8000 + pseudo-
	# header 0001 + 0001 + 0008 + 003a = 8044, complemented 7fbb; the
	# reply 8144, 7ebb.
	run -0 "$SENDER" --compare --dgram -6
	[ "${lines[0]}" = "Who may open the ping socket, socket(AF_INET6, SOCK_DGRAM, IPPROTO_ICMPV6):" ]
	[ "${lines[3]}" = "  wire    not checked here, for FreeBSD 11+ and OpenBSD" ]
	[[ "$output" == *"
linux         80 00 00 00 00 00 00 00
darwin        80 00 00 00 00 00 00 00
differ        none
"* ]]
	[[ "$output" == *"
darwin writes 80 00 00 00 00 00 00 00
  wire        80 00 7f bb 00 00 00 00
"* ]]
	[[ "$output" == *"
linux recv    81 00 .. .. .. .. 00 00
darwin recv   81 00 7e bb 00 00 00 00
differ              ^^ ^^ ^^ ^^
"* ]]
}

@test "--compare -6 --color: the ICMPv6 type in the ICMP type's colour" {
	T=$'\e[1;31m' R=$'\e[0m'
	run -0 "$SENDER" --compare -6 --color always
	[ "${lines[3]}" = "linux         ${T}80${R} 00 00 00 00 00 00 00" ]
	# A Mac's reply header: RFC 791's fields in compare.c's colours.
	L=$'\e[36m' I=$'\e[35m' S=$'\e[33m' A=$'\e[32m'
	run -0 "$SENDER" --compare --dgram --color always
	[[ "$output" == *"
  recv        45 .. ${L}08 00${R} ${I}.. ..${R} .. .. .. 01 ${S}.. ..${R} ${A}7f 00 00 01${R} 7f 00 00 01 ${T}00${R} 00 ff ff 00 00 00 00
"* ]]
}
