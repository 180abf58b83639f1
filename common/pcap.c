/*
 * Classic pcap files, as described in the libpcap savefile format
 * (pcap-savefile(5)) and tcpdump.org's link-type list: a 24-byte file
 * header in the writer's byte order (magic 0xa1b2c3d4 for microsecond
 * stamps, 0xa1b23c4d for nanosecond ones), then per packet a 16-byte
 * record header (seconds, sub-seconds, captured length, original
 * length) and the captured bytes.
 *
 * libpcap writes in its host's order; we always write little-endian,
 * the order of nearly every machine that captures today, so that one
 * run gives the same file on any host.  Readers look at the magic to
 * learn the order, and we read either.
 */
#include <sys/types.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bytes.h"
#include "pcap.h"
#include "sig.h"

#define MAGIC_USEC 0xa1b2c3d4u	/* microsecond time stamps */
#define MAGIC_NSEC 0xa1b23c4du	/* nanosecond time stamps */

/* How many of the first n gathered bytes make whole records. */
static size_t
whole_records(const uint8_t *b, size_t n)
{
	size_t at = 0, len;

	while (at + PCAP_RECHDR_LEN <= n) {
		len = get_le32(b + at + 8);	/* captured length */
		if (at + PCAP_RECHDR_LEN + len > n)
			break;
		at += PCAP_RECHDR_LEN + len;
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
flush_out(struct pcap_out *p)
{
	size_t done = 0;
	ssize_t n;
	int e;

	while (done < p->used) {
		n = write(p->fd, p->buf + done, p->used - done);
		if (n > 0) {
			done += (size_t)n;
			continue;
		}
		if (n == -1 && errno == EINTR)
			continue;
		e = n == -1 ? errno : ENOSPC;
		p->good += whole_records(p->buf, done);
		if (ftruncate(p->fd, (off_t)p->good) == -1 && errno != EINVAL)
			warn("%s: cutting back to the last whole record",
			    p->path);
		errno = e;
		err(1, "%s: writing stopped; the file keeps the %llu bytes "
		    "of whole records before it", p->path,
		    (unsigned long long)p->good);
	}
	p->good += p->used;
	p->used = 0;
}

int
pcap_create(struct pcap_out *p, const char *path)
{
	const struct timespec retry = { 0, 100000000 };	/* 0.1 s */
	int flags = O_WRONLY | O_CREAT | O_TRUNC | O_NONBLOCK, fl;
	uint8_t *h = p->buf;

#ifdef O_NOFOLLOW
	/* Root writing where others may have left a link: refuse it. */
	if (geteuid() == 0)
		flags |= O_NOFOLLOW;
#endif
	p->path = path;
	for (;;) {
		if ((p->fd = open(path, flags, 0644)) != -1)
			break;
		if (errno == ENXIO) {
			/* A FIFO with no reader yet (open(2)): wait for one,
			 * or for a stop signal. */
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
	if ((fl = fcntl(p->fd, F_GETFL)) == -1 ||
	    fcntl(p->fd, F_SETFL, fl & ~O_NONBLOCK) == -1)
		err(1, "%s", path);
	memset(h, 0, PCAP_FILEHDR_LEN);
	put_le32(h, MAGIC_USEC);
	put_le16(h + 4, 2);		/* version 2.4 */
	put_le16(h + 6, 4);
	/* h + 8: time zone offset, h + 12: accuracy; both 0 */
	put_le32(h + 16, PCAP_SNAPLEN);
	put_le32(h + 20, LINKTYPE_RAW);
	p->good = 0;
	p->used = PCAP_FILEHDR_LEN;
	flush_out(p);	/* an empty capture, readable at once */
	return 0;
}

void
pcap_stamp_at(struct pcap_stamp *s, const struct timespec *t, size_t n)
{
	s->sec = (uint32_t)t->tv_sec;
	s->usec = (uint32_t)(t->tv_nsec / 1000);
	s->orig_len = (uint32_t)n;
}

void
pcap_put(struct pcap_out *p, const uint8_t *b, size_t n,
    const struct pcap_stamp *s)
{
	struct pcap_stamp now;
	struct timespec t;
	uint8_t *r;

	if (s == NULL) {
		if (clock_gettime(CLOCK_REALTIME, &t) == -1)
			err(1, "clock_gettime");
		pcap_stamp_at(&now, &t, n);
		s = &now;
	}
	if (p->used + PCAP_RECHDR_LEN + n > sizeof(p->buf))
		flush_out(p);
	r = p->buf + p->used;
	put_le32(r, s->sec);
	put_le32(r + 4, s->usec);
	put_le32(r + 8, (uint32_t)n);
	put_le32(r + 12, s->orig_len);
	memcpy(r + PCAP_RECHDR_LEN, b, n);
	p->used += PCAP_RECHDR_LEN + n;
}

void
pcap_close(struct pcap_out *p)
{
	flush_out(p);
	if (close(p->fd) == -1)
		err(1, "%s", p->path);
	p->fd = -1;
}

/* A 32-bit field: big-endian when big, else little-endian. */
static uint32_t
get_order32(const uint8_t *p, int big)
{
	return big ? get32(p) : get_le32(p);
}

int
pcap_is_magic(const uint8_t p[4])
{
	uint32_t m = get_order32(p, 0), s = get_order32(p, 1);

	return m == MAGIC_USEC || m == MAGIC_NSEC || s == MAGIC_USEC ||
	    s == MAGIC_NSEC;
}

int
pcap_in_open(struct pcap_in *in, struct reader *r,
    const uint8_t hdr[PCAP_FILEHDR_LEN], const char **why)
{
	uint32_t m = get_order32(hdr, 0), word;

	memset(in, 0, sizeof(*in));
	in->r = r;
	if (m != MAGIC_USEC && m != MAGIC_NSEC) {
		in->big_endian = 1;
		m = get_order32(hdr, 1);
		if (m != MAGIC_USEC && m != MAGIC_NSEC) {
			*why = "not a pcap file (bad magic number)";
			return -1;
		}
	}
	in->nsec = m == MAGIC_NSEC;
	in->snaplen = get_order32(hdr + 16, in->big_endian);
	/* The link type is the low 16 bits; the upper ones may say how
	 * long a frame check sequence each frame carries, as libpcap
	 * reads them (pcap-savefile(5)). */
	word = get_order32(hdr + 20, in->big_endian);
	in->linktype = word & 0xffff;
	in->fcs_bits = word >> 16;
	return 0;
}

int
pcap_in_next(struct pcap_in *in, uint8_t *buf, size_t cap, size_t *n,
    const char **why)
{
	uint8_t r[PCAP_RECHDR_LEN];
	uint32_t caplen, sub;
	size_t got;

	got = reader_read(in->r, r, sizeof(r));
	if (got == 0 && !in->r->error)
		return 0;
	if (got != sizeof(r)) {
		if (in->r->stopped)
			return 0;
		*why = in->r->error ? "read error" :
		    "file ends inside a record header";
		return -1;
	}
	caplen = get_order32(r + 8, in->big_endian);
	if (caplen > PCAP_MAXREC || caplen > cap) {
		*why = "record longer than any capture could hold "
		    "(damaged file)";
		return -1;
	}
	if (reader_read(in->r, buf, caplen) != caplen) {
		if (in->r->stopped)
			return 0;
		*why = in->r->error ? "read error" :
		    "file ends inside a record";
		return -1;
	}
	sub = get_order32(r + 4, in->big_endian);
	in->stamp.sec = get_order32(r, in->big_endian);
	in->stamp.usec = in->nsec ? sub / 1000 : sub;
	in->stamp.orig_len = get_order32(r + 12, in->big_endian);
	in->record++;
	*n = caplen;
	return 1;
}
