#!/bin/sh
# The link-layer post's picture: two hosts on one wire.  Two private
# network namespaces joined by a veth pair, and nothing routed anywhere
# else:
#
#   host 1  veth1  02:00:00:00:00:01  192.0.2.1/24
#   host 2  veth2  02:00:00:00:00:02  192.0.2.2/24   (TEST-NET-1, RFC 5737)
#
# IPv6 is off on both ends, so that no neighbour discovery frames come
# between the ARP and the ICMP.  In a tmux window: host 2 captures on
# the left (receiver -i veth2 -P all -d), host 1 sends on the right
# (sender --link veth1 192.0.2.2): the ARP request and its reply, then
# the echo request and its reply, as frames at both ends.  Each pane
# keeps a shell afterwards, in its host.  Ctrl-b d detaches; 'exit' in
# both panes ends it, and the namespaces go with their last process.
#
#   scripts/two-hosts.sh [SENDER-ARGS...]
#       the sender's arguments after --link veth1 (default: 192.0.2.2)
#   scripts/two-hosts.sh --run COMMAND [ARG...]
#       no tmux: run COMMAND in host 1 once both ends are up, with
#       TWO_HOSTS_PEER set to a process of host 2's ('nsenter -t
#       "$TWO_HOSTS_PEER" -n CMD' runs CMD there); its exit status is
#       the script's
#
# TWO_HOSTS_DETACHED=1 starts the window without attaching and prints
# the tmux socket's path (tmux -S PATH ...); the caller removes its
# directory.  Root, or an ordinary user where unshare -rn is allowed
# (netns.sh): a veth pair between namespaces of one user namespace
# needs nothing more.
set -eu

IF1=veth1 MAC1=02:00:00:00:00:01 ADDR1=192.0.2.1
IF2=veth2 MAC2=02:00:00:00:00:02 ADDR2=192.0.2.2
PREFIX=24

top=$(cd "$(dirname "$0")/.." && pwd)
self=$top/scripts/two-hosts.sh

fail() { echo "two-hosts.sh: $*" >&2; exit 1; }

# wait_for FILE: up to 10 s for FILE to appear.
wait_for() {
	i=0
	while [ ! -e "$1" ]; do
		[ "$i" -lt 200 ] || fail "gave up waiting for $(basename "$1")"
		sleep 0.05
		i=$((i + 1))
	done
}

# up IFACE ADDR: IPv6 off, the address on, the link up.
up() {
	if [ -e "/proc/sys/net/ipv6/conf/$1/disable_ipv6" ]; then
		echo 1 >"/proc/sys/net/ipv6/conf/$1/disable_ipv6"
	fi
	ip addr add "$2/$PREFIX" dev "$1"
	ip link set "$1" up
}

# running IFACE: up to 10 s for the kernel to call IFACE's link up (the
# carrier comes once both ends are up, and is taken note of a moment
# later: until then a frame may be dropped).
running() {
	i=0
	until ip -o link show "$1" | grep -q 'state UP'; do
		[ "$i" -lt 200 ] || fail "$1 is still not running"
		sleep 0.05
		i=$((i + 1))
	done
}

case ${TWO_HOSTS_STAGE:-} in
host2)
	# In host 2's new namespace: say where it is, wait for host 1 to
	# put our end of the wire here, bring it up, then run the command.
	dir=$TWO_HOSTS_DIR
	unset TWO_HOSTS_STAGE TWO_HOSTS_DIR
	ip link set lo up
	echo $$ >"$dir/host2.pid.tmp"
	mv "$dir/host2.pid.tmp" "$dir/host2.pid"
	i=0
	until ip link show "$IF2" >/dev/null 2>&1; do
		[ "$i" -lt 200 ] || fail "no $IF2 came to host 2"
		sleep 0.05
		i=$((i + 1))
	done
	up "$IF2" "$ADDR2"
	running "$IF2"
	touch "$dir/host2.up"
	exec "$@"
	;;
wire)
	# In host 1, once host 2 is there: the veth pair, one end moved
	# into host 2's namespace as it is made; then wait for both ends.
	dir=$TWO_HOSTS_DIR
	wait_for "$dir/host2.pid"
	ip link add name "$IF1" address "$MAC1" type veth \
	    peer name "$IF2" address "$MAC2" netns "$(cat "$dir/host2.pid")"
	up "$IF1" "$ADDR1"
	wait_for "$dir/host2.up"
	running "$IF1"
	exit 0
	;;
host1)
	;;
*)
	# Outside: check what is needed, then run again as host 1, in a
	# namespace of its own with its loopback up (netns.sh).
	[ "$(uname -s)" = Linux ] || fail "needs Linux's network namespaces"
	for c in ip unshare nsenter; do
		command -v "$c" >/dev/null 2>&1 ||
		    fail "needs $c (iproute2, util-linux)"
	done
	if [ "${1:-}" != --run ]; then
		command -v tmux >/dev/null 2>&1 ||
		    fail "needs tmux (apt-get install tmux)"
	fi
	[ -x "$top/sender" ] && [ -x "$top/receiver" ] || make -C "$top" -s all
	TWO_HOSTS_STAGE=host1 exec "$top/scripts/netns.sh" "$self" "$@"
	;;
esac

# Host 1.  Host 2 is a process that makes a namespace of its own
# (unshare -n) and tells us its pid; the namespace lasts as long as it.
unset TWO_HOSTS_STAGE
dir=$(mktemp -d "${TMPDIR:-/tmp}/two-hosts.XXXXXX")
export TWO_HOSTS_DIR="$dir"

if [ "${1:-}" = --run ]; then
	shift
	TWO_HOSTS_STAGE=host2 unshare -n -- "$self" sleep 2147483647 &
	peer=$!
	status=0
	TWO_HOSTS_STAGE=wire "$self" || status=$?
	if [ "$status" -eq 0 ]; then
		TWO_HOSTS_PEER=$peer "$@" || status=$?
	fi
	kill "$peer" 2>/dev/null || :
	wait "$peer" 2>/dev/null || :
	rm -rf "$dir"
	exit "$status"
fi

# quote WORD: WORD in single quotes, for a shell to read back.
quote() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

[ "$#" -gt 0 ] || set -- "$ADDR2"
args=""
for a in "$@"; do
	args="$args $(quote "$a")"
done
# What each pane runs, as a script.  Ctrl-C is for the receiver: the
# left pane's shell ignores it while the receiver runs (two-terminals.sh
# says why).  The left pane moves into host 2 as it starts.
{
	echo "cd $(quote "$top") || exit 1"
	echo "trap '' INT"
	echo "./receiver -i $IF2 -P all -d"
	echo "trap - INT"
	echo 'exec "${SHELL:-/bin/sh}"'
} >"$dir/left.sh"
{
	echo "cd $(quote "$top") || exit 1"
	echo "TWO_HOSTS_STAGE=wire TWO_HOSTS_DIR=$(quote "$dir") $(quote "$self") &&"
	echo "    sleep 1 && ./sender --link $IF1$args"
	echo 'exec "${SHELL:-/bin/sh}"'
} >"$dir/right.sh"
left="TWO_HOSTS_STAGE=host2 TWO_HOSTS_DIR=$(quote "$dir") exec unshare -n -- $(quote "$self") sh $(quote "$dir/left.sh")"
right="sh $(quote "$dir/right.sh")"

# A tmux server of our own, started here in host 1, so that the right
# pane is in host 1.  Its socket lives in our directory (inside a user
# namespace, tmux's usual /tmp/tmux-UID may belong to someone it cannot
# see).
sock=$dir/tmux
unset TMUX
if [ "${TWO_HOSTS_DETACHED:-}" = 1 ]; then
	tmux -S "$sock" new-session -d -s twohosts -x 220 -y 50 "$left" \; \
	    split-window -h -t twohosts "$right"
	echo "$sock"
else
	status=0
	tmux -S "$sock" new-session -s twohosts "$left" \; \
	    split-window -h -t twohosts "$right" || status=$?
	rm -rf "$dir"	# the socket's directory, once tmux has ended
	exit "$status"
fi
