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
