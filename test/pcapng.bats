#!/usr/bin/env bats
# pcapng in (receiver -r) and out (-w NAME.pcapng): the files in
# test/fixtures/pcapng/ are built from draft-ietf-opsawg-pcapng by
# make-fixtures.py (README.md there says what tshark and tcpdump make of
# each); damaged files are built here, block by block.

load test_helper

N=$FIXTURES/pcapng

# The bytes of each packet of FILE as tshark reads them, a line a
# frame, upper case: the records tshark shows with an interface (a
# Custom Block's data it shows too is no packet).
tshark_hex() {
	tshark -r "$1" -T json -x 2>/dev/null | python3 -c '
import json, sys
for p in json.load(sys.stdin):
    l = p["_source"]["layers"]
    if "frame.interface_id" in l["frame"]:
        h = l["frame_raw"][0]
        print(" ".join(h[i:i + 2] for i in range(0, len(h), 2)).upper())'
}

# What tshark says of each packet: lengths, time to the nanosecond, the
# protocols from the link type down, the direction.
tshark_fields() {
	tshark -r "$1" -Y frame.interface_id -T fields -e frame.len \
	    -e frame.cap_len -e frame.time_epoch -e frame.protocols \
	    -e frame.packet_flags_direction 2>/dev/null
}

T() { echo "$BATS_TEST_TMPDIR/$1"; }

# Blocks, little-endian (draft-ietf-opsawg-pcapng section 4).
le16() { bin "$(printf '%02x %02x' $(($1 & 255)) $(($1 >> 8 & 255)))"; }
shb() { bin "0a 0d 0d 0a"; le32 28; bin "4d 3c 2b 1a"; le16 1; le16 0; bin "ff ff ff ff ff ff ff ff"; le32 28; }
# idb LINKTYPE
idb() { le32 1; le32 20; le16 "$1"; le16 0; le32 0; le32 20; }
# epb INTERFACE HEX: the bytes padded to 4, no options
epb() {
	local n pad
	n=$(wc -w <<<"$2")
	pad=$(((4 - n % 4) % 4))
	le32 6; le32 $((32 + n + pad)); le32 "$1"; le32 395812; le32 1207959552
	le32 "$n"; le32 "$n"; bin "$2"; head -c "$pad" /dev/zero
	le32 $((32 + n + pad))
}
REQ="45 00 00 1E 1C D4 00 00 40 01 60 09 7F 00 00 01 7F 00 00 01 08 00 37 21 00 00 00 00 C0 DE"

@test "a little-endian pcapng as dumpcap writes it: each frame with its Ethernet header, as tshark reads the bytes" {
	run -0 --separate-stderr "$RECEIVER" -r "$N/le.pcapng"
	diff -u "$N/le.txt" - <<<"$output"
	[ "${#lines[@]}" -eq 4 ]
	# the ARP request, broadcast, is a frame like the others
	[[ "${lines[0]}" == "FF FF FF FF FF FF 02 00 00 00 00 01 08 06 00 01 08 00 06 04 00 01 "* ]]
	need tshark
	[ "$output" = "$(tshark_hex "$N/le.pcapng")" ]
}

@test "the same file big-endian gives the same frames" {
	run -0 --separate-stderr "$RECEIVER" -r "$N/be.pcapng"
	diff -u "$N/be.txt" - <<<"$output"
	cmp "$N/le.txt" "$N/be.txt"
	# not the same bytes: the byte-order magic, and every length word
	[ "$(od -An -tx1 -j8 -N4 "$N/be.pcapng" | tr -d ' ')" = 1a2b3c4d ]
	[ "$(od -An -tx1 -j8 -N4 "$N/le.pcapng" | tr -d ' ')" = 4d3c2b1a ]
	need tshark
	[ "$output" = "$(tshark_hex "$N/be.pcapng")" ]
}

@test "two interfaces of different link types, a Simple and an obsolete Packet Block; other blocks passed over" {
	run -0 --separate-stderr "$RECEIVER" -r "$N/mixed.pcapng"
	diff -u "$N/mixed.txt" - <<<"$output"
	# raw IP first, then Ethernet cut to 40 bytes, the SPB's 40, raw IP
	[ "${lines[0]}" = "$(sed -n 1p "$N/mixed.txt")" ]
	[[ "${lines[0]}" == "45 00 00 22 "* ]]
	[ "$(wc -w <<<"${lines[2]}")" -eq 40 ]
	need tshark
	[ "$output" = "$(tshark_hex "$N/mixed.pcapng")" ]
}

@test "two sections in different byte orders, each numbering its interfaces from 0" {
	run -0 --separate-stderr "$RECEIVER" -r "$N/sections.pcapng"
	diff -u "$N/sections.txt" - <<<"$output"
	need tshark
	[ "$output" = "$(tshark_hex "$N/sections.pcapng")" ]
}

@test "receiver -r - reads a pcapng from standard input" {
	run -0 --separate-stderr "$RECEIVER" -r - <"$N/be.pcapng"
	diff -u "$N/be.txt" - <<<"$output"
}

@test "-r -w NAME.pcapng keeps link types, lengths, directions and stamps to the nanosecond: tshark reads the copy as the original" {
	need tshark
	for f in le be sections; do
		run -0 "$RECEIVER" -q -r "$N/$f.pcapng" -w "$(T "$f.pcapng")"
		[ -n "$(tshark_fields "$N/$f.pcapng")" ]
		diff -u <(tshark_fields "$N/$f.pcapng") <(tshark_fields "$(T "$f.pcapng")")
	done
	# sections.pcapng's second section counts in nanoseconds, its first
	# in microseconds: both kept.
	[ "$(tshark_fields "$(T sections.pcapng)" | cut -f3)" = "1700000000.000001000
1700000001.000000002" ]
	# le.pcapng's directions: out, in, out, in
	[ "$(tshark_fields "$(T le.pcapng)" | cut -f5 | tr '\n' ' ')" = "0x00000002 0x00000001 0x00000002 0x00000001 " ]
}

@test "-r -w NAME.pcapng of mixed link types and units: each kept; the Simple Packet Block, which has no time, is stamped when it is read" {
	need tshark
	run -0 "$RECEIVER" -q -r "$N/mixed.pcapng" -w "$(T m.pcapng)"
	diff -u <(tshark_fields "$N/mixed.pcapng" | cut -f1,2,4) <(tshark_fields "$(T m.pcapng)" | cut -f1,2,4)
	# 2^-10 s units: .5 and .75 exactly; the SPB (third) now.
	diff -u <(tshark_fields "$N/mixed.pcapng" | sed 3d) <(tshark_fields "$(T m.pcapng)" | sed 3d)
	[ "$(tshark_fields "$(T m.pcapng)" | sed -n 3p | cut -f3 | cut -d. -f1)" -ge "$(($(date +%s) - 100))" ]
	[ "$(tshark_hex "$(T m.pcapng)")" = "$(cat "$N/mixed.txt")" ]
}

@test "our pcapng by hand: a Section Header Block, then an Interface Description Block with if_tsresol 9, then the packet" {
	run -0 "$RECEIVER" -q -r "$N/le.pcapng" -c 1 -w "$(T o.pcapng)"
	# SHB: type, length 28, magic, version 1.0, section length -1, 28.
	[ "$(od -An -tx1 -N28 "$(T o.pcapng)" | tr -s ' \n' ' ')" = " 0a 0d 0d 0a 1c 00 00 00 4d 3c 2b 1a 01 00 00 00 ff ff ff ff ff ff ff ff 1c 00 00 00 " ]
	# IDB: type 1, length 32, link type 1, snapshot length 262144,
	# if_tsresol (9) of 1 byte: 9, padded; opt_endofopt; 32.
	[ "$(od -An -tx1 -j28 -N32 "$(T o.pcapng)" | tr -s ' \n' ' ')" = " 01 00 00 00 20 00 00 00 01 00 00 00 00 00 04 00 09 00 01 00 09 00 00 00 00 00 00 00 20 00 00 00 " ]
	# EPB: type 6, 32 + 44 (42 bytes padded) + 12 (epb_flags) = 88,
	# interface 0, the stamp 1700000000123456789 ns = 0x17979cfe3d85cd15
	# (high word, then low), 42 bytes captured of 42.
	[ "$(od -An -tx1 -j60 -N28 "$(T o.pcapng)" | tr -s ' \n' ' ')" = " 06 00 00 00 58 00 00 00 00 00 00 00 fe 9c 97 17 15 cd 85 3d 2a 00 00 00 2a 00 00 00 " ]
	# after the frame: epb_flags (2), 4 bytes, 2 (outbound); the end
	[ "$(od -An -tx1 -j$((60 + 28 + 44)) -N16 "$(T o.pcapng)" | tr -s ' \n' ' ')" = " 02 00 04 00 02 00 00 00 00 00 00 00 58 00 00 00 " ]
	[ "$(wc -c <"$(T o.pcapng)")" -eq $((28 + 32 + 88)) ]
}

@test "-r -w NAME.pcap of two link types: refused for the second, with both named and the way to keep both" {
	run --separate-stderr "$RECEIVER" -q -r "$N/sections.pcapng" -w "$(T s.pcap)"
	[ "$status" -ne 0 ]
	[[ "$stderr" == *"raw IP (101)"*"Ethernet (1)"*".pcapng"* ]]
}

@test "an interface of a link type this does not read: its packets skipped with a warning, the others read" {
	{ shb; idb 147; idb 101; epb 0 "01 02 03"; epb 1 "$REQ"; } >"$(T f.pcapng)"
	run -0 --separate-stderr "$RECEIVER" -r "$(T f.pcapng)"
	[ "$output" = "$REQ" ]
	[[ "$stderr" == *"f.pcapng: block 4: interface 0 has link type 147, not one this reads, skipped"* ]]
}

@test "a packet longer than any frame this reads is skipped; the file goes on" {
	{
		shb; idb 101
		le32 6; le32 $((32 + 300000)); le32 0; le32 0; le32 0
		le32 300000; le32 300000; head -c 300000 /dev/zero
		le32 $((32 + 300000))
		epb 0 "$REQ"
	} >"$(T f.pcapng)"
	run -0 --separate-stderr "$RECEIVER" -r "$(T f.pcapng)"
	[ "$output" = "$REQ" ]
	[[ "$stderr" == *"block 3: 300000 bytes, longer than any frame this reads (262144 bytes), skipped"* ]]
}

# Slow (a cut at every length, a full disk, a bench run): make
# test-slow runs it, as CI does.
# bats test_tags=slow
@test "a full disk while writing a pcapng: reported, exit 1, and what was written is whole blocks that tshark reads to the end" {
	[ "$(id -u)" -eq 0 ] || skip "mounting a small tmpfs needs root"
	epb 0 "$REQ" >"$(T one)"
	{ shb; idb 101; for _ in $(seq 1500); do cat "$(T one)"; done; } >"$(T big.pcapng)"
	X=$BATS_TEST_TMPDIR
	run -1 --separate-stderr unshare -m sh -c 'mount -t tmpfs -o size=64k none "$2" && "$1" -q -r "$3/big.pcapng" -w "$2/x.pcapng"; s=$?; cp "$2/x.pcapng" "$3/x.pcapng"; exit $s' sh "$RECEIVER" "$(mktemp -d)" "$X"
	[[ "$stderr" == *"x.pcapng: writing stopped; the file keeps the "*" bytes of whole records before it: No space left on device"* ]]
	size=$(wc -c <"$X/x.pcapng")
	# SHB 28, IDB 20 (microseconds: no if_tsresol), then 64-byte EPBs
	[ $(( (size - 28 - 20) % 64 )) -eq 0 ]
	[ "$size" -gt $((28 + 20)) ]
	run -0 --separate-stderr "$RECEIVER" -q -r "$X/x.pcapng"
	[ "${#lines[@]}" -eq $(( (size - 48) / 64 )) ]
	need tshark
	run -0 --separate-stderr tshark -r "$X/x.pcapng"
	[ "${#lines[@]}" -eq $(( (size - 48) / 64 )) ]
	[[ "$stderr" != *"cut short"* ]]
}

# Damaged files: the frames before the damage, then the block, where it
# begins, and why; status 1.
damaged() {
	run -1 --separate-stderr "$RECEIVER" -r "$(T f.pcapng)"
	[ "$output" = "${2-$REQ}" ] || { echo "stdout: $output" >&2; return 1; }
	# shellcheck disable=SC2053
	[[ "$stderr" == *"f.pcapng: $1"* ]] || { echo "stderr: $stderr" >&2; return 1; }
}

@test "damaged: a total length not a multiple of 4, below 12, or beyond any block" {
	{ shb; idb 101; epb 0 "$REQ"; le32 6; le32 33; } >"$(T f.pcapng)"
	damaged "block 4 (byte 112): total length 33: not a multiple of 4"
	{ shb; idb 101; epb 0 "$REQ"; le32 6; le32 8; } >"$(T f.pcapng)"
	damaged "block 4 (byte 112): total length 8: less than the 12 bytes of any block"
	{ shb; idb 101; epb 0 "$REQ"; le32 6; le32 $((1 << 30)); } >"$(T f.pcapng)"
	damaged "block 4 (byte 112): total length 1073741824: more than any block this reads (16 MiB)"
}

@test "damaged: the length at a block's end differs from the one at its start" {
	{ shb; idb 101; epb 0 "$REQ"; epb 0 "$REQ" | head -c 60; le32 68; } >"$(T f.pcapng)"
	damaged "block 4 (byte 112): total length 64 at its start but 68 at its end"
}

@test "damaged: the file ends inside a block, or inside a block header" {
	{ shb; idb 101; epb 0 "$REQ"; epb 0 "$REQ" | head -c 40; } >"$(T f.pcapng)"
	damaged "block 4 (byte 112): file ends inside a block"
	{ shb; idb 101; epb 0 "$REQ"; bin "06 00 00"; } >"$(T f.pcapng)"
	damaged "block 4 (byte 112): file ends inside a block header"
	bin "0a 0d 0d 0a 1c 00 00 00 4d 3c 2b 1a" >"$(T f.pcapng)"
	damaged "block 1 (byte 0): file ends inside a block" ""
}

@test "damaged: a section header's byte-order magic, its version, its length" {
	{ shb; idb 101; epb 0 "$REQ"; bin "0a 0d 0d 0a 1c 00 00 00 4d 3c 2b 1b"; } >"$(T f.pcapng)"
	damaged "block 4 (byte 112): a section header whose byte-order magic is 4d 3c 2b 1b, not 1a2b3c4d in either order"
	{ shb | head -c 12; le16 2; le16 0; bin "ff ff ff ff ff ff ff ff"; le32 28; } >"$(T f.pcapng)"
	damaged "block 1 (byte 0): pcapng version 2.0; this reads version 1" ""
	{ bin "0a 0d 0d 0a"; le32 24; bin "4d 3c 2b 1a"; le16 1; le16 0; le32 0; le32 24; } >"$(T f.pcapng)"
	damaged "block 1 (byte 0): a section header of 24 bytes, less than the 28 it must have" ""
}

@test "damaged: a packet of an interface the section does not describe, or before any" {
	{ shb; idb 101; epb 0 "$REQ"; epb 1 "$REQ"; } >"$(T f.pcapng)"
	damaged "block 4 (byte 112): a packet of interface 1, but the section describes 1"
	{ shb; epb 0 "$REQ"; } >"$(T f.pcapng)"
	damaged "block 2 (byte 28): a packet of interface 0, but the section describes none" ""
	# a new section forgets the interfaces of the one before
	{ shb; idb 101; epb 0 "$REQ"; shb; epb 0 "$REQ"; } >"$(T f.pcapng)"
	damaged "block 5 (byte 140): a packet of interface 0, but the section describes none"
}

@test "damaged: a captured length past the end of its block, an option past the end of its block" {
	{ shb; idb 101; epb 0 "$REQ"; epb 0 "$REQ" | head -c 20; le32 33; le32 30; bin "$REQ"; bin "00 00"; le32 64; } >"$(T f.pcapng)"
	damaged "block 4 (byte 112): captured length 33 runs past the end of its block"
	# IDB with if_name (2) saying 8 bytes where 4 are left
	{ shb; idb 101; epb 0 "$REQ"; le32 1; le32 24; le16 101; le16 0; le32 0; le16 2; le16 8; le32 24; } >"$(T f.pcapng)"
	damaged "block 4 (byte 112): option 2 of 8 bytes runs past the end of its block"
}

@test "damaged: an if_tsresol finer than 64 bits can count" {
	# 10^-20 s: 2^64 of them is not 2 s.
	{ shb; idb 101; epb 0 "$REQ"; le32 1; le32 32; le16 101; le16 0; le32 0; le16 9; le16 1; bin "14 00 00 00"; le32 0; le32 32; } >"$(T f.pcapng)"
	damaged "block 4 (byte 112): if_tsresol 20: units of 10^-20 seconds, finer than this reads"
}

# Slow (a cut at every length, a full disk, a bench run): make
# test-slow runs it, as CI does.
# bats test_tags=slow
@test "damaged files never read outside their bytes: every cut of a good file ends with a reason or at a block's end" {
	f=$N/mixed.pcapng
	size=$(wc -c <"$f")
	for n in $(seq 1 "$size"); do
		head -c "$n" "$f" >"$(T f.pcapng)"
		run --separate-stderr "$RECEIVER" -q -r "$(T f.pcapng)"
		[ "$status" -le 1 ] || { echo "cut at $n: status $status" >&2; return 1; }
	done
}
