/*
 * Classic pcap files, as described in the libpcap savefile format
 * (pcap-savefile(5)) and tcpdump.org's link-type list: a 24-byte file
 * header in the writer's byte order (magic 0xa1b2c3d4 for microsecond
 * stamps, 0xa1b23c4d for nanosecond ones), then per packet a 16-byte
 * record header (seconds, sub-seconds, captured length, original
 * length) and the captured bytes.
 *
 * We write in host order, as libpcap does; readers look at the magic
 * to learn the order, so we read either.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "pcap.h"

#define MAGIC_USEC 0xa1b2c3d4u	/* microsecond time stamps */
#define MAGIC_NSEC 0xa1b23c4du	/* nanosecond time stamps */

static void
put_host32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static void
put_host16(uint8_t *p, uint16_t v)
{
	memcpy(p, &v, 2);
}

FILE *
pcap_create(const char *path)
{
	uint8_t h[PCAP_FILEHDR_LEN];
	FILE *f;

	if ((f = fopen(path, "wb")) == NULL)
		err(1, "%s", path);
	memset(h, 0, sizeof(h));
	put_host32(h, MAGIC_USEC);
	put_host16(h + 4, 2);		/* version 2.4 */
	put_host16(h + 6, 4);
	/* h + 8: time zone offset, h + 12: accuracy; both 0 */
	put_host32(h + 16, 65535);	/* snapshot length: any IPv4 datagram */
	put_host32(h + 20, LINKTYPE_RAW);
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
	put_host32(r, (uint32_t)now.tv_sec);
	put_host32(r + 4, (uint32_t)(now.tv_nsec / 1000));
	put_host32(r + 8, (uint32_t)n);
	put_host32(r + 12, (uint32_t)n);
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

static uint32_t
get_order32(const uint8_t *p, int swapped)
{
	uint32_t v;

	memcpy(&v, p, 4);
	if (swapped)
		v = (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) |
		    (v << 24);
	return v;
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
		in->swapped = 1;
		m = get_order32(hdr, 1);
		if (m != MAGIC_USEC && m != MAGIC_NSEC) {
			*why = "not a pcap file (bad magic number)";
			return -1;
		}
	}
	in->snaplen = get_order32(hdr + 16, in->swapped);
	/* The top bits may carry FCS information (pcap-linktype(7)). */
	in->linktype = get_order32(hdr + 20, in->swapped) & 0x0fffffff;
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
	caplen = get_order32(r + 8, in->swapped);
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
