/*
 * Reading pcapng files (draft-ietf-opsawg-pcapng), what Wireshark, tshark
 * and dumpcap write: sections in either byte order, interfaces of
 * different link types, and the packets of each.
 */
#ifndef PCAPNG_H
#define PCAPNG_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "frame.h"
#include "pcap.h"
#include "reader.h"

enum {
	PCAPNG_MAXIF = 256,	/* interfaces described in one section */
	PCAPNG_IFNAME_MAX = 64,	/* if_name kept, with its NUL */
	/* A block read into memory: a packet of PCAP_MAXREC bytes and
	 * room for its header and options. */
	PCAPNG_BLOCK_MAX = PCAP_MAXREC + 65536,
	PCAPNG_WHY_MAX = 200
};

/* One Interface Description Block's facts. */
struct pcapng_if {
	uint32_t linktype;
	uint32_t snaplen;	/* 0: no limit */
	uint8_t tsresol;	/* if_tsresol: 10^-n, or 2^-n with bit 7 */
	int64_t tsoffset;	/* if_tsoffset: seconds added to each stamp */
	char name[PCAPNG_IFNAME_MAX];	/* if_name, or "" */
};

struct pcapng_in {
	struct reader *r;
	int big_endian;		/* the current section's byte order */
	unsigned long sections;	/* Section Header Blocks read */
	unsigned long blocks;	/* blocks read, all types */
	uint64_t block_at;	/* where the last one began in the file */
	struct pcapng_if ifs[PCAPNG_MAXIF];	/* the current section's */
	size_t nif;
	int have_first;		/* the file's first interface is known */
	struct pcapng_if first;
	char why[PCAPNG_WHY_MAX];
};

/* A packet from an Enhanced, Simple or obsolete Packet Block. */
struct pcapng_packet {
	const uint8_t *data;	/* into the caller's buffer; NULL when the
				 * block was longer than it, and skipped */
	size_t caplen;
	uint32_t origlen;
	const struct pcapng_if *ifc;	/* its interface */
	uint32_t ifid;		/* and that one's number in its section */
	int have_time;		/* not in a Simple Packet Block */
	struct timespec when;
	int tsprec;		/* 6 or 9: as fine as the interface's unit */
	enum frame_dir dir;
};

/* Whether these four bytes begin a pcapng file (a Section Header Block). */
int pcapng_is_magic(const uint8_t p[4]);

/*
 * Start reading a file whose first four bytes, head, were read from r
 * already: its Section Header Block, and the blocks up to and including
 * its first Interface Description Block (or the end of the file).  buf
 * (cap bytes, at least PCAPNG_BLOCK_MAX) holds each block as it is read.
 * Returns 0, or -1 with *why.
 */
int pcapng_in_open(struct pcapng_in *ng, struct reader *r,
    const uint8_t head[4], uint8_t *buf, size_t cap, const char **why);

/*
 * The next packet, its bytes in buf.  Other blocks are taken in on the
 * way (sections, interfaces) or passed over by their length.  Returns 1
 * with *p set, 0 at the end of the file (or on a stop signal), -1 with
 * *why when the file is damaged.
 */
int pcapng_in_next(struct pcapng_in *ng, uint8_t *buf, size_t cap,
    struct pcapng_packet *p, const char **why);

/* 6 or 9: the precision of an interface's stamps. */
int pcapng_tsprec(const struct pcapng_if *ifc);

#endif
