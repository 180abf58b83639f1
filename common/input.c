/*
 * Reading datagrams from a capture or hex text.  Everything in the file
 * is treated as hostile: lengths are checked against what was really
 * read, a line is parsed as it streams past (a 1 MB line costs nothing),
 * and a damaged file stops with a reason after the datagrams before it.
 *
 * Link types (tcpdump.org linktypes): RAW 101 and IPV4 228 hold the
 * datagram alone; EN10MB 1 puts a 14-byte Ethernet header in front (type
 * 0x0800 for IPv4, IEEE 802.3); LINUX_SLL 113 a 16-byte one, protocol in
 * its last two bytes.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bytes.h"
#include "hex.h"
#include "input.h"
#include "iphdr.h"

enum { ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_VLAN = 0x8100 };

/* Warnings of one kind shown before the rest are only counted. */
enum { SKIP_SHOWN = 3 };

static const char *const skip_words[SKIP_KINDS] = {
	[SKIP_NOT_IPV4] = "not IPv4 frames",
	[SKIP_SHORT_LINK] = "shorter than their link-layer header",
	[SKIP_EMPTY] = "empty",
	[SKIP_TOO_LONG] = "longer than any IPv4 datagram",
	[SKIP_NOT_FRAME] = "not captured frames",
};

/* A record or line passed over: said for the first few of its kind. */
static void
skip(struct input *in, enum skip_kind k, const char *fmt, ...)
{
	va_list ap;

	if (in->skipped[k]++ >= SKIP_SHOWN)
		return;
	va_start(ap, fmt);
	/* clang-tidy 14 reports ap as uninitialised here, wrongly. */
	vwarnx(fmt, ap);	/* NOLINT(clang-analyzer-valist.Uninitialized) */
	va_end(ap);
}

static int open_common(struct input *in, const char *path);

int
input_open(struct input *in, const char *path)
{
	int fd;

	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY)) == -1) {
		warn("%s", path);
		return -1;
	}
	memset(in, 0, sizeof(*in));
	in->fd = fd;
	reader_fd(&in->rd, fd);
	return open_common(in, path);
}

int
input_open_mem(struct input *in, const uint8_t *data, size_t n,
    const char *name)
{
	memset(in, 0, sizeof(*in));
	in->fd = -1;
	reader_mem(&in->rd, data, n);
	return open_common(in, name);
}

static int
open_common(struct input *in, const char *path)
{
	static const uint8_t bom[3] = { 0xef, 0xbb, 0xbf };
	uint8_t hdr[PCAP_FILEHDR_LEN];
	const char *why;

	in->path = path;
	in->nhead = reader_read(&in->rd, in->head, sizeof(in->head));
	if (in->rd.error) {
		errno = in->rd.error;
		warn("%s", path);
		return -1;
	}
	if (in->nhead == 4 && get32(in->head) == 0x0a0d0d0a) {
		warnx("%s: a pcapng file; this reads classic pcap: convert "
		    "it with 'tcpdump -r %s -w out.pcap'", path, path);
		return -1;
	}
	if (in->nhead < 4 || !pcap_is_magic(in->head)) {
		/* Text; a UTF-8 byte order mark, as some editors write, is
		 * no part of it. */
		if (in->nhead >= 3 && memcmp(in->head, bom, 3) == 0)
			in->ihead = 3;
		return 0;
	}
	in->is_pcap = 1;
	memcpy(hdr, in->head, 4);
	if (reader_read(&in->rd, hdr + 4, sizeof(hdr) - 4) != sizeof(hdr) - 4) {
		if (in->rd.stopped)
			return -1;
		warnx("%s: file ends inside the pcap file header", path);
		return -1;
	}
	if (pcap_in_open(&in->pcap, &in->rd, hdr, &why) == -1) {
		warnx("%s: %s", path, why);
		return -1;
	}
	switch (in->pcap.linktype) {
	case LINKTYPE_RAW: case LINKTYPE_IPV4: case LINKTYPE_EN10MB:
	case LINKTYPE_LINUX_SLL:
		return 0;
	}
	warnx("%s: link type %u is not one this reads (raw IP 101, IPv4 228, "
	    "Ethernet 1, Linux cooked 113)", path, (unsigned)in->pcap.linktype);
	return -1;
}

void
input_close(struct input *in)
{
	size_t k;

	for (k = 0; k < SKIP_KINDS; k++)
		if (in->skipped[k] > SKIP_SHOWN)
			warnx("%s: %lu more %s %s, skipped", in->path,
			    in->skipped[k] - SKIP_SHOWN,
			    in->is_pcap ? "records" : "lines", skip_words[k]);
	if (in->fd > STDIN_FILENO)
		(void)close(in->fd);
	in->fd = -1;
}

/*
 * Where the IPv4 datagram starts in a record of this link type, or -1
 * (with *why) if the record holds none.
 */
static long
link_header_len(uint32_t linktype, const uint8_t *b, size_t n,
    const char **why)
{
	size_t off;
	uint16_t type;

	switch (linktype) {
	case LINKTYPE_EN10MB:
		if (n < 14)
			break;
		type = get16(b + 12);
		off = 14;
		if (type == ETHERTYPE_VLAN && n >= 18) {
			type = get16(b + 16);
			off = 18;
		}
		if (type != ETHERTYPE_IPV4) {
			*why = "not an IPv4 frame";
			return -1;
		}
		return (long)off;
	case LINKTYPE_LINUX_SLL:
		if (n < 16)
			break;
		if (get16(b + 14) != ETHERTYPE_IPV4) {
			*why = "not an IPv4 frame";
			return -1;
		}
		return 16;
	default:
		return 0;
	}
	*why = "shorter than its link-layer header";
	return -1;
}

static int
pcap_next_datagram(struct input *in, uint8_t *buf, size_t *n)
{
	const char *why;
	size_t len;
	long off;
	int rc;

	for (;;) {
		rc = pcap_in_next(&in->pcap, buf, PCAP_MAXREC, &len, &why);
		if (rc == 0)
			return 0;
		if (rc == -1) {
			warnx("%s: record %lu: %s", in->path,
			    in->pcap.record + 1, why);
			return -1;
		}
		if ((off = link_header_len(in->pcap.linktype, buf, len,
		    &why)) < 0) {
			skip(in, *why == 'n' ? SKIP_NOT_IPV4 : SKIP_SHORT_LINK,
			    "%s: record %lu: %s, skipped", in->path,
			    in->pcap.record, why);
			continue;
		}
		len -= (size_t)off;
		if (len == 0) {
			skip(in, SKIP_EMPTY, "%s: record %lu: empty, skipped",
			    in->path, in->pcap.record);
			continue;
		}
		if (len > IP_MAXLEN) {
			skip(in, SKIP_TOO_LONG, "%s: record %lu: %zu bytes, "
			    "longer than any IPv4 datagram, skipped", in->path,
			    in->pcap.record, len);
			continue;
		}
		memmove(buf, buf + off, len);
		*n = len;
		/* The stamp and original length travel with it (-w). */
		in->stamp = in->pcap.stamp;
		in->stamp.orig_len = in->stamp.orig_len > (uint32_t)off ?
		    in->stamp.orig_len - (uint32_t)off : (uint32_t)len;
		if (in->stamp.orig_len < len)
			in->stamp.orig_len = (uint32_t)len;
		in->have_stamp = 1;
		return 1;
	}
}

static int
next_char(struct input *in)
{
	if (in->ihead < in->nhead)
		return in->head[in->ihead++];
	return reader_getc(&in->rd);
}

/*
 * The next line into in->text (its first DUMP_LINE_MAX characters when
 * longer; the rest stays unread).  Returns 1, 0 at the end or on a stop
 * signal, -1 on a read error (said).
 */
static int
read_line(struct input *in)
{
	int c;

	if (in->held) {
		in->held = 0;
		return 1;
	}
	in->ntext = 0;
	in->whole = 1;
	while ((c = next_char(in)) != -1 && c != '\n') {
		in->text[in->ntext++] = (char)c;
		if (in->ntext == sizeof(in->text)) {
			in->whole = 0;
			break;
		}
	}
	if (in->rd.error) {
		errno = in->rd.error;
		warn("%s: line %lu", in->path, in->line + 1);
		return -1;
	}
	if (in->rd.stopped || (c == -1 && in->ntext == 0))
		return 0;
	in->line++;
	return 1;
}

/*
 * One datagram a line: pairs of hex digits, blanks allowed between
 * pairs, as the sender (% x) and receiver (% X) print them.  Any other
 * line ("waiting to receive", a decoded field) is passed over.  The line
 * is in->text, and its rest, when it is longer, still to be read: a
 * line of any length costs no memory.  Returns 1 with *n set, 0 for
 * none, -1 on a read error.
 */
static int
hex_line(struct input *in, uint8_t *buf, size_t *n)
{
	int c, d, hi = -1, bad = 0;
	size_t i = 0, len = 0;

	for (;;) {
		if (i < in->ntext)
			c = (unsigned char)in->text[i++];
		else if (in->whole || (c = next_char(in)) == -1 || c == '\n')
			break;
		if (bad)
			continue;
		if ((d = hex_digit(c)) >= 0) {
			if (hi < 0)
				hi = d;
			else {
				if (len < IP_MAXLEN)
					buf[len] = (uint8_t)(hi << 4 | d);
				len++;
				hi = -1;
			}
		} else if (c == ' ' || c == '\t' || c == '\r')
			bad = hi >= 0;	/* a lone digit */
		else
			bad = 1;
	}
	if (in->rd.error) {
		errno = in->rd.error;
		warn("%s: line %lu", in->path, in->line);
		return -1;
	}
	if (in->rd.stopped)
		return 0;
	if (hi >= 0)
		bad = 1;
	if (bad)
		in->ignored++;
	else if (len > IP_MAXLEN)
		skip(in, SKIP_TOO_LONG, "%s: line %lu: %zu bytes, longer "
		    "than any IPv4 datagram, skipped", in->path, in->line, len);
	else if (len > 0) {
		*n = len;
		return 1;
	}
	return 0;
}

/* A dump's datagram, whole in buf: 1 with *n set, or 0 if passed over. */
static int
dump_datagram(struct input *in, size_t *n)
{
	const struct dump *d = &in->dump;
	char lines[48];

	/* A section tshark put together (foreign) is named by the heading
	 * on the line before it, which the lines counted take in. */
	if (d->first_line - (unsigned long)d->foreign == d->last_line)
		(void)snprintf(lines, sizeof(lines), "line %lu", d->last_line);
	else
		(void)snprintf(lines, sizeof(lines), "lines %lu-%lu",
		    d->first_line - (unsigned long)d->foreign, d->last_line);
	if (d->foreign) {
		skip(in, SKIP_NOT_FRAME, "%s: %s: tshark's \"%s\" bytes are "
		    "not a captured frame, skipped", in->path, lines,
		    d->title);
		return 0;
	}
	if (d->len > IP_MAXLEN) {
		skip(in, SKIP_TOO_LONG, "%s: %s: %llu bytes, longer than any "
		    "IPv4 datagram, skipped", in->path, lines, d->len);
		return 0;
	}
	*n = (size_t)d->len;
	return 1;
}

/*
 * Text, line by line: another tool's hex dump gathers its lines into a
 * datagram (hextext.c); any other line is read as one of our own.  A
 * dump that does not add up stops the file with the reason.
 */
static int
text_next_datagram(struct input *in, uint8_t *buf, size_t *n)
{
	enum dump_step step;
	int rc;

	in->have_stamp = 0;
	for (;;) {
		if ((rc = read_line(in)) == -1)
			return -1;
		if (rc == 0) {
			if (in->rd.stopped)
				return 0;
			step = dump_end(&in->dump);
		} else
			step = dump_line(&in->dump, in->text, in->ntext,
			    in->whole, in->line, buf, PCAP_MAXREC);
		switch (step) {
		case DUMP_MORE:
			continue;
		case DUMP_BAD:
			warnx("%s: line %lu: %s", in->path, in->line,
			    in->dump.why);
			return -1;
		case DUMP_DONE_KEEP:
			in->held = 1;
			/* FALLTHROUGH */
		case DUMP_DONE:
			if (dump_datagram(in, n))
				return 1;
			continue;
		case DUMP_NOT:
			break;
		}
		if (rc == 0)
			break;
		if ((rc = hex_line(in, buf, n)) != 0 || in->rd.stopped)
			return rc;
	}
	if (in->found == 0 && in->ignored > 0) {
		warnx("%s: neither a pcap file nor lines of hex bytes",
		    in->path);
		return -1;
	}
	return 0;
}

int
input_next(struct input *in, uint8_t *buf, size_t *n)
{
	int rc;

	rc = in->is_pcap ? pcap_next_datagram(in, buf, n) :
	    text_next_datagram(in, buf, n);
	if (rc == 1)
		in->found++;
	return rc;
}
