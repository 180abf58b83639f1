#!/usr/bin/env bats
# Bad command lines: every value checked, named with the option in the
# message on stderr, nothing on stdout, exit status 2 (1 for a file that
# cannot be used).

load test_helper

big_hex() { head -c "$1" /dev/zero | od -An -v -tx1 | tr -d ' \n'; }

@test "sender: count -1"            { bad 2 "sender: count is -1: out of range 0-4294967295" "$SENDER" -n -c -1; }
@test "sender: count abc"           { bad 2 "sender: count is abc: not a whole number" "$SENDER" -n -c abc; }
@test "sender: count 2^32"          { bad 2 "sender: count is 4294967296: out of range 0-4294967295" "$SENDER" -n -c 4294967296; }
@test "sender: count 0 with -n"     { bad 2 "sender: count is 0 with -n: that would print forever" "$SENDER" -n -c 0; }
@test "sender: ttl 256"             { bad 2 "sender: ttl is 256: out of range 0-255" "$SENDER" -n -T 256; }
@test "sender: empty ttl"           { bad 2 "sender: ttl is : not a whole number" "$SENDER" -n --ttl ""; }
@test "sender: ip-id 65536"         { bad 2 "sender: ip-id is 65536: out of range 0-65535" "$SENDER" -n --ip-id 65536; }
@test "sender: icmp-id -5"          { bad 2 "sender: icmp-id is -5: out of range 0-65535" "$SENDER" -n -I -5; }
@test "sender: seq 65536"           { bad 2 "sender: seq is 65536: out of range 0-65535" "$SENDER" -n -S 65536; }
@test "sender: tos 256"             { bad 2 "sender: tos is 256: out of range 0-255" "$SENDER" -n --tos 256; }
@test "sender: frag-offset 8192"    { bad 2 "sender: frag-offset is 8192: out of range 0-8191" "$SENDER" -n --frag-offset 8192; }
@test "sender: wait 3601"           { bad 2 "sender: wait is 3601: out of range 0-3600" "$SENDER" --ping -W 3601; }
@test "sender: seq 1.5"             { bad 2 "sender: seq is 1.5: not a whole number" "$SENDER" -n -S 1.5; }
@test "sender: seq 0xg"             { bad 2 "sender: seq is 0xg: not a whole number" "$SENDER" -n -S 0xg; }
@test "sender: interval -1"         { bad 2 "sender: interval is -1: out of range 0-3600" "$SENDER" -n -i -1; }
@test "sender: interval abc"        { bad 2 "sender: interval is abc: not a number of seconds" "$SENDER" -n -i abc; }
@test "sender: interval nan"        { bad 2 "sender: interval is nan: not a number of seconds" "$SENDER" -n -i nan; }
@test "sender: interval 1e9"        { bad 2 "sender: interval is 1e9: out of range 0-3600" "$SENDER" -n -i 1e9; }
@test "sender: payload odd digits"  { bad 2 "sender: payload is c0d: odd number of hex digits" "$SENDER" -n -p c0d; }
@test "sender: payload not hex"     { bad 2 "sender: payload is zz: not a hex digit in the bytes" "$SENDER" -n -p zz; }
@test "sender: payload too long for a datagram" {
	# 65535 - 20 - 8 = 65507 bytes fit; one more does not.
	run -0 --separate-stderr "$SENDER" -n -q -p "$(big_hex 65507)"
	bad 2 "sender: payload is 65508 bytes: more than the 65507 that fit in an IPv4 datagram, the most the sender builds" "$SENDER" -n -p "$(big_hex 65508)"
}
@test "sender: -x takes up to 65535 bytes, warning they are no datagram" {
	# (65536 bytes of hex do not fit in one argument: Linux caps an
	# argument at 128 KiB, so the limit above is hex_parse's alone.)
	run -0 --separate-stderr "$SENDER" -n -x "$(big_hex 65535)"
	[ "${#output}" -eq $((65535 * 3 - 1)) ]
	[[ "$stderr" == *"not a plausible IPv4 datagram: not IPv4"* ]]
}
@test "sender: -x odd digits"       { bad 2 "sender: hex is 4 5: odd number of hex digits" "$SENDER" -n -x "4 5"; }
@test "sender: -x with -p"          { bad 2 "sender: -x sends its bytes as given: it does not combine with options that set fields*" "$SENDER" -n -x 4500 -p c0de; }
@test "sender: -x with --ttl"       { bad 2 "sender: -x sends its bytes as given:*" "$SENDER" -n -T 3 -x 4500; }
@test "sender: source 300.1.1.1"    { bad 2 "sender: source is 300.1.1.1: not an IPv4 address" "$SENDER" -n --source 300.1.1.1; }
@test "sender: destination 1.2.3.4.5" { bad 2 "sender: destination is 1.2.3.4.5: not an IPv4 address or a known host name" "$SENDER" -n 1.2.3.4.5; }
@test "sender: layout bsd"          { bad 2 "sender: layout is bsd: not one of linux, darwin, wire, netbsd" "$SENDER" -n -l bsd; }
@test "sender: --no-hdrincl with -w" { bad 2 "sender: --no-hdrincl leaves the outer header to the kernel*" "$SENDER" --no-hdrincl -w "$BATS_TEST_TMPDIR/x.pcap"; }
@test "sender: missing option value" { bad 2 "sender: -c: needs a value"$'\n'"usage: sender*" "$SENDER" -n -c; }
@test "sender: -w into a missing directory" { bad 1 "sender: /nonexistent/x.pcap: No such file or directory" "$SENDER" -n -w /nonexistent/x.pcap; }
@test "receiver: count -1"          { bad 2 "receiver: count is -1: out of range 0-4294967295" "$RECEIVER" -c -1; }
@test "receiver: count 1k"          { bad 2 "receiver: count is 1k: not a whole number" "$RECEIVER" -c 1k; }
@test "receiver: timeout -1"        { bad 2 "receiver: timeout is -1: out of range 0-86400" "$RECEIVER" -t -1; }
@test "receiver: timeout x"         { bad 2 "receiver: timeout is x: not a number of seconds" "$RECEIVER" -t x; }
@test "receiver: timeout 86401"     { bad 2 "receiver: timeout is 86401: out of range 0-86400" "$RECEIVER" -t 86401; }
@test "receiver: -t with -r"        { bad 2 "receiver: -t waits on a socket: it does not apply to -r" "$RECEIVER" -r - -t 1; }
@test "receiver: --only-replies with -r" { bad 2 "receiver: --only-replies filters a socket: it does not apply to -r" "$RECEIVER" -r - --only-replies; }
@test "receiver: a stray argument"  { bad 2 "receiver: 127.0.0.1: an argument too many"$'\n'"usage: receiver*" "$RECEIVER" 127.0.0.1; }
@test "receiver: layout x"          { bad 2 "receiver: layout is x: not one of linux, darwin, wire, netbsd" "$RECEIVER" -l x; }
@test "receiver: -r of a missing file" { bad 1 "receiver: /nonexistent/f: No such file or directory" "$RECEIVER" -r /nonexistent/f; }
@test "receiver: -w into a missing directory" { bad 1 "receiver: /nonexistent/x.pcap: No such file or directory" "$RECEIVER" -r "$FIXTURES/pcap/raw-le.pcap" -w /nonexistent/x.pcap; }
@test "receiver: -r and -w of the same file" { bad 2 "receiver: -r and -w both name x.pcap: writing would empty it before it is read" "$RECEIVER" -r x.pcap -w x.pcap; }
@test "sender: -w - (stdout carries the text)" { bad 2 "sender: write is '-': name a file (standard output carries the text)" "$SENDER" -n -w -; }
@test "receiver: -w with an empty name" { bad 2 "receiver: write is '': name a file (standard output carries the text)" "$RECEIVER" -r - -w ""; }

# -P: any name getprotobyname(3) knows, in any case, or a number; the
# messages name the protocol as it was typed.  --only-replies, which no
# protocol but ICMP takes, shows the number a name was read as without
# opening a socket.  The numbers are IANA's (Assigned Internet Protocol
# Numbers): TCP 6, GRE 47, ESP 50, IPv6-ICMP 58, SCTP 132.

@test "receiver: -P takes a protocol's name in any case, and names it as typed" {
	only="receiver: --only-replies keeps ICMP echo replies: it does not apply to -P"
	bad 2 "$only TCP (protocol 6)" "$RECEIVER" -P TCP --only-replies
	bad 2 "$only tcp (protocol 6)" "$RECEIVER" -P tcp --only-replies
	bad 2 "$only Gre (protocol 47)" "$RECEIVER" -P Gre --only-replies
	bad 2 "$only IPV6-ICMP (protocol 58)" "$RECEIVER" --protocol=IPV6-ICMP --only-replies
	bad 2 "$only sctp (protocol 132)" "$RECEIVER" -P sctp --only-replies
	bad 2 "$only 0x2f (protocol 47)" "$RECEIVER" -P 0x2f --only-replies
	# ICMP, however it is spelt, is the default's protocol.
	bad 2 "receiver: -P picks a socket's protocol: it does not apply to -r" "$RECEIVER" -P udp -r -
	run -0 --separate-stderr "$RECEIVER" -P ICMP -r "$FIXTURES/pcap/raw-le.pcap"
}

@test "receiver: -P with a number out of range, or a name no one knows" {
	bad 2 "receiver: protocol is 256: out of range 1-254" "$RECEIVER" -P 256
	bad 2 "receiver: protocol is -1: out of range 1-254" "$RECEIVER" -P -1
	bad 2 "receiver: protocol is 1x: not a whole number" "$RECEIVER" -P 1x
	bad 2 "receiver: protocol is tcpp: not a protocol name this system knows (getprotobyname) or a number 1-254" "$RECEIVER" -P tcpp
	# A name for protocol 0 is refused as 0 is, named as typed.
	bad 2 "receiver: protocol is IP: a raw socket of protocol 0 receives nothing" "$RECEIVER" -P IP
}

@test "receiver: -P knows the common names where /etc/protocols is missing" {
	[ "$(uname -s)" = Linux ] || skip "hides /etc/protocols in a Linux mount namespace"
	unshare -rm true 2>/dev/null || {
		[ -z "${CI:-}" ] || { echo "unshare -rm is not allowed" >&2; return 1; }
		skip "no private mount namespace here (unshare -rm not allowed)"
	}
	only="receiver: --only-replies keeps ICMP echo replies: it does not apply to -P"
	run -0 unshare -rm sh -c '
		mount --bind /dev/null /etc/protocols || exit 1
		getent protocols gre && exit 1
		for p in TCP udp Gre esp AH ipv6-icmp SCTP; do
			"$1" -P "$p" --only-replies 2>&1
		done
		"$1" -P dccp 2>&1
		true' sh "$RECEIVER"
	[ "${lines[0]}" = "$only TCP (protocol 6)" ]
	[ "${lines[1]}" = "$only udp (protocol 17)" ]
	[ "${lines[2]}" = "$only Gre (protocol 47)" ]
	[ "${lines[3]}" = "$only esp (protocol 50)" ]
	[ "${lines[4]}" = "$only AH (protocol 51)" ]
	[ "${lines[5]}" = "$only ipv6-icmp (protocol 58)" ]
	[ "${lines[6]}" = "$only SCTP (protocol 132)" ]
	# Beyond the built-in few, only the file knows.
	[ "${lines[7]}" = "receiver: protocol is dccp: not a protocol name this system knows (getprotobyname) or a number 1-254" ]
}

@test "receiver: -P of a name /etc/protocols numbers past 255" {
	# netbase lists mptcp as 262, a number for MPTCP's own use, which no
	# IPv4 protocol field can hold.
	getent protocols mptcp | grep -q '^mptcp *262' || skip "this /etc/protocols has no mptcp 262"
	# The program's C library must read that file too: musl (make cross's
	# builds) has a list of its own, without mptcp.
	run -2 "$RECEIVER" -P mptcp
	[[ "$output" != *"not a protocol name"* ]] || skip "this build's C library knows no mptcp (musl's own list)"
	bad 2 "receiver: protocol is MPTCP: that names protocol 262, which no IPv4 header can carry (its field holds 0-255)" "$RECEIVER" -P MPTCP
}
