#!/usr/bin/env bats
# Privilege held for one call, clean ends on signals, checked output,
# and valgrind on the paths that need no socket.

load test_helper

@test "under sudo the receiver becomes SUDO_UID once the socket is open" {
	require_real_root "it becomes uid 65534 (CI runs as root; or sudo make test)"
	require_netns
	d=$(mktemp -d /tmp/rawsock-priv.XXXXXX)
	chmod 777 "$d"
	in_netns '
		SUDO_UID=65534 SUDO_GID=65534 "$1" -q -c 1 -t 5 -w "$2/x.pcap" \
		    >"$2/out" 2>"$2/err" &
		pid=$!
		wait_raw_sockets 1
		sleep 0.3
		grep -E "^(Uid|Gid|Groups|CapEff):" /proc/$pid/status >"$2/status"
		"$3" -q
		wait $pid' "$RECEIVER" "$d" "$SENDER"
	status=$(cat "$d/status")
	owner=$(stat -c %u:%g "$d/x.pcap")
	lines=$(wc -l <"$d/out")
	rm -rf "$d"
	[[ "$status" == *"Uid:"$'\t'"65534"$'\t'"65534"$'\t'"65534"$'\t'"65534"* ]]
	[[ "$status" == *"Gid:"$'\t'"65534"$'\t'"65534"$'\t'"65534"$'\t'"65534"* ]]
	[[ "$status" == *"CapEff:"$'\t'"0000000000000000"* ]]
	[ "$owner" = 65534:65534 ]
	[ "$lines" -eq 1 ]
}

@test "with no one to become, the receiver still gives up CAP_NET_RAW" {
	require_netns
	X=$BATS_TEST_TMPDIR
	in_netns '
		"$1" -q -c 1 -t 5 >/dev/null 2>&1 &
		pid=$!
		wait_raw_sockets 1
		sleep 0.3
		sed -n "s/^CapEff:\t//p" /proc/$pid/status >"$2/capeff"
		kill $pid' "$RECEIVER" "$X"
	capeff=$(cat "$X/capeff")
	[ -n "$capeff" ]
	# CAP_NET_RAW is capability 13 (linux/capability.h).
	[ $(( (0x$capeff >> 13) & 1 )) -eq 0 ]
}

@test "a bad SUDO_UID is refused, not trusted" {
	[ "$(id -u)" -eq 0 ] || skip "the sudo path is taken only by root"
	bad 1 "receiver: SUDO_UID is nobody: not a whole number" env SUDO_UID=nobody SUDO_GID=0 "$RECEIVER" -r /dev/null
}

@test "SIGINT, SIGHUP and SIGQUIT mid-capture leave a pcap that reads back whole" {
	require_netns
	X=$BATS_TEST_TMPDIR
	for sig in INT HUP QUIT; do
		in_netns '
			"$1" -q -w "$3/x.pcap" >"$3/out" 2>"$3/err" &
			rpid=$!
			wait_raw_sockets 1
			"$2" -q -c 0 -i 0.002 2>/dev/null &
			spid=$!
			sleep 0.7
			kill -"$4" $rpid
			wait $rpid
			echo $? >"$3/status"
			kill $spid' "$RECEIVER" "$SENDER" "$X" "$sig"
		[ "$(cat "$X/status")" = 0 ]
		got=$(sed -n 's/^receiver: \([0-9]*\) datagrams received.*/\1/p' "$X/err")
		[ "$got" -gt 10 ]
		# Every record whole: as many datagrams read back as were
		# received, the same bytes, no complaint, exit 0.
		run -0 --separate-stderr "$RECEIVER" -r "$X/x.pcap"
		[ "${#lines[@]}" -eq "$got" ]
		[ "$stderr" = "receiver: $got frames read from $X/x.pcap" ]
		diff -u "$X/out" - <<<"$output"
	done
}

@test "a full disk on stdout is reported, exit 1" {
	[ -w /dev/full ] || skip "no /dev/full here"
	run -1 --separate-stderr bash -c '"$1" -r "$2" -d >/dev/full' sh "$RECEIVER" "$FIXTURES/pcap/raw-le.pcap"
	[[ "$stderr" == *"receiver: stdout: No space left on device"* ]]
	run -1 --separate-stderr bash -c '"$1" -n >/dev/full' sh "$SENDER"
	[ "$stderr" = "sender: stdout: No space left on device" ]
}

@test "receiver | head -1 ends quietly when head goes away" {
	yes "45 00 00 1E 1C D4 00 00 40 01 60 09 7F 00 00 01 7F 00 00 01 08 00 37 21 00 00 00 00 C0 DE" | head -n 20000 >"$BATS_TEST_TMPDIR/many.txt"
	run -0 --separate-stderr bash -c 'set -o pipefail; "$1" -r "$2" | head -1' sh "$RECEIVER" "$BATS_TEST_TMPDIR/many.txt"
	[ "${#lines[@]}" -eq 1 ]
	[ -z "$stderr" ]
}

valgrind_clean() {
	[ "${SANITIZE:-}" != 1 ] || skip "valgrind does not run sanitized binaries"
	if ! command -v valgrind >/dev/null; then
		[ -z "${CI:-}" ] || { echo "valgrind is missing in CI" >&2; return 1; }
		skip "valgrind is not installed"
	fi
	run -0 --separate-stderr valgrind -q --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite,indirect,possible "$@"
	[ -z "$stderr" ] || [[ "$stderr" != *"=="* ]]
}

@test "valgrind: sender -n with payload, count and pcap: no errors or leaks" {
	valgrind_clean "$SENDER" -n -c 3 -p c0de -l darwin -w "$BATS_TEST_TMPDIR/v.pcap"
	[ "${#lines[@]}" -eq 3 ]
}

@test "valgrind: receiver -r of a pcap with -d and -w: no errors or leaks" {
	valgrind_clean "$RECEIVER" -r "$FIXTURES/pcap/lo-ethernet-be.pcap" -d -w "$BATS_TEST_TMPDIR/v.pcap"
	[[ "$output" == *"ICMP checksum    0x3f21 (valid)"* ]]
}

@test "valgrind: receiver -r of hex text with every decode fixture" {
	cat "$FIXTURES"/decode/*.txt >"$BATS_TEST_TMPDIR/all.txt"
	valgrind_clean "$RECEIVER" -r "$BATS_TEST_TMPDIR/all.txt" -d
	[[ "$output" == *"inner UDP"* ]]
}

# waiting_status FIELDS ENV... : the /proc status lines FIELDS (a
# regular expression) of a receiver run with ENV (name=value words),
# reading a FIFO that stays silent and writing $d/x.pcap.
waiting_status() {
	local fields=$1
	shift
	mkfifo "$d/in"
	exec 8<>"$d/in"
	env "$@" "$RECEIVER" -r "$d/in" -w "$d/x.pcap" >/dev/null 2>&1 &
	p=$!
	sleep 0.3
	grep -E "^($fields):" /proc/$p/status
	kill $p
	wait $p || true
	exec 8>&-
}

@test "under doas the receiver becomes DOAS_USER" {
	require_real_root "the doas path is taken only by root, and it becomes nobody"
	d=$(mktemp -d /tmp/rawsock-priv.XXXXXX)
	chmod 777 "$d"
	status=$(waiting_status "Uid|Gid|CapEff" DOAS_USER=nobody)
	owner=$(stat -c %U "$d/x.pcap")
	rm -rf "$d"
	uid=$(id -u nobody)
	[[ "$status" == *"Uid:"$'\t'"$uid"$'\t'"$uid"$'\t'"$uid"$'\t'"$uid"* ]]
	[[ "$status" == *"CapEff:"$'\t'"0000000000000000"* ]]
	[ "$owner" = nobody ]
}

@test "an unknown DOAS_USER is refused, not trusted" {
	[ "$(id -u)" -eq 0 ] || skip "the doas path is taken only by root"
	bad 1 "receiver: DOAS_USER is no-such-user-here: no such user" env DOAS_USER=no-such-user-here "$RECEIVER" -r /dev/null
}

@test "plain root keeps uid 0 but gives up every capability" {
	[ "$(id -u)" -eq 0 ] || skip "needs root"
	d=$BATS_TEST_TMPDIR
	status=$(waiting_status "Uid|CapEff|CapPrm" LC_ALL=C)
	[[ "$status" == *"Uid:"$'\t'"0"$'\t'"0"* ]]
	[[ "$status" == *"CapEff:"$'\t'"0000000000000000"* ]]
	[[ "$status" == *"CapPrm:"$'\t'"0000000000000000"* ]]
}

# A setuid-root copy of the sender, runnable by nobody.
setuid_sender() {
	SU=$(mktemp -d /tmp/rawsock-suid.XXXXXX)
	chmod 755 "$SU"
	cp "$SENDER" "$SU/sender"
	chown root:root "$SU/sender"
	chmod 4755 "$SU/sender"
}

@test "installed setuid: a user may send the article's packet, not forge one" {
	require_real_root "a setuid-root file, run as nobody"
	[ -z "${TEST_BIN:-}" ] || skip "a setuid file cannot run under qemu-user"
	require_netns
	setuid_sender
	X=$BATS_TEST_TMPDIR
	for opt in "-x 45" "--source 10.1.2.3" "--no-hdrincl" "--link lo"; do
		# shellcheck disable=SC2086
		run -2 --separate-stderr setpriv --reuid=65534 --regid=65534 --clear-groups "$SU/sender" -n $opt
		[ "$stderr" = "sender: -x, --source, --no-hdrincl and --link forge traffic: refused when running setuid (as uid 0 for uid 65534)" ]
	done
	in_netns 'setpriv --reuid=65534 --regid=65534 --clear-groups "$1" >"$2/out" 2>"$2/err"; echo $? >"$2/status"' "$SU/sender" "$X"
	rm -rf "$SU"
	[ "$(cat "$X/status")" = 0 ]
	[ "$(tail -1 "$X/out")" = "Sent 28 bytes" ]
}
