#!/bin/sh
# Run a command in a private network namespace whose loopback is up, so
# raw-socket traffic stays on a loopback nobody else shares.
#
#   scripts/netns.sh COMMAND [ARG...]
#
# Linux: as root, unshare -n; otherwise unshare -rn (a user namespace
# grants CAP_NET_RAW inside it, see raw(7) and user_namespaces(7)), and
# sudo unshare -n where user namespaces are not allowed.  macOS has no
# network namespaces: the command runs under sudo on the real loopback.
set -eu

if [ "$#" -eq 0 ]; then
	echo "usage: scripts/netns.sh command [arg ...]" >&2
	exit 2
fi
if [ "${NETNS_INSIDE:-}" = 1 ]; then
	# Inside the new namespace: lo starts down (ENETUNREACH otherwise).
	unset NETNS_INSIDE
	ip link set lo up
	exec "$@"
fi

case "$(uname -s)" in
Darwin)
	if [ "$(id -u)" -eq 0 ]; then exec "$@"; fi
	exec sudo "$@"
	;;
Linux) ;;
*)
	echo "netns.sh: no network namespaces on $(uname -s)" >&2
	exit 1
	;;
esac

if ! command -v unshare >/dev/null 2>&1 || ! command -v ip >/dev/null 2>&1
then
	echo "netns.sh: needs unshare (util-linux) and ip (iproute2)" >&2
	exit 1
fi
export NETNS_INSIDE=1
if [ "$(id -u)" -eq 0 ]; then
	exec unshare -n -- "$0" "$@"
elif unshare -rn true 2>/dev/null; then
	exec unshare -rn -- "$0" "$@"
elif command -v sudo >/dev/null 2>&1; then
	echo "netns.sh: user namespaces are not allowed here; using sudo" >&2
	exec sudo NETNS_INSIDE=1 unshare -n -- "$0" "$@"
fi
echo "netns.sh: cannot make a network namespace: unshare -rn is not" \
    "allowed and there is no sudo" >&2
exit 1
