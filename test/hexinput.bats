#!/usr/bin/env bats
# receiver -r of other tools' hex dumps: tshark -x, tcpdump -x/-xx/-X/-XX,
# xxd, od -Ax -tx1 and hexdump -C.  Each is read as exactly the bytes the
# tool was fed, or refused with the line and the reason, status 1; never
# read as other bytes.  The dumps in test/fixtures/hex/ were made by the
# tools themselves (test/fixtures/README.md says how); the live tests run
# the installed tools on captures and compare with receiver -r of the
# capture itself.

load test_helper

H=$FIXTURES/hex

# reads FILE [KNOWN]: receiver -r FILE prints exactly the datagrams of
# KNOWN (hex lines; default: the four the fixtures were made from), in
# upper case as it prints them, and nothing is said but the count.
reads() {
	run -0 --separate-stderr "$RECEIVER" -q -r "$1"
	diff -u <(tr a-f A-F <"${2:-$H/datagrams.txt}") - <<<"$output"
	[ "$stderr" = "receiver: $(wc -l <"${2:-$H/datagrams.txt}") frames read from $1" ]
}

# refuses FILE MESSAGE: status 1, MESSAGE (a glob) among what is said.
refuses() {
	run -1 --separate-stderr "$RECEIVER" -q -r "$1"
	# shellcheck disable=SC2053
	[[ "$stderr" == $2 ]] || { echo "stderr: $stderr" >&2; return 1; }
}

T() { echo "$BATS_TEST_TMPDIR/$1"; }

@test "the fixtures' capture holds the four known datagrams" {
	reads "$H/datagrams.pcap"
}

@test "our own hex lines are read as before" {
	reads "$H/datagrams.txt"
}

@test "tshark -x: offset and text columns left out, a datagram per blank-line block" {
	# Today's reader took "0000 45 ..." and hex-looking text for bytes.
	reads "$H/tshark-x.txt"
}

@test "tcpdump -x, -xx, -X and -v -XX: the packet lines end each datagram" {
	reads "$H/tcpdump-x.txt"
	reads "$H/tcpdump-xx.txt"
	reads "$H/tcpdump-X.txt"
	reads "$H/tcpdump-v-XX.txt"
}

@test "xxd, xxd -a ('*' for zero lines) and xxd -u -g1: the offset going back to 0 ends each datagram" {
	reads "$H/xxd.txt"
	reads "$H/xxd-a.txt"
	grep -qx '\*' "$H/xxd-a.txt"
	reads "$H/xxd-u-g1.txt"
	grep -q ' 1C D4 ' "$H/xxd-u-g1.txt"
}

@test "od -Ax -tx1 ('*' for repeated lines), -v and -tx1z" {
	reads "$H/od.txt"
	grep -qx '\*' "$H/od.txt"
	reads "$H/od-v.txt"
	reads "$H/od-z.txt"
}

@test "hexdump -C: the wider gap after eight bytes, '*', the closing length" {
	reads "$H/hexdump-C.txt"
}

@test "a text column that looks like hex is not read: '0000 abcd 0123 4' and a short last line" {
	grep -q '0000 abcd 0123 4$' "$H/tshark-x.txt"
	grep -q '   567 89ab cdef$' "$H/tshark-x.txt"
	grep -q '  567.89ab.cdef$' "$H/tcpdump-X.txt"
	grep -q '  567 89ab cdef$' "$H/xxd.txt"
	reads "$H/tshark-x.txt"
	reads "$H/tcpdump-X.txt"
	reads "$H/xxd.txt"
}

@test "Windows line ends (CR LF) change nothing" {
	sed 's/$/\r/' "$H/tcpdump-X.txt" >"$(T crlf.txt)"
	reads "$(T crlf.txt)"
}

@test "a dump and our own hex lines in one file, with no blank line between" {
	{ cat "$H/xxd.txt"; sed -n 2p "$H/datagrams.txt"; head -7 "$H/tshark-x.txt"; } >"$(T mixed.txt)"
	{ cat "$H/datagrams.txt"; sed -n 2p "$H/datagrams.txt"; sed -n 1,2p "$H/datagrams.txt"; } >"$(T want.txt)"
	reads "$(T mixed.txt)" "$(T want.txt)"
}

@test "tshark's headings: the frame is read, reassembled bytes are skipped with a warning" {
	grep -qx 'Frame (36 bytes):' "$H/tshark-fragments.txt"
	grep -qx 'Reassembled IPv4 (40 bytes):' "$H/tshark-fragments.txt"
	run -0 --separate-stderr "$RECEIVER" -q -r "$H/tshark-fragments.txt"
	diff -u <(tr a-f A-F <"$H/fragments.txt") - <<<"$output"
	[[ "$stderr" == *"tshark-fragments.txt: lines 9-12: tshark's \"Reassembled IPv4\" bytes are not a captured frame, skipped"* ]]
	[[ "$stderr" == *"receiver: 2 frames read from "* ]]
}

@test "a dump longer than any frame is skipped with a warning, the next one read" {
	# od's '*' stands for 16384 more lines of zeros: 262160 bytes, past
	# the 262144 of tcpdump's largest snapshot length.
	{ echo "000000 $(printf ' 00%.0s' {1..16} | cut -c2-)"; echo '*'; echo 040010; sed -n 1,3p "$H/od.txt"; } >"$(T f.txt)"
	run -0 --separate-stderr "$RECEIVER" -q -r "$(T f.txt)"
	[ "$output" = "$(sed -n 1p "$H/datagrams.txt" | tr a-f A-F)" ]
	[[ "$stderr" == *"f.txt: lines 1-3: 262160 bytes, longer than any frame this reads (262144 bytes), skipped"* ]]
}

@test "a heading whose count disagrees with the bytes under it is refused" {
	sed 's/^Frame (36 bytes):/Frame (37 bytes):/' "$H/tshark-fragments.txt" >"$(T f.txt)"
	refuses "$(T f.txt)" "*f.txt: line 9: the heading \"Frame (37 bytes)\" does not match the 36 bytes under it*"
}

# Refused: dumps whose byte order or offsets cannot be read as bytes.

@test "od -tx1 without -Ax (octal offsets): refused at the second line" {
	refuses "$H/od-octal.txt" "receiver: $H/od-octal.txt: line 2: offset 0x20 where 0x10 was due: a line is missing, or the offsets are not in hex (od -Ax)
receiver: 0 frames read from $H/od-octal.txt"
}

@test "od -x: 2-byte words in this machine's order are refused" {
	refuses "$H/od-words.txt" "receiver: $H/od-words.txt: line 1: groups of 2 bytes: such words are printed in one machine's byte order (od -x, hexdump without -C, xxd -e); dump single bytes (od -Ax -tx1, hexdump -C, xxd -g1)*"
}

@test "xxd -e -g2: little-endian words caught by the text column" {
	refuses "$H/xxd-e.txt" "*xxd-e.txt: line 1: the text column shows 'E' for the byte at offset 0x0, which is 00: the hex and the text disagree (words printed little-endian, as by xxd -e?)*"
}

@test "live: xxd -g4 and xxd -e, groups of 4 bytes, are refused" {
	need xxd
	for o in -g4 -e; do
		bin "$(sed -n 1p "$H/datagrams.txt")" | xxd "$o" >"$(T f.txt)"
		refuses "$(T f.txt)" "*f.txt: line 1: groups of 4 bytes: *"
	done
}

@test "a line missing from the middle: refused, the datagrams before it kept" {
	# Line 4 is the second datagram's 0x10 line.
	sed -n 4p "$H/xxd.txt" | grep -q '^00000010: 7f00 0001 0800 4c61'
	sed 4d "$H/xxd.txt" >"$(T f.txt)"
	run -1 --separate-stderr "$RECEIVER" -q -r "$(T f.txt)"
	[ "$output" = "$(sed -n 1p "$H/datagrams.txt" | tr a-f A-F)" ]
	[[ "$stderr" == *"f.txt: line 4: offset 0x20 where 0x10 was due: a line is missing or out of place"* ]]
	[[ "$stderr" == *"receiver: 1 frame read from "* ]]
}

@test "a dump whose start is missing is refused" {
	tail -n +2 "$H/tshark-x.txt" >"$(T f.txt)"
	refuses "$(T f.txt)" "*f.txt: line 1: offset 0x10 with no line at offset 0 before it: the start of the dump is missing*"
}

@test "od's closing length must match the bytes" {
	sed 's/^00001e$/00001f/' "$H/od.txt" >"$(T f.txt)"
	refuses "$(T f.txt)" "*f.txt: line 3: the dump says it ends at 0x1f, but its lines hold 0x1e bytes*"
}

@test "'*' with no line before it, at the very end, or before an offset that is no whole line on" {
	printf '*\n000000 45 00\n' >"$(T a.txt)"
	refuses "$(T a.txt)" "*a.txt: line 1: a '*' line (lines repeated) with no dump line before it*"
	# The third datagram's od lines up to its '*' (lines 9-12).
	sed -n 9,12p "$H/od.txt" >"$(T b.txt)"
	[ "$(sed -n '1s/ .*//p;$p' "$(T b.txt)")" = "000000
*" ]
	refuses "$(T b.txt)" "*b.txt: line 4: a '*' line not followed by the offset where the repeated lines end*"
	sed -n 9,13p "$H/od.txt" | sed '$s/^000050/000048/' >"$(T c.txt)"
	refuses "$(T c.txt)" "*c.txt: line 5: after the '*' line, offset 0x48 is not a whole number of 16-byte lines on from 0x30*"
}

@test "the text column must agree with the bytes where it lines up with them" {
	sed 's/^0020  30 30/0020  30 31/' "$H/tshark-x.txt" >"$(T f.txt)"
	refuses "$(T f.txt)" "*f.txt: line 6: the text column shows '0' for the byte at offset 0x21, which is 31: *"
}

@test "a text column longer than the bytes it stands beside is refused" {
	printf '00000000: 4500 001e  E.......@.`.....\n' >"$(T f.txt)"
	refuses "$(T f.txt)" "*f.txt: line 1: 'E.......@.\`.....' after the 4 bytes is longer than their text column*"
}

@test "an odd number of digits in a dump line is refused" {
	printf '\t0x0000:  4500 001e 1cd\n' >"$(T f.txt)"
	refuses "$(T f.txt)" "*f.txt: line 1: '1cd' is not whole bytes in hex*"
}

@test "one tool's line inside another's dump is refused" {
	{ sed -n 1p "$H/xxd.txt"; sed -n 2p "$H/tshark-x.txt"; } >"$(T f.txt)"
	refuses "$(T f.txt)" "*f.txt: line 2: a line of a tshark -x or hexdump -C dump inside an xxd dump*"
}

@test "a line shaped like a dump but longer than any dump line is refused" {
	{ printf '00000000: 4500 '; head -c 3000 /dev/zero | tr '\0' 'a'; echo; } >"$(T f.txt)"
	refuses "$(T f.txt)" "*f.txt: line 1: longer than 2048 characters: too long for a dump line*"
}

# The tools themselves, on captures: what they show is what we read.

@test "live: tshark -x | receiver -r -" {
	need tshark
	run -0 --separate-stderr bash -c 'tshark -x -r "$1" 2>/dev/null | "$2" -q -r -' sh "$H/datagrams.pcap" "$RECEIVER"
	diff -u <("$RECEIVER" -q -r "$H/datagrams.pcap" 2>/dev/null) - <<<"$output"
}

@test "live: tcpdump -x, -xx, -X, -XX and -v -X | receiver -r -" {
	need tcpdump
	want=$("$RECEIVER" -q -r "$H/datagrams.pcap" 2>/dev/null)
	for o in -x -xx -X -XX "-v -X"; do
		# shellcheck disable=SC2086
		tcpdump -nn $o -r "$H/datagrams.pcap" 2>/dev/null >"$(T d.txt)"
		run -0 --separate-stderr "$RECEIVER" -q -r - <"$(T d.txt)"
		[ "$output" = "$want" ] || { echo "tcpdump $o" >&2; diff -u <(echo "$want") - <<<"$output"; return 1; }
	done
}

@test "live: xxd, xxd -g1, xxd -u, xxd -a, xxd -c 32 of each datagram" {
	need xxd
	for o in "" -g1 -u -a "-c 32"; do
		while read -r line; do
			# shellcheck disable=SC2086
			bin "$line" | xxd $o
		done <"$H/datagrams.txt" >"$(T d.txt)"
		reads "$(T d.txt)"
	done
}

@test "live: od -Ax -tx1, with -v, -w32, and od -Ax -tx1z" {
	need od
	for o in -tx1 "-tx1 -v" "-tx1 -w32" -tx1z; do
		while read -r line; do
			# shellcheck disable=SC2086
			bin "$line" | od -Ax $o
		done <"$H/datagrams.txt" >"$(T d.txt)"
		reads "$(T d.txt)"
	done
}

# Random bytes put every byte value in the text columns: '.', ' ', '|',
# '>' and hex digits among them.  Each datagram has an IPv4 header's
# first bytes with its true total length (tshark shows no more than
# that); sizes around the 16-byte lines and the largest there is.
random_capture() {
	local n
	pcap_hdr 65535 101
	for n in 20 21 31 32 33 1500 65535; do
		rec "$n"
		bin "45 00 $(printf '%02x %02x' $((n >> 8)) $((n & 255)))"
		head -c $((n - 4)) /dev/urandom
	done
	rec 600
	bin "45 00 02 58"
	head -c 596 /dev/zero
}

@test "live: random datagrams up to 65535 bytes through every tool" {
	need tshark
	need tcpdump
	need xxd
	random_capture >"$(T r.pcap)"
	"$RECEIVER" -q -r "$(T r.pcap)" >"$(T want.txt)" 2>/dev/null
	[ "$(wc -l <"$(T want.txt)")" -eq 8 ]
	tshark -x -r "$(T r.pcap)" 2>/dev/null >"$(T tshark.txt)"
	tcpdump -nn -XX -r "$(T r.pcap)" 2>/dev/null >"$(T tcpdump.txt)"
	while read -r line; do
		bin "$line" >"$(T d.bin)"
		xxd "$(T d.bin)" >>"$(T xxd.txt)"
		od -Ax -tx1 "$(T d.bin)" >>"$(T od.txt)"
		if command -v hexdump >/dev/null; then
			hexdump -C "$(T d.bin)" >>"$(T hexdump.txt)"
		fi
	done <"$(T want.txt)"
	for t in tshark tcpdump xxd od hexdump; do
		[ -e "$(T $t.txt)" ] || continue
		run -0 --separate-stderr "$RECEIVER" -q -r "$(T $t.txt)"
		cmp -s "$(T want.txt)" - <<<"$output" || { echo "$t differs: $stderr" >&2; return 1; }
	done
}

@test "live: tcpdump -x of an Ethernet capture leaves the link-layer header out" {
	need tcpdump
	# The IPv6 frame between the two is not IPv4: receiver -r skips it,
	# tcpdump's filter "ip" too.
	run -0 --separate-stderr bash -c 'tcpdump -nn -x -r "$1" ip 2>/dev/null | "$2" -q -r -' sh "$FIXTURES/pcap/lo-ethernet-be.pcap" "$RECEIVER"
	diff -u "$FIXTURES/decode/article.txt" - <<<"$output"
}

@test "live: tshark -x and tcpdump -xx of an Ethernet capture show, and give, the same whole frames" {
	need tshark
	need tcpdump
	tshark -x -r "$FIXTURES/pcap/lo-ethernet-be.pcap" 2>/dev/null >"$(T a.txt)"
	tcpdump -nn -xx -r "$FIXTURES/pcap/lo-ethernet-be.pcap" 2>/dev/null >"$(T b.txt)"
	run -0 --separate-stderr "$RECEIVER" -q -r "$(T a.txt)"
	a=$output
	run -0 --separate-stderr "$RECEIVER" -q -r "$(T b.txt)"
	[ "$a" = "$output" ]
	# Frames: 14 bytes of Ethernet header before each datagram.
	[ "$(echo "$a" | sed -n 1p | cut -c 43-)" = "$(sed -n 1p "$FIXTURES/decode/article.txt")" ]
}

@test "an offset of any width or spacing, then bytes (text2pcap's form): the offset is never read as bytes" {
	for line in "00000000 45 00 00 1c" "0000 45 00 00 1c" "0000   45 00 00 1c" "000 45 00 00 1c"; do
		run -0 --separate-stderr "$RECEIVER" -q -r - <<<"$line"
		[ "$output" = "45 00 00 1C" ]
	done
	# and it must follow on like any dump's
	run -1 --separate-stderr "$RECEIVER" -q -r - <<<"0010 45 00 00 1c"
	[ -z "$output" ]
}

@test "bytes after a wide gap are refused, not dropped as a short text column" {
	run -1 --separate-stderr "$RECEIVER" -q -r - <<<"0000  45 00 00 1c 00 00  40 01"
	[ -z "$output" ]
	[[ "$stderr" == *"line 1: '40 01' after the 6 bytes is neither more of them (one space apart) nor their text column"* ]]
	run -1 --separate-stderr "$RECEIVER" -q -r - <<<"00000000: 4500 001c 0000  40"
	[ -z "$output" ]
	# A text column whose first characters are spaces (bytes 20) is fine.
	run -0 --separate-stderr "$RECEIVER" -q -r - <<<"0000  20 20 41 42   AB"
	[ "$output" = "20 20 41 42" ]
}

@test "xxd -g4: refused for what it is, groups wider than this reads" {
	run -1 --separate-stderr "$RECEIVER" -q -r - <<<"00000000: 4500001c 00000000"
	[[ "$stderr" == *"line 1: groups of 4 bytes: this reads single bytes and 2-byte groups (xxd -g1, or its default -g2)"* ]]
}
