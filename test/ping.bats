#!/usr/bin/env bats
# sender --ping, live in a private namespace: requests out, the kernel's
# replies matched by id and sequence, timed, and counted as ping(8) of
# iputils counts them.

load test_helper

setup() {
	require_netns
	X=$BATS_TEST_TMPDIR
}

@test "--ping: N requests, N replies each with its round-trip time, ping's statistics, status 0" {
	in_netns '"$1" --ping -c 3 -i 0.2 -I 4660 >"$2/out" 2>"$2/err"; echo $? >"$2/status"' "$SENDER" "$X"
	[ "$(cat "$X/status")" = 0 ]
	[ "$(head -1 "$X/out")" = "PING 127.0.0.1 (127.0.0.1) 8(36) bytes of data, ICMP id 4660" ]
	for s in 0 1 2; do
		grep -Eq "^16 bytes from 127\.0\.0\.1: icmp_seq=$s ttl=64 time=[0-9]+\.[0-9]{3} ms$" "$X/out"
	done
	# Each reply's bytes: type 00 at byte 20, our id 12 34 at 24-25.
	[ "$(awk '$21 == "00" && $25 == "12" && $26 == "34"' "$X/out" | wc -l)" -eq 3 ]
	grep -q "^--- 127.0.0.1 ping statistics ---$" "$X/out"
	grep -Eq "^3 packets transmitted, 3 received, 0% packet loss, time [0-9]+ms$" "$X/out"
	grep -Eq "^rtt min/avg/max/mdev = [0-9.]+/[0-9.]+/[0-9.]+/[0-9.]+ ms$" "$X/out"
	[ ! -s "$X/err" ]
}

@test "--ping with replies filtered: 100% loss, no rtt line, status 1 after -W" {
	[ "$(uname -s)" = Linux ] || skip "icmp_echo_ignore_all is Linux's, per namespace"
	in_netns '
		echo 1 >/proc/sys/net/ipv4/icmp_echo_ignore_all
		t0=$(date +%s%N)
		"$1" --ping -c 2 -i 0.2 -W 0.5 -q >"$2/out" 2>"$2/err"
		echo $? >"$2/status"
		echo $(( ($(date +%s%N) - t0) / 1000000 )) >"$2/ms"' "$SENDER" "$X"
	[ "$(cat "$X/status")" = 1 ]
	grep -Eq "^2 packets transmitted, 0 received, 100% packet loss, time [0-9]+ms$" "$X/out"
	[ "$(grep -c "^rtt" "$X/out")" -eq 0 ]
	[ "$(grep -c "bytes from" "$X/out")" -eq 0 ]
	# 0.2 s between the two, then 0.5 s of waiting.
	[ "$(cat "$X/ms")" -ge 650 ] && [ "$(cat "$X/ms")" -lt 2000 ]
}

@test "--ping in the darwin, wire and netbsd layouts: Linux takes them all, and the replies come" {
	[ "$(uname -s)" = Linux ] || skip "what Linux does with other systems' headers"
	for l in darwin wire netbsd; do
		in_netns '"$1" --ping -c 2 -i 0.1 -q -l "$3" >"$2/out"; echo $? >"$2/status"' "$SENDER" "$X" "$l"
		[ "$(cat "$X/status")" = 0 ]
		grep -Eq "^2 packets transmitted, 2 received, 0% packet loss" "$X/out"
	done
}

@test "--ping: two at once, each counts only the replies to its own id" {
	in_netns '
		"$1" --ping -c 4 -i 0.1 -q -I 1 >"$2/one" &
		"$1" --ping -c 4 -i 0.1 -q -I 2 >"$2/two"
		wait' "$SENDER" "$X"
	grep -q "^4 packets transmitted, 4 received, 0% packet loss" "$X/one"
	grep -q "^4 packets transmitted, 4 received, 0% packet loss" "$X/two"
}

@test "--ping -c 0 until Ctrl-C: the statistics all the same, status 0" {
	in_netns '
		"$1" --ping -c 0 -i 0.1 -q >"$2/out" 2>"$2/err" &
		sleep 0.55
		kill -INT $!
		wait $!
		echo $? >"$2/status"' "$SENDER" "$X"
	[ "$(cat "$X/status")" = 0 ]
	[[ "$(cat "$X/out")" =~ ([0-9]+)" packets transmitted, "([0-9]+)" received" ]]
	[ "${BASH_REMATCH[1]}" -ge 5 ] && [ "${BASH_REMATCH[2]}" -ge 5 ]
}

@test "--ping with an option it cannot use: a message and status 2" {
	msg="sender: --ping sends the built request and waits for its reply: it does not combine with -n, -x, --compare or --no-hdrincl"
	run -2 "$SENDER" --ping -n
	[ "$output" = "$msg" ]
	run -2 "$SENDER" --ping -x 4500
	[ "$output" = "$msg" ]
	run -2 "$SENDER" --ping --compare
	[ "$output" = "$msg" ]
	run -2 "$SENDER" -W 1
	[ "$output" = "sender: -W is how long --ping waits for replies: it needs --ping" ]
}

@test "--ping: a reply with our id to a request never sent is not counted" {
	# An echo reply, id 0x1234, sequence 500 (01 f4), 8 zero bytes of
	# send time; ICMP checksum ~(1234 + 01f4) = eb d7 (RFC 1071 by hand).
	# Linux fills in the IP length and checksum (raw(7)).
	forged="45 00 00 24 00 01 00 00 40 01 00 00 7f 00 00 01 7f 00 00 01 00 00 eb d7 12 34 01 f4 00 00 00 00 00 00 00 00"
	in_netns '
		"$1" --ping -c 2 -i 0.5 -I 4660 >"$2/out" &
		sleep 0.25
		"$1" -q -x "$3" 2>/dev/null
		wait' "$SENDER" "$X" "$forged"
	grep -q "^2 packets transmitted, 2 received, 0% packet loss" "$X/out"
	[ "$(grep -c "icmp_seq=500" "$X/out")" -eq 0 ]
}
