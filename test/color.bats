#!/usr/bin/env bats
# --color: the article's colours on the bytes that differ between
# systems.  The expected lines are written here by hand from RFC 791's
# field offsets (total length at bytes 2-3, id 4-5, header checksum
# 10-11, source 12-15, the ICMP type right after the header) and the
# palette in the manuals, not taken from the programs' output.

load test_helper

# The palette, as sender(1) and receiver(1) give it.
L=$'\e[36m' I=$'\e[35m' S=$'\e[33m' A=$'\e[32m' T=$'\e[1;31m' R=$'\e[0m'

@test "sender --color=always: each field the article colours, in its colour" {
	run -0 "$SENDER" -n --color=always -l linux
	[ "$output" = "45 00 ${L}00 00${R} ${I}00 00${R} 00 00 40 01 ${S}00 00${R} ${A}00 00 00 00${R} 7f 00 00 01 ${T}08${R} 00 f7 ff 00 00 00 00" ]
}

@test "sender --color in the darwin layout: the article's macOS bytes, coloured" {
	# A bare --color means always.
	run -0 "$SENDER" -n --color -l darwin
	[ "$output" = "45 00 ${L}1c 00${R} ${I}00 0b${R} 00 00 40 01 ${S}60 f0${R} ${A}7f 00 00 01${R} 7f 00 00 01 ${T}08${R} 00 f7 ff 00 00 00 00" ]
}

@test "receiver -d --color=always: the field names take their bytes' colours" {
	run -0 "$RECEIVER" -r - -d --color=always \
	    <<<"45 00 00 1c 00 0b 00 00 40 01 7c d4 7f 00 00 01 7f 00 00 01 00 00 ff ff 00 00 00 00"
	[ "${lines[0]}" = "45 00 ${L}00 1C${R} ${I}00 0B${R} 00 00 40 01 ${S}7C D4${R} ${A}7F 00 00 01${R} 7F 00 00 01 ${T}00${R} 00 FF FF 00 00 00 00" ]
	[ "${lines[4]}" = "  ${L}total length${R}     28" ]
	[ "${lines[5]}" = "  ${I}id${R}               0x000b (11)" ]
	[ "${lines[10]}" = "  ${S}header checksum${R}  0x7cd4 (valid)" ]
	[ "${lines[11]}" = "  addresses        ${A}127.0.0.1${R} -> 127.0.0.1" ]
	[ "${lines[12]}" = "  ${T}ICMP type${R}        0 (echo reply)" ]
	[ "${lines[13]}" = "  ICMP code        0" ]
}

@test "--color: a header cut short colours only the fields that are all there" {
	run -0 "$RECEIVER" -r - --color=always <<<"45 00 00 1c 00 0b 00 00 40 01 7c"
	[ "${lines[0]}" = "45 00 ${L}00 1C${R} ${I}00 0B${R} 00 00 40 01 7C" ]
}

@test "--color: a later fragment carries no ICMP type, so none is coloured" {
	# Fragment offset 1 (8 bytes), network order: 00 01.
	run -0 "$RECEIVER" -r - --color=always <<<"45 00 00 1c 00 0b 00 01 40 01 7c d3 7f 00 00 01 7f 00 00 01 08 00 f7 ff 00 00 00 00"
	[ "${lines[0]}" = "45 00 ${L}00 1C${R} ${I}00 0B${R} 00 01 40 01 ${S}7C D3${R} ${A}7F 00 00 01${R} 7F 00 00 01 08 00 F7 FF 00 00 00 00" ]
}

@test "--color=never and output to a pipe are byte for byte the output without the option" {
	plain=$("$SENDER" -n -l darwin -c 2 2>&1)
	[ "$("$SENDER" -n -l darwin -c 2 --color=never 2>&1)" = "$plain" ]
	[ "$("$SENDER" -n -l darwin -c 2 --color=auto 2>&1)" = "$plain" ]
	[[ "$plain" != *$'\e'* ]]
	in=$("$SENDER" -n -l wire)
	plain=$("$RECEIVER" -r - -d <<<"$in" 2>&1)
	[ "$("$RECEIVER" -r - -d --color=never <<<"$in" 2>&1)" = "$plain" ]
	[ "$("$RECEIVER" -r - -d --color=auto <<<"$in" 2>&1)" = "$plain" ]
	[[ "$plain" != *$'\e'* ]]
}

@test "--color=auto colours a terminal unless NO_COLOR is set and not empty" {
	command -v script >/dev/null || { echo "script (util-linux) is missing" >&2; return 1; }
	# script(1) gives the program a terminal for its standard output
	# (on_tty).
	on_tty "unset NO_COLOR; $SENDER -n"
	[[ "$output" == *"${L}00 00${R}"* ]]
	on_tty "NO_COLOR= $SENDER -n --color=auto"
	[[ "$output" == *"${L}00 00${R}"* ]]
	on_tty "NO_COLOR=1 $SENDER -n"
	[[ "$output" != *$'\e['* ]]
	on_tty "NO_COLOR=1 $RECEIVER -r $FIXTURES/pcap/raw-le.pcap -d"
	[[ "$output" != *$'\e['* ]]
	# Asked for outright, colour wins over NO_COLOR.
	run -0 env NO_COLOR=1 "$SENDER" -n --color=always
	[[ "$output" == *"${T}08${R}"* ]]
}

@test "--color WHEN with a space, as --color=WHEN, on both programs" {
	run -0 "$SENDER" -n --color always -l linux
	[ "$output" = "45 00 ${L}00 00${R} ${I}00 00${R} 00 00 40 01 ${S}00 00${R} ${A}00 00 00 00${R} 7f 00 00 01 ${T}08${R} 00 f7 ff 00 00 00 00" ]
	run -0 "$SENDER" -n -l linux --color never
	[ "$output" = "$(cat "$FIXTURES/sender/linux.txt")" ]
	run -0 env NO_COLOR=1 "$SENDER" -n --color auto -l linux
	[ "$output" = "$(cat "$FIXTURES/sender/linux.txt")" ]
	line="45 00 00 1c 00 0b 00 00 40 01 7c d4 7f 00 00 01 7f 00 00 01 00 00 ff ff 00 00 00 00"
	run -0 --separate-stderr "$RECEIVER" --color always -r - <<<"$line"
	[ "$output" = "45 00 ${L}00 1C${R} ${I}00 0B${R} 00 00 40 01 ${S}7C D4${R} ${A}7F 00 00 01${R} 7F 00 00 01 ${T}00${R} 00 FF FF 00 00 00 00" ]
	run -0 --separate-stderr "$RECEIVER" -r - --color never <<<"$line"
	[ "$output" = "${line^^}" ]
}

@test "a bare --color leaves a word that is no WHEN where it was: a destination stays one" {
	# 192.0.2.1 is c0 00 02 01 at bytes 16-19 (RFC 791's destination).
	dest="45 00 ${L}00 00${R} ${I}00 00${R} 00 00 40 01 ${S}00 00${R} ${A}00 00 00 00${R} c0 00 02 01 ${T}08${R} 00 f7 ff 00 00 00 00"
	run -0 "$SENDER" -n -l linux --color 192.0.2.1
	[ "$output" = "$dest" ]
	# The destination before the option, and after a WHEN.
	run -0 "$SENDER" -n -l linux 192.0.2.1 --color always
	[ "$output" = "$dest" ]
	run -0 "$SENDER" -n -l linux --color always 192.0.2.1
	[ "$output" = "$dest" ]
	run -0 "$SENDER" -n -l linux 192.0.2.1 --color never
	[ "$output" = "45 00 00 00 00 00 00 00 40 01 00 00 00 00 00 00 c0 00 02 01 08 00 f7 ff 00 00 00 00" ]
	# A word that is no WHEN is an operand, and the receiver takes none.
	bad 2 "receiver: sometimes: an argument too many"$'\n'"usage: receiver*" "$RECEIVER" -r - --color sometimes
	bad 2 "sender: 192.0.2.2: an argument too many"$'\n'"usage: sender*" "$SENDER" -n 192.0.2.1 --color always 192.0.2.2
}

@test "--color with a word it does not know: a message and status 2" {
	run -2 "$SENDER" -n --color=sometimes
	[ "$output" = "sender: color is sometimes: not one of auto, always, never" ]
	run -2 "$RECEIVER" -r - --color=yes </dev/null
	[ "$output" = "receiver: color is yes: not one of auto, always, never" ]
}

@test "README: linux and darwin differ in the four coloured header fields and nowhere else" {
	a=$("$SENDER" -n -l linux) b=$("$SENDER" -n -l darwin)
	diff=$(paste -d' ' <(tr ' ' '\n' <<<"$a") <(tr ' ' '\n' <<<"$b") |
	    awk '$1 != $2 { printf "%d ", NR - 1 }')
	# Bytes 2-3 length, 4-5 id, 10-11 checksum, 12-15 source (RFC 791).
	outside=$(for i in $diff; do
		{ [ "$i" -ge 2 ] && [ "$i" -le 5 ]; } ||
		    { [ "$i" -ge 10 ] && [ "$i" -le 15 ]; } || echo "$i"
	done)
	[ -z "$outside" ]
	# and each of the four fields has a byte that differs.
	[[ " $diff" == *" 2 "* && " $diff" == *" 5 "* && " $diff" == *" 10 "* && " $diff" == *" 12 "* ]]
}
