# Loaded by every test file: where things are, and how to run a command
# in a private network namespace.

bats_require_minimum_version 1.5.0

# Under "sudo make test" the programs would drop to the invoking user
# and lose access to root's scratch files; the privilege tests set these
# themselves.
unset SUDO_UID SUDO_GID

# The checkout: two levels above this file (test/ and test/slow/ both
# load it).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# make cross points these at the same programs built for another
# machine (run under qemu-user); by default, the ones make just built.
# scripts/exchange.sh takes its programs from BIN too.
export BIN=${TEST_BIN:-$ROOT}
SENDER=$BIN/sender
RECEIVER=$BIN/receiver
UNIT=${TEST_UNIT:-$ROOT/build/unit}
FIXTURES=$ROOT/test/fixtures

# Raw-socket tests need a network namespace of their own.  Where one
# cannot be made, skip with the reason, except in CI, where that is a
# failure: a suite that quietly tests nothing must not pass.
require_netns() {
	if "$ROOT/scripts/netns.sh" true 2>/dev/null; then
		return 0
	fi
	if [ -n "${CI:-}" ]; then
		echo "cannot create a network namespace (unshare -rn / -n)" >&2
		return 1
	fi
	skip "no private network namespace here (unshare -rn not allowed)"
}

# The programs may be another machine's build under qemu-user (make
# cross), which does not carry a packet socket's ring options: there -i
# is refused at its first setsockopt, and its live tests are the native
# build's (capture.bats, and the tests that capture with it).
need_ring() {
	require_netns
	[ -n "${TEST_BIN:-}" ] || return 0
	case "$("$ROOT/scripts/netns.sh" "$RECEIVER" -i lo -t 0.1 2>&1)" in
	*"PACKET_VERSION TPACKET_V3: Protocol not available"*)
		skip "qemu-user does not carry the packet socket's ring options (PACKET_VERSION): -i is tested with the native build" ;;
	esac
}

# exchange RECEIVER-ARGS... -- SENDER-ARGS...: the two programs together
# in a fresh namespace; results in $BATS_TEST_TMPDIR/x/.
exchange() {
	X=$BATS_TEST_TMPDIR/x
	mkdir -p "$X"
	"$ROOT/scripts/netns.sh" "$ROOT/scripts/exchange.sh" "$X" "$@"
}

# Inside a namespace: wait until N raw sockets are open there, as
# /proc/net/raw lists them.  Available to in_netns scripts.
wait_raw_sockets() {
	local i=0
	while [ "$(($(wc -l </proc/net/raw) - 1))" -lt "$1" ] && [ "$i" -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

# in_netns SCRIPT ARG...: a bash SCRIPT ($1... = ARGs) in a fresh
# namespace, with wait_raw_sockets defined.  (Not through export -f: the
# /bin/sh of some systems drops such variables from the environment.)
in_netns() {
	local script=$1
	shift
	"$ROOT/scripts/netns.sh" bash -c "$(declare -f wait_raw_sockets)
$script" sh "$@"
}

# interrupt SIGNAL COMMAND...: run COMMAND in a fresh namespace and send
# it SIGNAL half a second later; its stdout, stderr and exit status are
# left in $X/out, $X/err and $X/status.
interrupt() {
	X=$BATS_TEST_TMPDIR
	in_netns '
		sig=$1 x=$2
		shift 2
		"$@" >"$x/out" 2>"$x/err" &
		sleep 0.5
		kill -"$sig" $!
		wait $!
		echo $? >"$x/status"' "$1" "$X" "${@:2}"
}

# on_tty COMMAND: run the shell command with a terminal for its output,
# through script(1), whose arguments differ between util-linux and the
# BSDs and macOS; what the terminal showed is left in $output.
on_tty() {
	if script --version 2>/dev/null | grep -q util-linux; then
		run -0 script -qec "$1" /dev/null </dev/null
	else
		run -0 script -q /dev/null sh -c "$1" </dev/null
	fi
}

# Hand-made pcap files, for the readers' tests.
# Bytes from hex text ("45 00 ...") on stdout.
bin() { printf "$(sed 's/\([0-9a-fA-F][0-9a-fA-F]\) */\\x\1/g' <<<"$1")"; }
# A little-endian 32-bit number.
le32() { bin "$(printf '%02x %02x %02x %02x' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)))"; }
# pcap file header: snaplen, link type.
pcap_hdr() { bin "d4 c3 b2 a1 02 00 04 00 00 00 00 00 00 00 00 00"; le32 "$1"; le32 "$2"; }
# Record header claiming LEN captured bytes.
rec() { le32 1700000000; le32 0; le32 "$1"; le32 "$1"; }

# Blank the bytes the kernel chooses in "% X" lines: the IP id (bytes 4-5,
# counted from 0: awk's fields 5-6) and header checksum (10-11); in an
# echo reply (type 00 at byte 20) also the ICMP checksum (22-23), which
# Linux writes as 00 00 or FF FF.
mask_kernel_bytes() {
	awk '/^[0-9A-F][0-9A-F]( [0-9A-F][0-9A-F])*$/ {
		$5 = $6 = $11 = $12 = ".."
		if ($21 == "00") $23 = $24 = ".."
	} { print }'
}

# The first N bytes (default: the IP header, from its IHL) of a "% X"
# line, checksummed: 0000 when the header checksum is valid.
header_checksum() {
	local line=$1 ihl
	ihl=$(( 0x$(echo "$line" | cut -c2) * 4 ))
	"$UNIT" cksum "$(echo "$line" | cut -d' ' -f1-"$ihl")"
}

# A directory an unprivileged user can reach, with copies of the
# binaries: the checkout itself may sit under a private home.
public_bin() {
	PUB=$(mktemp -d /tmp/rawsock-test.XXXXXX)
	chmod 755 "$PUB"
	cp "$SENDER" "$RECEIVER" "$PUB/"
}

# Root in name only: uid 0 inside a user namespace, as under an
# ordinary user's "unshare -rn make test".  Only uid 0 is mapped there
# and setgroups(2) is refused (user_namespaces(7)), so nobody there can
# become another user: not setpriv, not the receiver's SUDO_UID and
# DOAS_USER paths, not tcpdump dropping to its own user.  The first
# user namespace maps every uid to itself: "0 0 4294967295".
userns_root() {
	[ "$(id -u)" -eq 0 ] && [ -r /proc/self/uid_map ] &&
	    [ "$(awk '{ print $1, $2, $3 }' /proc/self/uid_map)" != "0 0 4294967295" ]
}

# require_real_root REASON: skip, with the reason, unless we are root of
# the machine (CI is); root of a user namespace is not enough.
require_real_root() {
	[ "$(id -u)" -eq 0 ] || skip "needs root: $1"
	! userns_root || skip "needs real root, not root in a user namespace (unshare -rn): $1"
}

# tcpdump started as root drops to its own user once its file is open
# (Debian builds it --with-user=tcpdump; -Z root or -Z "$(id -un)" takes
# the same path): as root in a user namespace that fails ("Couldn't
# change to 'tcpdump'"), and tcpdump exits 1.  There it reads a file as
# the unmapped user of a nested user namespace, who has nothing to
# drop: a tcpdump first on the PATH, for the tests and every shell they
# start, runs the real one so.  A live capture cannot be made so (a
# nested namespace has no CAP_NET_RAW over this one's network): those
# tests need real root.
if userns_root && command -v tcpdump >/dev/null && unshare -U true 2>/dev/null; then
	userns_bin=$BATS_RUN_TMPDIR/userns-bin
	if [ ! -x "$userns_bin/tcpdump" ]; then
		mkdir -p "$userns_bin"
		printf '#!/bin/sh\n# test_helper.bash: tcpdump in a user namespace\nexec unshare -U -- \047%s\047 "$@"\n' \
		    "$(command -v tcpdump)" >"$userns_bin/tcpdump.$$"
		chmod +x "$userns_bin/tcpdump.$$"
		mv "$userns_bin/tcpdump.$$" "$userns_bin/tcpdump"
	fi
	PATH=$userns_bin:$PATH
fi

# Run a command as an unprivileged user with no namespace: as nobody
# when we are root, else as ourselves.  Root in a user namespace cannot
# become nobody (no other uid is mapped): there the command runs as the
# unmapped user of a nested user namespace, which holds no capability
# over this namespace's network (user_namespaces(7)).
run_unprivileged() {
	if userns_root; then
		run unshare -U -- "$@"
	elif [ "$(id -u)" -eq 0 ]; then
		run setpriv --reuid=65534 --regid=65534 --clear-groups \
		    --inh-caps=-all "$@"
	else
		run "$@"
	fi
}

# bad STATUS MESSAGE COMMAND...: COMMAND exits with STATUS, prints
# MESSAGE (a glob for the whole of stderr), and nothing on stdout.
bad() {
	local want=$1 msg=$2
	shift 2
	run --separate-stderr "$@"
	[ "$status" -eq "$want" ] || { echo "status $status, wanted $want" >&2; return 1; }
	[ -z "$output" ] || { echo "stdout: $output" >&2; return 1; }
	# shellcheck disable=SC2053
	[[ "$stderr" == $msg ]] || { echo "stderr: $stderr" >&2; return 1; }
}

# need TOOL: an independent reader or peer (tcpdump, tshark, python3,
# ping...).  Missing, the test is skipped with the reason, except in CI,
# which installs them all: there it is a failure.
need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	[ -z "${CI:-}" ] || { echo "$1 is missing in CI" >&2; return 1; }
	skip "$1 is not installed"
}
