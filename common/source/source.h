/*
 * Where frames come from.  Every source, a raw IP socket or a file
 * (and, one layer down, a packet socket or /dev/bpf), yields frames
 * through source_next, so that the receiver's loop is one loop: the
 * next frame, its hex, its decoded view, its record in a capture.
 *
 * Nothing here prints: a source that fails says why in its why field
 * (a file's reader reports its own damage as it meets it, input.h).
 */
#ifndef SOURCE_H
#define SOURCE_H

#include "frame.h"

enum source_rc {
	SOURCE_FRAME = 1,	/* a frame in *f */
	SOURCE_END = 0,		/* the end: of the file, the count, or a
				 * stop signal */
	SOURCE_FAILED = -1,	/* could not go on: see why */
	SOURCE_IDLE = -2	/* nothing came within the time allowed */
};

struct source;

struct source_ops {
	enum source_rc (*next)(struct source *s, struct frame *f);
	/* The kernel's count of frames it dropped for this source: 0
	 * with *drops set, -1 where it does not tell.  NULL for files. */
	int (*drops)(struct source *s, unsigned long long *drops);
	void (*close)(struct source *s);
};

struct source {
	const struct source_ops *ops;
	uint32_t linktype;	/* of its frames (the first, for a file
				 * that mixes them) */
	int tsprec;		/* 6 or 9: digits after the second kept */
	unsigned long long limit;	/* frames to yield; 0: no limit */
	unsigned long long yielded;	/* frames yielded so far */
	const char *why;	/* SOURCE_FAILED: the reason, or NULL when
				 * it was reported already */
	size_t kbuf;		/* the kernel's buffer for it, in bytes
				 * (-i's ring); 0: not known here */
	int live;		/* frames as they arrive (a socket, an
				 * interface), not from a file */
	const char *unit;	/* what it yields: "datagram" or "frame" */
};

/* Whether it has yielded all its limit allows. */
static inline int
source_done(const struct source *s)
{
	return s->limit != 0 && s->yielded >= s->limit;
}

/* The next frame, numbered from 1; SOURCE_END once limit are out. */
enum source_rc source_next(struct source *s, struct frame *f);

/* As the source's ops say; -1 for a source that does not count. */
int source_drops(struct source *s, unsigned long long *drops);

void source_close(struct source *s);

/*
 * A raw IP socket, open and set up (rawsock.h): each read is one IPv4
 * datagram, header first, laid out as the layout's system does
 * (iphdr.h), stamped by the kernel where it can.  timeout_ms: give up
 * after this long with nothing (SOURCE_IDLE); -1 waits for ever.
 * before_wait (or NULL) is called each time nothing is queued, before
 * the wait.  NULL when out of memory.
 */
struct source *source_rawip(int fd, enum layout layout, int timeout_ms,
    unsigned long long limit, void (*before_wait)(void));

/*
 * The same for a raw IPv6 socket of protocol nexthdr, set up with
 * rawsock_ancillary: each read is what followed an IPv6 header, which
 * the frame has in front, rebuilt from what the socket said (its
 * rebuilt field is 40; source/rawip.c says which fields).
 */
struct source *source_rawip6(int fd, int nexthdr, int timeout_ms,
    unsigned long long limit, void (*before_wait)(void));

/*
 * A capture file or hex text (input.h), "-" for standard input.  A
 * datagram alone (raw IP, hex text) is read with layout's rules for
 * its IPv4 header; every frame with a link header holds wire format.
 * NULL when it cannot be opened (the reason already printed).
 */
struct source *source_file(const char *path, enum layout layout,
    unsigned long long limit);

/*
 * A link-layer capture on one interface (receiver -i): Linux's packet
 * socket with a TPACKET_V3 ring (source/link_linux.c), /dev/bpf on
 * macOS and the BSDs (source/link_bpf.c).  Every frame, link header
 * included, stamped by the kernel.  On a loopback the copy of each
 * frame on its way out is left out (it shows each frame twice).
 */
struct link_opts {
	const char *ifname;
	size_t bufsize;		/* -B: the kernel's buffer (Linux: the ring)
				 * in bytes; 0: the default */
	int protocol;		/* -P: IPv4 datagrams of this protocol only,
				 * chosen in the kernel (58, ICMPv6: IPv6
				 * datagrams, filter.h); -1: every frame */
	int timeout_ms;		/* as source_rawip's */
	unsigned long long limit;
	void (*before_wait)(void);
};

/*
 * Open it (needs privilege: before priv_drop).  NULL with *why, a
 * sentence naming the failed step, and errno set, when it cannot.
 */
struct source *source_link(const struct link_opts *o, const char **why);

#endif
