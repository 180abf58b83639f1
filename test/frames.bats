#!/usr/bin/env bats
# One path for a frame from any source: captures that other tools wrote
# (test/fixtures/frames/README.md says how) are read frame by frame,
# link header and all, and written back with their link type and time
# stamps.  tshark and tcpdump read the same files as the yardstick.

load test_helper

F=$FIXTURES/frames

need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	[ -z "${CI:-}" ] || { echo "$1 is missing in CI" >&2; return 1; }
	skip "$1 is not installed"
}

# tshark's bytes of each frame of FILE, one frame a line, as the
# receiver prints them (upper case, a space between bytes).
tshark_frames() {
	tshark -r "$1" -x 2>/dev/null | awk '
		/^[0-9a-f][0-9a-f][0-9a-f][0-9a-f]  / {
			s = substr($0, 7, 48)
			gsub(/ +$/, "", s)
			line = line (line == "" ? "" : " ") s
			next
		}
		/^$/ { if (line != "") print toupper(line); line = "" }
		END { if (line != "") print toupper(line) }'
}

# What tshark says of each frame: its link type, lengths and time to the
# nanosecond (fields that a copy must keep).
tshark_fields() {
	tshark -r "$1" -T fields -e frame.encap_type -e frame.len \
	    -e frame.cap_len -e frame.time_epoch 2>/dev/null
}

@test "each capture's frames are printed as captured, link header and all, as tshark shows their bytes" {
	need tshark
	for f in eth.pcap nano.pcap any1.pcap any2.pcap dump.pcapng mixed.pcapng; do
		run -0 --separate-stderr "$RECEIVER" -r "$F/$f"
		[ "$output" = "$(tshark_frames "$F/$f")" ] ||
		    { echo "$f: ours and tshark's differ" >&2; diff <(echo "$output") <(tshark_frames "$F/$f") >&2; return 1; }
	done
	# Not vacuous: the ARP request's broadcast MACs lead the first.
	run -0 --separate-stderr "$RECEIVER" -r "$F/eth.pcap" -c 1
	[[ "$output" == "FF FF FF FF FF FF 02 00 00 00 00 01 08 06 "* ]]
	[ "$stderr" = "receiver: 1 frame read from $F/eth.pcap" ]
	run -0 --separate-stderr "$RECEIVER" -r "$F/mixed.pcapng"
	[ "${#lines[@]}" -eq 12 ]
}

@test "-r -w keeps the link type, the ARP frames and the time stamps: tcpdump reads the copy as it reads the original" {
	need tcpdump
	for f in eth.pcap any1.pcap any2.pcap; do
		run -0 "$RECEIVER" -q -r "$F/$f" -w "$BATS_TEST_TMPDIR/$f"
		diff <(tcpdump -nn -e -v -r "$F/$f" 2>&1 | sed 1d) \
		    <(tcpdump -nn -e -v -r "$BATS_TEST_TMPDIR/$f" 2>&1 | sed 1d)
		# The link type line, snapshot length aside (ours is ours).
		[ "$(tcpdump -r "$BATS_TEST_TMPDIR/$f" 2>&1 >/dev/null | head -1 | sed 's/, snapshot.*//;s/^.*link-type //')" = \
		    "$(tcpdump -r "$F/$f" 2>&1 >/dev/null | head -1 | sed 's/, snapshot.*//;s/^.*link-type //')" ]
	done
	run tcpdump -nn -r "$BATS_TEST_TMPDIR/eth.pcap"
	[[ "$output" == *"ARP, Request who-has 192.0.2.2 tell 192.0.2.1"* ]]
}

@test "-r -w keeps nanoseconds where the capture had them, in a pcap or a pcapng" {
	need tshark
	run -0 "$RECEIVER" -q -r "$F/nano.pcap" -w "$BATS_TEST_TMPDIR/n.pcap"
	[ "$(tshark_fields "$BATS_TEST_TMPDIR/n.pcap")" = "$(tshark_fields "$F/nano.pcap")" ]
	run -0 "$RECEIVER" -q -r "$F/dump.pcapng" -w "$BATS_TEST_TMPDIR/d.pcap"
	[ "$(tshark_fields "$BATS_TEST_TMPDIR/d.pcap")" = "$(tshark_fields "$F/dump.pcapng")" ]
	# A microsecond file stays one: its magic says so.
	run -0 "$RECEIVER" -q -r "$F/eth.pcap" -w "$BATS_TEST_TMPDIR/u.pcap"
	[ "$(od -An -tx1 -N4 "$BATS_TEST_TMPDIR/u.pcap" | tr -d ' ')" = d4c3b2a1 ]
	[ "$(od -An -tx1 -N4 "$BATS_TEST_TMPDIR/n.pcap" | tr -d ' ')" = 4d3cb2a1 ]
}

@test "two link types in one capture: a classic pcap cannot hold both and says so; a .pcapng name keeps both" {
	need tshark
	run -1 --separate-stderr "$RECEIVER" -q -r "$F/mixed.pcapng" -w "$BATS_TEST_TMPDIR/m.pcap"
	[ "${stderr%%$'\n'*}" = "receiver: $BATS_TEST_TMPDIR/m.pcap: frame 2: link type Ethernet (1), in a pcap file of link type Linux cooked v2 (276): a pcap file holds one link type; a name ending in .pcapng holds a mix" ]
	# What was written before stays a whole capture of the first kind.
	[ "$(tshark_fields "$BATS_TEST_TMPDIR/m.pcap")" = "$(tshark_fields "$F/mixed.pcapng" | head -1)" ]
	run -0 "$RECEIVER" -q -r "$F/mixed.pcapng" -w "$BATS_TEST_TMPDIR/m.pcapng"
	[ "$(tshark_fields "$BATS_TEST_TMPDIR/m.pcapng")" = "$(tshark_fields "$F/mixed.pcapng")" ]
	[ "$(tshark_frames "$BATS_TEST_TMPDIR/m.pcapng")" = "$(tshark_frames "$F/mixed.pcapng")" ]
}

@test "the README's frame examples print what the README shows" {
	# Each block of the README whose command reads a fixture (-r
	# test/fixtures/...) and writes no file: the command run, its
	# standard output held against the lines shown under it.
	local n=0 cmd want
	while IFS= read -r -d '' block; do
		cmd=${block%%$'\n'*}
		want=${block#*$'\n'}
		got=$(cd "$ROOT" && BINDIR=$BIN bash -c "${cmd/.\/receiver/\"\$BINDIR/receiver\"}" 2>/dev/null)
		[ "$got" = "$want" ] || { echo "README: $cmd" >&2; diff <(echo "$want") <(echo "$got") >&2; return 1; }
		n=$((n + 1))
	done < <(awk '
		/^```/ { if (inb) { if (keep) printf "%s%c", body, 0; inb = 0 } else { inb = 1; first = 1; body = ""; keep = 0 }; next }
		inb && first { first = 0; if ($0 ~ /^\$ \.\/receiver -r test\/fixtures\/(frames|pcap)\// && $0 !~ / -w /) { keep = 1; body = substr($0, 3) }; next }
		inb && keep { body = body "\n" $0 }' "$ROOT/README.md")
	[ "$n" -ge 2 ]
}
