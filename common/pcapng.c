/*
 * pcapng files, read as draft-ietf-opsawg-pcapng describes them.  A file
 * is a run of blocks, each
 *
 *	type (4)  total length (4)  body  total length again (4)
 *
 * its total length a multiple of 4 and at least 12.  A Section Header
 * Block (0x0a0d0d0a, the same in either order) begins each section and
 * says the section's byte order by its magic 0x1a2b3c4d; sections may
 * differ.  Interface Description Blocks (1) number the section's
 * interfaces from 0, each with a link type, a snapshot length and
 * options: if_name (2), if_tsresol (9: units of 10^-n s, or of 2^-n s
 * when its top bit is set; 10^-6 if absent) and if_tsoffset (14: seconds
 * added to every stamp).  Packets come in Enhanced Packet Blocks (6:
 * interface, a 64-bit stamp split high/low, captured and original
 * length, the bytes padded to 4, options such as epb_flags (2), whose
 * low two bits say inbound 01 or outbound 10), Simple Packet Blocks (3:
 * interface 0, no stamp, the original length only) and the obsolete
 * Packet Block (2: as the Enhanced one with a 16-bit interface number).
 * Blocks of other types (name resolution, statistics, secrets, custom)
 * are passed over by their length.
 *
 * Every length is checked against what was read before it is used: a
 * damaged file stops with the block and the reason, never a read beyond
 * the bytes of the block.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bytes.h"
#include "pcapng.h"

#define BT_SHB 0x0a0d0d0au	/* Section Header Block */
#define BYTE_ORDER_MAGIC 0x1a2b3c4du

enum {
	BT_IDB = 1,		/* Interface Description Block */
	BT_PB = 2,		/* Packet Block, obsolete */
	BT_SPB = 3,		/* Simple Packet Block */
	BT_EPB = 6,		/* Enhanced Packet Block */
	/* bodies: what the block holds between its length words */
	SHB_BODY = 16,		/* magic, version, section length */
	IDB_BODY = 8,		/* link type, reserved, snapshot length */
	EPB_BODY = 20,		/* interface, stamp, lengths */
	SPB_BODY = 4,		/* original length */
	PB_BODY = 20,		/* interface, drops, stamp, lengths */
	OPT_END = 0,
	OPT_FLAGS = 2,		/* epb_flags; the Packet Block's pack_flags */
	OPT_IF_NAME = 2,
	OPT_IF_TSRESOL = 9,
	OPT_IF_TSOFFSET = 14
};

/*
 * The longest block passed over unread.  The bodies of the blocks this
 * reads are held whole (PCAPNG_BLOCK_MAX); others are skipped by their
 * length, but a length beyond any block a capture holds means damage,
 * not a block to skip megabytes for.
 */
#define BLOCK_BOUND (16u * 1024 * 1024)

static uint16_t
g16(const struct pcapng_in *ng, const uint8_t *p)
{
	return ng->big_endian ? get16(p) : get_le16(p);
}

static uint32_t
g32(const struct pcapng_in *ng, const uint8_t *p)
{
	return ng->big_endian ? get32(p) : get_le32(p);
}

/* The reason a block is refused, with where it began: -1. */
static int
damaged(struct pcapng_in *ng, const char **why, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(ng->why, sizeof(ng->why), "block %lu (byte %llu): ",
	    ng->blocks, (unsigned long long)ng->block_at);
	if (n < 0 || (size_t)n >= sizeof(ng->why))
		n = 0;
	va_start(ap, fmt);
	/* clang-tidy 14 reports ap as uninitialised here, wrongly. */
	(void)vsnprintf(ng->why + n, sizeof(ng->why) - (size_t)n, fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized) */
	va_end(ap);
	*why = ng->why;
	return -1;
}

/* Fewer bytes than asked for: 0 on a stop signal, else -1 and why. */
static int
short_read(struct pcapng_in *ng, const char **why, const char *what)
{
	if (ng->r->stopped)
		return 0;
	if (ng->r->error)
		return damaged(ng, why, "read error inside %s", what);
	return damaged(ng, why, "file ends inside %s", what);
}

/* Bytes read and dropped. */
static int
skip_bytes(struct pcapng_in *ng, size_t n)
{
	uint8_t scratch[4096];
	size_t take;

	while (n > 0) {
		take = n < sizeof(scratch) ? n : sizeof(scratch);
		if (reader_read(ng->r, scratch, take) != take)
			return -1;
		n -= take;
	}
	return 0;
}

struct block {
	uint32_t type;
	size_t body;		/* the body's length */
	size_t kept;		/* how much of it is in buf */
};

/*
 * The next block: its body into buf, the first cap bytes of it (the
 * rest read and dropped), its lengths checked.  head, when not NULL, is
 * the block's first four bytes, read already.  Returns 1, 0 at the end
 * of the file or on a stop signal, -1 with *why.
 */
static int
read_block(struct pcapng_in *ng, const uint8_t *head, uint8_t *buf,
    size_t cap, struct block *b, const char **why)
{
	uint8_t h[12];
	size_t got, pre = 0, want;
	uint32_t len;

	got = head != NULL ? 4 : 0;
	if (head != NULL)
		memcpy(h, head, 4);
	ng->block_at = ng->r->offset - got;
	got += reader_read(ng->r, h + got, 8 - got);
	if (got == 0 && !ng->r->error)
		return 0;		/* the end, between blocks */
	ng->blocks++;
	if (got != 8)
		return short_read(ng, why, "a block header");
	b->type = get_le32(h);	/* the SHB's type: the same either way */
	if (b->type == BT_SHB) {
		/* Its byte order comes first, then its length in that order. */
		if (reader_read(ng->r, h + 8, 4) != 4)
			return short_read(ng, why, "a section header");
		if (get_le32(h + 8) == BYTE_ORDER_MAGIC)
			ng->big_endian = 0;
		else if (get32(h + 8) == BYTE_ORDER_MAGIC)
			ng->big_endian = 1;
		else
			return damaged(ng, why, "a section header whose "
			    "byte-order magic is %02x %02x %02x %02x, not "
			    "1a2b3c4d in either order", h[8], h[9], h[10],
			    h[11]);
		pre = 4;
	} else
		b->type = g32(ng, h);
	len = g32(ng, h + 4);
	if (len < 12 || len % 4 != 0 || len > BLOCK_BOUND)
		return damaged(ng, why, "total length %lu: %s",
		    (unsigned long)len,
		    len < 12 ? "less than the 12 bytes of any block" :
		    len % 4 != 0 ? "not a multiple of 4" :
		    "more than any block this reads (16 MiB)");
	if (pre > 0 && len < 12 + SHB_BODY)
		return damaged(ng, why, "a section header of %lu bytes, less "
		    "than the 28 it must have", (unsigned long)len);
	b->body = len - 12;
	want = b->body < cap ? b->body : cap;
	memcpy(buf, h + 8, pre);
	if (reader_read(ng->r, buf + pre, want - pre) != want - pre ||
	    skip_bytes(ng, b->body - want) == -1 ||
	    reader_read(ng->r, h, 4) != 4)
		return short_read(ng, why, "a block");
	if (g32(ng, h) != len)
		return damaged(ng, why, "total length %lu at its start but "
		    "%lu at its end", (unsigned long)len,
		    (unsigned long)g32(ng, h));
	b->kept = want;
	return 1;
}

/*
 * The next option of those in o[*at..n): 1 with its code, length and
 * value, 0 at their end (opt_endofopt, or no room for another), -1 with
 * *why when one runs past the block.
 */
static int
next_option(struct pcapng_in *ng, const uint8_t *o, size_t n, size_t *at,
    uint16_t *code, uint16_t *len, const uint8_t **val, const char **why)
{
	if (*at > n || n - *at < 4)
		return 0;
	*code = g16(ng, o + *at);
	*len = g16(ng, o + *at + 2);
	*val = o + *at + 4;
	if (*code == OPT_END)
		return 0;
	if (*len > n - *at - 4) {
		(void)damaged(ng, why, "option %u of %u bytes runs past the "
		    "end of its block", *code, *len);
		return -1;
	}
	*at += 4 + (size_t)((*len + 3u) & ~3u);
	return 1;
}

static int
take_section(struct pcapng_in *ng, const uint8_t *body, const struct block *b,
    const char **why)
{
	uint16_t major, minor;

	if (b->body < SHB_BODY)
		return damaged(ng, why, "a section header of %zu bytes, "
		    "less than the 28 it must have", b->body + 12);
	major = g16(ng, body + 4);
	minor = g16(ng, body + 6);
	if (major != 1)
		return damaged(ng, why, "pcapng version %u.%u; this reads "
		    "version 1", major, minor);
	ng->sections++;
	ng->nif = 0;		/* each section numbers its own */
	return 0;
}

static int
take_interface(struct pcapng_in *ng, const uint8_t *body,
    const struct block *b, const char **why)
{
	struct pcapng_if *ifc;
	const uint8_t *v = NULL;
	uint16_t code = 0, len = 0;
	size_t at = IDB_BODY, n;
	unsigned e;
	int rc;

	if (b->kept < b->body)
		return damaged(ng, why, "an interface description of %zu "
		    "bytes, longer than this reads", b->body + 12);
	if (b->body < IDB_BODY)
		return damaged(ng, why, "an interface description of %zu "
		    "bytes, less than the 20 it must have", b->body + 12);
	if (ng->nif == PCAPNG_MAXIF)
		return damaged(ng, why, "more than %d interfaces in one "
		    "section, more than this reads", PCAPNG_MAXIF);
	ifc = &ng->ifs[ng->nif];
	memset(ifc, 0, sizeof(*ifc));
	ifc->linktype = g16(ng, body);
	ifc->snaplen = g32(ng, body + 4);
	ifc->tsresol = 6;
	while ((rc = next_option(ng, body, b->body, &at, &code, &len, &v,
	    why)) == 1) {
		if (code == OPT_IF_NAME) {
			/* UTF-8, not NUL-terminated (though some write one) */
			n = len < sizeof(ifc->name) - 1 ? len :
			    sizeof(ifc->name) - 1;
			memcpy(ifc->name, v, n);
			ifc->name[n] = '\0';
		} else if (code == OPT_IF_TSRESOL && len == 1)
			ifc->tsresol = v[0];
		else if (code == OPT_IF_TSOFFSET && len == 8)
			ifc->tsoffset = (int64_t)((uint64_t)g32(ng, v +
			    (ng->big_endian ? 0 : 4)) << 32 |
			    g32(ng, v + (ng->big_endian ? 4 : 0)));
	}
	if (rc == -1)
		return -1;
	/* A unit finer than 10^-19 s or 2^-63 s leaves no whole second in
	 * 64 bits: no capture has one. */
	e = ifc->tsresol & 0x7fu;
	if (ifc->tsresol & 0x80u ? e > 63 : e > 19)
		return damaged(ng, why, "if_tsresol %u: units of %s^-%u "
		    "seconds, finer than this reads", ifc->tsresol,
		    ifc->tsresol & 0x80u ? "2" : "10", e);
	if (!ng->have_first) {
		ng->first = *ifc;
		ng->have_first = 1;
	}
	ng->nif++;
	return 0;
}

int
pcapng_tsprec(const struct pcapng_if *ifc)
{
	unsigned e = ifc->tsresol & 0x7fu;

	/* 2^-20 s is a little under a microsecond. */
	return (ifc->tsresol & 0x80u ? e >= 20 : e > 6) ? 9 : 6;
}

static uint64_t
pow10u(unsigned n)
{
	uint64_t v = 1;

	while (n-- > 0)
		v *= 10;
	return v;
}

/* A stamp in the interface's units as a time. */
static void
stamp(const struct pcapng_if *ifc, uint64_t ts, struct timespec *t)
{
	unsigned e = ifc->tsresol & 0x7fu;
	uint64_t sec, frac, ns, unit;

	if (ifc->tsresol & 0x80u) {
		sec = e == 0 ? ts : ts >> e;
		frac = ts & ((UINT64_C(1) << e) - 1);
		if (e > 30) {	/* a nanosecond is about 2^-30 s */
			frac >>= e - 30;
			e = 30;
		}
		ns = (frac * 1000000000u) >> e;
	} else {
		unit = pow10u(e);
		sec = ts / unit;
		frac = ts % unit;
		ns = e <= 9 ? frac * pow10u(9 - e) : frac / pow10u(e - 9);
	}
	/* if_tsoffset, added as a 64-bit word: a damaged file's sum wraps
	 * rather than overflowing. */
	sec += (uint64_t)ifc->tsoffset;
	t->tv_sec = (time_t)sec;
	t->tv_nsec = (long)ns;
}

/* The direction bits of epb_flags or pack_flags among o[at..n). */
static int
packet_flags(struct pcapng_in *ng, const uint8_t *o, size_t n, size_t at,
    struct pcapng_packet *p, const char **why)
{
	const uint8_t *v = NULL;
	uint16_t code = 0, len = 0;
	uint32_t flags;
	int rc;

	while ((rc = next_option(ng, o, n, &at, &code, &len, &v, why)) == 1)
		if (code == OPT_FLAGS && len == 4) {
			flags = g32(ng, v);
			p->dir = (flags & 3) == 1 ? FRAME_DIR_IN :
			    (flags & 3) == 2 ? FRAME_DIR_OUT :
			    FRAME_DIR_UNKNOWN;
		}
	return rc;
}

/* The interface a packet names, or -1 with *why. */
static int
packet_interface(struct pcapng_in *ng, uint32_t id, struct pcapng_packet *p,
    const char **why)
{
	if (id >= ng->nif && ng->nif == 0)
		return damaged(ng, why, "a packet of interface %lu, but the "
		    "section describes none", (unsigned long)id);
	if (id >= ng->nif)
		return damaged(ng, why, "a packet of interface %lu, but the "
		    "section describes %zu", (unsigned long)id, ng->nif);
	p->ifid = id;
	p->ifc = &ng->ifs[id];
	return 0;
}

/*
 * An Enhanced (6) or obsolete (2) Packet Block: the same but for the
 * width of the interface number and the drops count beside it.
 */
static int
take_packet(struct pcapng_in *ng, const uint8_t *body, const struct block *b,
    struct pcapng_packet *p, const char **why)
{
	uint32_t id, caplen;
	uint64_t ts;

	if (b->body < EPB_BODY)
		return damaged(ng, why, "a packet block of %zu bytes, less "
		    "than the 32 it must have", b->body + 12);
	id = b->type == BT_EPB ? g32(ng, body) : g16(ng, body);
	if (packet_interface(ng, id, p, why) == -1)
		return -1;
	ts = (uint64_t)g32(ng, body + 4) << 32 | g32(ng, body + 8);
	caplen = g32(ng, body + 12);
	p->origlen = g32(ng, body + 16);
	if (caplen > b->body - EPB_BODY)
		return damaged(ng, why, "captured length %lu runs past the "
		    "end of its block", (unsigned long)caplen);
	p->caplen = caplen;
	p->have_time = 1;
	stamp(p->ifc, ts, &p->when);
	p->tsprec = pcapng_tsprec(p->ifc);
	if (EPB_BODY + (size_t)caplen > b->kept)
		return 1;	/* too long to hold: data stays NULL */
	p->data = body + EPB_BODY;
	if (b->kept < b->body)
		return 1;
	return packet_flags(ng, body, b->body,
	    EPB_BODY + (((size_t)caplen + 3) & ~(size_t)3), p, why) == -1 ?
	    -1 : 1;
}

/*
 * A Simple Packet Block: interface 0's, no stamp; the bytes are the
 * original length's, or the snapshot length's, or what the block has
 * room for, whichever is least (the draft's rule, as the block does not
 * say).
 */
static int
take_simple(struct pcapng_in *ng, const uint8_t *body, const struct block *b,
    struct pcapng_packet *p, const char **why)
{
	size_t caplen;

	if (b->body < SPB_BODY)
		return damaged(ng, why, "a simple packet block of %zu bytes, "
		    "less than the 16 it must have", b->body + 12);
	if (packet_interface(ng, 0, p, why) == -1)
		return -1;
	p->origlen = g32(ng, body);
	caplen = b->body - SPB_BODY;
	if (p->origlen < caplen)
		caplen = p->origlen;
	if (p->ifc->snaplen != 0 && p->ifc->snaplen < caplen)
		caplen = p->ifc->snaplen;
	p->caplen = caplen;
	p->tsprec = pcapng_tsprec(p->ifc);
	if (SPB_BODY + caplen <= b->kept)
		p->data = body + SPB_BODY;
	return 1;
}

int
pcapng_is_magic(const uint8_t p[4])
{
	return get_le32(p) == BT_SHB;
}

/*
 * The next block taken in.  Returns 1 with a packet in *p, 2 for an
 * Interface Description Block, 3 for any other block, 0 at the end,
 * -1 with *why.
 */
static int
next_block(struct pcapng_in *ng, const uint8_t *head, uint8_t *buf,
    size_t cap, struct pcapng_packet *p, const char **why)
{
	struct block b = { 0, 0, 0 };
	int rc;

	if ((rc = read_block(ng, head, buf, cap, &b, why)) != 1)
		return rc;
	if (ng->sections == 0 && b.type != BT_SHB)
		return damaged(ng, why, "no section header before it");
	memset(p, 0, sizeof(*p));
	switch (b.type) {
	case BT_SHB:
		return take_section(ng, buf, &b, why) == -1 ? -1 : 3;
	case BT_IDB:
		return take_interface(ng, buf, &b, why) == -1 ? -1 : 2;
	case BT_EPB:
	case BT_PB:
		return take_packet(ng, buf, &b, p, why);
	case BT_SPB:
		return take_simple(ng, buf, &b, p, why);
	default:
		return 3;	/* passed over by its length */
	}
}

int
pcapng_in_open(struct pcapng_in *ng, struct reader *r, const uint8_t head[4],
    uint8_t *buf, size_t cap, const char **why)
{
	struct pcapng_packet p;
	int rc;

	memset(ng, 0, sizeof(*ng));
	ng->r = r;
	*why = NULL;
	/* A packet before the first interface cannot name one: next_block
	 * refuses it. */
	rc = next_block(ng, head, buf, cap, &p, why);
	while (rc == 3)
		rc = next_block(ng, NULL, buf, cap, &p, why);
	return rc == -1 || (rc == 0 && ng->r->stopped) ? -1 : 0;
}

int
pcapng_in_next(struct pcapng_in *ng, uint8_t *buf, size_t cap,
    struct pcapng_packet *p, const char **why)
{
	int rc;

	while ((rc = next_block(ng, NULL, buf, cap, p, why)) > 1)
		continue;
	return rc;
}
