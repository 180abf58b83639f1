/*
 * sender --compare: the article's point in one screen.  The same echo
 * request as each layout's program hands it to its kernel, one row a
 * layout with a marker under the bytes that differ and a line a field
 * saying why; then, for each layout, what it hands over against what
 * leaves on the wire.  Every reason comes from the one table of per-OS
 * rules (iphdr.c); nothing here knows a system by name.
 */
#include <stdio.h>
#include <string.h>

#include "bytes.h"
#include "compare.h"
#include "hex.h"
#include "iphdr.h"
#include "out.h"
#include "packet.h"

/* A byte the kernel chooses when it sends: shown as "..". */
enum { UNKNOWN = 0x100 };

static void
row(const char *label, const unsigned *b, size_t n)
{
	char pair[3];
	size_t i;

	out_printf("%-14s", label);
	for (i = 0; i < n; i++) {
		if (b[i] & UNKNOWN) {
			pair[0] = pair[1] = '.';
		} else {
			uint8_t v = (uint8_t)b[i];

			(void)hex_format(pair, &v, 1, HEX_LOWER);
		}
		if (i > 0)
			out_bytes(" ", 1);
		out_bytes(pair, 2);
	}
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
		out_printf("%-14snone\n", label);
		return;
	}
	out_printf("%-14s", label);
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

	out_printf("%-14s", "byte");
	for (i = 0; i < n; i++)
		out_printf(i > 0 ? "%3zu" : "%2zu", i);
	out_str("\n");
}

/* Why layout l has what it has in the field at off (2 bytes, or 4 for
 * the source). */
static void
reason(enum layout l, size_t off, const struct ip_fields *f,
    const struct sender_opts *o)
{
	const struct layout_rules *r = layout_rules(l);

	switch (off) {
	case IPH_LEN:
		if (r->kernel_sets_len_sum)
			out_printf("0: %s fills it in", r->system);
		else
			out_printf("%u, %s, for %s", f->len,
			    order_words(r->len_off), r->system);
		break;
	case IPH_OFF:
		out_printf("%s, for %s", order_words(r->len_off),
		    r->system);
		break;
	case IPH_ID:
		if (o->set.id >= 0)
			out_printf("%u, as given", f->id);
		else if (r->sender_fills_id_src)
			out_printf("%u, set by the program, as the "
			    "article's does", f->id);
		else
			out_printf("0: %s picks one", r->system);
		break;
	case IPH_SUM:
		if (r->kernel_sets_len_sum)
			out_printf("0: %s computes it", r->system);
		else
			out_str("computed over these bytes (the kernel "
			    "computes it again as it sends)");
		break;
	case IPH_SRC:
		if (o->have_src)
			out_str("as given");
		else if (f->src[0] == 0)
			out_printf("0: %s fills in the address of the "
			    "route", r->system);
		else
			out_str("set by the program, as the article's does");
		break;
	}
}

/* The header as layout l hands it over, and as it leaves. */
static size_t
build(const struct sender_opts *o, enum layout l, struct ip_fields *f,
    unsigned handed[IP_MAXLEN], unsigned wire[IP_MAXLEN])
{
	static struct sender_opts each;	/* 64 KiB of data: not the stack */
	static uint8_t pkt[IP_MAXLEN];
	size_t len, i;
	int id_known, src_known;

	each = *o;
	each.layout = l;
	sender_header(o, l, &each.ip);
	*f = each.ip;
	len = packet_build(pkt, &each);
	for (i = 0; i < len; i++)
		handed[i] = pkt[i];
	ip_sent_to_wire(pkt, len, l);
	for (i = 0; i < len; i++)
		wire[i] = pkt[i];
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
	static const struct {
		size_t off, len;
		const char *name;
	} fields[] = {
		{ IPH_LEN, 2, "total length" },
		{ IPH_ID, 2, "identification" },
		{ IPH_OFF, 2, "flags, fragment offset" },
		{ IPH_SUM, 2, "header checksum" },
		{ IPH_SRC, 4, "source address" },
	};
	static unsigned handed[LAYOUT_COUNT][IP_MAXLEN];
	static unsigned wire[LAYOUT_COUNT][IP_MAXLEN];
	static unsigned pair[2][IP_MAXLEN];
	struct ip_fields f[LAYOUT_COUNT];
	size_t len = 0, i, k, l;
	int differs;
	char label[32];

	for (l = 0; l < LAYOUT_COUNT; l++)
		len = build(o, (enum layout)l, &f[l], handed[l], wire[l]);

	out_str("The same echo request as each system's program hands it "
	    "to its kernel:\n");
	ruler(len);
	for (l = 0; l < LAYOUT_COUNT; l++)
		row(layout_name((enum layout)l), handed[l], len);
	marks("differ", handed, LAYOUT_COUNT, len);
	for (k = 0; k < sizeof(fields) / sizeof(fields[0]); k++) {
		differs = 0;
		for (l = 1; l < LAYOUT_COUNT; l++)
			for (i = 0; i < fields[k].len; i++)
				differs |= handed[l][fields[k].off + i] !=
				    handed[0][fields[k].off + i];
		if (!differs)
			continue;
		out_printf("%s (bytes %zu-%zu):", fields[k].name,
		    fields[k].off, fields[k].off + fields[k].len - 1);
		for (l = 0; l < LAYOUT_COUNT; l++) {
			out_printf("%s %s ", l > 0 ? ";" : "",
			    layout_name((enum layout)l));
			for (i = 0; i < fields[k].len; i++)
				out_printf(i > 0 ? " %02x" : "%02x",
				    handed[l][fields[k].off + i]);
			out_str(", ");
			reason((enum layout)l, fields[k].off, &f[l], o);
		}
		out_str("\n");
	}

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
