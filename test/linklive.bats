#!/usr/bin/env bats
# sender --link, live: frames built whole and sent on an interface, held
# against what tcpdump reads from a capture on the other end, and
# against what the peer's kernel does with them (answers the ARP
# request, answers the echo request, drops a frame for another MAC).
# Between the two hosts of scripts/two-hosts.sh (a veth pair between two
# network namespaces, 192.0.2.1 and 192.0.2.2) and on a namespace's lo.
# Nothing here is compared with output of our own kept from before.

load test_helper

export SENDER	# for the scripts run in namespaces

# require_linux WHAT: skip, saying WHAT is Linux's, elsewhere (macOS's
# CI runs the suite too).
require_linux() {
	[ "$(uname -s)" = Linux ] || skip "$1 is Linux's"
}

# What captures: tcpdump as root of the machine; root of a user
# namespace cannot (it fails dropping to its own user: test_helper.bash),
# so there tshark's dumpcap, which does not drop.  tcpdump reads the
# files either way.
require_capture() {
	require_netns
	command -v tcpdump >/dev/null || {
		[ -z "${CI:-}" ] || { echo "tcpdump is missing in CI" >&2; return 1; }
		skip "tcpdump is not installed"
	}
	if [ "$(id -u)" -eq 0 ] && ! userns_root; then
		CAPTURER=tcpdump
	elif command -v dumpcap >/dev/null; then
		CAPTURER=dumpcap
	else
		[ -z "${CI:-}" ] || { echo "dumpcap (tshark) is missing in CI" >&2; return 1; }
		skip "a live capture here needs real root (tcpdump) or dumpcap (tshark)"
	fi
	export CAPTURER
}

# Available to the scripts below.  capture_start WHERE IFACE FILE: a
# capture of IFACE into FILE, in host 2 (WHERE "peer") or here
# ("here"), returning once it listens; capture_stop ends it, with what
# it has seen written out.
capture_start() {
	local ns=()
	[ "$1" = peer ] && ns=(nsenter -t "$TWO_HOSTS_PEER" -n)
	if [ "$CAPTURER" = tcpdump ]; then
		"${ns[@]}" tcpdump -i "$2" -n --immediate-mode -U -w "$3" \
		    2>"$3.err" &
	else
		"${ns[@]}" dumpcap -q -i "$2" -w "$3" 2>"$3.err" &
	fi
	CAPTURE=$!
	for _ in $(seq 100); do
		if grep -q "listening on" "$3.err"; then
			return 0	# tcpdump: once its socket is bound
		elif grep -q "Capturing on" "$3.err"; then
			sleep 0.5	# dumpcap says so before it is
			return 0
		fi
		sleep 0.05
	done
	cat "$3.err" >&2
	return 1
}
capture_stop() {
	# The last frames, through the kernel's ring: tcpdump hands each on
	# at once, dumpcap (libpcap's time-out) within 250 ms.
	sleep 0.5
	kill -TERM "$CAPTURE"
	wait "$CAPTURE" || :
}

# two_hosts SCRIPT: a bash SCRIPT run in host 1 of scripts/two-hosts.sh,
# in $BATS_TEST_TMPDIR (= $X), with the capture helpers.
two_hosts() {
	X=$BATS_TEST_TMPDIR
	"$ROOT/scripts/two-hosts.sh" --run bash -c "$(declare -f capture_start capture_stop)
cd \"\$1\" || exit 1
$1" sh "$X"
}

# one_host SCRIPT: the same in one fresh namespace, its lo up.
one_host() {
	X=$BATS_TEST_TMPDIR
	in_netns "$(declare -f capture_start capture_stop)
cd \"\$1\" || exit 1
$1" "$X"
}

# frames FILE: each frame of a capture on one line, as tcpdump reads it:
# its summary (-n -e), '|', its bytes in lower-case hex (-xx), "ff ff ...".
frames() {
	tcpdump -r "$1" -n -e -xx 2>/dev/null | awk '
		/^[^ \t]/ { if (s != "") print s "|" substr(h, 2); s = $0; h = ""; next }
		{ for (i = 2; i <= NF; i++)
			for (j = 1; j < length($i); j += 2) h = h " " substr($i, j, 2) }
		END { if (s != "") print s "|" substr(h, 2) }'
}

# The bytes of the first frame in FILE whose summary holds TEXT.
frame_of() { frames "$1" | grep -F -- "$2" | head -1 | cut -d'|' -f2; }

# The line after the first line LABEL of the sender's output FILE.
after() { awk -v l="$2" '$0 == l { getline; print; exit }' "$1"; }

@test "--link veth1: the frame printed is, byte for byte, what tcpdump reads from the peer's capture" {
	require_linux "a veth pair between network namespaces"
	require_capture
	two_hosts '
		capture_start peer veth2 cap.pcap
		"$SENDER" --link veth1 192.0.2.2 >out 2>err; echo $? >status
		capture_stop'
	[ "$(cat "$X/status")" -eq 0 ]
	sent=$(after "$X/out" "Transmitting bytes:")
	[ -n "$sent" ]
	[ "$sent" = "$(frame_of "$X/cap.pcap" "ICMP echo request")" ]
	grep -q "Sent 42 bytes" "$X/out"
	# As tcpdump reads it: the interfaces' MACs, IPv4 inside, the
	# interface's address as the source, 14 + 28 bytes.
	frames "$X/cap.pcap" | grep -q '02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype IPv4 (0x0800), length 42: 192.0.2.1 > 192.0.2.2: ICMP echo request, id 0, seq 0, length 8|'
}

@test "the README's sender --link example is what a run between the two hosts prints" {
	require_linux "a veth pair between network namespaces"
	require_netns
	want=$(awk '$0 == "$ ./sender --link veth1 192.0.2.2" { on = 1; next }
		on && /^```/ { exit } on' "$ROOT/README.md")
	[ -n "$want" ]
	run -0 --separate-stderr "$ROOT/scripts/two-hosts.sh" --run "$SENDER" --link veth1 192.0.2.2
	[ "$output" = "$want" ]
}

@test "--link veth1: the ARP request built by hand is answered by the peer's kernel, both printed as captured" {
	require_linux "a veth pair between network namespaces"
	require_capture
	two_hosts '
		capture_start peer veth2 cap.pcap
		"$SENDER" --link veth1 192.0.2.2 >out 2>err; echo $? >status
		capture_stop'
	[ "$(cat "$X/status")" -eq 0 ]
	grep -qx "ARP request, who-has 192.0.2.2 tell 192.0.2.1:" "$X/out"
	grep -qx "ARP reply, 192.0.2.2 is-at 02:00:00:00:00:02:" "$X/out"
	req=$(frame_of "$X/cap.pcap" "Request who-has 192.0.2.2 tell 192.0.2.1")
	rep=$(frame_of "$X/cap.pcap" "Reply 192.0.2.2 is-at 02:00:00:00:00:02")
	[ -n "$req" ]
	[ -n "$rep" ]
	# The request as built, broadcast from our MAC; the reply (from
	# the peer's MAC, to ours) as the sender printed it, in upper case.
	[ "$(after "$X/out" "ARP request, who-has 192.0.2.2 tell 192.0.2.1:")" = "$req" ]
	[ "$(after "$X/out" "ARP reply, 192.0.2.2 is-at 02:00:00:00:00:02:" | tr A-F a-f)" = "$rep" ]
	frames "$X/cap.pcap" | grep -q '^[0-9:.]* 02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 192.0.2.2 tell 192.0.2.1, length 28|'
	frames "$X/cap.pcap" | grep -q '^[0-9:.]* 02:00:00:00:00:02 > 02:00:00:00:00:01, ethertype ARP (0x0806), length 42: Reply 192.0.2.2 is-at 02:00:00:00:00:02, length 28|'
}

@test "--link veth1 --ping: the peer's kernel answers the hand-built echo request, checksums valid" {
	require_linux "a veth pair between network namespaces"
	require_capture
	two_hosts '
		capture_start peer veth2 cap.pcap
		"$SENDER" --link veth1 --ping -c 2 -i 0.2 -p c0de 192.0.2.2 >out 2>err
		echo $? >status
		capture_stop'
	[ "$(cat "$X/status")" -eq 0 ]
	grep -q "^2 packets transmitted, 2 received" "$X/out"
	[ "$(frames "$X/cap.pcap" | grep -c '02:00:00:00:00:02 > 02:00:00:00:00:01, ethertype IPv4 (0x0800), length 52: 192.0.2.2 > 192.0.2.1: ICMP echo reply')" -eq 2 ]
	# tcpdump -vv checks both sums of what we built: a wrong one reads
	# "bad cksum" or "wrong icmp cksum".
	run -0 tcpdump -r "$X/cap.pcap" -n -vv icmp
	[ "$(grep -c "ICMP echo request" <<<"$output")" -eq 2 ]
	[[ "$output" != *"bad cksum"* && "$output" != *"wrong"* ]]
}

@test "--link veth1 --dst-mac: no ARP, the frame goes to that MAC, and a wrong one is dropped by the peer" {
	require_linux "a veth pair between network namespaces"
	require_capture
	two_hosts '
		capture_start peer veth2 cap.pcap
		"$SENDER" --link veth1 --dst-mac 02:00:00:00:00:02 --ping -c 1 192.0.2.2 >out 2>err
		echo $? >status
		"$SENDER" --link veth1 --dst-mac 2-0-0-0-0-99 --ping -c 1 -W 0.5 192.0.2.2 >out2 2>err2
		echo $? >status2
		capture_stop'
	[ "$(cat "$X/status")" -eq 0 ]
	! grep -q "ARP" "$X/out"
	run -0 frames "$X/cap.pcap"
	[[ "$output" != *"who-has 192.0.2.2"* ]]
	grep -q '02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype IPv4 (0x0800), length 50: 192.0.2.1 > 192.0.2.2: ICMP echo request' <<<"$output"
	# Another host's MAC: the peer's kernel leaves it (PACKET_OTHERHOST).
	[ "$(cat "$X/status2")" -eq 1 ]
	grep -q "^1 packets transmitted, 0 received" "$X/out2"
	grep -q '02:00:00:00:00:01 > 02:00:00:00:00:99, ethertype IPv4' <<<"$output"
	[ "$(grep -c "ICMP echo reply" <<<"$output")" -eq 1 ]
}

@test "--link veth1 to an address nobody has: the ARP request goes, no reply comes, exit 1" {
	require_linux "a veth pair between network namespaces"
	require_capture
	two_hosts '
		capture_start peer veth2 cap.pcap
		"$SENDER" --link veth1 192.0.2.9 >out 2>err; echo $? >status
		capture_stop'
	[ "$(cat "$X/status")" -eq 1 ]
	[ "$(cat "$X/err")" = "sender: no ARP reply from 192.0.2.9 on veth1 in 1 s: no host on that link has the address (a host beyond a router is reached through the router's MAC: give it with --dst-mac)" ]
	grep -qx "ARP request, who-has 192.0.2.9 tell 192.0.2.1:" "$X/out"
	! grep -q "Transmitting" "$X/out"
	run -0 frames "$X/cap.pcap"
	[ "$(grep -c "Request who-has 192.0.2.9 tell 192.0.2.1" <<<"$output")" -eq 1 ]
	[[ "$output" != *"Reply"* && "$output" != *"ICMP"* ]]
}

@test "--link lo: an all-zero Ethernet header, as captured; with --ping, why no reply comes" {
	require_linux "lo as an Ethernet"
	require_capture
	one_host '
		capture_start here lo cap.pcap
		"$SENDER" --link lo --ping -c 1 -W 0.3 >out 2>err; echo $? >status
		capture_stop'
	[ "$(cat "$X/status")" -eq 1 ]
	grep -q "^1 packets transmitted, 0 received" "$X/out"
	[[ "$(cat "$X/err")" == "sender: no reply, and none will come on lo: the kernel drops a frame that arrives there from one of its own addresses (127.0.0.1) before ICMP sees it, in its input route check (net.ipv4.conf.lo.accept_local=1 lets such a source in, and for 127/8 route_localnet=1 too): send to another host instead, as scripts/two-hosts.sh sets up (make demo-link)" ]]
	sent=$(after "$X/out" "Transmitting bytes:")
	[ "$sent" = "$(frame_of "$X/cap.pcap" "ICMP echo request")" ]
	[[ "$sent" == "00 00 00 00 00 00 00 00 00 00 00 00 08 00 45 "* ]]
	# No ARP on lo, and nothing answered.
	run -0 frames "$X/cap.pcap"
	[[ "$output" != *ARP* && "$output" != *"echo reply"* ]]
}

@test "--link lo with both sysctls set: the same frame is answered (the explanation holds)" {
	require_linux "lo as an Ethernet"
	require_netns
	one_host '
		sysctl -qw net.ipv4.conf.lo.accept_local=1 net.ipv4.conf.lo.route_localnet=1
		"$SENDER" --link lo --ping -c 1 -W 1 >out 2>err; echo $? >status'
	[ "$(cat "$X/status")" -eq 0 ]
	grep -q "^1 packets transmitted, 1 received" "$X/out"
	[ ! -s "$X/err" ]
}

@test "-n --link lo: the frame printed without privilege, and -w's copy as tcpdump reads it" {
	require_linux "lo as an Ethernet"
	require_netns
	command -v tcpdump >/dev/null || skip "tcpdump is not installed"
	unshare -U true 2>/dev/null || skip "unshare -U is not allowed here"
	# In a namespace of our own, its lo up; there, as the unmapped user
	# of a user namespace of its own, who holds no privilege over it.
	f=$BATS_TEST_TMPDIR/lo.pcap
	run -0 --separate-stderr in_netns 'unshare -U -- "$1" -n --link lo &&
		"$1" -n -q --link lo -w "$2"' "$SENDER" "$f"
	[ "$stderr" = "sender: 1 frame of 42 bytes built" ]
	[ "$output" = "$(frame_of "$f" "ICMP echo request")" ]
	frames "$f" | grep -q '00:00:00:00:00:00 > 00:00:00:00:00:00, ethertype IPv4 (0x0800), length 42: 127.0.0.1 > 127.0.0.1: ICMP echo request, id 0, seq 0, length 8|'
	run -0 tcpdump -r "$f" -n -vv
	[[ "$output" == *"ICMP echo request"* && "$output" != *"bad cksum"* && "$output" != *"wrong"* ]]
}

@test "bad --dst-mac, --dst-mac without --link, --link with -l darwin or --compare: a message and status 2" {
	bad 2 "sender: dst-mac is 02:00:00:00:00: not a MAC address: six bytes in hex, separated by colons (02:00:00:00:00:02)" "$SENDER" -n --link lo --dst-mac 02:00:00:00:00
	bad 2 "sender: dst-mac is 02:00:00:00:00:100: not a MAC address*" "$SENDER" -n --link lo --dst-mac 02:00:00:00:00:100
	bad 2 "sender: dst-mac is 02:00:00:00:00:02:03: not a MAC address*" "$SENDER" -n --link lo --dst-mac 02:00:00:00:00:02:03
	bad 2 "sender: --dst-mac is the destination of --link's frames: it needs --link" "$SENDER" -n --dst-mac 02:00:00:00:00:02
	bad 2 "sender: --link puts the datagram on the wire as built, so in the wire layout: -l darwin does not combine with it" "$SENDER" -n --link lo -l darwin
	bad 2 "sender: --link sends a whole frame of its own: it does not combine with --compare or --no-hdrincl" "$SENDER" --compare --link lo
	bad 2 "sender: link is empty: name an interface" "$SENDER" -n --link ''
}

@test "an unknown interface: a message and status 1, with -n and without" {
	require_netns
	bad 1 "sender: link is nosuch0: no interface of that name here" "$SENDER" -n --link nosuch0
	bad 1 "sender: link is nosuch0: no interface of that name here" "$ROOT/scripts/netns.sh" "$SENDER" --link nosuch0
}

@test "-n on an interface with ARP: no request is sent, so --dst-mac is needed (status 2)" {
	require_linux "a veth pair between network namespaces"
	require_netns
	run -2 --separate-stderr in_netns '
		ip link add name va type veth peer name vb
		ip addr add 192.0.2.1/24 dev va
		"$1" -n --link va 192.0.2.2' "$SENDER"
	[ -z "$output" ]
	[ "$stderr" = "sender: -n sends nothing, not even the ARP request that would find 192.0.2.2's MAC on va: give it with --dst-mac" ]
}

@test "--link without privilege: the packet socket is refused, and the message says what is needed" {
	require_linux "the packet socket"
	public_bin
	run_unprivileged "$PUB/sender" --link lo
	rm -rf "$PUB"
	[ "$status" -eq 1 ]
	[[ "$output" == "sender: socket: Operation not permitted: sending frames needs root or CAP_NET_RAW"* ]]
}

@test "two-hosts.sh: receiver -i on host 2 shows the ARP request and reply and the echo request and reply as frames" {
	require_linux "a veth pair between network namespaces"
	require_netns
	command -v tmux >/dev/null || { [ -z "${CI:-}" ] || return 1; skip "tmux is not installed"; }
	sock=$(TWO_HOSTS_DETACHED=1 "$ROOT/scripts/two-hosts.sh")
	for _ in $(seq 100); do
		tmux -S "$sock" capture-pane -p -J -S - -t twohosts.0 | grep -q '^02 00 00 00 00 01 02 00 00 00 00 02 08 00 45 ' && break
		sleep 0.1
	done
	left=$(tmux -S "$sock" capture-pane -p -J -S - -t twohosts.0)
	right=$(tmux -S "$sock" capture-pane -p -J -S - -t twohosts.1)
	tmux -S "$sock" kill-server
	rm -rf "$(dirname "$sock")"
	# The four frames, each with the MACs its direction has.
	grep -q '^FF FF FF FF FF FF 02 00 00 00 00 01 08 06 00 01 08 00 06 04 00 01 ' <<<"$left"
	grep -q '^02 00 00 00 00 01 02 00 00 00 00 02 08 06 00 01 08 00 06 04 00 02 ' <<<"$left"
	grep -q '^02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00 00 1C 00 0B ' <<<"$left"
	grep -q '^02 00 00 00 00 01 02 00 00 00 00 02 08 00 45 ' <<<"$left"
	[[ "$right" == *"ARP reply, 192.0.2.2 is-at 02:00:00:00:00:02:"*"Transmitting bytes:"*"Sent 42 bytes"* ]]
}
