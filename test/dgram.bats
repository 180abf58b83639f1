#!/usr/bin/env bats
# The other sockets, the sender's side: -6 (a raw ICMPv6 socket, and
# --hdrincl's IPv6 header of our own) and --dgram (the ping socket),
# their bytes held against RFC arithmetic done here by hand, against
# tshark's reading of what the kernel put on lo, and the ping socket
# tried as a user without the raw-socket capability.

load test_helper

# sum16 HEX...: the Internet checksum (RFC 1071) of the bytes, worked
# out here in shell arithmetic, apart from the C code: the one's
# complement of the one's complement sum of 16-bit words.
sum16() {
	local -a b
	local s=0 i
	read -r -a b <<<"$*"
	[ $(( ${#b[@]} % 2 )) -eq 0 ] || b+=(00)
	for ((i = 0; i < ${#b[@]}; i += 2)); do
		s=$((s + 16#${b[i]}${b[i + 1]}))
	done
	while [ $((s >> 16)) -ne 0 ]; do s=$(((s & 0xffff) + (s >> 16))); done
	printf '%02x %02x\n' $(((~s >> 8) & 0xff)) $((~s & 0xff))
}

# The pseudo-header of RFC 8200 8.1 for ::1 -> ::1, next header 58.
LOOP6="00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01"
pseudo6() { echo "$LOOP6 $LOOP6 00 00 00 $(printf %02x "$1") 00 00 00 3a"; }

@test "-6 -n: the ICMPv6 echo request as handed over, checksum 00 00 for the kernel; --hdrincl sums it over the pseudo-header" {
	run "$SENDER" -6 -n -I 26214 -S 1 -p 49434d5056362121
	[ "$status" -eq 0 ]
	[ "$output" = "80 00 00 00 66 66 00 01 49 43 4d 50 56 36 21 21" ]
	# By hand: the pseudo-header and the message with its sum at 0.
	want=$(sum16 "$(pseudo6 16) 80 00 00 00 66 66 00 01 49 43 4d 50 56 36 21 21")
	[ "$want" = "0b 61" ]	# and REFERENCE-LAYERS.md's vector
	run "$SENDER" -6 --hdrincl -n -I 26214 -S 1 -p 49434d5056362121
	[ "$status" -eq 0 ]
	# Version 6, payload length 16, next header 58, hop limit 64.
	[ "$output" = "60 00 00 00 00 10 3a 40 $LOOP6 $LOOP6 80 00 $want 66 66 00 01 49 43 4d 50 56 36 21 21" ]
}

@test "-6 --hdrincl -n -w: tshark reads the datagram, ::1 to ::1, checksum correct" {
	need tshark
	"$SENDER" -6 --hdrincl -n -q -c 2 -S 7 -w "$BATS_TEST_TMPDIR/six.pcap" 2>/dev/null
	run --separate-stderr tshark -r "$BATS_TEST_TMPDIR/six.pcap" -T fields -e ipv6.src -e ipv6.dst -e ipv6.hlim -e icmpv6.type -e icmpv6.echo.sequence_number -e icmpv6.checksum.status
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(printf '::1\t::1\t64\t128\t7\t1')" ]
	[ "${lines[1]}" = "$(printf '::1\t::1\t64\t128\t8\t1')" ]
}

@test "--dgram -n: each system's ping socket message, Linux's checksum left to its kernel, a Mac's summed here" {
	run "$SENDER" --dgram -n -l linux -I 4660 -S 2
	[ "$output" = "08 00 00 00 12 34 00 02" ]
	run "$SENDER" --dgram -n -l darwin -I 4660 -S 2
	[ "$output" = "08 00 $(sum16 08 00 00 00 12 34 00 02) 12 34 00 02" ]
	[ "$output" = "08 00 e5 c9 12 34 00 02" ]
}

@test "-6 over ::1: what the sender says went is what tshark reads off lo, the kernel's checksum included" {
	need_ring
	require_netns
	need tshark
	X=$BATS_TEST_TMPDIR
	in_netns '
		"$1" -i lo -P all -q -c 2 -t 5 -w "$2/lo.pcap" >/dev/null 2>"$2/rerr" &
		r=$!
		sleep 0.5
		"$3" -6 -T 9 -I 4097 -S 3 -p c0de >"$2/out" 2>"$2/err"
		wait $r' "$RECEIVER" "$X" "$SENDER"
	cat "$X/out"
	grep -qx "80 00 00 00 10 01 00 03 c0 de" "$X/out"
	wire=$(sed -n '/on the wire:/{n;p}' "$X/out")
	# By hand, then as the kernel sent it.
	[ "$wire" = "80 00 $(sum16 "$(pseudo6 10) 80 00 00 00 10 01 00 03 c0 de") 10 01 00 03 c0 de" ]
	run --separate-stderr tshark -r "$X/lo.pcap" -Y "icmpv6.type == 128" -T fields -e ipv6.hlim -e icmpv6.checksum -e icmpv6.checksum.status
	[ "$output" = "$(printf '9\t0x%s\t1' "$(echo "$wire" | cut -d" " -f3,4 | tr -d " ")")" ]
}

# in_user SCRIPT ARG...: SCRIPT in a fresh namespace where the ping
# socket is open to group 0 ('0 0' in the namespace's own
# ping_group_range, as its root may write) and "user CMD..." runs CMD
# without CAP_NET_RAW: no raw socket, as for an ordinary user.
in_user() {
	local script=$1
	shift
	in_netns 'user() { setpriv --bounding-set=-net_raw --inh-caps=-net_raw -- "$@"; }
echo "0 0" >/proc/sys/net/ipv4/ping_group_range
'"$script" "$@"
}

@test "--dgram without the raw-socket capability: the kernel's identifier said, and the wire's bytes are tshark's" {
	need_ring
	require_netns
	need tshark
	need setpriv
	X=$BATS_TEST_TMPDIR
	in_user '
		user "$3" -x 00 >/dev/null 2>"$2/raw-err"; echo $? >"$2/raw-status"
		"$1" -i lo -P all -q -c 4 -t 5 -w "$2/lo.pcap" >/dev/null 2>&1 &
		r=$!
		sleep 0.5
		user "$3" --dgram -I 4660 -S 5 -p c0de >"$2/bound" 2>&1
		user "$3" --dgram -S 6 >"$2/out" 2>"$2/err"
		echo $? >"$2/status"
		wait $r' "$RECEIVER" "$X" "$SENDER"
	# No raw socket for this user.
	[ "$(cat "$X/raw-status")" = 1 ]
	grep -q "a raw socket needs root or CAP_NET_RAW" "$X/raw-err"
	cat "$X/out" "$X/err"
	[ "$(cat "$X/status")" = 0 ]
	grep -qx "The kernel kept identifier 0x1234: the socket is bound to port 4660" "$X/bound"
	# What went, as the kernel sent it, is what --compare --dgram's Linux
	# row says goes on the wire.
	bound=$(sed -n '/on the wire:/{n;p}' "$X/bound")
	[ "$bound" = "$("$SENDER" --compare --dgram -I 4660 -S 5 -p c0de | sed -n '/^linux writes/{n;s/^  wire  *//p}')" ]
	grep -qx "08 00 00 00 00 00 00 06" "$X/out"
	port=$(sed -n 's/^The kernel used identifier 0x\(....\) (\([0-9]*\), the socket.s local port) where we wrote 0x0000$/\2/p' "$X/out")
	[ -n "$port" ]
	# The README's example has this line's shape, its port aside.
	shape() { sed 's/identifier 0x[0-9a-f]* ([0-9]*,/identifier PORT (PORT,/'; }
	[ "$(grep "^The kernel used identifier" "$X/out" | shape)" = "$(grep "^The kernel used identifier" "$ROOT/README.md" | shape)" ]
	wire=$(sed -n '/on the wire:/{n;p}' "$X/out")
	id=$(printf '%02x %02x' $((port >> 8)) $((port & 255)))
	[ "$wire" = "08 00 $(sum16 08 00 00 00 "$id" 00 06) $id 00 06" ]
	run --separate-stderr tshark -r "$X/lo.pcap" -Y "icmp.type == 8" -T fields -e icmp.ident -e icmp.seq -e icmp.checksum -e icmp.checksum.status
	echo "$output"
	[ "${lines[0]}" = "$(printf '4660\t5\t0x%s\t1' "$(sum16 08 00 00 00 12 34 00 05 c0 de | tr -d " ")")" ]
	[ "${lines[1]}" = "$(printf '%s\t6\t0x%s\t1' "$port" "$(echo "$wire" | cut -d" " -f3,4 | tr -d " ")")" ]
}

@test "--ping over the ping socket, both families, as a user without the raw-socket capability; plain --ping falls back to it and says so" {
	require_netns
	need setpriv
	X=$BATS_TEST_TMPDIR
	in_user '
		user "$1" --ping --dgram -c 2 -i 0.1 >"$2/four" 2>&1; echo $? >>"$2/four"
		user "$1" -6 --ping --dgram -c 2 -i 0.1 >"$2/six" 2>&1; echo $? >>"$2/six"
		user "$1" --ping -c 1 >"$2/fallback" 2>&1; echo $? >>"$2/fallback"' "$SENDER" "$X"
	cat "$X/four" "$X/six" "$X/fallback"
	grep -qx "2 packets transmitted, 2 received, 0% packet loss, time [0-9]*ms" "$X/four"
	grep -q "^16 bytes from 127.0.0.1: icmp_seq=1 ttl=64 time=" "$X/four"
	[ "$(tail -n 1 "$X/four")" = 0 ]
	grep -qx "2 packets transmitted, 2 received, 0% packet loss, time [0-9]*ms" "$X/six"
	grep -q "^16 bytes from ::1: icmp_seq=1 ttl=64 time=" "$X/six"
	[ "$(tail -n 1 "$X/six")" = 0 ]
	grep -qx "sender: no raw socket (Operation not permitted): --ping takes a ping socket instead (--dgram), as an ordinary user may here" "$X/fallback"
	grep -qx "1 packets transmitted, 1 received, 0% packet loss, time 0ms" "$X/fallback"
}

@test "--ping with neither socket allowed: ping_group_range named with what it reads, and the ways out; status 2" {
	require_netns
	need setpriv
	X=$BATS_TEST_TMPDIR
	# A fresh namespace's range is the default, '1 0': nobody.  In a
	# user namespace, where group 1 is not mapped, it reads '65534 0',
	# or '65534 65534' nested in another.
	in_netns '
		setpriv --bounding-set=-net_raw --inh-caps=-net_raw -- \
		    "$1" --ping -c 1 >"$2/out" 2>"$2/err"; echo $? >"$2/status"' "$SENDER" "$X"
	cat "$X/err"
	[ "$(cat "$X/status")" = 2 ]
	grep -q "no raw socket either; a ping socket is for a group in net.ipv4.ping_group_range (default '1 0': nobody), and it reads '[0-9]* [0-9]*' (nobody\|not your group): 'sudo sysctl -w net.ipv4.ping_group_range=\"0 2147483647\"' lets every group" "$X/err"
}

@test "-6 and --dgram refuse what they cannot do, each with the reason" {
	bad 2 "sender: -6: --ip-id, --tos, --df, --mf, --rf, --frag-offset and --no-hdrincl set IPv4 header fields, and an IPv6 datagram has no such header" "$SENDER" -6 -n --ip-id 3
	bad 2 "sender: --hdrincl is -6's: *" "$SENDER" --hdrincl -n
	bad 2 "sender: --hdrincl builds the IPv6 header, and a ping socket takes none: *" "$SENDER" -6 --hdrincl --dgram -n
	bad 2 "sender: --dgram -l wire: FreeBSD 11+ and OpenBSD has no ping socket *" "$SENDER" --dgram -n -l wire
	bad 2 "sender: --hdrincl writes the IPv6 source itself: give one of this host's addresses with --source *" "$SENDER" -6 --hdrincl -n 2001:db8::1
	bad 2 "sender: -w: with --dgram the kernel writes the header, *" "$SENDER" --dgram -n -w x.pcap
	bad 2 "sender: destination is 127.0.0.1: an IPv4 address, not an IPv6 one" "$SENDER" -6 -n 127.0.0.1
	bad 2 "sender: -l chooses a byte order for IPv4 header fields; *" "$SENDER" -6 -n -l darwin
}

@test "README: the IPv6 walk-through and the ping socket's lines are what the programs print" {
	require_netns
	X=$BATS_TEST_TMPDIR
	in_netns '
		"$1" -6 -c 2 -t 5 >"$3/r" 2>/dev/null &
		r=$!
		sleep 0.5
		"$2" -6 >"$3/s"
		wait $r' "$RECEIVER" "$SENDER" "$X"
	readme=$ROOT/README.md
	# The two columns of the README's terminals, each line in its place.
	while read -r line; do
		grep -qF "$line" "$readme" || { echo "not in the README: $line"; return 1; }
	done <"$X/r"
	sed -n '/^\$ sudo .\/receiver -6 /,/^```/p' "$readme" >"$X/block"
	while read -r line; do
		grep -qF "$line" "$X/block" || { echo "not in the README's block: $line"; return 1; }
	done <"$X/s"
	# --hdrincl's line, and RFC 1071's sum of the --dgram example's
	# message with the kernel's identifier in it.
	grep -qxF "$("$SENDER" -6 --hdrincl -n -I 0x6666 -S 1 -p 49434d5056362121)" "$readme"
	# sender(1) shows the same -6 and --dgram lines as the README.
	for line in "80 00 7f bb 00 00 00 00" "08 00 90 91 67 6e 00 00" \
	    "The kernel used identifier 0x676e (26478, the socket's local port) where we wrote 0x0000"; do
		grep -qF "$line" "$readme"
		grep -qxF ".Dl $line" "$ROOT/cmd/sender/sender.1"
	done
	grep -qx "08 00 $(sum16 08 00 00 00 67 6e 00 00) 67 6e 00 00" "$readme"
	# Its identifier line is the program's (test 5 holds its shape
	# against a live run), its two numbers one port.
	line=$(grep "^The kernel used identifier 0x" "$readme")
	[ "$(sed -n 's/^The kernel used identifier 0x\([0-9a-f]*\) (.*/\1/p' <<<"$line")" = "$(printf %04x "$(sed -n 's/.* (\([0-9]*\), the socket.*/\1/p' <<<"$line")")" ]
}

@test "-6 with nowhere to go: no route named with the command that says why; ::1 with lo down, the loopback named" {
	require_netns
	X=$BATS_TEST_TMPDIR
	in_netns '
		"$1" -6 2001:db8::1 >/dev/null 2>"$2/route"; echo $? >>"$2/route"
		ip link set lo down
		"$1" -6 >/dev/null 2>"$2/lo"; echo $? >>"$2/lo"' "$SENDER" "$X"
	cat "$X/route" "$X/lo"
	# ENETUNREACH in the C library's words (musl: "Network unreachable").
	[[ "$(head -n 1 "$X/route")" == "sender: sendto 2001:db8::1: "*": no route to 2001:db8::1 here ('ip -6 route get 2001:db8::1' says why)" ]]
	[ "$(tail -n 1 "$X/route")" = 1 ]
	[[ "$(head -n 1 "$X/lo")" == "sender: sendto ::1: "*": the loopback interface is down or has no ::1 ('ip link set lo up')" ]]
	[ "$(tail -n 1 "$X/lo")" = 1 ]
}

@test "--ping -6: an ICMPv6 error quoting our request is said in ping(8)'s words and counted, the raw socket letting errors through" {
	require_netns
	need nft
	X=$BATS_TEST_TMPDIR
	in_netns '
		nft add table ip6 t
		nft add chain ip6 t i "{ type filter hook input priority 0; }"
		nft add rule ip6 t i icmpv6 type echo-request reject with icmpv6 type admin-prohibited
		"$1" -6 --ping -c 1 -W 1 >"$2/out" 2>"$2/err"; echo $? >"$2/status"' "$SENDER" "$X"
	cat "$X/out" "$X/err"
	[ "$(cat "$X/status")" = 1 ]
	# The error: type 1 code 1, then the request it quotes (RFC 4443 3.1).
	grep -q "^01 01 " "$X/out"
	grep -qx "From ::1 icmp_seq=0 Destination unreachable: Administratively prohibited" "$X/out"
	grep -qx "1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms" "$X/out"
}

@test "--ping --dgram -I 0: the kernel's port is the identifier the replies are matched by" {
	require_netns
	need setpriv
	X=$BATS_TEST_TMPDIR
	in_user '
		user "$1" --ping --dgram -I 0 -c 2 -i 0.1 >"$2/out" 2>&1; echo $? >>"$2/out"' "$SENDER" "$X"
	cat "$X/out"
	port=$(sed -n 's/^PING 127.0.0.1 (127.0.0.1) 8(36) bytes of data, ICMP id \([0-9]*\)$/\1/p' "$X/out")
	[ -n "$port" ] && [ "$port" -gt 0 ]
	grep -qx "2 packets transmitted, 2 received, 0% packet loss, time [0-9]*ms" "$X/out"
	[ "$(tail -n 1 "$X/out")" = 0 ]
}

@test "--ping without a raw socket keeps to the raw socket where an option needs one, and says which" {
	require_netns
	need setpriv
	X=$BATS_TEST_TMPDIR
	in_user '
		user "$1" --ping -c 1 --tos 16 >"$2/tos" 2>&1; echo $? >>"$2/tos"
		user "$1" --ping -c 1 -6 --hdrincl >"$2/hdrincl" 2>&1; echo $? >>"$2/hdrincl"' "$SENDER" "$X"
	cat "$X/tos" "$X/hdrincl"
	grep -q "(a ping socket would do for --ping, but not with the IPv4 header's fields (--ip-id, --tos, --df, --mf, --rf, --frag-offset))$" "$X/tos"
	grep -q "(a ping socket would do for --ping, but not with --hdrincl)$" "$X/hdrincl"
	[ "$(tail -n 1 "$X/tos")" = 2 ]
	[ "$(tail -n 1 "$X/hdrincl")" = 2 ]
}

@test "-6 to an address not ::1: the kernel's checksum over a source it chooses is shown as '..', not guessed" {
	require_netns
	X=$BATS_TEST_TMPDIR
	in_netns '
		ip -6 addr add 2001:db8::5/64 dev lo nodad
		"$1" -6 2001:db8::5 >"$2/out"' "$SENDER" "$X"
	cat "$X/out"
	[ "$(sed -n '/on the wire:/{n;p}' "$X/out")" = "80 00 .. .. 00 00 00 00" ]
	grep -qx "(.. the checksum, over the source address the kernel chose: not known here)" "$X/out"
}

@test "--ping --dgram: ICMP errors a Linux ping socket's kernel queues apart (IP_RECVERR) are read, said and counted, both families" {
	[ "$(uname -s)" = Linux ] || skip "the error queue is Linux's"
	require_netns
	need nft
	need setpriv
	X=$BATS_TEST_TMPDIR
	in_user '
		nft add table inet t
		nft add chain inet t i "{ type filter hook input priority 0; }"
		nft add rule inet t i icmp type echo-request reject with icmp type admin-prohibited
		nft add rule inet t i icmpv6 type echo-request reject with icmpv6 type admin-prohibited
		user "$1" --ping --dgram -c 2 -i 0.1 -W 1 >"$2/four" 2>&1; echo $? >>"$2/four"
		user "$1" -6 --ping --dgram -c 2 -i 0.1 -W 1 >"$2/six" 2>&1; echo $? >>"$2/six"' "$SENDER" "$X"
	cat "$X/four" "$X/six"
	# RFC 792's type 3 code 13 and RFC 4443's type 1 code 1, in ping(8)'s
	# words, each after the request it is about, as it went.  Who sent
	# it is the error's offender address; qemu-user does not carry it
	# over for a 32-bit guest (make cross's mips), and the program says
	# "?" for an address not told.
	from4=127.0.0.1 from6=::1
	[ -z "${TEST_BIN:-}" ] || from4='\(127.0.0.1\|?\)' from6='\(::1\|?\)'
	[ "$(grep -c "^From $from4 icmp_seq=[01] Packet filtered$" "$X/four")" -eq 2 ]
	grep -qx "2 packets transmitted, 0 received, +2 errors, 100% packet loss, time [0-9]*ms" "$X/four"
	[ "$(tail -n 1 "$X/four")" = 1 ]
	[ "$(grep -c "^From $from6 icmp_seq=[01] Destination unreachable: Administratively prohibited$" "$X/six")" -eq 2 ]
	grep -qx "2 packets transmitted, 0 received, +2 errors, 100% packet loss, time [0-9]*ms" "$X/six"
	[ "$(tail -n 1 "$X/six")" = 1 ]
	# The request the first error holds is the one that went.
	wire=$(sed -n '/on the wire:/{n;p}' "$X/six" | tr a-f A-F)
	[ "$(grep -B1 -m1 "^From " "$X/six" | head -n 1)" = "$wire" ]
}
