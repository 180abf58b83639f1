#!/usr/bin/env bats
# receiver options on live traffic, each in a fresh network namespace.

load test_helper

setup() {
	require_netns
}

@test "-q: one hex line per datagram, no 'waiting to receive'" {
	exchange -c 2 -t 5 -q --
	[ "$(wc -l <"$X/receiver.out")" -eq 2 ]
	[ "$(grep -c waiting "$X/receiver.out")" -eq 0 ]
}

@test "--only-replies: Linux's ICMP_FILTER hides the request" {
	[ "$(uname -s)" = Linux ] || skip "ICMP_FILTER is Linux's"
	exchange -c 1 -t 5 -q --only-replies --
	[ "$(cat "$X/receiver.status")" = 0 ]
	[ "$(wc -l <"$X/receiver.out")" -eq 1 ]
	# byte 21, the ICMP type: 00, an echo reply
	[ "$(cut -d' ' -f21 <"$X/receiver.out")" = 00 ]
}

@test "--only-replies: nothing but the reply arrives, even over time" {
	[ "$(uname -s)" = Linux ] || skip "ICMP_FILTER is Linux's"
	# Two requests: the receiver waits for 3 datagrams and times out
	# with only the 2 replies.
	exchange -c 3 -t 1 -q --only-replies -- -c 2 -i 0
	[ "$(cat "$X/receiver.status")" = 1 ]
	[ "$(cut -d' ' -f21 <"$X/receiver.out" | sort -u)" = 00 ]
	[ "$(wc -l <"$X/receiver.out")" -eq 2 ]
}

@test "sender -c with -i 0: every request and reply arrives, in order" {
	exchange -c 200 -t 5 -q -- -q -c 100 -i 0
	[ "$(cat "$X/receiver.status")" = 0 ]
	[ "$(cat "$X/sender.err")" = "sender: 100 packets of 28 bytes sent" ]
	[ "$(wc -l <"$X/receiver.out")" -eq 200 ]
	# Requests carry sequence 0..99 (bytes 27-28), in order.
	awk '$21 == "08" { print $27, $28 }' "$X/receiver.out" >"$X/seqs"
	for i in $(seq 0 99); do printf '%02X %02X\n' $((i >> 8)) $((i & 255)); done |
	    diff -u - "$X/seqs"
	[ "$(awk '$21 == "00"' "$X/receiver.out" | wc -l)" -eq 100 ]
}

@test "sender -i paces the packets" {
	start=$(date +%s%N)
	exchange -c 6 -t 5 -q -- -q -c 3 -i 0.2
	end=$(date +%s%N)
	[ "$(wc -l <"$X/receiver.out")" -eq 6 ]
	# Two gaps of 0.2 s: at least 0.4 s in all.
	[ $(( (end - start) / 1000000 )) -ge 400 ]
}

@test "sender --no-hdrincl: the kernel's header in front of ours" {
	[ "$(uname -s)" = Linux ] || skip "the doubled header is shown as Linux delivers it"
	exchange -c 1 -t 5 -q -- --no-hdrincl
	[ "$(cat "$X/receiver.status")" = 0 ]
	# 48 bytes: the kernel's 20-byte header (protocol 1, length 00 30),
	# then our 28 bytes untouched, zeros and all.
	line=$(cat "$X/receiver.out")
	[ "$(echo "$line" | wc -w)" -eq 48 ]
	[ "$(echo "$line" | cut -d' ' -f1-4,10)" = "45 00 00 30 01" ]
	[ "$(echo "$line" | cut -d' ' -f21-48)" = "$(tr a-f A-F <"$FIXTURES/sender/linux.txt")" ]
}

@test "sender -w on a live send writes what the kernel put on the wire" {
	exchange -c 2 -t 5 -q -- -q -l wire -w "$BATS_TEST_TMPDIR/s.pcap"
	run -0 --separate-stderr "$RECEIVER" -r "$BATS_TEST_TMPDIR/s.pcap"
	[ "$output" = "$(head -1 "$X/receiver.out")" ]
}

@test "Ctrl-C (SIGINT) ends the receiver with its summary, status 0" {
	interrupt INT "$RECEIVER" -q
	[ "$(cat "$X/status")" = 0 ]
	grep -q "^receiver: 0 datagrams received" "$X/err"
}

@test "SIGTERM ends the sender's endless run with its summary, status 0" {
	interrupt TERM "$SENDER" -q -c 0 -i 0.05
	[ "$(cat "$X/status")" = 0 ]
	grep -q "^sender: [0-9]* packets of 28 bytes sent$" "$X/err"
}

@test "each line shows at once, while the receiver waits for more" {
	X=$BATS_TEST_TMPDIR
	in_netns '
		"$1" -q >"$3/out" 2>/dev/null &
		pid=$!
		wait_raw_sockets 1
		"$2" -q 2>/dev/null
		sleep 0.5
		# Still running, and both lines already in the file.
		kill -0 $pid && wc -l <"$3/out" >"$3/lines"
		kill $pid' "$RECEIVER" "$SENDER" "$X"
	[ "$(cat "$X/lines")" -eq 2 ]
}
