/*
 * Writing capture files (capture.h), in two formats:
 *
 *   classic pcap  (pcap-savefile(5)): a 24-byte file header naming one
 *                 link type and the stamps' precision by its magic
 *                 (0xa1b2c3d4 microseconds, 0xa1b23c4d nanoseconds), then
 *                 a 16-byte header and the bytes for each frame.
 *   pcapng        (draft-ietf-opsawg-pcapng): blocks {type, total length,
 *                 body, total length}, 32-bit aligned.  A Section Header
 *                 Block; an Interface Description Block for each link
 *                 type the frames bring, written before the first frame
 *                 that needs it (if_tsresol 9 when stamps are in
 *                 nanoseconds); an Enhanced Packet Block a frame, its
 *                 direction in epb_flags where known.
 *
 * Both are written little-endian on every host, the order of nearly
 * every machine that captures today, so that one run gives the same file
 * anywhere; readers learn the order from the magic.  Records are
 * gathered in a buffer and written whole, so a reader following the
 * file never sees half of one.
 */
#include <sys/types.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "bytes.h"
#include "capture.h"
#include "sig.h"

#define PCAP_MAGIC_USEC 0xa1b2c3d4u	/* microsecond stamps */
#define PCAP_MAGIC_NSEC 0xa1b23c4du	/* nanosecond stamps */

enum {
	PCAP_HDR = 24,		/* file header */
	PCAP_REC = 16,		/* record header */
	SNAP_RAW = 65535,	/* any IPv4 datagram */
	/* pcapng block types and option codes */
	NG_SHB = 0x0a0d0d0a,
	NG_IDB = 1,
	NG_EPB = 6,
	NG_BYTE_ORDER = 0x1a2b3c4d,
	NG_SHB_LEN = 28,
	NG_IDB_LEN = 20,	/* without options */
	NG_EPB_LEN = 32,	/* without data or options */
	OPT_END = 0,
	OPT_IF_TSRESOL = 9,
	OPT_EPB_FLAGS = 2
};

enum capture_format
capture_format_for(const char *path)
{
	static const char ext[] = ".pcapng";
	size_t n = strlen(path), k = sizeof(ext) - 1;

	return n >= k && strcasecmp(path + n - k, ext) == 0 ? CAPTURE_PCAPNG :
	    CAPTURE_PCAP;
}

/*
 * How many of the first n gathered bytes make whole records.  The
 * buffer begins at a record's start, or with a classic file's header
 * when nothing has reached the file yet.
 */
static size_t
whole_records(const struct capture_out *c, size_t n)
{
	const uint8_t *b = c->buf;
	size_t at = 0, len;

	if (c->fmt == CAPTURE_PCAP && c->good == 0) {
		if (n < PCAP_HDR)
			return 0;
		at = PCAP_HDR;
	}
	for (;;) {
		if (c->fmt == CAPTURE_PCAP) {
			if (at + PCAP_REC > n)
				break;
			len = PCAP_REC + get_le32(b + at + 8);
		} else {
			if (at + 8 > n)
				break;
			len = get_le32(b + at + 4);	/* total length */
		}
		if (len > n - at)
			break;
		at += len;
	}
	return at;
}

/*
 * Write what is gathered.  A write cut short (a full disk, a file size
 * limit) is reported after cutting the file back to its last whole
 * record, so that what was written reads as a capture.  EINTR is tried
 * again: a stop signal must not leave half a record.
 */
static void
flush_out(struct capture_out *c)
{
	size_t done = 0;
	ssize_t n;
	int e;

	while (done < c->used) {
		n = write(c->fd, c->buf + done, c->used - done);
		if (n > 0) {
			done += (size_t)n;
			continue;
		}
		if (n == -1 && errno == EINTR)
			continue;
		e = n == -1 ? errno : ENOSPC;
		c->good += whole_records(c, done);
		if (ftruncate(c->fd, (off_t)c->good) == -1 && errno != EINVAL)
			warn("%s: cutting back to the last whole record",
			    c->path);
		errno = e;
		err(1, "%s: writing stopped; the file keeps the %llu bytes "
		    "of whole records before it", c->path,
		    (unsigned long long)c->good);
	}
	c->good += c->used;
	c->used = 0;
}

/* Room for n more bytes in the buffer, writing out what is there. */
static uint8_t *
room(struct capture_out *c, size_t n)
{
	if (c->used + n > sizeof(c->buf))
		flush_out(c);
	return c->buf + c->used;
}

/*
 * Open path for writing: 0, or -1 on a stop signal; exits on failure.
 * O_NONBLOCK makes open(2) of a FIFO with no reader fail with ENXIO
 * instead of hanging where no signal can end it; it is waited for here,
 * and the descriptor made blocking again.
 */
static int
open_out(struct capture_out *c, const char *path)
{
	const struct timespec retry = { 0, 100000000 };	/* 0.1 s */
	int flags = O_WRONLY | O_CREAT | O_TRUNC | O_NONBLOCK, fl;

#ifdef O_NOFOLLOW
	/* Root writing where others may have left a link: refuse it. */
	if (geteuid() == 0)
		flags |= O_NOFOLLOW;
#endif
	c->path = path;
	for (;;) {
		if ((c->fd = open(path, flags, 0644)) != -1)
			break;
		if (errno == ENXIO) {
			if (sig_wait_fd(-1, 0, &retry) < 0)
				return -1;
			continue;
		}
		if (errno == EINTR && !sig_stop)
			continue;
		if (errno == EINTR)
			return -1;
#ifdef O_NOFOLLOW
		if (errno == ELOOP && (flags & O_NOFOLLOW))
			errx(1, "%s: a symbolic link; refused while running as "
			    "root: name the file itself", path);
#endif
		err(1, "%s", path);
	}
	if ((fl = fcntl(c->fd, F_GETFL)) == -1 ||
	    fcntl(c->fd, F_SETFL, fl & ~O_NONBLOCK) == -1)
		err(1, "%s", path);
	return 0;
}

int
capture_create(struct capture_out *c, const char *path,
    enum capture_format fmt, uint32_t linktype, int tsprec)
{
	return capture_create_max(c, path, fmt, linktype, tsprec, 0);
}

int
capture_create_max(struct capture_out *c, const char *path,
    enum capture_format fmt, uint32_t linktype, int tsprec, size_t maxframe)
{
	uint8_t *h = c->buf;

	c->fmt = fmt;
	c->linktype = linktype;
	c->tsprec = tsprec == 9 ? 9 : 6;
	/* A pcap of raw IPv4 never needs more than 65535 bytes (as the
	 * sender has always written); any other file up to tcpdump's
	 * largest: a pcapng's interfaces may be any link type, and its
	 * first frame says nothing of the others. */
	c->snaplen = fmt == CAPTURE_PCAP && (linktype == LINKTYPE_RAW ||
	    linktype == LINKTYPE_IPV4) ? SNAP_RAW : CAPTURE_MAXFRAME;
	if (maxframe > c->snaplen && maxframe <= CAPTURE_MAXFRAME)
		c->snaplen = (uint32_t)maxframe;
	c->nif = 0;
	c->good = 0;
	c->used = 0;
	c->why[0] = '\0';
	if (open_out(c, path) == -1)
		return -1;
	if (fmt == CAPTURE_PCAP) {
		memset(h, 0, PCAP_HDR);
		put_le32(h, c->tsprec == 9 ? PCAP_MAGIC_NSEC : PCAP_MAGIC_USEC);
		put_le16(h + 4, 2);		/* version 2.4 */
		put_le16(h + 6, 4);
		/* h + 8: time zone offset, h + 12: accuracy; both 0 */
		put_le32(h + 16, c->snaplen);
		put_le32(h + 20, linktype);
		c->used = PCAP_HDR;
	} else {
		put_le32(h, NG_SHB);
		put_le32(h + 4, NG_SHB_LEN);
		put_le32(h + 8, NG_BYTE_ORDER);
		put_le16(h + 12, 1);		/* version 1.0 */
		put_le16(h + 14, 0);
		/* section length: not known (-1) */
		put_le32(h + 16, 0xffffffffu);
		put_le32(h + 20, 0xffffffffu);
		put_le32(h + 24, NG_SHB_LEN);
		c->used = NG_SHB_LEN;
	}
	flush_out(c);	/* an empty capture, readable at once */
	return 0;
}

/* The pcapng interface for this link type and precision, described
 * first if new; -1 when the file has as many as it takes. */
static long
interface_for(struct capture_out *c, uint32_t linktype, int tsprec)
{
	size_t i, len = NG_IDB_LEN + (tsprec == 9 ? 12 : 0);
	uint8_t *b;

	for (i = 0; i < c->nif; i++)
		if (c->ifs[i].linktype == linktype &&
		    c->ifs[i].tsprec == tsprec)
			return (long)i;
	if (c->nif == CAPTURE_MAXIF)
		return -1;
	b = room(c, len);
	put_le32(b, NG_IDB);
	put_le32(b + 4, (uint32_t)len);
	put_le16(b + 8, (uint16_t)linktype);
	put_le16(b + 10, 0);
	put_le32(b + 12, c->snaplen);
	if (tsprec == 9) {
		/* if_tsresol: 9, units of 10^-9 s; then the end of options */
		put_le16(b + 16, OPT_IF_TSRESOL);
		put_le16(b + 18, 1);
		put_le32(b + 20, 9);	/* the value, then 3 of padding */
		put_le32(b + 24, OPT_END);
	}
	put_le32(b + len - 4, (uint32_t)len);
	c->used += len;
	c->ifs[c->nif].linktype = linktype;
	c->ifs[c->nif].tsprec = tsprec;
	return (long)c->nif++;
}

static void
put_epb(struct capture_out *c, const struct frame *f, long ifid,
    const struct timespec *t, uint32_t caplen, uint32_t origlen)
{
	size_t pad = (4 - caplen % 4) % 4;
	size_t len = NG_EPB_LEN + caplen + pad +
	    (f->dir != FRAME_DIR_UNKNOWN ? 12 : 0);
	int nsec = c->ifs[ifid].tsprec == 9;
	uint64_t ts;
	uint8_t *b;

	/* The stamp in the interface's units: 10^-6 s, the default, or
	 * 10^-9 s where if_tsresol said so. */
	ts = (uint64_t)t->tv_sec * (nsec ? 1000000000u : 1000000u) +
	    (uint64_t)(nsec ? t->tv_nsec : t->tv_nsec / 1000);
	b = room(c, len);
	put_le32(b, NG_EPB);
	put_le32(b + 4, (uint32_t)len);
	put_le32(b + 8, (uint32_t)ifid);
	put_le32(b + 12, (uint32_t)(ts >> 32));
	put_le32(b + 16, (uint32_t)ts);
	put_le32(b + 20, caplen);
	put_le32(b + 24, origlen);
	memcpy(b + 28, f->data, caplen);
	memset(b + 28 + caplen, 0, pad);
	if (f->dir != FRAME_DIR_UNKNOWN) {
		/* epb_flags: direction in bits 0-1, 01 inbound, 10 outbound */
		b += 28 + caplen + pad;
		put_le16(b, OPT_EPB_FLAGS);
		put_le16(b + 2, 4);
		put_le32(b + 4, f->dir == FRAME_DIR_IN ? 1 : 2);
		put_le32(b + 8, OPT_END);
	}
	put_le32(c->buf + c->used + len - 4, (uint32_t)len);
	c->used += len;
}

/* What a frame's link type is called in a message. */
static void
name_linktype(char *s, size_t n, uint32_t linktype)
{
	const char *name = linktype_name(linktype);

	if (name != NULL)
		(void)snprintf(s, n, "%s (%u)", name, (unsigned)linktype);
	else
		(void)snprintf(s, n, "link type %u", (unsigned)linktype);
}

int
capture_put(struct capture_out *c, const struct frame *f, const char **why)
{
	char have[48], got[48];
	struct timespec t;
	uint32_t whole, caplen, origlen;
	uint8_t *r;
	long ifid = 0;

	if (c->fmt == CAPTURE_PCAP && f->linktype != c->linktype) {
		name_linktype(have, sizeof(have), c->linktype);
		name_linktype(got, sizeof(got), f->linktype);
		(void)snprintf(c->why, sizeof(c->why), "link type %s, in a "
		    "pcap file of link type %s: a pcap file holds one link "
		    "type; a name ending in .pcapng holds a mix", got, have);
		*why = c->why;
		return -1;
	}
	/* Nanoseconds a microsecond pcap would cut: refused as a mix of
	 * link types is, with the way out. */
	if (c->fmt == CAPTURE_PCAP && c->tsprec == 6 && f->have_time &&
	    f->tsprec == 9 && f->when.tv_nsec % 1000 != 0) {
		(void)snprintf(c->why, sizeof(c->why), "a time stamp to the "
		    "nanosecond, in a pcap file of microseconds: a pcap file "
		    "holds one precision; a name ending in .pcapng holds "
		    "both");
		*why = c->why;
		return -1;
	}
	if (c->fmt == CAPTURE_PCAPNG && (ifid = interface_for(c, f->linktype,
	    c->tsprec == 9 || (f->have_time && f->tsprec == 9) ? 9 : 6)) < 0) {
		(void)snprintf(c->why, sizeof(c->why), "a frame of a link "
		    "type and precision beyond the %d kinds this writes to "
		    "one file", CAPTURE_MAXIF);
		*why = c->why;
		return -1;
	}
	if (f->have_time)
		t = f->when;
	else if (clock_gettime(CLOCK_REALTIME, &t) == -1)
		err(1, "clock_gettime");
	/* A frame longer than the file's snapshot length is cut to it, the
	 * original length kept: the record says it was cut.  (No source
	 * gives more than CAPTURE_MAXFRAME bytes.) */
	whole = f->caplen > CAPTURE_MAXFRAME ? CAPTURE_MAXFRAME :
	    (uint32_t)f->caplen;
	caplen = whole > c->snaplen ? c->snaplen : whole;
	origlen = f->origlen != 0 ? f->origlen : whole;
	if (origlen < caplen)	/* no reader believes a record longer than
				 * its frame */
		origlen = caplen;
	if (c->fmt == CAPTURE_PCAPNG) {
		put_epb(c, f, ifid, &t, caplen, origlen);
		return 0;
	}
	r = room(c, PCAP_REC + caplen);
	put_le32(r, (uint32_t)t.tv_sec);
	put_le32(r + 4, (uint32_t)(c->tsprec == 9 ? t.tv_nsec :
	    t.tv_nsec / 1000));
	put_le32(r + 8, caplen);
	put_le32(r + 12, origlen);
	memcpy(r + PCAP_REC, f->data, caplen);
	c->used += PCAP_REC + caplen;
	return 0;
}

void
capture_close(struct capture_out *c)
{
	flush_out(c);
	if (close(c->fd) == -1)
		err(1, "%s", c->path);
	c->fd = -1;
}
