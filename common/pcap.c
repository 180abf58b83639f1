/*
 * Classic pcap files, as described in the libpcap savefile format
 * (pcap-savefile(5)) and tcpdump.org's link-type list: a 24-byte file
 * header in the writer's byte order (magic 0xa1b2c3d4 for microsecond
 * stamps, 0xa1b23c4d for nanosecond ones), then per packet a 16-byte
 * record header (seconds, sub-seconds, captured length, original
 * length) and the captured bytes.
 *
 * libpcap writes in its host's order; readers look at the magic to
 * learn the order, and we read either.  Writing is capture.c's (always
 * little-endian); the sender's raw datagrams go through it here.
 */
#include <string.h>
#include <time.h>

#include "bytes.h"
#include "pcap.h"

#define MAGIC_USEC 0xa1b2c3d4u	/* microsecond time stamps */
#define MAGIC_NSEC 0xa1b23c4du	/* nanosecond time stamps */

int
pcap_create(struct pcap_out *p, const char *path)
{
	return capture_create(&p->c, path, CAPTURE_PCAP, LINKTYPE_RAW, 6);
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
	struct frame f;
	const char *why;

	memset(&f, 0, sizeof(f));
	f.linktype = LINKTYPE_RAW;
	f.data = b;
	f.caplen = n;
	f.layout = LAYOUT_WIRE;
	f.tsprec = 6;
	if (s != NULL) {
		f.have_time = 1;
		f.when.tv_sec = (time_t)s->sec;
		f.when.tv_nsec = (long)s->usec * 1000;
		f.origlen = s->orig_len;
	}
	/* A raw frame always fits a raw file. */
	(void)capture_put(&p->c, &f, &why);
}

void
pcap_close(struct pcap_out *p)
{
	capture_close(&p->c);
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
	/*
	 * The link type is the low 16 bits.  The upper ones may say how
	 * long a frame check sequence ends each frame (pcap-savefile(5),
	 * "Link-layer header type and additional information"; libpcap's
	 * LT_FCS_LENGTH_PRESENT and LT_FCS_LENGTH): when the P bit, bit 26
	 * counted from the least significant, is set, bits 28-31 give the
	 * FCS length in 16-bit units.  Unset, it is not known, and nothing
	 * is cut (an Ethernet capture normally has none).
	 */
	word = get_order32(hdr + 20, in->big_endian);
	in->linktype = word & 0xffff;
	in->fcs_len = word & 0x04000000u ? (word >> 28) * 2 : 0;
	return 0;
}

int
pcap_in_next(struct pcap_in *in, uint8_t *buf, size_t cap, size_t *n,
    const char **why)
{
	uint8_t r[PCAP_RECHDR_LEN];
	uint32_t caplen, sub, unit, sec;
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
	/* A damaged file's sub-seconds of a second or more are carried,
	 * so that the stamp is a valid timespec. */
	unit = in->nsec ? 1000000000u : 1000000u;
	sec = get_order32(r, in->big_endian) + sub / unit;
	in->when.tv_sec = (time_t)sec;
	in->when.tv_nsec = (long)(sub % unit) * (in->nsec ? 1 : 1000);
	in->origlen = get_order32(r + 12, in->big_endian);
	in->record++;
	*n = caplen;
	return 1;
}
