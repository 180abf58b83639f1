#!/usr/bin/env bats
# One path for a frame from any source: captures that other tools wrote
# (test/fixtures/frames/README.md says how) are read frame by frame,
# link header and all, and written back with their link type and time
# stamps.  tshark and tcpdump read the same files as the yardstick.

load test_helper

F=$FIXTURES/frames

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
		diff <(tcpdump -nn -e -v -r "$F/$f" 2>/dev/null) \
		    <(tcpdump -nn -e -v -r "$BATS_TEST_TMPDIR/$f" 2>/dev/null)
		[ "$(tcpdump -nn -r "$F/$f" 2>/dev/null | wc -l)" -eq 6 ]
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

@test "a datagram cut by the snapshot length is said to be cut, its lengths as tcpdump reads them, not called wrong" {
	need tcpdump
	need python3
	python3 "$FIXTURES/link/frame2pcap.py" "$F/udp-cut.frame" "$BATS_TEST_TMPDIR/whole.pcap"
	python3 "$FIXTURES/link/frame2pcap.py" "$F/udp-cut.frame" "$BATS_TEST_TMPDIR/cut.pcap" --cut 60
	# tcpdump: the same lengths whole and cut (UDP, length 100), and
	# the checksum good where it has it all.
	[[ "$(tcpdump -nn -v -r "$BATS_TEST_TMPDIR/cut.pcap" 2>/dev/null)" == *"length 128)"*"UDP, length 100" ]]
	[[ "$(tcpdump -nn -vv -r "$BATS_TEST_TMPDIR/whole.pcap" 2>/dev/null)" == *"[udp sum ok] UDP, length 100" ]]
	run -0 --separate-stderr "$RECEIVER" -r "$BATS_TEST_TMPDIR/cut.pcap" -d
	[ "$(sed -n 's/^  UDP length  *//p' <<<"$output")" = "108 (26 bytes of it captured)" ]
	[ "$(sed -n 's/^  UDP checksum  *//p' <<<"$output")" = "0x42fb (not checked: only part of the segment is here)" ]
	[ "$(sed -n 's/^  payload  *//p' <<<"$output")" = "100 bytes (18 captured)" ]
	run -0 --separate-stderr "$RECEIVER" -r "$BATS_TEST_TMPDIR/whole.pcap" -d
	[ "$(sed -n 's/^  UDP length  *//p' <<<"$output")" = 108 ]
	[ "$(sed -n 's/^  UDP checksum  *//p' <<<"$output")" = "0x42fb (valid)" ]
	[ "$(sed -n 's/^  payload  *//p' <<<"$output")" = "100 bytes" ]
}

@test "nanoseconds a microsecond pcap would cut are refused with the way out; a pcapng keeps them" {
	need tshark
	need mergecap
	# Microseconds first, then nanoseconds: two interfaces of one link
	# type, mergecap's pcapng.
	mergecap -a -F pcapng -w "$BATS_TEST_TMPDIR/mix.pcapng" "$F/eth.pcap" "$F/nano.pcap"
	run -1 --separate-stderr "$RECEIVER" -q -r "$BATS_TEST_TMPDIR/mix.pcapng" -w "$BATS_TEST_TMPDIR/m.pcap"
	[ "${stderr%%$'\n'*}" = "receiver: $BATS_TEST_TMPDIR/m.pcap: frame 7: a time stamp to the nanosecond, in a pcap file of microseconds: a pcap file holds one precision; a name ending in .pcapng holds both" ]
	run -0 "$RECEIVER" -q -r "$BATS_TEST_TMPDIR/mix.pcapng" -w "$BATS_TEST_TMPDIR/m.pcapng"
	[ "$(tshark_fields "$BATS_TEST_TMPDIR/m.pcapng")" = "$(tshark_fields "$BATS_TEST_TMPDIR/mix.pcapng")" ]
}

@test "-w to a pcapng: a frame longer than 65535 bytes is kept whole whatever link type came first" {
	need tshark
	need python3
	# A raw IP frame, then an Ethernet frame of 65549 bytes (Linux's lo
	# carries 65536-byte datagrams): built as pcapng blocks by hand.
	python3 - "$BATS_TEST_TMPDIR/big.pcapng" <<'PY'
import struct, sys
def block(t, body):
    body += b"\0" * (-len(body) % 4)
    n = len(body) + 12
    return struct.pack("<II", t, n) + body + struct.pack("<I", n)
shb = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
idb = lambda lt: block(1, struct.pack("<HHI", lt, 0, 262144))
def epb(i, data):
    return block(6, struct.pack("<IIIII", i, 0, 1, len(data), len(data)) + data)
raw = bytes.fromhex("4500001c000100004001f7dec0000201c000020208007fff00000000")
eth = bytes(12) + b"\x08\x00" + bytes(65535)
open(sys.argv[1], "wb").write(shb + idb(101) + idb(1) + epb(0, raw) + epb(1, eth))
PY
	run -0 "$RECEIVER" -q -r "$BATS_TEST_TMPDIR/big.pcapng" -w "$BATS_TEST_TMPDIR/copy.pcapng"
	run --separate-stderr tshark -r "$BATS_TEST_TMPDIR/copy.pcapng" -T fields -e frame.len -e frame.cap_len
	[ "$output" = "28	28
65549	65549" ]
}
