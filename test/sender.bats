#!/usr/bin/env bats
# sender -n: the packet it builds, byte for byte, with no socket (and,
# at the end, a --ping request's bytes, which need one).  Golden files in
# test/fixtures/sender/ hold the articles' bytes (linux, darwin), and
# RFC 1071 arithmetic by hand for the rest (fixtures/README).

load test_helper

golden() {
	diff -u "$FIXTURES/sender/$1" - <<<"$output"
}

@test "-n prints the article's Linux line" {
	run -0 "$SENDER" -n -l linux
	golden linux.txt
}

@test "-n -l darwin prints the article's macOS line" {
	run -0 "$SENDER" -n -l darwin
	golden darwin.txt
}

@test "-n -l wire prints the bytes as they travel" {
	run -0 "$SENDER" -n -l wire
	golden wire.txt
}

@test "-n with payload c0de, linux layout: ICMP checksum 37 21" {
	run -0 "$SENDER" -n -l linux -p c0de
	golden linux-payload.txt
}

@test "-n with payload c0de, darwin layout: length 1e 00" {
	run -0 "$SENDER" -n -l darwin -p c0de
	golden darwin-payload.txt
}

@test "-n with payload c0de, wire layout: the other article's 30 bytes" {
	run -0 "$SENDER" -n -l wire --payload "c0 de"
	golden wire-payload.txt
}

@test "--dry-run is -n, and this system's default layout is linux" {
	[ "$(uname -s)" = Linux ] || skip "the default layout is the system's"
	run -0 "$SENDER" --dry-run
	golden linux.txt
}

@test "an odd-length payload is padded for the checksum, not on the wire" {
	# ICMP: 0800 + 0000 + 0000 + 0000 + ab00 (padded) = b300; ~ = 4cff
	run -0 "$SENDER" -n -l linux -p ab
	[ "$output" = "45 00 00 00 00 00 00 00 40 01 00 00 00 00 00 00 7f 00 00 01 08 00 4c ff 00 00 00 00 ab" ]
}

@test "-T sets the TTL (wire checksum follows)" {
	# ~(832b - 4001 + 0101) = ~442b = bbd4
	run -0 "$SENDER" -n -l wire -T 1
	[ "$output" = "45 00 00 1c 00 0b 00 00 01 01 bb d4 7f 00 00 01 7f 00 00 01 08 00 f7 ff 00 00 00 00" ]
}

@test "--ip-id sets the id, even in the linux layout" {
	run -0 "$SENDER" -n -l linux --ip-id 4660
	[ "$output" = "45 00 00 00 12 34 00 00 40 01 00 00 00 00 00 00 7f 00 00 01 08 00 f7 ff 00 00 00 00" ]
}

@test "-I and -S set the ICMP id and sequence" {
	# ~(0800 + 1234 + 0003) = ~1a37 = e5c8
	run -0 "$SENDER" -n -l linux -I 4660 -S 3
	[ "$output" = "45 00 00 00 00 00 00 00 40 01 00 00 00 00 00 00 7f 00 00 01 08 00 e5 c8 12 34 00 03" ]
}

@test "-c counts the sequence number up, checksum following" {
	# ~(0800 + 5) = f7fa, then f7f9, f7f8
	run -0 --separate-stderr "$SENDER" -n -l linux -c 3 -S 5
	[ "${#lines[@]}" -eq 3 ]
	[ "${lines[0]##* 08 00 }" = "f7 fa 00 00 00 05" ]
	[ "${lines[1]##* 08 00 }" = "f7 f9 00 00 00 06" ]
	[ "${lines[2]##* 08 00 }" = "f7 f8 00 00 00 07" ]
}

@test "the sequence number wraps from 65535 to 0" {
	# 0800 + ffff = 107ff; fold: 07ff + 1 = 0800; ~0800 = f7ff, the
	# same as for sequence 0 (ffff is zero in one's complement)
	run -0 --separate-stderr "$SENDER" -n -l linux -c 2 -S 65535
	[ "${lines[0]##* 08 00 }" = "f7 ff 00 00 ff ff" ]
	[ "${lines[1]##* 08 00 }" = "f7 ff 00 00 00 00" ]
}

@test "--source sets the source, and the wire checksum stays valid" {
	run -0 "$SENDER" -n -l wire --source 10.1.2.3
	[ "$(echo "$output" | cut -d' ' -f13-16)" = "0a 01 02 03" ]
	run -0 "$UNIT" cksum "$(echo "$output" | cut -d' ' -f1-20)"
	[ "$output" = 0000 ]
}

@test "a destination name resolves to IPv4" {
	run -0 "$SENDER" -n -l linux localhost
	[ "$(echo "$output" | cut -d' ' -f17-20)" = "7f 00 00 01" ]
}

@test "a destination off loopback gets source 0 for the kernel to fill" {
	run -0 "$SENDER" -n -l wire 192.0.2.7
	[ "$(echo "$output" | cut -d' ' -f13-20)" = "00 00 00 00 c0 00 02 07" ]
}

@test "-x prints the given bytes as they are" {
	run -0 "$SENDER" -n -l linux -x "45 00 00 00 00 00 00 00 40 01 00 00 00 00 00 00 7f 00 00 01 08 00 f7 ff 00 00 00 00"
	golden linux.txt
}

@test "-x warns when the bytes are not a plausible datagram, and goes on" {
	run -0 --separate-stderr "$SENDER" -n -x 0102
	[ "$output" = "01 02" ]
	[[ "$stderr" == *"not a plausible IPv4 datagram: shorter than an IPv4 header"* ]]
}

@test "-x warns when the total length does not match" {
	run -0 --separate-stderr "$SENDER" -n -l wire -x "45 00 00 30 00 0b 00 00 40 01 7c d4 7f 00 00 01 7f 00 00 01 08 00 f7 ff 00 00 00 00"
	[[ "$stderr" == *"total length reads 48 in the wire layout, but 28 bytes are given"* ]]
}

@test "-q -n prints nothing but the summary on stderr" {
	run -0 --separate-stderr "$SENDER" -n -q -c 4
	[ -z "$output" ]
	[ "$stderr" = "sender: 4 packets of 28 bytes built" ]
}

@test "the article's single packet prints no summary" {
	run -0 --separate-stderr "$SENDER" -n
	[ -z "$stderr" ]
}

@test "-h prints the usage and every option, on stdout, exit 0" {
	run -0 "$SENDER" -h
	[[ "${lines[0]}" == "usage: sender "* ]]
	for opt in --dry-run --layout --source --ttl --ip-id --icmp-id --seq \
	    --payload --count --interval --quiet --write --hex --no-hdrincl; do
		[[ "$output" == *"$opt"* ]]
	done
}

# Every header field, in each layout.  Checksums by RFC 1071 from the
# article's: a changed 16-bit word changes the sum by its difference.

@test "--df: 40 00 on the wire, 00 40 in darwin's host order (the endians article's third field)" {
	# wire: 7c d4 less 0x4000 = 3c d4; darwin: 60 f0 less 0x0040 = 60 b0.
	run -0 "$SENDER" -n -l wire --df
	[ "$output" = "45 00 00 1c 00 0b 40 00 40 01 3c d4 7f 00 00 01 7f 00 00 01 08 00 f7 ff 00 00 00 00" ]
	run -0 "$SENDER" -n -l darwin --df
	[ "$output" = "45 00 1c 00 00 0b 00 40 40 01 60 b0 7f 00 00 01 7f 00 00 01 08 00 f7 ff 00 00 00 00" ]
	run -0 "$SENDER" -n -l linux --df
	[ "$output" = "45 00 00 00 00 00 40 00 40 01 00 00 00 00 00 00 7f 00 00 01 08 00 f7 ff 00 00 00 00" ]
}

@test "--mf, --rf and --frag-offset: 1480 bytes is 185 units, b9; with MF 20 b9" {
	# wire: 7c d4 less 0x20b9 = 5c 1b.  darwin: the sum ~60f0 = 9f0f,
	# plus b920 is 1582f, folded (end-around carry) 5830: a7 cf.
	run -0 "$SENDER" -n -l wire --mf --frag-offset 185
	[ "$output" = "45 00 00 1c 00 0b 20 b9 40 01 5c 1b 7f 00 00 01 7f 00 00 01 08 00 f7 ff 00 00 00 00" ]
	run -0 "$SENDER" -n -l darwin --mf --frag-offset 0xb9
	[ "$output" = "45 00 1c 00 00 0b b9 20 40 01 a7 cf 7f 00 00 01 7f 00 00 01 08 00 f7 ff 00 00 00 00" ]
	# The reserved bit, 80 00: the sum ~7cd4 = 832b, plus 8000 is
	# 1032b, folded 032c: fc d3.
	run -0 "$SENDER" -n -l wire --rf
	[ "$output" = "45 00 00 1c 00 0b 80 00 40 01 fc d3 7f 00 00 01 7f 00 00 01 08 00 f7 ff 00 00 00 00" ]
	bad 2 "sender: frag-offset is 8192: out of range 0-8191" "$SENDER" -n --frag-offset 8192
}

@test "--tos: the second byte; 7c d4 less 0x0010 = 7c c4" {
	run -0 "$SENDER" -n -l wire --tos 0x10
	[ "$output" = "45 10 00 1c 00 0b 00 00 40 01 7c c4 7f 00 00 01 7f 00 00 01 08 00 f7 ff 00 00 00 00" ]
	bad 2 "sender: tos is 256: out of range 0-255" "$SENDER" -n --tos 256
}

# The one's complement sum of a line's 20 header bytes, by RFC 1071 in
# shell arithmetic (not the code's): 65535 when its checksum is right.
sum20() {
	local b s=0 i
	read -ra b <<<"$1"
	for ((i = 0; i < 20; i += 2)); do
		s=$((s + 0x${b[i]}${b[i + 1]}))
	done
	while ((s > 0xffff)); do
		s=$(((s & 0xffff) + (s >> 16)))
	done
	echo "$s"
}

@test "every new field in every layout: in its place, in the layout's order, the header summed right" {
	# netbsd keeps this machine's order; read it off its length bytes.
	case $("$SENDER" -n -l netbsd) in
	"45 00 1c 00 "*) host=little ;;
	*) host=big ;;
	esac
	for l in linux darwin wire netbsd; do
		case $l in
		darwin) order=little ;;
		netbsd) order=$host ;;
		*) order=big ;;
		esac
		for opt in "--tos 0x10" --df --mf --rf "--frag-offset 185"; do
			# shellcheck disable=SC2086
			run -0 "$SENDER" -n -l "$l" $opt
			read -ra b <<<"$output"
			case $opt in
			--tos*) [ "${b[1]}" = 10 ] ;;
			--df) v=4000 ;;
			--mf) v=2000 ;;
			--rf) v=8000 ;;
			--frag*) v=00b9 ;;
			esac
			if [ "$opt" != "--tos 0x10" ]; then
				if [ "$order" = big ]; then
					[ "${b[6]}${b[7]}" = "$v" ]
				else
					[ "${b[7]}${b[6]}" = "$v" ]
				fi
			fi
			if [ "$l" = linux ]; then
				[ "${b[10]}${b[11]}" = 0000 ]	# the kernel's to fill
			else
				[ "$(sum20 "$output")" = 65535 ]
			fi
		done
	done
}

@test "-d names host-order flags and offset as it names host-order length" {
	run -0 --separate-stderr bash -c '"$1" -n -l darwin --mf --frag-offset 185 | "$2" -r - -l darwin -d' sh "$SENDER" "$RECEIVER"
	[[ "$output" == *"flags            MF (more fragments)"*"fragment offset  1480 (flags and offset read in host order b9 20, as macOS keeps them)"*"header checksum  0xa7cf (valid)"* ]]
}

@test "--ping -p c0de: each request is its send time, then the payload given, and sums to zero" {
	require_netns
	X=$BATS_TEST_TMPDIR
	in_netns '"$1" --ping -c 2 -i 0.05 -I 4660 -p c0de >"$2/out" 2>"$2/err"; echo $? >"$2/status"' "$SENDER" "$X"
	[ "$(cat "$X/status")" = 0 ]
	# 8 bytes of send time and the 2 given: 10 of payload, 38 in all.
	[ "$(head -1 "$X/out")" = "PING 127.0.0.1 (127.0.0.1) 10(38) bytes of data, ICMP id 4660" ]
	mapfile -t req < <(grep -A1 '^Transmitting bytes:$' "$X/out" | grep -v '^Transmitting\|^--$')
	[ "${#req[@]}" -eq 2 ]
	for i in 0 1; do
		read -ra b <<<"${req[$i]}"
		[ "${#b[@]}" -eq 38 ]
		# ICMP: echo request, id 12 34, sequence 0 then 1 ...
		[ "${b[20]} ${b[24]} ${b[25]} ${b[26]} ${b[27]}" = "08 12 34 00 0$i" ]
		# ... a send time in bytes 28-35, not the zeros it starts as ...
		[ "${b[*]:28:8}" != "00 00 00 00 00 00 00 00" ]
		# ... the payload after it, and a checksum over all 18 bytes.
		[ "${b[*]:36:2}" = "c0 de" ]
		[ "$("$UNIT" cksum "${b[*]:20}")" = 0000 ]
	done
	[ "${req[0]:84:23}" != "${req[1]:84:23}" ]	# a time each
	# The replies echo the time back: each is timed.
	for s in 0 1; do
		grep -Eq "^18 bytes from 127\.0\.0\.1: icmp_seq=$s ttl=64 time=[0-9]+\.[0-9]{3} ms$" "$X/out"
	done
	[ ! -s "$X/err" ]
}
