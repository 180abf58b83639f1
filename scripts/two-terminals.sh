#!/bin/sh
# The articles' picture in one command: a tmux window split in two inside
# a private network namespace, the receiver on the left, the sender on
# the right.  Each pane keeps a shell afterwards, in the same namespace,
# to try more (./sender -p c0de, ./receiver -d, ...).  Ctrl-b d detaches;
# 'exit' in both panes ends it.
#
#   scripts/two-terminals.sh [RECEIVER-ARGS...]
#
# TWO_TERMINALS_DETACHED=1 starts the window without attaching and prints
# the tmux socket's path (for scripts and tests: tmux -S PATH ...); the
# caller removes its directory.  Attached, the script removes it when
# tmux ends.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
command -v tmux >/dev/null 2>&1 || {
	echo "two-terminals.sh: needs tmux (apt-get install tmux)" >&2
	exit 1
}
[ -x "$top/sender" ] && [ -x "$top/receiver" ] || make -C "$top" -s all

# A tmux server of our own, started inside the namespace, so that every
# pane is in it too (a running server elsewhere would not be).  Its
# socket lives in a directory of ours: inside a user namespace, tmux's
# usual /tmp/tmux-UID may belong to someone it cannot see.
dir=$(mktemp -d "${TMPDIR:-/tmp}/two-terminals.XXXXXX")
sock=$dir/tmux
unset TMUX
# Ctrl-C is for the receiver: the pane's shell ignores it while the
# receiver runs (dash, Debian's sh, would end on it and close the pane,
# summary and all); the receiver sets its own handler.
left="cd '$top' && trap '' INT && ./receiver $*; trap - INT; exec \${SHELL:-/bin/sh}"
right="cd '$top' && sleep 1 && ./sender; exec \${SHELL:-/bin/sh}"
if [ "${TWO_TERMINALS_DETACHED:-}" = 1 ]; then
	"$top/scripts/netns.sh" tmux -S "$sock" new-session -d -s rawsock \
	    -x 200 -y 24 "$left" \; split-window -h -t rawsock "$right"
	echo "$sock"
else
	status=0
	"$top/scripts/netns.sh" tmux -S "$sock" new-session -s rawsock \
	    "$left" \; split-window -h -t rawsock "$right" || status=$?
	rm -rf "$dir"	# the socket's directory, once tmux has ended
	exit "$status"
fi
