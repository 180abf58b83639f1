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
#include <err.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "pcap.h"

#define MAGIC_USEC 0xa1b2c3d4u	/* microsecond time stamps */
#define MAGIC_NSEC 0xa1b23c4du	/* nanosecond time stamps */

static void
put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void
put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

FILE *
pcap_create(const char *path)
{
	uint8_t h[PCAP_FILEHDR_LEN];
	FILE *f;

	if ((f = fopen(path, "wb")) == NULL)
		err(1, "%s", path);
	memset(h, 0, sizeof(h));
	put_le32(h, MAGIC_USEC);
	put_le16(h + 4, 2);		/* version 2.4 */
	put_le16(h + 6, 4);
	/* h + 8: time zone offset, h + 12: accuracy; both 0 */
	put_le32(h + 16, 65535);	/* snapshot length: any IPv4 datagram */
	put_le32(h + 20, LINKTYPE_RAW);
	if (fwrite(h, 1, sizeof(h), f) != sizeof(h))
		err(1, "%s", path);
	return f;
}

void
pcap_put(FILE *f, const char *path, const uint8_t *b, size_t n)
{
	uint8_t r[PCAP_RECHDR_LEN];
	struct timespec now;

	if (clock_gettime(CLOCK_REALTIME, &now) == -1)
		err(1, "clock_gettime");
	put_le32(r, (uint32_t)now.tv_sec);
	put_le32(r + 4, (uint32_t)(now.tv_nsec / 1000));
	put_le32(r + 8, (uint32_t)n);
	put_le32(r + 12, (uint32_t)n);
	if (fwrite(r, 1, sizeof(r), f) != sizeof(r) ||
	    fwrite(b, 1, n, f) != n)
		err(1, "%s", path);
}

void
pcap_close(FILE *f, const char *path)
{
	if (ferror(f) || fclose(f) == EOF)
		err(1, "%s", path);
}

/* A 32-bit field: big-endian when big, else little-endian. */
static uint32_t
get_order32(const uint8_t *p, int big)
{
	if (big)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		    (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[1] << 8 | p[0];
}

int
pcap_is_magic(const uint8_t p[4])
{
	uint32_t m = get_order32(p, 0), s = get_order32(p, 1);

	return m == MAGIC_USEC || m == MAGIC_NSEC || s == MAGIC_USEC ||
	    s == MAGIC_NSEC;
}

int
pcap_in_open(struct pcap_in *in, FILE *f,
    const uint8_t hdr[PCAP_FILEHDR_LEN], const char **why)
{
	uint32_t m = get_order32(hdr, 0);

	memset(in, 0, sizeof(*in));
	in->f = f;
	if (m != MAGIC_USEC && m != MAGIC_NSEC) {
		in->big_endian = 1;
		m = get_order32(hdr, 1);
		if (m != MAGIC_USEC && m != MAGIC_NSEC) {
			*why = "not a pcap file (bad magic number)";
			return -1;
		}
	}
	in->snaplen = get_order32(hdr + 16, in->big_endian);
	/* The link type is the low 16 bits; the upper ones may say how
	 * long a frame check sequence each frame carries, as libpcap
	 * reads them (pcap-savefile(5)). */
	in->linktype = get_order32(hdr + 20, in->big_endian) & 0xffff;
	return 0;
}

int
pcap_in_next(struct pcap_in *in, uint8_t *buf, size_t cap, size_t *n,
    const char **why)
{
	uint8_t r[PCAP_RECHDR_LEN];
	uint32_t caplen;
	size_t got;

	got = fread(r, 1, sizeof(r), in->f);
	if (got == 0 && !ferror(in->f))
		return 0;
	if (got != sizeof(r)) {
		*why = ferror(in->f) ? "read error" :
		    "file ends inside a record header";
		return -1;
	}
	caplen = get_order32(r + 8, in->big_endian);
	if (caplen > PCAP_MAXREC || caplen > cap) {
		*why = "record longer than any capture could hold "
		    "(damaged file)";
		return -1;
	}
	if (fread(buf, 1, caplen, in->f) != caplen) {
		*why = ferror(in->f) ? "read error" :
		    "file ends inside a record";
		return -1;
	}
	in->record++;
	*n = caplen;
	return 1;
}
