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
#include "rows.h"

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

/* A byte's colour: the table's, the same in every row. */
static enum color_class
color_at(const struct line *r, size_t i)
{
	(void)r;
	return i < sizeof(colors) / sizeof(colors[0]) ? colors[i] :
	    COLOR_PLAIN;
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
field(const struct field *fd, const struct line *handed,
    const struct ip_fields *f, const struct sender_opts *o)
{
	size_t l, i;
	int differs = 0;

	for (l = 1; l < LAYOUT_COUNT; l++)
		for (i = 0; i < fd->len; i++)
			differs |= handed[l].b[fd->off + i] !=
			    handed[0].b[fd->off + i];
	if (!differs && !fd->always)
		return;
	line_colored(fd->color, fd->name);
	out_printf(" (bytes %zu-%zu):\n", fd->off, fd->off + fd->len - 1);
	for (l = 0; l < LAYOUT_COUNT; l++) {
		out_printf("  %-8s", layout_name((enum layout)l));
		line_pairs(&handed[l], fd->off, fd->len);
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
    struct line *handed, struct line *wire)
{
	static struct packet p;		/* 64 KiB: not the stack */
	size_t len, i;
	int id_known, src_known;

	packet_settle(&p, o, l);
	*f = p.ip;
	len = p.len;
	line_set(handed, p.bytes, len, IPHDR_LEN);
	ip_sent_to_wire(p.bytes, len, l);
	line_set(wire, p.bytes, len, IPHDR_LEN);
	handed->color = wire->color = color_at;
	/* Every layout's header sits at the same offsets: the colours of
	 * the bytes on the wire are every row's. */
	for (i = 0; i < sizeof(colors) / sizeof(colors[0]); i++)
		colors[i] = color_class_at(p.bytes, len, LAYOUT_WIRE, i);
	/* What the kernel fills in only as it sends: an id of 0 and a
	 * source of 0, and the checksum, which covers them. */
	id_known = f->id != 0 || o->set.id >= 0;
	src_known = get32(f->src) != 0;
	if (!id_known)
		line_unknown(wire, IPH_ID, 2);
	if (!src_known)
		line_unknown(wire, IPH_SRC, 4);
	if (!id_known || !src_known)
		line_unknown(wire, IPH_SUM, 2);
	return len;
}

void
compare_print(const struct sender_opts *o)
{
	static struct line handed[LAYOUT_COUNT], wire[LAYOUT_COUNT];
	const struct line *rows[LAYOUT_COUNT], *pair[2];
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
	for (l = 0; l < LAYOUT_COUNT; l++) {
		len = build(o, (enum layout)l, &f[l], &handed[l], &wire[l]);
		rows[l] = &handed[l];
	}

	out_str("The same echo request as each system's program hands it "
	    "to its kernel:\n");
	line_ruler(len);
	for (l = 0; l < LAYOUT_COUNT; l++)
		line_print(layout_name((enum layout)l), &handed[l]);
	line_marks("differ", rows, LAYOUT_COUNT);
	for (k = 0; k < sizeof(fields) / sizeof(fields[0]); k++)
		field(&fields[k], handed, f, o);
	why();

	out_str("\nHanded to the kernel, then on the wire (.. the kernel "
	    "chooses as it sends):\n");
	for (l = 0; l < LAYOUT_COUNT; l++) {
		pair[0] = &handed[l];
		pair[1] = &wire[l];
		(void)snprintf(label, sizeof(label), "%s handed",
		    layout_name((enum layout)l));
		line_print(label, &handed[l]);
		line_print("  wire", &wire[l]);
		line_marks("  differ", pair, 2);
	}
}
