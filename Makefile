# sender and receiver: the raw-socket programs of the articles, in C.
#
#   make            build ./sender and ./receiver
#   make test       build, then run the bats suite
#   make demo       run both in a private network namespace, side by side
#   make install    binaries and manuals under $(DESTDIR)$(PREFIX)
#   make uninstall  remove them again
#   make clean      remove what the build made
#
# CC, CFLAGS, LDFLAGS, PREFIX and DESTDIR may be set on the command line.

CC ?= cc
CFLAGS ?= -O2 -g
LDFLAGS ?=
PREFIX ?= /usr/local

# Not for overriding: the language and warnings the code is held to.
WARN = -std=c11 -Wall -Wextra -Werror -pedantic
DEFS = -D_DEFAULT_SOURCE -D_DARWIN_C_SOURCE
ALL_CFLAGS = $(WARN) $(DEFS) -Icommon $(CFLAGS)

OBJ = build
COMMON = cksum iphdr icmp hex parse rawsock out sig pcap input decode
COMMON_OBJS = $(COMMON:%=$(OBJ)/common/%.o)
SENDER_OBJS = $(OBJ)/cmd/sender/main.o $(OBJ)/cmd/sender/args.o \
	$(OBJ)/cmd/sender/packet.o $(OBJ)/cmd/sender/pace.o
RECEIVER_OBJS = $(OBJ)/cmd/receiver/main.o $(OBJ)/cmd/receiver/args.o \
	$(OBJ)/cmd/receiver/sock.o
UNIT_OBJS = $(OBJ)/test/unit/unit.o

all: sender receiver

sender: $(SENDER_OBJS) $(COMMON_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(SENDER_OBJS) $(COMMON_OBJS)

receiver: $(RECEIVER_OBJS) $(COMMON_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(RECEIVER_OBJS) $(COMMON_OBJS)

# The C driver the unit tests call.
$(OBJ)/unit: $(UNIT_OBJS) $(COMMON_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(UNIT_OBJS) $(COMMON_OBJS)

HEADERS = common/*.h cmd/*/*.h Makefile

$(OBJ)/%.o: %.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -I$(<D) -c -o $@ $<

test: all $(OBJ)/unit
	@scripts/run-tests.sh

demo: all
	@scripts/demo.sh

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

.PHONY: all test demo install uninstall clean
