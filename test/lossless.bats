#!/usr/bin/env bats
# Nothing lost, nothing silent: every wait gives way to a stop signal,
# drops are the kernel's own count, files are safe, floods survive a
# full queue.

load test_helper

# gone_within SECONDS PID: PID has exited within SECONDS (polled).
gone_within() {
	local i=0 n=$(( $1 * 100 ))
	while kill -0 "$2" 2>/dev/null; do
		[ "$i" -lt "$n" ] || { echo "still running after $1 s" >&2; return 1; }
		sleep 0.01
		i=$((i + 1))
	done
}

# A FIFO held open for writing by this shell (descriptor 8), so that a
# reader of it waits for ever: the silent pipe of "receiver -r -".
silent_fifo() {
	mkfifo "$BATS_TEST_TMPDIR/fifo"
	exec 8<>"$BATS_TEST_TMPDIR/fifo"
}

@test "receiver -r from a pipe that stays silent ends at SIGINT, SIGTERM and SIGHUP" {
	silent_fifo
	for sig in INT TERM HUP QUIT; do
		"$RECEIVER" -r "$BATS_TEST_TMPDIR/fifo" >"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err" &
		p=$!
		sleep 0.3
		kill -"$sig" $p
		gone_within 1 $p
		wait $p
		[ "$(cat "$BATS_TEST_TMPDIR/err")" = "receiver: 0 frames read from $BATS_TEST_TMPDIR/fifo" ]
	done
	exec 8>&-
}

@test "receiver -r /dev/zero ends at SIGINT" {
	"$RECEIVER" -r /dev/zero >/dev/null 2>"$BATS_TEST_TMPDIR/err" &
	p=$!
	sleep 0.3
	kill -INT $p
	gone_within 1 $p
	wait $p
	[ "$(cat "$BATS_TEST_TMPDIR/err")" = "receiver: 0 frames read from /dev/zero" ]
}

@test "a sender whose reader has stalled ends at SIGINT, the summary on stderr" {
	silent_fifo
	"$SENDER" -n -c 1000000 >"$BATS_TEST_TMPDIR/fifo" 2>"$BATS_TEST_TMPDIR/err" &
	p=$!
	sleep 0.5
	kill -INT $p
	gone_within 1 $p
	wait $p
	exec 8>&-
	grep -q "^sender: [0-9]* packets of 28 bytes built$" "$BATS_TEST_TMPDIR/err"
	grep -q "^sender: stdout: its reader is not reading; [0-9]* bytes of text are not written$" "$BATS_TEST_TMPDIR/err"
}

@test "sender -w of a FIFO with no reader ends at SIGINT" {
	mkfifo "$BATS_TEST_TMPDIR/fifo"
	"$SENDER" -n -w "$BATS_TEST_TMPDIR/fifo" >/dev/null 2>&1 &
	p=$!
	sleep 0.3
	kill -INT $p
	gone_within 1 $p
	wait $p
}

@test "a second signal ends at once, when the first cannot finish a record" {
	# The capture goes to a FIFO whose reader never reads: the first
	# SIGINT waits to finish the record in hand, the second kills.
	yes "$(cat "$FIXTURES/sender/wire.txt")" | head -n 5000 >"$BATS_TEST_TMPDIR/many.txt"
	silent_fifo
	"$RECEIVER" -q -r "$BATS_TEST_TMPDIR/many.txt" -w "$BATS_TEST_TMPDIR/fifo" >/dev/null 2>&1 &
	p=$!
	sleep 0.5
	kill -INT $p
	sleep 0.3
	kill -0 $p
	kill -INT $p
	gone_within 1 $p
	run wait $p
	[ "$status" -eq 130 ]
	exec 8>&-
}

@test "a stalled reader: the summary's drop count is the kernel's, and SIGTERM still ends it" {
	require_netns
	X=$BATS_TEST_TMPDIR
	in_netns '
		mkfifo "$3/fifo"
		exec 8<>"$3/fifo"	# a reader that never reads
		"$1" -q >"$3/fifo" 2>"$3/err" &
		rpid=$!
		wait_raw_sockets 1
		"$2" -q -c 20000 -i 0 2>/dev/null
		sleep 0.3
		# /proc/net/raw: the ICMP socket (local port 0001), drops last.
		awk "\$2 ~ /:0001\$/ { print \$NF }" /proc/net/raw >"$3/kernel"
		t0=$(date +%s%N)
		kill -TERM $rpid
		wait $rpid
		echo $? >"$3/status"
		echo $(( ($(date +%s%N) - t0) / 1000000 )) >"$3/ms"' "$RECEIVER" "$SENDER" "$X"
	[ "$(cat "$X/status")" = 0 ]
	[ "$(cat "$X/ms")" -lt 1000 ]
	kernel=$(cat "$X/kernel")
	[ "$kernel" -gt 0 ]
	grep -q "^receiver: [0-9]* datagrams received, $kernel dropped by the kernel" "$X/err"
}

@test "-r and -w naming one file through another path are refused before anything is emptied" {
	"$SENDER" -n -q -c 3 -w "$BATS_TEST_TMPDIR/same.pcap" 2>/dev/null
	size=$(wc -c <"$BATS_TEST_TMPDIR/same.pcap")
	bad 2 "receiver: -r and -w both name $BATS_TEST_TMPDIR/same.pcap: writing would empty it before it is read" \
	    "$RECEIVER" -r "$BATS_TEST_TMPDIR/./same.pcap" -w "$BATS_TEST_TMPDIR/same.pcap"
	[ "$(wc -c <"$BATS_TEST_TMPDIR/same.pcap")" -eq "$size" ]
}

@test "-w onto the file standard output goes to is refused, as -w - is" {
	run -2 --separate-stderr bash -c '"$1" -n -w /dev/stdout >"$2"' sh "$SENDER" "$BATS_TEST_TMPDIR/o"
	[ "$stderr" = "sender: write is /dev/stdout: standard output goes there too, and carries the text" ]
	run -2 --separate-stderr bash -c '"$1" -n -w "$2" >"$2"' sh "$SENDER" "$BATS_TEST_TMPDIR/o"
	[ "$stderr" = "sender: write is $BATS_TEST_TMPDIR/o: standard output goes there too, and carries the text" ]
}

@test "as root, -w does not follow a symbolic link" {
	[ "$(id -u)" -eq 0 ] || skip "the rule is root's"
	echo keep >"$BATS_TEST_TMPDIR/target"
	ln -s "$BATS_TEST_TMPDIR/target" "$BATS_TEST_TMPDIR/link"
	bad 1 "sender: $BATS_TEST_TMPDIR/link: a symbolic link; refused while running as root: name the file itself" \
	    "$SENDER" -n -q -w "$BATS_TEST_TMPDIR/link"
	[ "$(cat "$BATS_TEST_TMPDIR/target")" = keep ]
}

@test "-w files are created 0644 before the umask" {
	(umask 000; "$SENDER" -n -q -w "$BATS_TEST_TMPDIR/a.pcap" 2>/dev/null)
	(umask 077; "$SENDER" -n -q -w "$BATS_TEST_TMPDIR/b.pcap" 2>/dev/null)
	[ "$(stat -c %a "$BATS_TEST_TMPDIR/a.pcap")" = 644 ]
	[ "$(stat -c %a "$BATS_TEST_TMPDIR/b.pcap")" = 600 ]
}

@test "a full disk: reported, exit 1, and what was written is a capture of whole records" {
	[ "$(id -u)" -eq 0 ] || skip "mounting a small tmpfs needs root"
	X=$BATS_TEST_TMPDIR
	run -1 --separate-stderr unshare -m sh -c 'mount -t tmpfs -o size=64k none "$2" && "$1" -n -q -c 5000 -w "$2/x.pcap"; s=$?; cp "$2/x.pcap" "$3/x.pcap"; exit $s' sh "$SENDER" "$(mktemp -d)" "$X"
	[[ "$stderr" == *"sender: "*"x.pcap: writing stopped; the file keeps the "*" bytes of whole records before it: No space left on device"* ]]
	size=$(wc -c <"$X/x.pcap")
	# 24-byte file header, then whole 16 + 28-byte records only.
	[ $(( (size - 24) % 44 )) -eq 0 ]
	[ "$size" -gt 24 ]
	run -0 --separate-stderr "$RECEIVER" -r "$X/x.pcap" -q
	[ "${#lines[@]}" -eq $(( (size - 24) / 44 )) ]
}

@test "closed stdout or stderr: nothing lands in the capture file" {
	run -0 bash -c '"$1" -n -x 00 -w "$2" 2>&-' sh "$SENDER" "$BATS_TEST_TMPDIR/e.pcap"
	run -0 bash -c '"$1" -n -w "$2" >&-' sh "$SENDER" "$BATS_TEST_TMPDIR/o.pcap"
	# Each is a 24-byte header and one record: 16 + 1 and 16 + 28.
	[ "$(wc -c <"$BATS_TEST_TMPDIR/e.pcap")" -eq $((24 + 17)) ]
	[ "$(wc -c <"$BATS_TEST_TMPDIR/o.pcap")" -eq $((24 + 44)) ]
	[ "$(od -An -tx1 -N4 "$BATS_TEST_TMPDIR/e.pcap" | tr -d ' ')" = d4c3b2a1 ]
	[ "$(od -An -tx1 -N4 "$BATS_TEST_TMPDIR/o.pcap" | tr -d ' ')" = d4c3b2a1 ]
}

@test "-x with no bytes is refused" {
	bad 2 "sender: hex is empty: give the bytes to send" "$SENDER" -n -x ""
}

@test "-r ... -w keeps each record's time stamp and original length" {
	# Captured 28 of a 40-byte datagram at 1700000000.250000.
	{ pcap_hdr 65535 101; le32 1700000000; le32 250000; le32 28; le32 40; bin "$(cat "$FIXTURES/sender/wire.txt")"; } >"$BATS_TEST_TMPDIR/in.pcap"
	"$RECEIVER" -r "$BATS_TEST_TMPDIR/in.pcap" -q -w "$BATS_TEST_TMPDIR/out.pcap" >/dev/null 2>&1
	[ "$(od -An -tx1 -j24 -N16 "$BATS_TEST_TMPDIR/out.pcap" | tr -s ' ')" = " 00 f1 53 65 90 d0 03 00 1c 00 00 00 28 00 00 00" ]
}

@test "damage repeated: the first few warnings, then a count" {
	# A pcap header and 1 MiB of zeros: 65536 empty 16-byte records.
	{ pcap_hdr 65535 101; head -c 1048576 /dev/zero; } >"$BATS_TEST_TMPDIR/z.pcap"
	run -0 --separate-stderr "$RECEIVER" -r "$BATS_TEST_TMPDIR/z.pcap"
	[ "$(wc -l <<<"$stderr")" -eq 5 ]
	[[ "$stderr" == *"record 3: empty, skipped"* ]]
	[[ "$stderr" == *"$BATS_TEST_TMPDIR/z.pcap: 65533 more records empty, skipped"* ]]
}

@test "hex text that starts with a UTF-8 byte order mark is read" {
	printf '\357\273\277%s\n' "$(cat "$FIXTURES/sender/wire.txt")" >"$BATS_TEST_TMPDIR/bom.txt"
	run -0 --separate-stderr "$RECEIVER" -r "$BATS_TEST_TMPDIR/bom.txt"
	[ "$output" = "45 00 00 1C 00 0B 00 00 40 01 7C D4 7F 00 00 01 7F 00 00 01 08 00 F7 FF 00 00 00 00" ]
}

@test "text goes out in 64 KiB writes, as the README says" {
	[ "${SANITIZE:-}" != 1 ] || skip "LeakSanitizer does not run under strace"
	command -v strace >/dev/null || { [ -z "${CI:-}" ] || return 1; skip "strace is not installed"; }
	yes "$(cat "$FIXTURES/sender/wire.txt")" | head -n 5000 >"$BATS_TEST_TMPDIR/many.txt"
	strace -o "$BATS_TEST_TMPDIR/trace" -e trace=write "$RECEIVER" -r "$BATS_TEST_TMPDIR/many.txt" >"$BATS_TEST_TMPDIR/out" 2>/dev/null
	grep -q '^write(1, .*) = 65536$' "$BATS_TEST_TMPDIR/trace"
}

# The pacing and queue tests send for real, in a private namespace.

@test "pacing: after a stop of 1.2 s the missed slots are skipped, not sent in a burst" {
	require_netns
	X=$BATS_TEST_TMPDIR
	in_netns '
		"$1" -q -c 8 -i 0.2 -w "$2/p.pcap" 2>"$2/err" &
		p=$!
		sleep 0.3
		kill -STOP $p
		sleep 1.2
		kill -CONT $p
		wait $p' "$SENDER" "$X"
	# Each record: 16-byte header (seconds, microseconds, LE) + 28.
	prev=""
	for i in $(seq 0 7); do
		set -- $(od -An -tu1 -j$((24 + i * 44)) -N8 "$X/p.pcap")
		us=$(( ($1 + $2 * 256 + $3 * 65536 + $4 * 16777216) * 1000000 + $5 + $6 * 256 + $7 * 65536 + $8 * 16777216 ))
		if [ -n "$prev" ]; then
			[ $((us - prev)) -gt 100000 ] || { echo "packets $i and $((i - 1)): $((us - prev)) us apart" >&2; return 1; }
		fi
		prev=$us
	done
	grep -q "slots skipped while behind" "$X/err"
}

@test "a full interface queue (ENOBUFS): the sender waits and retries, every request arrives" {
	require_netns
	command -v tc >/dev/null || { echo "tc (iproute2) is missing" >&2; return 1; }
	X=$BATS_TEST_TMPDIR
	in_netns '
		# A slow queue on loopback: 1 Mbit/s, room for a few packets.
		# Removed at the end, with whatever it holds: a datagram left
		# queued pins the namespace (its socket holds it, and the queue
		# holds the socket).  No echo replies: each one queued here
		# would be charged to the kernel ICMP socket all namespaces
		# share, and a pinned queue of them (the test killed before its
		# trap runs) would stop every echo reply on this machine.
		echo 1 >/proc/sys/net/ipv4/icmp_echo_ignore_all
		trap "tc qdisc del dev lo root" EXIT
		tc qdisc add dev lo root tbf rate 1mbit burst 1600 limit 1600
		"$1" -q -t 1 >"$3/out" 2>/dev/null &
		rpid=$!
		wait_raw_sockets 1
		"$2" -q -c 500 -i 0 2>"$3/err"
		echo $? >"$3/status"
		wait $rpid	# ends 1 s after the last datagram, status 1
		true' "$RECEIVER" "$SENDER" "$X"
	[ "$(cat "$X/status")" = 0 ]
	grep -q "^sender: 500 packets of 28 bytes sent, after [0-9]* waits for a full queue (ENOBUFS)" "$X/err"
	# Every request (type 08 at byte 21) reached the receiver.
	[ "$(awk '$21 == "08"' "$X/out" | wc -l)" -eq 500 ]
}

@test "a sender blocked on a full send buffer still ends at SIGINT" {
	require_netns
	X=$BATS_TEST_TMPDIR
	in_netns '
		# 80 bits a second (a datagram every 2.8 s) and a deep queue:
		# the send buffer of the socket fills with datagrams waiting
		# there, and sendto would block.  The queue goes at the end, and
		# all it holds with it, and no echo replies go into it (see
		# the test above).
		echo 1 >/proc/sys/net/ipv4/icmp_echo_ignore_all
		trap "tc qdisc del dev lo root" EXIT
		tc qdisc add dev lo root tbf rate 80bit burst 1600 limit 1000000
		"$1" -q -c 100000 -i 0 2>"$2/err" &
		p=$!
		sleep 0.5
		t0=$(date +%s%N)
		kill -INT $p
		wait $p
		echo $? >"$2/status"
		echo $(( ($(date +%s%N) - t0) / 1000000 )) >"$2/ms"' "$SENDER" "$X"
	[ "$(cat "$X/status")" = 0 ]
	[ "$(cat "$X/ms")" -lt 1000 ]
	grep -q "^sender: [0-9]* packets of 28 bytes sent" "$X/err"
}
