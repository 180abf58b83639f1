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

# Counts from a summary line: "N packets transmitted, N received[, +N
# duplicates][, +N corrupted][, +N errors], N% packet loss, time Nms".
counts() {
	sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received\(.*\), \([0-9.]*\)% packet loss.*/\1 \2 \4 \3/p' "$1"
}

peer_ping() {
	command -v ping >/dev/null && ping -V 2>&1 | grep -q iputils && return 0
	[ -z "${CI:-}" ] || { echo "iputils ping is missing" >&2; return 1; }
	skip "iputils ping is not installed"
}

@test "--ping -i 0: 20000 and 100000 requests on loopback, 0% loss, as iputils ping counts in the same namespace" {
	peer_ping
	in_netns '
		"$1" --ping -q -c 20000 -i 0 >"$2/ours20k"; echo $? >>"$2/status"
		ping -q -c 20000 -i 0 127.0.0.1 >"$2/peer20k"; echo $? >>"$2/status"
		"$1" --ping -q -c 100000 -i 0 >"$2/ours100k"; echo $? >>"$2/status"' "$SENDER" "$X"
	[ "$(cat "$X/status" | tr -d '\n')" = 000 ]
	[ "$(counts "$X/ours20k")" = "20000 20000 0 " ]
	[ "$(counts "$X/peer20k")" = "20000 20000 0 " ]
	[ "$(counts "$X/ours100k")" = "100000 100000 0 " ]
}

@test "--ping past 65536 requests: the sequence wraps, no false duplicates" {
	in_netns '"$1" --ping -q -c 70000 -i 0 >"$2/out"; echo $? >"$2/status"' "$SENDER" "$X"
	[ "$(cat "$X/status")" = 0 ]
	[ "$(counts "$X/out")" = "70000 70000 0 " ]
}

@test "--ping: ICMP errors quoting our requests are printed and counted as iputils ping does" {
	peer_ping
	command -v nft >/dev/null || { [ -z "${CI:-}" ] || return 1; skip "nft (nftables) is not installed"; }
	# 127.0.0.2's echo requests rejected on input: the kernel answers
	# each with a host-unreachable error from 127.0.0.2.
	in_netns '
		nft add table ip t
		nft add chain ip t i "{ type filter hook input priority 0; }"
		nft add rule ip t i ip daddr 127.0.0.2 icmp type echo-request reject with icmp type host-unreachable
		"$1" --ping -c 2 -i 0.2 127.0.0.2 >"$2/ours"; echo $? >"$2/ours.status"
		ping -c 2 -i 0.2 127.0.0.2 >"$2/peer"; echo $? >"$2/peer.status"' "$SENDER" "$X"
	[ "$(cat "$X/ours.status")" = 1 ] && [ "$(cat "$X/peer.status")" = 1 ]
	[ "$(counts "$X/ours")" = "2 0 100 , +2 errors" ]
	[ "$(counts "$X/peer")" = "2 0 100 , +2 errors" ]
	# The same words; iputils counts from 1, we from -S (0).
	[ "$(grep -c '^From 127.0.0.2 icmp_seq=[0-9] Destination Host Unreachable$' "$X/ours")" -eq 2 ]
	[ "$(grep -c '^From 127.0.0.2 icmp_seq=[0-9] Destination Host Unreachable$' "$X/peer")" -eq 2 ]
	# Each error's bytes: type 3 code 1, quoting our request (id 0x1234 not
	# set here: the quoted type 08 at byte 48 of 64 is enough).
	[ "$(awk 'NF == 64 && $21 == "03" && $22 == "01" && $49 == "08"' "$X/ours" | wc -l)" -eq 2 ]
}

@test "--ping: a reply with a bad checksum is said and not counted" {
	[ "$(uname -s)" = Linux ] || skip "icmp_echo_ignore_all is Linux's, per namespace"
	# The kernel answers nothing; two forged replies to id 0x1234: seq 0
	# whole (checksum ~(1234 + 0000) = ed cb, RFC 1071 by hand, over 16
	# bytes with an 8-byte zero stamp), seq 1 with its checksum off by one.
	good="45 00 00 24 00 01 00 00 40 01 00 00 7f 00 00 01 7f 00 00 01 00 00 ed cb 12 34 00 00 00 00 00 00 00 00 00 00"
	bad="45 00 00 24 00 02 00 00 40 01 00 00 7f 00 00 01 7f 00 00 01 00 00 ed cb 12 34 00 01 00 00 00 00 00 00 00 00"
	in_netns '
		echo 1 >/proc/sys/net/ipv4/icmp_echo_ignore_all
		"$1" --ping -c 2 -i 0.3 -W 0.5 -I 4660 >"$2/out" &
		sleep 0.45
		"$1" -q -x "$3" 2>/dev/null
		"$1" -q -x "$4" 2>/dev/null
		wait $!; echo $? >"$2/status"' "$SENDER" "$X" "$good" "$bad"
	[ "$(cat "$X/status")" = 0 ]
	[ "$(counts "$X/out")" = "2 1 50 , +1 corrupted" ]
	grep -q "^16 bytes from 127.0.0.1: icmp_seq=0 ttl=64$" "$X/out"
	grep -q "^16 bytes from 127.0.0.1: icmp_seq=1 ttl=64 (BAD CHECKSUM!)$" "$X/out"
}

@test "--ping: time is from the first request to the last, as iputils ping reckons it, not the -W wait" {
	[ "$(uname -s)" = Linux ] || skip "icmp_echo_ignore_all is Linux's, per namespace"
	peer_ping
	in_netns '
		echo 1 >/proc/sys/net/ipv4/icmp_echo_ignore_all
		"$1" --ping -q -c 2 -i 0.5 -W 1 >"$2/ours"
		ping -q -c 2 -i 0.5 -W 1 127.0.0.1 >"$2/peer"; true' "$SENDER" "$X"
	for f in ours peer; do
		ms=$(sed -n 's/.*, time \([0-9]*\)ms$/\1/p' "$X/$f")
		[ "$ms" -ge 495 ] && [ "$ms" -lt 700 ]
	done
}

@test "--ping: an interval under a millisecond is kept, not stretched to one" {
	# 400 requests 0.1 ms apart: 40 ms of intervals; a millisecond
	# granularity would make it 400 ms or more.
	in_netns '"$1" --ping -q -c 400 -i 0.0001 >"$2/out"' "$SENDER" "$X"
	[ "$(counts "$X/out")" = "400 400 0 " ]
	ms=$(sed -n 's/.*, time \([0-9]*\)ms$/\1/p' "$X/out")
	[ "$ms" -lt 300 ]
}

@test "--ping: a request that cannot be sent ends it with status 2, as iputils ping" {
	[ "$(uname -s)" = Linux ] || skip "network namespaces are Linux's"
	peer_ping
	# A fresh namespace with lo down: no route to 127.0.0.1.
	if [ "$(id -u)" -eq 0 ]; then ns="unshare -n"; else ns="unshare -rn"; fi
	run --separate-stderr $ns "$SENDER" --ping -c 1
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"the loopback interface is down ('ip link set lo up')"* ]]
	run $ns ping -c 1 127.0.0.1
	[ "$status" -eq 2 ]
}

@test "--ping localhost: the name and the address, as ping(8) shows them" {
	in_netns '"$1" --ping -q -c 1 localhost >"$2/out"' "$SENDER" "$X"
	[ "$(head -1 "$X/out")" = "PING localhost (127.0.0.1) 8(36) bytes of data, ICMP id $(sed -n 's/.*ICMP id //p' "$X/out")" ]
	grep -qx -- "--- localhost ping statistics ---" "$X/out"
}

@test "--ping without privilege: no raw socket, so the ping socket where this machine allows it, else both reasons and status 2 as ping(8)" {
	public_bin
	# Who may open a ping socket is the machine's setting (test/dgram.bats
	# tries both ways in a namespace of its own): is this user's group
	# in it?
	run_unprivileged id -g
	gid=$output
	read -r lo hi </proc/sys/net/ipv4/ping_group_range
	run_unprivileged "$PUB/sender" --ping -c 1 -W 1
	rm -rf "$PUB"
	if [ "$lo" -le "$gid" ] && [ "$gid" -le "$hi" ]; then
		[[ "$output" == *"sender: no raw socket (Operation not permitted): "* ]]
		[[ "$output" == *"1 packets transmitted, 1 received"* ]]
		[ "$status" -eq 0 ]
	else
		[ "$status" -eq 2 ]
		[[ "$output" == *"socket: Permission denied: no raw socket either; a ping socket is for a group in net.ipv4.ping_group_range"*"a raw socket: it needs root or CAP_NET_RAW"* ]]
	fi
}

@test "--ping: a repeated reply is (DUP!) and counted as a duplicate, not received" {
	[ "$(uname -s)" = Linux ] || skip "icmp_echo_ignore_all is Linux's, per namespace"
	# The forged reply of the corrupted-reply test, whole, sent twice.
	good="45 00 00 24 00 01 00 00 40 01 00 00 7f 00 00 01 7f 00 00 01 00 00 ed cb 12 34 00 00 00 00 00 00 00 00 00 00"
	in_netns '
		echo 1 >/proc/sys/net/ipv4/icmp_echo_ignore_all
		"$1" --ping -c 2 -i 0.5 -W 0.3 -I 4660 >"$2/out" &
		sleep 0.25
		"$1" -q -c 2 -i 0.05 -x "$3" 2>/dev/null
		wait $!; echo $? >"$2/status"' "$SENDER" "$X" "$good"
	# (the ping still runs: its second request, unanswered, is due at 0.5 s)
	[ "$(cat "$X/status")" = 0 ]
	[ "$(counts "$X/out")" = "2 1 50 , +1 duplicates" ]
	grep -q "^16 bytes from 127.0.0.1: icmp_seq=0 ttl=64 (DUP!)$" "$X/out"
}

@test "--ping: a time-exceeded quoting our request is an error too, in ping(8)'s words" {
	[ "$(uname -s)" = Linux ] || skip "icmp_echo_ignore_all is Linux's, per namespace"
	# Type 11 code 0 quoting an echo request id 0x1234 seq 0; its ICMP
	# checksum 57 a3 worked by RFC 1071 outside this code.
	err="45 00 00 38 00 03 00 00 40 01 00 00 7f 00 00 01 7f 00 00 01 0b 00 57 a3 00 00 00 00 45 00 00 24 00 00 00 00 40 01 00 00 7f 00 00 01 7f 00 00 01 08 00 00 00 12 34 00 00"
	in_netns '
		echo 1 >/proc/sys/net/ipv4/icmp_echo_ignore_all
		"$1" --ping -c 1 -W 0.6 -I 4660 >"$2/out" &
		sleep 0.25
		"$1" -q -x "$3" 2>/dev/null
		wait $!; echo $? >"$2/status"' "$SENDER" "$X" "$err"
	[ "$(cat "$X/status")" = 1 ]
	[ "$(counts "$X/out")" = "1 0 100 , +1 errors" ]
	grep -qx "From 127.0.0.1 icmp_seq=0 Time to live exceeded" "$X/out"
}
