/*
 * Reading frames from a capture or hex text.  Everything in the file is
 * treated as hostile: lengths are checked against what was really read,
 * a line is parsed as it streams past (a 1 MB line costs nothing), and a
 * damaged file stops with a reason after the frames before it.
 *
 * A capture's frames are handed out as captured, link header and all,
 * with the file's link type (tcpdump.org's list, frame.h); the printers
 * read the headers.  Hex text has no link type: its lines are raw IP.
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

/* Warnings of one kind shown before the rest are only counted. */
enum { SKIP_SHOWN = 3 };

static const char *const skip_words[SKIP_KINDS] = {
	[SKIP_EMPTY] = "empty",
	[SKIP_TOO_LONG] = "longer than any frame this reads",
	[SKIP_NOT_FRAME] = "not captured frames",
	[SKIP_FCS] = "shorter than their frame check sequence",
	[SKIP_LINKTYPE] = "of link types this does not read",
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

/* A pcapng file, read up to its first interface: that one's link type
 * and precision are the file's. */
static int
open_pcapng(struct input *in)
{
	const char *why;

	in->kind = INPUT_PCAPNG;
	if (pcapng_in_open(&in->ng, &in->rd, in->head, in->buf,
	    sizeof(in->buf), &why) == -1) {
		if (why != NULL)
			warnx("%s: %s", in->path, why);
		return -1;
	}
	if (in->ng.have_first) {
		in->linktype = in->ng.first.linktype;
		in->tsprec = pcapng_tsprec(&in->ng.first);
	}
	return 0;
}

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
	if (open_common(in, path) == 0)
		return 0;
	if (fd != STDIN_FILENO)	/* not a file this reads: let it go */
		(void)close(fd);
	in->fd = -1;
	return -1;
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
	in->kind = INPUT_TEXT;
	in->linktype = LINKTYPE_RAW;
	in->tsprec = 6;
	in->nhead = reader_read(&in->rd, in->head, sizeof(in->head));
	if (in->rd.error) {
		errno = in->rd.error;
		warn("%s", path);
		return -1;
	}
	if (in->nhead == 4 && pcapng_is_magic(in->head))
		return open_pcapng(in);
	if (in->nhead < 4 || !pcap_is_magic(in->head)) {
		/* Text; a UTF-8 byte order mark, as some editors write, is
		 * no part of it. */
		if (in->nhead >= 3 && memcmp(in->head, bom, 3) == 0)
			in->ihead = 3;
		return 0;
	}
	in->kind = INPUT_PCAP;
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
	in->linktype = in->pcap.linktype;
	in->tsprec = in->pcap.nsec ? 9 : 6;
	if (linktype_name(in->linktype) != NULL)
		return 0;
	warnx("%s: link type %u is not one this reads (%s)", path,
	    (unsigned)in->linktype, linktype_list());
	return -1;
}

uint32_t
input_linktype(const struct input *in)
{
	return in->linktype;
}

int
input_tsprec(const struct input *in)
{
	return in->tsprec;
}

void
input_close(struct input *in)
{
	size_t k;

	for (k = 0; k < SKIP_KINDS; k++)
		if (in->skipped[k] > SKIP_SHOWN)
			warnx("%s: %lu more %s %s, skipped", in->path,
			    in->skipped[k] - SKIP_SHOWN,
			    in->kind == INPUT_TEXT ? "lines" : "records",
			    skip_words[k]);
	if (in->fd > STDIN_FILENO)
		(void)close(in->fd);
	in->fd = -1;
}

/*
 * Which way a Linux cooked frame went, from its packet type (packet(7):
 * PACKET_HOST 0, BROADCAST 1, MULTICAST 2, OTHERHOST 3 came in; OUTGOING
 * 4 went out): at bytes 0-1 of SLL's header, byte 10 of SLL2's
 * (tcpdump.org's LINKTYPE_LINUX_SLL and LINKTYPE_LINUX_SLL2 pages).
 */
static enum frame_dir
cooked_dir(const struct frame *f)
{
	unsigned type;

	if (f->linktype == LINKTYPE_LINUX_SLL && f->caplen >= 2)
		type = get16(f->data);
	else if (f->linktype == LINKTYPE_LINUX_SLL2 && f->caplen >= 11)
		type = f->data[10];
	else
		return FRAME_DIR_UNKNOWN;
	return type <= 3 ? FRAME_DIR_IN : type == 4 ? FRAME_DIR_OUT :
	    FRAME_DIR_UNKNOWN;
}

/*
 * The next record of a classic pcap file as a frame.  A frame check
 * sequence the file header announces (pcap.c) ends the frame on the
 * wire: it is no part of the frame's data, and is cut from both lengths;
 * where the snapshot length cut the record before it, only what was
 * captured of the frame itself remains.
 */
static int
pcap_next_frame(struct input *in, struct frame *f)
{
	uint32_t fcs = in->pcap.fcs_len, origlen;
	const char *why;
	size_t len;
	int rc;

	for (;;) {
		rc = pcap_in_next(&in->pcap, in->buf, PCAP_MAXREC, &len, &why);
		if (rc == 0)
			return 0;
		if (rc == -1) {
			warnx("%s: record %lu: %s", in->path,
			    in->pcap.record + 1, why);
			return -1;
		}
		origlen = in->pcap.origlen;
		if (fcs > 0) {
			/* The frame on the wire: the original length, or the
			 * captured one where a damaged file says less. */
			if (origlen < len)
				origlen = (uint32_t)len;
			if (origlen < fcs) {
				skip(in, SKIP_FCS, "%s: record %lu: shorter "
				    "than its %u-byte frame check sequence, "
				    "skipped", in->path, in->pcap.record,
				    (unsigned)fcs);
				continue;
			}
			origlen -= fcs;
			if (len > origlen)
				len = origlen;
		}
		if (len == 0) {
			skip(in, SKIP_EMPTY, "%s: record %lu: empty, skipped",
			    in->path, in->pcap.record);
			continue;
		}
		memset(f, 0, sizeof(*f));
		f->linktype = in->pcap.linktype;
		f->data = in->buf;
		f->caplen = len;
		f->origlen = origlen;
		f->have_time = 1;
		f->when = in->pcap.when;
		f->tsprec = in->tsprec;
		f->dir = cooked_dir(f);
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
 * One frame a line: pairs of hex digits, blanks allowed between pairs,
 * as the sender (% x) and receiver (% X) print them.  Any other line
 * ("waiting to receive", a decoded field) is passed over.  The line is
 * in->text, and its rest, when it is longer, still to be read: a line
 * of any length costs no memory.  Returns 1 with *n set, 0 for none, -1
 * on a read error.
 */
static int
hex_line(struct input *in, size_t *n)
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
				if (len < PCAP_MAXREC)
					in->buf[len] = (uint8_t)(hi << 4 | d);
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
	else if (len > PCAP_MAXREC)
		skip(in, SKIP_TOO_LONG, "%s: line %lu: %zu bytes, longer "
		    "than any frame this reads (%d bytes), skipped", in->path,
		    in->line, len, PCAP_MAXREC);
	else if (len > 0) {
		*n = len;
		return 1;
	}
	return 0;
}

/* A dump's frame, whole in buf: 1 with *n set, or 0 if passed over. */
static int
dump_frame(struct input *in, size_t *n)
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
	if (d->len > PCAP_MAXREC) {
		skip(in, SKIP_TOO_LONG, "%s: %s: %llu bytes, longer than any "
		    "frame this reads (%d bytes), skipped", in->path, lines,
		    d->len, PCAP_MAXREC);
		return 0;
	}
	*n = (size_t)d->len;
	return 1;
}

/*
 * Text, line by line: another tool's hex dump gathers its lines into a
 * frame (hextext.c); any other line is read as one of our own.  A
 * dump that does not add up stops the file with the reason.
 */
static int
text_next(struct input *in, size_t *n)
{
	enum dump_step step;
	int rc;

	for (;;) {
		if ((rc = read_line(in)) == -1)
			return -1;
		if (rc == 0) {
			if (in->rd.stopped)
				return 0;
			step = dump_end(&in->dump);
		} else
			step = dump_line(&in->dump, in->text, in->ntext,
			    in->whole, in->line, in->buf, PCAP_MAXREC);
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
			if (dump_frame(in, n))
				return 1;
			continue;
		case DUMP_NOT:
			break;
		}
		if (rc == 0)
			break;
		if ((rc = hex_line(in, n)) != 0 || in->rd.stopped)
			return rc;
	}
	if (in->found == 0 && in->ignored > 0) {
		warnx("%s: neither a capture (pcap, pcapng) nor lines of hex "
		    "bytes", in->path);
		return -1;
	}
	return 0;
}

/*
 * The next packet of a pcapng file as a frame, with its interface's link
 * type, number and name.  Packets too long to hold, empty ones, and
 * those of an interface whose link type this does not read are passed
 * over with a warning.
 */
static int
pcapng_next_frame(struct input *in, struct frame *f)
{
	struct pcapng_packet p;
	const char *why;
	int rc;

	for (;;) {
		rc = pcapng_in_next(&in->ng, in->buf, sizeof(in->buf), &p,
		    &why);
		if (rc == -1)
			warnx("%s: %s", in->path, why);
		if (rc != 1)
			return rc;
		if (p.data == NULL || p.caplen > PCAP_MAXREC) {
			skip(in, SKIP_TOO_LONG, "%s: block %lu: %zu bytes, "
			    "longer than any frame this reads (%d bytes), "
			    "skipped", in->path, in->ng.blocks, p.caplen,
			    PCAP_MAXREC);
			continue;
		}
		if (p.caplen == 0) {
			skip(in, SKIP_EMPTY, "%s: block %lu: empty, skipped",
			    in->path, in->ng.blocks);
			continue;
		}
		if (linktype_name(p.ifc->linktype) == NULL) {
			skip(in, SKIP_LINKTYPE, "%s: block %lu: interface %lu "
			    "has link type %lu, not one this reads, skipped",
			    in->path, in->ng.blocks, (unsigned long)p.ifid,
			    (unsigned long)p.ifc->linktype);
			continue;
		}
		memset(f, 0, sizeof(*f));
		f->linktype = p.ifc->linktype;
		f->data = p.data;
		f->caplen = p.caplen;
		f->origlen = p.origlen;
		f->have_time = p.have_time;
		f->when = p.when;
		f->tsprec = p.tsprec;
		f->dir = p.dir != FRAME_DIR_UNKNOWN ? p.dir : cooked_dir(f);
		f->ifindex = p.ifid;
		f->ifname = p.ifc->name[0] != '\0' ? p.ifc->name : NULL;
		return 1;
	}
}

/* Hex text as a frame: raw IP, as typed, with no time or length. */
static int
text_next_frame(struct input *in, struct frame *f)
{
	size_t n;
	int rc;

	if ((rc = text_next(in, &n)) != 1)
		return rc;
	memset(f, 0, sizeof(*f));
	f->linktype = LINKTYPE_RAW;
	f->data = in->buf;
	f->caplen = n;
	f->tsprec = 6;
	return 1;
}

int
input_next(struct input *in, struct frame *f)
{
	int rc;

	switch (in->kind) {
	case INPUT_PCAP:
		rc = pcap_next_frame(in, f);
		break;
	case INPUT_PCAPNG:
		rc = pcapng_next_frame(in, f);
		break;
	default:
		rc = text_next_frame(in, f);
		break;
	}
	if (rc == 1) {
		f->layout = LAYOUT_WIRE;
		f->number = ++in->found;
	}
	return rc;
}
