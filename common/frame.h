/*
 * A frame: what every source yields (a raw socket, a packet socket,
 * /dev/bpf, a capture file, hex text) and what the printers and the
 * capture writers take.  The bytes begin with the link header its link
 * type names (none for LINKTYPE_RAW); nothing is stripped on the way.
 */
#ifndef FRAME_H
#define FRAME_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "iphdr.h"

/*
 * Link types, as tcpdump.org's list numbers them in files
 * (https://www.tcpdump.org/linktypes.html; REFERENCE-LAYERS.md).
 */
enum {
	LINKTYPE_NULL = 0,	/* BSD loopback: a 4-byte family, host order */
	LINKTYPE_EN10MB = 1,	/* Ethernet: Linux's lo, and any NIC */
	LINKTYPE_RAW = 101,	/* the IP datagram alone (4 or 6) */
	LINKTYPE_LOOP = 108,	/* OpenBSD loopback: family, network order */
	LINKTYPE_LINUX_SLL = 113,	/* Linux cooked: tcpdump -i any, old */
	LINKTYPE_IPV4 = 228,	/* the datagram alone, IPv4 only */
	LINKTYPE_IPV6 = 229,	/* the datagram alone, IPv6 only */
	LINKTYPE_LINUX_SLL2 = 276	/* Linux cooked v2: tcpdump 4.99 -i any */
};

/* Which way the frame went, where the source says (SLL, pcapng). */
enum frame_dir { FRAME_DIR_UNKNOWN, FRAME_DIR_IN, FRAME_DIR_OUT };

struct frame {
	uint32_t linktype;	/* LINKTYPE_*: how data begins */
	const uint8_t *data;	/* the captured bytes */
	size_t caplen;		/* how many */
	uint32_t origlen;	/* how long it was; 0: not known (hex text) */
	/*
	 * The IPv4 header's byte layout where the frame is a datagram
	 * straight from a raw IP socket (or hex text of one, -l): the
	 * per-OS rule of iphdr.h.  Every other source gives LAYOUT_WIRE.
	 */
	enum layout layout;
	int have_time;		/* when is set */
	struct timespec when;	/* arrival, CLOCK_REALTIME */
	int tsprec;		/* digits after the second the source kept:
				 * 6 (microseconds) or 9 (nanoseconds) */
	enum frame_dir dir;
	uint32_t ifindex;	/* the source's interface number, or 0 */
	const char *ifname;	/* its name, or NULL */
	unsigned long number;	/* 1 for the source's first frame */
	size_t rebuilt;		/* bytes at the start the source made up
				 * from what a socket said beside the data
				 * (an IPv6 raw socket's header, rebuilt
				 * from its address and control messages),
				 * not among the bytes it handed over */
};

/* "Ethernet", "raw IP", ... for a link type this reads, else NULL
 * (linktype.c: the one list). */
const char *linktype_name(uint32_t linktype);

/* The same list in words, "BSD loopback 0, Ethernet 1, ...". */
const char *linktype_list(void);

/* Whether the captured bytes are all the frame had. */
static inline int
frame_whole(const struct frame *f)
{
	return f->origlen != 0 && f->origlen <= f->caplen;
}

#endif
