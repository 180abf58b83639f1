#!/usr/bin/env bats
# The errors a reader hits first: a clear line on stderr, nothing on
# stdout, and the exit status (2 for usage, 1 for a runtime failure).

load test_helper

@test "sender: an unknown option is named, then the usage, exit 2" {
	run -2 --separate-stderr "$SENDER" --bogus=1
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "sender: --bogus: not an option" ]
	[[ "${stderr_lines[1]}" == "usage: sender "* ]]
}

@test "receiver: an unknown option is named as the program names itself, exit 2" {
	run -2 --separate-stderr "$RECEIVER" -dx
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "receiver: -x: not an option" ]
	[[ "${stderr_lines[1]}" == "usage: receiver "* ]]
}

@test "a missing value and an argument too many are named before the usage" {
	run -2 --separate-stderr "$RECEIVER" --count
	[ "${stderr_lines[0]}" = "receiver: --count: needs a value" ]
	run -2 --separate-stderr "$RECEIVER" extra
	[ "${stderr_lines[0]}" = "receiver: extra: an argument too many" ]
	[[ "${stderr_lines[1]}" == "usage: receiver "* ]]
	run -2 --separate-stderr "$SENDER" -n 127.0.0.1 127.0.0.2
	[ "${stderr_lines[0]}" = "sender: 127.0.0.2: an argument too many" ]
}

@test "numbers may be written in hex: --ip-id 0x1cd4, the Link layer article's id" {
	# Its request with 00 1c for 00 1e: checksum 60 09 + 2 = 60 0b.
	run -0 "$SENDER" -n -l wire --ip-id 0x1cd4
	[ "$output" = "45 00 00 1c 1c d4 00 00 40 01 60 0b 7f 00 00 01 7f 00 00 01 08 00 f7 ff 00 00 00 00" ]
	run -0 "$SENDER" -n -l wire --ip-id 7380
	[ "$output" = "45 00 00 1c 1c d4 00 00 40 01 60 0b 7f 00 00 01 7f 00 00 01 08 00 f7 ff 00 00 00 00" ]
	bad 2 "sender: ip-id is 0x: not a whole number" "$SENDER" -n --ip-id 0x
	bad 2 "sender: ttl is 0x100: out of range 0-255" "$SENDER" -n -T 0x100
}

@test "-x with -n says the bytes are printed, not sent" {
	run -0 --separate-stderr "$SENDER" -n -x 4500
	[ "$stderr" = "sender: warning: the bytes are not a plausible IPv4 datagram: shorter than an IPv4 header (20 bytes); printing them as asked" ]
}

@test "no route, a broadcast, a blackhole: each send error names its cause" {
	require_netns
	X=$BATS_TEST_TMPDIR
	# Only the namespace's own loopback: nothing can leave it.
	in_netns '
		ip route add blackhole 10.94.0.0/16
		for d in 192.0.2.9 224.0.0.1 127.255.255.255 10.94.0.1; do
			"$1" -q "$d" 2>>"$2/err"
		done
		true' "$SENDER" "$X"
	run cat "$X/err"
	[ "${lines[0]}" = "sender: sendto: Network is unreachable: no route to 192.0.2.9 here ('ip route get 192.0.2.9' says why)" ] ||
	    [ "${lines[0]}" = "sender: sendto: Network unreachable: no route to 192.0.2.9 here ('ip route get 192.0.2.9' says why)" ]
	[[ "${lines[1]}" == *"unreachable: no route to 224.0.0.1 here ('ip route get 224.0.0.1' says why)" ]]
	[ "${lines[2]}" = "sender: sendto: Permission denied: 127.255.255.255 looks like a broadcast address, and sending to one needs SO_BROADCAST, which the sender does not set" ]
	[ "${lines[3]}" = "sender: sendto: Invalid argument: the route to 10.94.0.1 may be a blackhole or prohibit route ('ip route get 10.94.0.1' says)" ]
}

@test "without privilege: the hint names a recipe that works, one namespace for both, exit 1" {
	public_bin
	run_unprivileged "$PUB/receiver"
	rm -rf "$PUB"
	[ "$status" -eq 1 ]
	# (The path is the program's own name for itself, argv[0].)
	[[ "$output" == "receiver: socket: Operation not permitted: a raw socket needs root or CAP_NET_RAW: run it with sudo, give the program the capability ('sudo setcap cap_net_raw+ep "*"/receiver'), or run both programs in one private namespace: 'unshare -rn sh', then 'ip link set lo up' and both from that shell" ]]
}

@test "sender: an unknown layout is named, exit 2" {
	run -2 --separate-stderr "$SENDER" -n -l bsd
	[ -z "$output" ]
	[ "$stderr" = "sender: layout is bsd: not one of linux, darwin, wire, netbsd" ]
}

@test "receiver: an unknown layout is named, exit 2" {
	run -2 --separate-stderr "$RECEIVER" --layout=Linux
	[ -z "$output" ]
	[ "$stderr" = "receiver: layout is Linux: not one of linux, darwin, wire, netbsd" ]
}

@test "sender: a raw socket without privilege says what to do, exit 1" {
	public_bin
	run_unprivileged "$PUB/sender"
	rm -rf "$PUB"
	[ "$status" -eq 1 ]
	[[ "$output" == *"a raw socket needs root or CAP_NET_RAW"* ]]
	[[ "$output" != *"Transmitting"* ]]
}

@test "sender -n needs no privilege" {
	public_bin
	run_unprivileged "$PUB/sender" -n
	rm -rf "$PUB"
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$FIXTURES/sender/linux.txt")" ]
}

@test "a second destination is a usage error" {
	run -2 --separate-stderr "$SENDER" -n 127.0.0.1 127.0.0.2
	[ -z "$output" ]
	[[ "${stderr_lines[1]}" == "usage: sender "* ]]
}
