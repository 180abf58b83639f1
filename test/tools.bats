#!/usr/bin/env bats
# What surrounds the binaries: manuals in step with --help, make
# install/uninstall, make demo, and the two-terminal tmux script.

load test_helper

# Long options named in a text: "--word" in --help, "Fl -word" in mdoc.
help_opts() { "$1" -h | grep -o -- '--[a-z][a-z-]*' | sort -u; }
man_opts() { grep -o 'Fl -[a-z][a-z-]*' "$1" | sed 's/^Fl /-/' | sort -u; }

@test "sender(1) names exactly the options of sender --help" {
	diff -u <(help_opts "$SENDER") <(man_opts "$ROOT/cmd/sender/sender.1")
}

@test "receiver(1) names exactly the options of receiver --help" {
	diff -u <(help_opts "$RECEIVER") <(man_opts "$ROOT/cmd/receiver/receiver.1")
}

@test "the manuals' synopses list the usage lines' short options" {
	for p in sender receiver; do
		usage=$("$ROOT/$p" -h | sed -n '/^usage/,/^$/p' | grep -o -- '-[a-zA-Z]\b' | tr -d - | sort | tr -d '\n')
		usage_flags=$("$ROOT/$p" -h | sed -n '1s/.*\[-\([a-zA-Z]*\)\].*/\1/p' | fold -w1 | sort | tr -d '\n')
		man=$(sed -n '/^\.Sh SYNOPSIS/,/^\.Sh DESCRIPTION/p' "$ROOT/cmd/$p/$p.1" | grep -o '^\.Op Fl [a-zA-Z]\b' | sed 's/.* //' | sort | tr -d '\n')
		man_flags=$(sed -n '/^\.Sh SYNOPSIS/,/^\.Sh DESCRIPTION/p' "$ROOT/cmd/$p/$p.1" | sed -n 's/^\.Op Fl \([a-zA-Z][a-zA-Z]*\)$/\1/p' | fold -w1 | sort | tr -d '\n')
		[ "$usage" = "$man" ]
		[ "$usage_flags" = "$man_flags" ]
	done
}

@test "the manuals are clean mdoc (mandoc -Tlint), where mandoc is installed" {
	command -v mandoc >/dev/null || { [ -z "${CI:-}" ] || return 1; skip "mandoc is not installed"; }
	run -0 mandoc -Tlint -W warning "$ROOT/cmd/sender/sender.1" "$ROOT/cmd/receiver/receiver.1"
	[ -z "$output" ]
}

@test "groff formats the manuals without a word of warning" {
	command -v groff >/dev/null || { [ -z "${CI:-}" ] || return 1; skip "groff is not installed"; }
	run -0 --separate-stderr groff -mdoc -Tutf8 -ww -z "$ROOT/cmd/sender/sender.1" "$ROOT/cmd/receiver/receiver.1"
	[ -z "$stderr" ] && [ -z "$output" ]
}

@test "make install honours PREFIX and DESTDIR; make uninstall undoes it" {
	d=$BATS_TEST_TMPDIR/dest
	run -0 make -s -C "$ROOT" install SANITIZE="${SANITIZE:-}" DESTDIR="$d" PREFIX=/opt/raw
	[ -x "$d/opt/raw/bin/sender" ]
	[ -x "$d/opt/raw/bin/receiver" ]
	[ -f "$d/opt/raw/share/man/man1/sender.1" ]
	[ -f "$d/opt/raw/share/man/man1/receiver.1" ]
	run -0 "$d/opt/raw/bin/sender" -n
	[ "$output" = "$(cat "$FIXTURES/sender/linux.txt")" ]
	run -0 make -s -C "$ROOT" uninstall SANITIZE="${SANITIZE:-}" DESTDIR="$d" PREFIX=/opt/raw
	[ -z "$(find "$d" -type f)" ]
}

@test "make demo shows both terminals, labelled, request and reply" {
	require_netns
	run -0 "$ROOT/scripts/demo.sh"
	[[ "$output" == *"=== terminal 1: sudo ./receiver ==="* ]]
	[[ "$output" == *"=== terminal 2: sudo ./sender ==="* ]]
	[[ "$output" == *"Sent 28 bytes"* ]]
	[ "$(grep -c '^45 00 00 1C .* 7F 00 00 01 7F 00 00 01 08 00 F7 FF 00 00 00 00$' <<<"$output")" -eq 1 ]
	[ "$(grep -c '^45 00 00 1C .* 7F 00 00 01 7F 00 00 01 00 00 .. .. 00 00 00 00$' <<<"$output")" -eq 1 ]
}

@test "two-terminals.sh: receiver left, sender right, in a namespace" {
	require_netns
	if ! command -v tmux >/dev/null; then
		[ -z "${CI:-}" ] || { echo "tmux is missing in CI" >&2; return 1; }
		skip "tmux is not installed"
	fi
	sock=$(TWO_TERMINALS_DETACHED=1 "$ROOT/scripts/two-terminals.sh" -c 2)
	for _ in $(seq 50); do
		tmux -S "$sock" capture-pane -p -t rawsock.0 | grep -q '^receiver: 2 datagrams' && break
		sleep 0.1
	done
	left=$(tmux -S "$sock" capture-pane -p -t rawsock.0)
	right=$(tmux -S "$sock" capture-pane -p -t rawsock.1)
	tmux -S "$sock" kill-server
	rm -rf "$(dirname "$sock")"
	[[ "$left" == *"waiting to receive"* ]]
	[ "$(grep -c '^45 00 00 1C' <<<"$left")" -eq 2 ]
	[[ "$right" == *"Transmitting bytes:"*"Sent 28 bytes"* ]]
}

# Slow (a cut at every length, a full disk, a bench run): make
# test-slow runs it, as CI does.
# bats test_tags=slow
@test "make bench's script prints its whole table (a short run)" {
	require_netns
	run -0 env BENCH_ROUNDS=1 BENCH_SECONDS=0.3 BENCH_FILE=2000 \
	    BENCH_RSS=20000 BENCH_SENDS=2000 BENCH_IDLE=0.3 BENCH_PINGS=2000 \
	    "$ROOT/scripts/bench.sh"
	n='[0-9.]+'
	# Each contender kept some of the flood, and the ratios are numbers.
	for who in "receiver -q > file" "recvmmsg+hex loop > file" \
	    "poll+recvmsg loop, counting"; do
		[[ "$output" =~ "  $who "\ +[1-9][0-9]*\ +[0-9]+\ +[0-9]+ ]]
	done
	[[ "$output" =~ "receiver / recvmmsg+hex (>= 0.9)"\ +$n ]]
	[[ "$output" =~ "receiver / poll+recvmsg (>= 1.4)"\ +$n ]]
	# Three payload sizes, three contenders and a ratio each.
	[ "$(grep -c "^  sender / incremental (<= 1.1) " <<<"$output")" -eq 3 ]
	[ "$(grep -cE "^  incremental-checksum loop +$n " <<<"$output")" -eq 3 ]
	tables=2
	if command -v tcpdump >/dev/null; then
		[[ "$output" =~ "receiver -r FILE -d"\ +[1-9] ]]
		[[ "$output" =~ "ratio (>= 40)"\ +$n ]]
		tables=$((tables + 1))
	fi
	# The stalled reader lost datagrams, and said exactly how many.
	[[ "$output" =~ "drops in the summary "([0-9]+)", in /proc/net/raw "([0-9]+)": equal" ]]
	[ "${BASH_REMATCH[1]}" -gt 0 ]
	[[ "$output" =~ "sender "[0-9]+" KiB, receiver "[0-9]+" KiB (it kept "[1-9] ]]
	# The ping against iputils ping: each one's rate and loss, and the
	# ratio with its target (whatever their values).
	if ping -V 2>&1 | grep -q iputils; then
		[[ "$output" == *"5. ping: -q -c 2000 -i 0 127.0.0.1, each in turn: requests answered"* ]]
		[ "$(grep -cE "^  sender --ping +$n +$n +$n$" <<<"$output")" -eq 2 ]
		[ "$(grep -cE "^  iputils ping +$n +$n +$n$" <<<"$output")" -eq 2 ]
		grep -qE "^  sender / iputils \(>= 0\.9\) +$n +$n +$n$" <<<"$output"
		grep -q "^  packet loss each reported, %" <<<"$output"
		tables=$((tables + 1))
	else
		[ -z "${CI:-}" ] || { echo "iputils ping is missing in CI" >&2; return 1; }
		[[ "$output" == *"5. ping: iputils ping is not installed (apt-get install iputils-ping)"* ]]
	fi
	# receiver -i lo: each reader's share, the ratio with its target,
	# and printed + dropped with a small ring, exact.
	for who in "receiver -i lo -q > file (>= 0.999)" \
	    "bare TPACKET_V3 ring, counting"; do
		grep -qE "^  ${who//[()]/.} +$n +$n +$n$" <<<"$output"
	done
	grep -qE "^  receiver / bare ring \(>= 0\.99\) +$n +$n +$n$" <<<"$output"
	[[ "$output" == *"lo's rx_packets, exactly: in 1 of 1 rounds"* ]]
	tables=$((tables + 1))
	# Every table says how loaded the machine was.
	[ "$(grep -c "load average [0-9.]* [0-9.]* [0-9.]*)" <<<"$output")" -eq "$tables" ]
}

@test "two-terminals.sh: Ctrl-C in the receiver's pane shows its summary and keeps the pane" {
	require_netns
	command -v tmux >/dev/null || { [ -z "${CI:-}" ] || return 1; skip "tmux is not installed"; }
	# As a Debian user would have it: /bin/sh (dash) runs the panes.
	sock=$(SHELL=/bin/sh TWO_TERMINALS_DETACHED=1 "$ROOT/scripts/two-terminals.sh")
	for _ in $(seq 50); do
		tmux -S "$sock" capture-pane -p -t rawsock.0 | grep -q '^45 00 00 1C.* 00 00 .. .. 00 00 00 00$' && break
		sleep 0.1
	done
	tmux -S "$sock" send-keys -t rawsock.0 C-c
	sleep 0.5
	panes=$(tmux -S "$sock" list-panes -t rawsock | wc -l)
	left=$(tmux -S "$sock" capture-pane -p -t rawsock.0)
	tmux -S "$sock" kill-server
	rm -rf "$(dirname "$sock")"
	[ "$panes" -eq 2 ]
	[[ "$left" == *"receiver: 2 datagrams received, 0 dropped by the kernel"* ]]
}

@test "answering-cpus.sh: CPUs where a request gets its reply; none when nothing is sent" {
	require_netns
	command -v taskset >/dev/null || { echo "taskset (util-linux) is missing" >&2; return 1; }
	# A sender that sends nothing: no CPU answers, status 2.
	d=$BATS_TEST_TMPDIR/stub
	mkdir -p "$d"
	cp "$RECEIVER" "$d/receiver"
	printf '#!/bin/sh\nexit 0\n' >"$d/sender"
	chmod +x "$d/sender"
	run -2 "$ROOT/scripts/answering-cpus.sh" "$d"
	[ -z "$output" ]
	# The real pair: 0 with every CPU listed, or 1 with some of them.
	run "$ROOT/scripts/answering-cpus.sh" "$BIN"
	n=$(getconf _NPROCESSORS_ONLN)
	case $status in
	0) [ "$output" = "$(seq -s, 0 $((n - 1)))" ] ;;
	1) [[ "$output" =~ ^[0-9]+(,[0-9]+)*$ ]] ;;
	*) false ;;
	esac
}

@test "run-tests.sh: where only some CPUs answer, it says so and the suite runs on those" {
	command -v taskset >/dev/null || { echo "taskset (util-linux) is missing" >&2; return 1; }
	# A copy of the runner beside a stand-in probe: CPU 0 answers, others
	# do not; the one test checks where it runs.
	d=$BATS_TEST_TMPDIR/tree
	mkdir -p "$d/scripts"
	cp "$ROOT/scripts/run-tests.sh" "$d/scripts/"
	printf '#!/bin/sh\necho 0\nexit 1\n' >"$d/scripts/answering-cpus.sh"
	chmod +x "$d/scripts/answering-cpus.sh"
	printf '@test "pinned" {\n\t[ "$(taskset -cp $$ | sed "s/.*: //")" = 0 ]\n}\n' >"$d/t.bats"
	# bats puts its internal directory first on the PATH; the runner must
	# find the bats a user runs.
	path=$(tr : '\n' <<<"$PATH" | grep -v '/libexec/bats-core' | paste -sd:)
	run -0 env PATH="$path" "$d/scripts/run-tests.sh" "$d/t.bats"
	[[ "$output" == *"run-tests: this kernel sends no echo reply on some CPUs; running the suite on CPU 0, which do"* ]]
	[ "${lines[${#lines[@]} - 1]}" = "1 passed, 0 failed" ]
}
