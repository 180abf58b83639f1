#!/usr/bin/env bats
# IPv4 header build and parse (common/iphdr.c), through the unit driver.

load test_helper
load fixtures/decode/build

@test "linux layout: the article's Linux header, kernel fields left 0" {
	# The article's Linux line, first 20 bytes: length, id, checksum and
	# source 0 for the kernel to fill (raw(7)).
	run -0 "$UNIT" build linux
	[ "$output" = "45 00 00 00 00 00 00 00 40 01 00 00 00 00 00 00 7f 00 00 01" ]
}

@test "darwin layout: the article's macOS header, 1c 00 / 00 0b / 60 f0" {
	run -0 "$UNIT" build darwin
	[ "$output" = "45 00 1c 00 00 0b 00 00 40 01 60 f0 7f 00 00 01 7f 00 00 01" ]
}

@test "wire layout: network order, checksum 7c d4 as the article says" {
	# "with 00 1c the checksum would be 7c d4"
	run -0 "$UNIT" build wire
	[ "$output" = "45 00 00 1c 00 0b 00 00 40 01 7c d4 7f 00 00 01 7f 00 00 01" ]
}

@test "parse reads back a built darwin header, length in host order" {
	run -0 "$UNIT" parse darwin "45 00 1c 00 00 0b 00 00 40 01 60 f0 7f 00 00 01 7f 00 00 01"
	[ "$output" = "version 4 hlen 20 tos 0 len 28 id 11 off 0x0000 ttl 64 proto 1 sum 0x60f0 src 127.0.0.1 dst 127.0.0.1" ]
}

@test "parse reads back a wire header" {
	run -0 "$UNIT" parse wire "45 00 00 1c 00 0b 40 00 40 01 7c d4 7f 00 00 01 0a 00 00 02"
	[ "$output" = "version 4 hlen 20 tos 0 len 28 id 11 off 0x4000 ttl 64 proto 1 sum 0x7cd4 src 127.0.0.1 dst 10.0.0.2" ]
}

@test "parse: the same bytes read differently in darwin and wire layouts" {
	# 00 1c read in a Mac's order (little-endian, on any host running
	# this) is 0x1c00 = 7168: why macOS refuses a network-order length
	# with EINVAL.
	run -0 "$UNIT" parse darwin "45 00 00 1c 00 0b 00 00 40 01 7c d4 7f 00 00 01 7f 00 00 01"
	[[ "$output" == *" len 7168 "* ]]
}

@test "parse rejects fewer than 20 bytes" {
	run -1 "$UNIT" parse wire "45 00 00 1c 00 0b 00 00 40 01"
	[ "$output" = "rejected: shorter than an IPv4 header (20 bytes)" ]
}

@test "parse rejects a version other than 4" {
	run -1 "$UNIT" parse wire "65 00 00 1c 00 0b 00 00 40 01 7c d4 7f 00 00 01 7f 00 00 01"
	[ "$output" = "rejected: not IPv4 (version is not 4)" ]
}

@test "parse rejects IHL below 5" {
	run -1 "$UNIT" parse wire "44 00 00 1c 00 0b 00 00 40 01 7c d4 7f 00 00 01 7f 00 00 01"
	[ "$output" = "rejected: header length below 20 bytes (IHL below 5)" ]
}

@test "parse rejects an IHL that runs past the datagram" {
	run -1 "$UNIT" parse wire "46 00 00 1c 00 0b 00 00 40 01 7c d4 7f 00 00 01 7f 00 00 01"
	[ "$output" = "rejected: header length runs past the end of the datagram" ]
}

@test "to wire: a macOS delivery gets its length (header added) and offset back" {
	# macOS delivers the 28-byte reply with length 8 in host order
	# (08 00) and DF in host order (00 40); on the wire: 00 1c, 40 00.
	run -0 "$UNIT" wire darwin "45 00 08 00 12 34 00 40 40 01 00 00 7f 00 00 01 7f 00 00 01 00 00 ff ff 00 00 00 00"
	[ "$output" = "45 00 00 1c 12 34 40 00 40 01 00 00 7f 00 00 01 7f 00 00 01 00 00 ff ff 00 00 00 00" ]
}

# A port unreachable quoting a 36-byte UDP datagram (total length 00 24),
# as it crosses the wire: every checksum summed over these bytes.
unreach_wire() {
	local q m
	q=$(ip_datagram "45 00 00 00 ab cd 00 00 01 11 00 00 c0 00 02 01 c0 00 02 02" "9c 40 82 9a 00 10 00 00 00 00 00 00 00 00 00 00")
	m=$(icmp_message "03 03 00 00 00 00 00 00 $(bytes_at "$q" 0 28)")
	ip_datagram "45 00 00 00 12 34 40 00 40 01 00 00 c0 00 02 02 c0 00 02 01" "$m"
}

@test "to wire: a macOS ICMP error gets its quoted length back too, so its checksum holds" {
	# xnu: header checksum checked, length (less the header) and DF to
	# host order; ICMP checksum checked over the wire bytes, then the
	# quoted length to host order (24 00).  -w must undo all three.
	local wire
	wire=$(unreach_wire)
	run -0 "$UNIT" wire darwin "$(xnu_delivers_error "$wire")"
	[ "$output" = "${wire,,}" ]
}

@test "quoted: the kernels that turn the quoted length, and the messages they turn it in" {
	local m="03 03 00 00 00 00 00 00 45 00 24 00 ab cd 00 00 01 11 00 00 c0 00 02 01 c0 00 02 02"
	run -0 "$UNIT" quoted darwin "$m"
	[ "$output" = "turned 1 len 36" ]
	# netbsd delivers its own ip_len in host order, a quoted one not
	# (x/net); Linux and the wire layout never turn it.
	for l in netbsd linux wire; do
		run -0 "$UNIT" quoted "$l" "$m"
		[ "$output" = "turned 0 len 9216" ]
	done
	# xnu's deliver path: time exceeded 0-1, parameter problem 0-1,
	# source quench 0, unreachable 0-15.  A redirect, or a code it does
	# not know, reaches the raw socket as it came.
	for tc in "0b 01" "0c 00" "04 00" "03 0f"; do
		run -0 "$UNIT" quoted darwin "$tc ${m:6}"
		[ "$output" = "turned 1 len 36" ]
	done
	for tc in "05 01" "03 10" "0b 02" "0c 02" "04 01" "00 00"; do
		run -0 "$UNIT" quoted darwin "$tc ${m:6}"
		[ "$output" = "turned 0 len 9216" ]
	done
	# A message too short to hold a quoted total length turns nothing.
	run -1 "$UNIT" quoted darwin "03 03 00 00 00 00 00 00 45 00 24"
	[ "$output" = "rejected: shorter than an IPv4 header (20 bytes)" ]
}

@test "to wire: a Linux delivery is already wire format" {
	local d="45 00 00 1c 12 34 00 00 40 01 00 00 7f 00 00 01 7f 00 00 01 00 00 ff ff 00 00 00 00"
	run -0 "$UNIT" wire linux "$d"
	[ "$output" = "$d" ]
}

@test "sent to wire: the Linux layout gets the length and checksum the kernel fills" {
	# Length 28 = 00 1c; checksum: 4500 + 001c + 4001 + 7f00 + 0001
	# = 1041e; fold: 041e + 1 = 041f; ~041f = fbe0
	run -0 "$UNIT" sentwire linux "45 00 00 00 00 00 00 00 40 01 00 00 00 00 00 00 7f 00 00 01 08 00 f7 ff 00 00 00 00"
	[ "$output" = "45 00 00 1c 00 00 00 00 40 01 fb e0 00 00 00 00 7f 00 00 01 08 00 f7 ff 00 00 00 00" ]
}

@test "sent to wire: the darwin layout becomes the wire header, 7c d4" {
	run -0 "$UNIT" sentwire darwin "45 00 1c 00 00 0b 00 00 40 01 60 f0 7f 00 00 01 7f 00 00 01 08 00 f7 ff 00 00 00 00"
	[ "$output" = "45 00 00 1c 00 0b 00 00 40 01 7c d4 7f 00 00 01 7f 00 00 01 08 00 f7 ff 00 00 00 00" ]
}

@test "netbsd layout: this host's own order, so darwin's bytes only where little-endian" {
	# NetBSD's raw sockets take ip_len in the order of the machine they
	# run on: 1c 00 on a little-endian one, 00 1c (the wire's, checksum
	# 7c d4) on a big-endian one, such as the qemu runs of make cross.
	run -0 "$UNIT" host-order
	case "$output" in
	little) want=$FIXTURES/sender/darwin.txt ;;
	big) want=$FIXTURES/sender/wire.txt ;;
	*) false ;;
	esac
	run -0 "$SENDER" -n -l netbsd
	[ "$output" = "$(cat "$want")" ]
}

@test "darwin layout: 1c 00 on every host, big-endian ones included" {
	# Every Mac since 2006 is little-endian: -l darwin names a Mac, not
	# this machine.  Run by make cross under qemu on powerpc64 and mips.
	run -0 "$SENDER" -n -l darwin
	[ "$output" = "$(cat "$FIXTURES/sender/darwin.txt")" ]
	run -0 "$UNIT" parse darwin "45 00 1c 00 00 0b 00 00 40 01 60 f0 7f 00 00 01 7f 00 00 01"
	[[ "$output" == *" len 28 "* ]]
}
