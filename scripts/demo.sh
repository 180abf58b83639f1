#!/bin/sh
# make demo: the articles' exchange with one command.  The receiver and
# the sender run together in a private network namespace (netns.sh),
# and both outputs are shown, labelled, as the two terminals would.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
chmod 755 "$out"	# readable when netns.sh falls back to sudo

"$top/scripts/netns.sh" "$top/scripts/exchange.sh" "$out" -c 2 -t 5

echo "=== terminal 1: sudo ./receiver ==="
cat "$out/receiver.out" "$out/receiver.err"
echo
echo "=== terminal 2: sudo ./sender ==="
cat "$out/sender.out" "$out/sender.err"
echo
case "$(uname -s)" in
Linux)
	echo "Linux hands the raw socket the request (type 08, byte 20) as"
	echo "well as the kernel's reply (type 00): see README.md."
	;;
*)
	echo "Only the reply arrives here: the kernel answers the request"
	echo "itself.  Bytes 2-3 read 08 00: total length in host order,"
	echo "header left out (see README.md)."
	;;
esac
[ "$(cat "$out/receiver.status")" = 0 ] && [ "$(cat "$out/sender.status")" = 0 ]
