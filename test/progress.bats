#!/usr/bin/env bats
# The live progress line: on a terminal's stderr only, at most once a
# second, erased before the summary.  script(1) gives the programs a
# terminal.

load test_helper

setup() {
	require_netns
	command -v script >/dev/null || { echo "script (util-linux) is missing" >&2; return 1; }
}

@test "sender -q on a terminal: a count and rate once a second, erased before the summary" {
	on_tty "$ROOT/scripts/netns.sh $SENDER -q -c 25 -i 0.1"
	# 25 packets 0.1 s apart: 2.4 s, so two lines, about 10/s each.
	n=$(grep -o $'\rsender: [0-9]* packets sent, [0-9]*/s\e\[K' <<<"$output" | wc -l)
	[ "$n" -ge 2 ] && [ "$n" -le 3 ]
	[[ "$output" =~ $'\rsender: '([0-9]+)' packets sent, '([0-9]+)$'/s\e[K' ]]
	[ "${BASH_REMATCH[1]}" -ge 9 ] && [ "${BASH_REMATCH[2]}" -ge 8 ] && [ "${BASH_REMATCH[2]}" -le 12 ]
	[[ "$output" == *$'\r\e[K'"sender: 25 packets of 28 bytes sent"* ]]
}

@test "sender -q with stderr to a file, even on a terminal: the summary alone" {
	on_tty "$ROOT/scripts/netns.sh $SENDER -q -c 3 -i 0.1 2>$BATS_TEST_TMPDIR/err"
	[ "$(cat "$BATS_TEST_TMPDIR/err")" = "sender: 3 packets of 28 bytes sent" ]
}

@test "receiver -q > file with stderr on a terminal: the count goes up while the hex goes to the file" {
	X=$BATS_TEST_TMPDIR
	on_tty "$ROOT/scripts/netns.sh sh -c '$RECEIVER -q -t 0.6 >$X/out & sleep 0.3; $SENDER -q -c 13 -i 0.1 2>/dev/null; wait'"
	[ "$(awk '$21 == "08"' "$X/out" | wc -l)" -eq 13 ]	# the requests
	[ "$(grep -o $'\rreceiver: [0-9]* datagrams received, [0-9]*/s\e\[K' <<<"$output" | wc -l)" -ge 1 ]
	[[ "$output" == *$'\r\e[K'"receiver: no datagram for 0.6 seconds: giving up"* ]]
}

@test "receiver -q printing to the terminal itself: its lines are the progress, no count line" {
	on_tty "$ROOT/scripts/netns.sh sh -c '$RECEIVER -q -t 0.6 --color=never & sleep 0.3; $SENDER -q -c 12 -i 0.1 2>/dev/null; wait'"
	[ "$(grep -c '^45 00 00 1C' <<<"$output")" -ge 12 ]
	# 1.2 s of datagrams: a count line would have had its second.
	[[ "$output" != *"/s"$'\e[K'* ]]
}
