#!/usr/bin/env bats
# The errors a reader hits first: a clear line on stderr, nothing on
# stdout, and the exit status (2 for usage, 1 for a runtime failure).

load test_helper

@test "sender: an unknown option prints the usage, exit 2" {
	run -2 --separate-stderr "$SENDER" --bogus
	[ -z "$output" ]
	[[ "$stderr" == *"unrecognized option"* ]]
	[[ "$stderr" == *"usage: sender "* ]]
}

@test "receiver: an unknown option prints the usage, exit 2" {
	run -2 --separate-stderr "$RECEIVER" -Z
	[ -z "$output" ]
	[[ "$stderr" == *"usage: receiver "* ]]
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

@test "receiver: a raw socket without privilege says what to do, exit 1" {
	public_bin
	run_unprivileged "$PUB/receiver" -c 1
	rm -rf "$PUB"
	[ "$status" -eq 1 ]
	[[ "$output" == *"socket: Operation not permitted: a raw socket needs root or CAP_NET_RAW; try sudo, 'sudo setcap cap_net_raw+ep "*"/receiver', or 'unshare -rn'" ]]
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
	[[ "$stderr" == "usage: sender "* ]]
}
