/*
 * sender --compare: the article's point in one screen.  The same echo
 * request as each layout's program hands it to its kernel, one row a
 * layout with a marker under the bytes that differ; then, field by
 * field, each layout's bytes and why they are so; then why BSD kernels
 * want host byte order; then, for each layout, what it hands over
 * against what leaves on the wire.  Every reason comes from the one
 * table of per-OS rules (iphdr.c); nothing here knows a system by name.
 * Bytes are counted from 0, as RFC 791's offsets are (iphdr.h).
 *
 * The why, from the kernels' sources: 4.4BSD's ip_input turns ip_len and
 * ip_off to host order as a datagram arrives and keeps them so, and
 * ip_output turns them back as one leaves (xnu bsd/netinet/ip_input.c
 * and ip_output.c still do); a raw socket passes the header across in
 * the stack's own form, so a program hands them over and reads them in
 * host order (xnu ip(4), NetBSD raw_ip.c; FreeBSD ip(4) before 11).
 * KAME's net_osdep.h tabulates which BSD's ip_input converts which.
 */
#include <stdio.h>
#include <string.h>

#include "bytes.h"
#include "color.h"
#include "compare.h"
#include "hex.h"
#include "iphdr.h"
#include "out.h"
#include "packet.h"

/* A byte the kernel chooses when it sends: shown as "..". */
enum { UNKNOWN = 0x100 };

/* The width of a row's label: the bytes start in column 15. */
enum { LABEL = 14 };

/* The fields the layouts may write differently, in header order. */
static const struct field {
	size_t off, len;
	const char *name;
	enum color_class color;
	int always;		/* shown even when every layout agrees */
} fields[] = {
	{ IPH_LEN, 2, "total length", COLOR_LEN, 0 },
	{ IPH_ID, 2, "identification", COLOR_ID, 0 },
	/* The endians article's third host-order field: shown even when
	 * 0, where the order makes no difference to the bytes. */
	{ IPH_OFF, 2, "flags and fragment offset", COLOR_PLAIN, 1 },
	{ IPH_SUM, 2, "header checksum", COLOR_SUM, 0 },
	{ IPH_SRC, 4, "source address", COLOR_SRC, 0 },
};

/* The colour of each header byte and the ICMP type's, the same in every
 * layout (none is a later fragment in one and not another). */
static enum color_class colors[IPHDR_LEN + 1];

static void
color_start(enum color_class c)
{
	if (color_on && c != COLOR_PLAIN)
		out_str(color_sgr(c));
}

static void
color_end(enum color_class c)
{
	if (color_on && c != COLOR_PLAIN)
		out_str(COLOR_RESET);
}

static enum color_class
color_at(size_t i)
{
	return i < sizeof(colors) / sizeof(colors[0]) ? colors[i] :
	    COLOR_PLAIN;
}

/* b[0..n) as hex pairs, ".." for UNKNOWN, each field in its colour
 * (the spaces between fields plain, as color_hex_print has them). */
static void
pairs(const unsigned *b, size_t from, size_t n)
{
	enum color_class now, prev = COLOR_PLAIN;
	char pair[3];
	size_t i;

	for (i = from; i < from + n; i++) {
		now = color_at(i);
		if (now != prev)
			color_end(prev);
		if (i > from)
			out_bytes(" ", 1);
		if (now != prev)
			color_start(now);
		if (b[i] & UNKNOWN) {
			pair[0] = pair[1] = '.';
		} else {
			uint8_t v = (uint8_t)b[i];

			(void)hex_format(pair, &v, 1, HEX_LOWER);
		}
		out_bytes(pair, 2);
		prev = now;
	}
	color_end(prev);
}

static void
row(const char *label, const unsigned *b, size_t n)
{
	out_printf("%-*s", LABEL, label);
	pairs(b, 0, n);
	out_str("\n");
}

/* "^^" under each byte where a row differs from the first. */
static void
marks(const char *label, unsigned b[][IP_MAXLEN], size_t rows, size_t n)
{
	size_t i, r, last = 0;
	int differs;

	for (i = 0; i < n; i++)
		for (r = 1; r < rows; r++)
			if (b[r][i] != b[0][i])
				last = i + 1;
	if (last == 0) {
		out_printf("%-*snone\n", LABEL, label);
		return;
	}
	out_printf("%-*s", LABEL, label);
	for (i = 0; i < last; i++) {
		differs = 0;
		for (r = 1; r < rows; r++)
			differs |= b[r][i] != b[0][i];
		out_str(i > 0 ? (differs ? " ^^" : "   ") :
		    (differs ? "^^" : "  "));
	}
	out_str("\n");
}

static void
ruler(size_t n)
{
	size_t i;

	out_printf("%-*s", LABEL, "byte");
	for (i = 0; i < n; i++)
		out_printf(i > 0 ? "%3zu" : "%2zu", i);
	out_str("\n");
}

/* A 16-bit field's byte order in words, the article's where it has
 * them: "host byte order" for the order of the CPU. */
static void
order(enum order o)
{
	switch (o) {
	case ORDER_NETWORK:
		out_str("in network byte order");
		break;
	case ORDER_LITTLE:
		out_str("in host byte order (a Mac's: little-endian)");
		break;
	case ORDER_HOST:
		/* "this machine's order, little-endian", from the table. */
		out_printf("in host byte order (%s)", order_words(ORDER_HOST));
		break;
	}
}

/* Why layout l has what it has in the field at off. */
static void
reason(enum layout l, size_t off, const struct ip_fields *f,
    const struct sender_opts *o)
{
	const struct layout_rules *r = layout_rules(l);
	char words[IP_OFF_WORDS];

	switch (off) {
	case IPH_LEN:
		if (r->kernel_sets_len_sum) {
			out_printf("0: %s fills it in", r->system);
			return;
		}
		out_printf("%u, ", f->len);
		order(r->len_off);
		break;
	case IPH_OFF:
		out_str(ip_off_words(f->off, words));
		out_str(", ");
		order(r->len_off);
		out_printf(", for %s", r->system);
		if (r->len_off != ORDER_NETWORK && f->off == 0)
			out_str(" (0 is the same bytes in either order)");
		return;
	case IPH_ID:
		if (o->set.id >= 0)
			out_printf("%u, as given", f->id);
		else if (r->sender_fills_id_src)
			out_printf("%u, set by the program, as the "
			    "article's does", f->id);
		else
			out_printf("0: %s picks one", r->system);
		return;
	case IPH_SUM:
		if (r->kernel_sets_len_sum)
			out_printf("0: %s computes it", r->system);
		else
			out_str("computed over these bytes (the kernel "
			    "computes it again as it sends)");
		return;
	case IPH_SRC:
		if (o->have_src)
			out_str("as given");
		else if (f->src[0] == 0)
			out_printf("0: %s fills in the address of the "
			    "route", r->system);
		else
			out_str("set by the program, as the article's does");
		return;
	}
	out_printf(", for %s", r->system);
}

/* One field: a heading, then a line a layout with its bytes and why. */
static void
field(const struct field *fd, unsigned handed[][IP_MAXLEN],
    const struct ip_fields *f, const struct sender_opts *o)
{
	size_t l, i;
	int differs = 0;

	for (l = 1; l < LAYOUT_COUNT; l++)
		for (i = 0; i < fd->len; i++)
			differs |= handed[l][fd->off + i] !=
			    handed[0][fd->off + i];
	if (!differs && !fd->always)
		return;
	color_start(fd->color);
	out_str(fd->name);
	color_end(fd->color);
	out_printf(" (bytes %zu-%zu):\n", fd->off, fd->off + fd->len - 1);
	for (l = 0; l < LAYOUT_COUNT; l++) {
		out_printf("  %-8s", layout_name((enum layout)l));
		pairs(handed[l], fd->off, fd->len);
		out_printf("%*s", (int)(3 * (4 - fd->len) + 2), "");
		reason((enum layout)l, fd->off, &f[l], o);
		out_str("\n");
	}
}

/* Host byte order, and why BSD kernels want it (sources at the top). */
static void
why(void)
{
	out_str(
"Host byte order is the order the CPU keeps a number in; every Mac since\n"
"2006 (Intel, then Apple silicon) is little-endian: the article's 28 is 1c 00.\n"
"Why a kernel wants it: the BSD stack turns ip_len and ip_off to host\n"
"order as a datagram comes in and works on them so, turning them back\n"
"only as one goes out (ip_input and ip_output, in xnu as in 4.4BSD), and\n"
"a raw socket hands the header across as the stack holds it: programs on\n"
"macOS and NetBSD write and read the two fields in host order (xnu's\n"
"ip(4), NetBSD's raw_ip.c).  FreeBSD 11 and later and OpenBSD take\n"
"network order.\n");
}

/* The header as layout l hands it over, and as it leaves. */
static size_t
build(const struct sender_opts *o, enum layout l, struct ip_fields *f,
    unsigned handed[IP_MAXLEN], unsigned wire[IP_MAXLEN])
{
	static struct packet p;		/* 64 KiB: not the stack */
	size_t len, i;
	int id_known, src_known;

	packet_settle(&p, o, l);
	*f = p.ip;
	len = p.len;
	for (i = 0; i < len; i++)
		handed[i] = p.bytes[i];
	ip_sent_to_wire(p.bytes, len, l);
	for (i = 0; i < len; i++)
		wire[i] = p.bytes[i];
	/* Every layout's header sits at the same offsets: the colours of
	 * the bytes on the wire are every row's. */
	for (i = 0; i < sizeof(colors) / sizeof(colors[0]); i++)
		colors[i] = color_class_at(p.bytes, len, LAYOUT_WIRE, i);
	/* What the kernel fills in only as it sends: an id of 0 and a
	 * source of 0, and the checksum, which covers them. */
	id_known = f->id != 0 || o->set.id >= 0;
	src_known = get32(f->src) != 0;
	if (!id_known)
		wire[IPH_ID] = wire[IPH_ID + 1] = UNKNOWN;
	if (!src_known)
		for (i = 0; i < 4; i++)
			wire[IPH_SRC + i] = UNKNOWN;
	if (!id_known || !src_known)
		wire[IPH_SUM] = wire[IPH_SUM + 1] = UNKNOWN;
	return len;
}

void
compare_print(const struct sender_opts *o)
{
	static unsigned handed[LAYOUT_COUNT][IP_MAXLEN];
	static unsigned wire[LAYOUT_COUNT][IP_MAXLEN];
	static unsigned pair[2][IP_MAXLEN];
	struct ip_fields f[LAYOUT_COUNT];
	size_t len = 0, k, l;
	char label[32];

	if (o->dgram) {		/* the ping socket, of either family */
		compare_dgram_print(o);
		return;
	}
	if (o->six) {		/* the IPv6 raw socket */
		compare_six_print(o);
		return;
	}
	for (l = 0; l < LAYOUT_COUNT; l++)
		len = build(o, (enum layout)l, &f[l], handed[l], wire[l]);

	out_str("The same echo request as each system's program hands it "
	    "to its kernel:\n");
	ruler(len);
	for (l = 0; l < LAYOUT_COUNT; l++)
		row(layout_name((enum layout)l), handed[l], len);
	marks("differ", handed, LAYOUT_COUNT, len);
	for (k = 0; k < sizeof(fields) / sizeof(fields[0]); k++)
		field(&fields[k], handed, f, o);
	why();

	out_str("\nHanded to the kernel, then on the wire (.. the kernel "
	    "chooses as it sends):\n");
	for (l = 0; l < LAYOUT_COUNT; l++) {
		memcpy(pair[0], handed[l], len * sizeof(pair[0][0]));
		memcpy(pair[1], wire[l], len * sizeof(pair[1][0]));
		(void)snprintf(label, sizeof(label), "%s handed",
		    layout_name((enum layout)l));
		row(label, pair[0], len);
		row("  wire", pair[1], len);
		marks("  differ", pair, 2, len);
	}
}
