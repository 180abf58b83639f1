#!/usr/bin/env bats
# sender --compare: every layout side by side.  The expected screens are
# in test/fixtures/compare/, checked by hand (see the
# fixtures' README); the netbsd layout follows the machine's own byte
# order, so a big-endian machine has its own.

load test_helper

# le or be: the order of the machine the programs run on (under qemu,
# the emulated one), read from the netbsd layout's length bytes.
order() {
	case $("$SENDER" -n -l netbsd) in
	"45 00 1c 00 "*) echo le ;;
	"45 00 00 1c "*) echo be ;;
	*) echo unknown ;;
	esac
}

@test "--compare: the article's packet in every layout, differences marked and explained" {
	run -0 "$SENDER" --compare
	[ "$output" = "$(cat "$FIXTURES/compare/$(order).txt")" ]
}

@test "--compare with --df and an id: the flags are the third host-order field" {
	run -0 "$SENDER" --compare --df --ip-id 0x1cd4
	[ "$output" = "$(cat "$FIXTURES/compare/df-$(order).txt")" ]
}

@test "--compare needs no privilege and sends nothing" {
	# As nobody, where a raw socket would be refused.
	command -v setpriv >/dev/null || { echo "setpriv (util-linux) is missing" >&2; return 1; }
	run -0 setpriv --reuid=65534 --regid=65534 --clear-groups "$SENDER" --compare
	[[ "${lines[0]}" == "The same echo request as each system's program hands it to its kernel:" ]]
}

@test "--compare with -x, -w or --no-hdrincl: a message and status 2" {
	msg="sender: --compare builds the packet in every layout and prints it: it does not combine with -x, -w or --no-hdrincl"
	run -2 "$SENDER" --compare -x 4500
	[ "$output" = "$msg" ]
	run -2 "$SENDER" --compare -w "$BATS_TEST_TMPDIR/f.pcap"
	[ "$output" = "$msg" ]
	run -2 "$SENDER" --compare --no-hdrincl
	[ "$output" = "$msg" ]
}
