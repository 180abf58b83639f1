# Loaded by the printers' tests (link.bats, ip6.bats) after test_helper,
# with FRAMES set to the folder of their frames: each NAME.frame is hex
# written by hand from the specifications (frame2pcap.py says how), each
# NAME.decoded our view of it, held in the tests against tcpdump's and
# tshark's.

FRAME2PCAP=$FIXTURES/link/frame2pcap.py

# The pcap file of frame NAME (written to the scratch folder), or of
# frame text on standard input when NAME is -; extra arguments go to
# frame2pcap.py (--cut N, --every-cut).
pcap() {
	local name=$1 out
	shift
	out=$BATS_TEST_TMPDIR/$name$(tr -d ' -' <<<"$*").pcap
	if [ "$name" = - ]; then
		cat >"$BATS_TEST_TMPDIR/in.frame"
		out=$BATS_TEST_TMPDIR/in$(tr -d ' -' <<<"$*").pcap
		python3 "$FRAME2PCAP" "$BATS_TEST_TMPDIR/in.frame" "$out" "$@"
	else
		python3 "$FRAME2PCAP" "$FRAMES/$name.frame" "$out" "$@"
	fi
	echo "$out"
}

# Our view of frame NAME, against its golden file.
decoded() {
	run -0 --separate-stderr "$RECEIVER" -r "$(pcap "$1")" -d
	diff -u "$FRAMES/$1.decoded" - <<<"$output"
}

# Our view of frame text on standard input.
decoded_text() {
	run -0 --separate-stderr "$RECEIVER" -r "$(pcap -)" -d
}

# tcpdump's reading of FILE, on $output.
tcpdump_of() {
	run -0 tcpdump -nn -e -vv -r "$1"
}

# The last line of each frame's view, for every length of frame NAME
# from 1 byte to all but the last (a record of 0 bytes is passed over
# with a warning); the receiver's status is the function's.
last_lines() {
	local out
	out=$("$RECEIVER" -r "$(pcap "$1" --every-cut)" -d 2>/dev/null) || return
	awk '!/^  / && prev ~ /^  / { print prev } { prev = $0 } END { print prev }' <<<"$out"
}
