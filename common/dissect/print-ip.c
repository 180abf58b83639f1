/*
 * IPv4: RFC 791 (the header in 3.1, its options), RFC 1071 (the header
 * checksum).  The header as a raw IP socket of the frame's layout
 * delivers it: where a kernel keeps total length and fragment offset in
 * host order, or leaves the header out of the length, the layout table
 * (iphdr.c) says so, and the lines say what was read.  Where tcpdump -v
 * names a value, its words come first, so the two read side by side.
 *
 * The order is that of parsing a hostile datagram: the version, the
 * header length, the fields whose bytes are here, the total length
 * against what was read; a plain reason whenever something does not add
 * up; then the protocol's own printer (print-ip-demux.c).
 */
#include <stdio.h>
#include <string.h>

#include "cksum.h"
#include "nd.h"

/* The three flag bits (RFC 791), each named when set. */
static const struct tok ip_flags[] = {
	{ IP_FLAG_RF, "reserved bit set (must be 0)" },
	{ IP_FLAG_DF, "DF (don't fragment)" },
	{ IP_FLAG_MF, "MF (more fragments)" },
	{ 0, NULL }
};

/* Options (RFC 791 3.1; numbers: IANA "IP Option Numbers"). */
enum {
	IPOPT_EOL = 0, IPOPT_NOP = 1, IPOPT_RR = 7, IPOPT_TS = 68,
	IPOPT_LSRR = 131, IPOPT_SSRR = 137
};

static const struct tok ip_options[] = {
	{ IPOPT_RR, "record route" },
	{ IPOPT_TS, "timestamp" },
	{ 130, "security" },
	{ IPOPT_LSRR, "loose source route" },
	{ IPOPT_SSRR, "strict source route" },
	{ 148, "router alert" },
	{ 0, NULL }
};

/* Offsets within a route or timestamp option. */
enum { OPT_TYPE = 0, OPT_LEN = 1, OPT_PTR = 2, OPT_TS_FLAGS = 3 };

/*
 * The fragment offset in bytes, as tcpdump shows it ("offset 1480"),
 * then the field itself, which counts 8-byte units (RFC 791); where the
 * layout keeps flags and offset in host order and they are not zero,
 * the bytes as they were read.  An offset of 0 is 0 in either unit.
 */
static void
frag_offset(struct nd *nd, unsigned off)
{
	const struct layout_rules *r = layout_rules(nd->layout);
	unsigned units = off & IP_OFFMASK;
	unsigned b0 = nd_u8(nd, IPH_OFF), b1 = nd_u8(nd, IPH_OFF + 1);

	if (r->len_off != ORDER_NETWORK && off != 0 && units != 0)
		nd_field(nd, COLOR_PLAIN, "fragment offset", "%u (flags and "
		    "offset read in host order %02x %02x, as %s keeps them) "
		    "= field %u x 8 bytes", units * 8u, b0, b1, r->system,
		    units);
	else if (r->len_off != ORDER_NETWORK && off != 0)
		nd_field(nd, COLOR_PLAIN, "fragment offset", "0 (flags and "
		    "offset read in host order %02x %02x, as %s keeps them)",
		    b0, b1, r->system);
	else if (units != 0)
		nd_field(nd, COLOR_PLAIN, "fragment offset", "%u = field %u x "
		    "8 bytes", units * 8u, units);
	else
		nd_field(nd, COLOR_PLAIN, "fragment offset", "0");
}

/* The pointer of a route or timestamp option, as RFC 791 counts it:
 * from 1 within the option, the first slot at byte first, each slot
 * step bytes long. */
static void
option_pointer(struct nd *nd, unsigned ptr, unsigned first, unsigned step)
{
	unsigned slots = (unsigned)((nd->len - (first - 1)) / step);

	if (ptr < first || (ptr - first) % step != 0)
		nd_field(nd, COLOR_PLAIN, "    pointer", "%u: not at a slot "
		    "(RFC 791: %u, %u, %u, ...)", ptr, first, first + step,
		    first + 2 * step);
	else if (ptr - 1 + step > nd->len)
		nd_field(nd, COLOR_PLAIN, "    pointer", "%u: past the last "
		    "slot: all %u used", ptr, slots);
	else
		nd_field(nd, COLOR_PLAIN, "    pointer", "%u: slot %u of %u is "
		    "next", ptr, (ptr - first) / step + 1, slots);
}

/* What is left after the last whole slot of an option. */
static void
option_rest(struct nd *nd, size_t rest, const char *what)
{
	if (rest != 0)
		nd_field(nd, COLOR_PLAIN, "    rest", "%zu byte%s: not a whole "
		    "%s", rest, rest == 1 ? "" : "s", what);
}

/*
 * Record route, loose and strict source route (RFC 791 3.1): a pointer,
 * then addresses.  Those before the pointer are recorded (a source
 * route's replaced by the recording hop's); the one at the pointer is a
 * source route's next hop.  The window is the option.
 */
static void
route_option(struct nd *nd, unsigned type)
{
	char a[ND_IPV4_TEXT];
	unsigned ptr;
	size_t at;

	if (nd->len < 3) {
		nd_field(nd, COLOR_PLAIN, "    pointer", "missing: the option "
		    "is %zu bytes", nd->len);
		return;
	}
	ptr = nd_u8(nd, OPT_PTR);
	option_pointer(nd, ptr, 4, 4);
	for (at = 3; at + 4 <= nd->len; at += 4)
		nd_field(nd, COLOR_PLAIN, "    address", "%s%s",
		    nd_ipv4(nd, at, a), at + 1 < ptr ? " (recorded)" :
		    at + 1 == ptr && type != IPOPT_RR ? " (next hop)" : "");
	option_rest(nd, (nd->len - 3) % 4, "address");
}

/*
 * One timestamp entry at at: a 4-byte stamp, after an address when step
 * is 8, in milliseconds since midnight UT unless its high bit is set.
 */
static void
timestamp_entry(struct nd *nd, size_t at, unsigned step, int recorded)
{
	unsigned long ts = nd_u32(nd, at + step - 4);
	const char *note = !recorded ? " (not yet recorded)" :
	    (ts & 0x80000000UL) != 0 ? " (recorded; high bit set: not "
	    "milliseconds since midnight UT)" : " ms since midnight UT "
	    "(recorded)";
	char a[ND_IPV4_TEXT];

	if (step == 8)
		nd_field(nd, COLOR_PLAIN, "    stamp", "%s: %lu%s",
		    nd_ipv4(nd, at, a), ts, note);
	else
		nd_field(nd, COLOR_PLAIN, "    stamp", "%lu%s", ts, note);
}

/* The timestamp option's flag values (RFC 791 3.1). */
static const struct tok ts_flags[] = {
	{ 0, "timestamps only" },
	{ 1, "each hop's address and timestamp" },
	{ 3, "timestamps from the addresses listed" },
	{ 0, NULL }
};

/*
 * The internet timestamp (RFC 791 3.1): a pointer, overflow (4 bits)
 * and flag (4 bits), then timestamps (flag 0) or address and timestamp
 * pairs (flags 1 and 3).  The window is the option.
 */
static void
timestamp_option(struct nd *nd)
{
	unsigned ptr, flag, step;
	const char *name;
	size_t at;

	if (nd->len < 4) {
		nd_field(nd, COLOR_PLAIN, "    pointer", "missing: the option "
		    "is %zu bytes", nd->len);
		return;
	}
	ptr = nd_u8(nd, OPT_PTR);
	flag = nd_u8(nd, OPT_TS_FLAGS) & 0x0f;
	nd_field(nd, COLOR_PLAIN, "    overflow", "%u (hops that found no "
	    "room)", nd_u8(nd, OPT_TS_FLAGS) >> 4);
	if ((name = tok_name(ts_flags, flag, NULL)) == NULL) {
		nd_field(nd, COLOR_PLAIN, "    flag", "%u (unassigned: the "
		    "rest is not read)", flag);
		return;
	}
	nd_field(nd, COLOR_PLAIN, "    flag", "%u (%s)", flag, name);
	step = flag == 0 ? 4 : 8;
	option_pointer(nd, ptr, 5, step);
	for (at = 4; at + step <= nd->len; at += step)
		timestamp_entry(nd, at, step, at + 1 < ptr);
	option_rest(nd, (nd->len - 4) % step, "entry");
}

/* IP options (RFC 791 3.1), the window on them: a type, then for all
 * but EOL and NOP a length that counts the type and length bytes. */
static void
ip_options_print(struct nd *nd)
{
	struct nd_window w;
	size_t i = 0, n = nd->len, len;
	unsigned t;

	nd_field(nd, COLOR_PLAIN, "options", "%zu bytes", n);
	while (i < n) {
		t = nd_u8(nd, i);
		if (t == IPOPT_EOL) {
			nd_field(nd, COLOR_PLAIN, "  option", "end of list "
			    "(0)");
			return;
		}
		if (t == IPOPT_NOP) {
			nd_field(nd, COLOR_PLAIN, "  option", "no operation "
			    "(1)");
			i++;
			continue;
		}
		len = i + 1 < n ? nd_u8(nd, i + 1) : 0;
		if (len < 2 || len > n - i) {
			nd_field(nd, COLOR_PLAIN, "  option", "type %u: its "
			    "length byte runs past the header; the rest is "
			    "not read", t);
			return;
		}
		nd_field(nd, COLOR_PLAIN, "  option", "%s (%u), %zu bytes",
		    tok_name(ip_options, t, "unassigned here"), t, len);
		w = nd_push(nd, i, len);
		if (t == IPOPT_RR || t == IPOPT_LSRR || t == IPOPT_SSRR)
			route_option(nd, t);
		else if (t == IPOPT_TS)
			timestamp_option(nd);
		nd_pop(nd, w);
		i += len;
	}
}

/* The header checksum over the hlen bytes of the header. */
static void
ip_checksum(struct nd *nd, size_t hlen)
{
	const struct layout_rules *r = layout_rules(nd->layout);
	const uint8_t *h = nd_bytes(nd, 0, hlen);
	unsigned sum = nd_u16(nd, IPH_SUM);
	uint8_t wire[60];

	if (h == NULL)
		return;
	if (cksum(h, hlen) == 0) {
		nd_field(nd, COLOR_SUM, "header checksum", "0x%04x (valid)",
		    sum);
		return;
	}
	if (r->kernel_sets_len_sum && sum == 0) {
		nd_field(nd, COLOR_SUM, "header checksum", "0x0000 (left for "
		    "the kernel: %s always fills it in when sending)",
		    r->system);
		return;
	}
	memcpy(wire, h, hlen);
	ip_to_wire(wire, hlen, nd->layout);
	if (r->len_off != ORDER_NETWORK && cksum(wire, hlen) == 0) {
		nd_field(nd, COLOR_SUM, "header checksum", "0x%04x (valid once "
		    "total length and offset are back in network order: %s "
		    "checks it, then turns those to host order)", sum,
		    r->system);
		return;
	}
	nd_field(nd, COLOR_SUM, "header checksum", "0x%04x (INVALID: should "
	    "be 0x%04x)", sum, cksum_without(h, hlen, IPH_SUM));
}

/*
 * How many bytes the datagram holds by its total length, said in words;
 * returns that length, or 0 when it cannot be trusted.  ip_wire_len
 * says how the layout stores it, the same answer -w writes.  f holds
 * the header length and the total length as stored.
 */
static size_t
total_length(struct nd *nd, const struct ip_fields *f)
{
	const struct layout_rules *r = layout_rules(nd->layout);
	size_t n = nd->len;
	enum len_form form;
	unsigned long len = ip_wire_len(f, n, nd->layout, &form);
	unsigned b0 = nd_u8(nd, IPH_LEN), b1 = nd_u8(nd, IPH_LEN + 1);
	char how[64] = "";

	switch (form) {
	case LEN_LEFT_FOR_KERNEL:
		nd_field(nd, COLOR_LEN, "total length", "0 (left for the "
		    "kernel: %s always fills it in when sending): %zu bytes "
		    "read", r->system, n);
		return n;
	case LEN_SENDING_FORM:
		nd_field(nd, COLOR_LEN, "total length", "%zu (host order %02x "
		    "%02x, as %s wants it on sending)", n, b0, b1, r->system);
		return n;
	case LEN_HEADER_LEFT_OUT:
		if (len == n) {
			nd_field(nd, COLOR_LEN, "total length", "%zu (read as "
			    "%u, host order %02x %02x, header left out: %s "
			    "delivers it so)", n, f->len, b0, b1, r->system);
			return n;
		}
		(void)snprintf(how, sizeof(how), " (read as %u, host order "
		    "%02x %02x, header left out)", f->len, b0, b1);
		break;
	case LEN_AS_IS:
		break;
	}
	if (len < f->hlen) {
		nd_field(nd, COLOR_LEN, "total length", "%lu: less than the "
		    "header itself (%u bytes); %zu bytes read", len, f->hlen,
		    n);
		return 0;
	}
	if (len > n && nd->whole) {
		/* Nothing was cut: the field is what is wrong (Wireshark
		 * then checks the rest over the bytes there are). */
		nd_field(nd, COLOR_LEN, "total length", "%lu%s, but the "
		    "datagram is %zu bytes, all of it here: the field is "
		    "wrong; the rest is read over the %zu bytes present", len,
		    how, n, n);
		return n;
	}
	if (len > n) {
		nd_field(nd, COLOR_LEN, "total length", "%lu%s, but only %zu "
		    "bytes read: the datagram is cut short", len, how, n);
		return 0;
	}
	if (len < n)
		nd_field(nd, COLOR_LEN, "total length", "%lu%s (%zu more bytes "
		    "read after it, ignored)", len, how, (size_t)(n - len));
	else
		nd_field(nd, COLOR_LEN, "total length", "%lu", len);
	return len;
}

/* Source and destination, the source in its colour; a header cut
 * within the destination shows the source alone. */
static void
ip_addresses(struct nd *nd)
{
	char s[ND_IPV4_TEXT], d[ND_IPV4_TEXT];

	if (!nd_has(nd, IPH_DST, 4)) {
		nd_field(nd, COLOR_SRC, "source", "%s", nd_ipv4(nd, IPH_SRC,
		    s));
		return;
	}
	nd_field(nd, COLOR_PLAIN, "addresses", "%s%s%s -> %s",
	    nd_color(COLOR_SRC), nd_ipv4(nd, IPH_SRC, s),
	    nd_color_end(COLOR_SRC), nd_ipv4(nd, IPH_DST, d));
}

/* The network layer's answer to TCP and UDP (nd.h). */
static uint16_t
ip_pseudo_sum(const struct nd *nd, size_t len)
{
	return cksum_pseudo_partial(nd->net.src, nd->net.dst, nd->net.proto,
	    len);
}

/*
 * What follows a whole header of f->hlen bytes: the payload by its
 * protocol's printer, over the datagram's len bytes by its total
 * length (0: the length cannot be trusted, read what is here).
 */
static void
ip_payload(struct nd *nd, const struct ip_fields *f, size_t len)
{
	nd_printer *print = ip_demux(f->proto, 4);
	size_t n = nd->len;
	struct nd_window w;

	if (print == NULL) {
		nd_field(nd, COLOR_PLAIN, "payload", "%zu bytes (not ICMP, TCP "
		    "or UDP: not decoded)", n - f->hlen);
		return;
	}
	if ((f->off & IP_OFFMASK) != 0) {
		nd_field(nd, COLOR_PLAIN, "payload", "%zu bytes: a later "
		    "fragment, which carries no %s header", n - f->hlen,
		    ip_proto_name(f->proto));
		return;
	}
	nd->net.version = 4;
	/* The message is whole when the total length holds and this is
	 * not the first of several fragments. */
	nd->net.complete = len != 0 && (f->off & IP_FLAG_MF) == 0;
	nd->net.pseudo_sum = ip_pseudo_sum;
	nd->net.src = nd->p + IPH_SRC;
	nd->net.dst = nd->p + IPH_DST;
	nd->net.proto = f->proto;
	w = nd_push(nd, f->hlen, (len == 0 ? n : len) - f->hlen);
	print(nd);
	nd_pop(nd, w);
}

/* Why nothing after a header that is not all here can be read. */
static void
ip_not_decoded(struct nd *nd, unsigned hlen)
{
	if (hlen < IPHDR_LEN)
		nd_field(nd, COLOR_PLAIN, "not decoded", "%zu bytes: the "
		    "header length is below 20 bytes (IHL below 5), so "
		    "nothing after it can be placed", nd->len);
	else
		nd_field(nd, COLOR_PLAIN, "not decoded", "%zu bytes: the "
		    "header is %u bytes, only %zu of them here; the rest is "
		    "missing", nd->len, hlen, nd->len);
}

/*
 * The datagram.  A header that is not all here (or whose IHL is below
 * 5) shows every field whose bytes are present, as tcpdump and
 * Wireshark do, then what is missing; its checksum cannot be checked.
 */
void
ip_print(struct nd *nd)
{
	const struct layout_rules *r = layout_rules(nd->layout);
	struct ip_fields f;
	char off_names[128];
	size_t len = 0;
	unsigned vhl;
	int whole;

	if (nd->len == 0) {
		nd_field(nd, COLOR_PLAIN, "not decoded", "0 bytes");
		return;
	}
	vhl = nd_u8(nd, IPH_VHL);
	if (vhl >> 4 != 4) {
		nd_field(nd, COLOR_PLAIN, "not decoded", "%zu bytes: not IPv4 "
		    "(version is %u)", nd->len, vhl >> 4);
		return;
	}
	memset(&f, 0, sizeof(f));
	f.version = 4;
	f.hlen = (vhl & 0x0f) * 4u;
	whole = f.hlen >= IPHDR_LEN && f.hlen <= nd->len;
	nd_field(nd, COLOR_PLAIN, "version", "%u", f.version);
	nd_field(nd, COLOR_PLAIN, "header length", "%u bytes (IHL %u)%s",
	    f.hlen, f.hlen / 4, f.hlen < IPHDR_LEN ? ": below the 20 a header "
	    "needs" : "");
	nd_field(nd, COLOR_PLAIN, "TOS", "0x%02x", nd_u8(nd, IPH_TOS));
	f.len = (uint16_t)nd_u16_in(nd, IPH_LEN, r->len_off);
	if (whole)
		len = total_length(nd, &f);
	else
		nd_field(nd, COLOR_LEN, "total length", "%u (as stored in the "
		    "%s layout)", f.len, layout_name(nd->layout));
	f.id = (uint16_t)nd_u16(nd, IPH_ID);
	nd_field(nd, COLOR_ID, "id", "0x%04x (%u)", f.id, f.id);
	f.off = (uint16_t)nd_u16_in(nd, IPH_OFF, r->len_off);
	nd_field(nd, COLOR_PLAIN, "flags", "%s", tok_flags(ip_flags, f.off,
	    "none", off_names, sizeof(off_names)));
	frag_offset(nd, f.off);
	nd_field(nd, COLOR_PLAIN, "TTL", "%u", nd_u8(nd, IPH_TTL));
	f.proto = (uint8_t)nd_u8(nd, IPH_PROTO);
	nd_field(nd, COLOR_PLAIN, "protocol", "%u (%s)", f.proto,
	    ip_proto_name(f.proto));
	if (whole)
		ip_checksum(nd, f.hlen);
	else
		nd_field(nd, COLOR_SUM, "header checksum", "0x%04x (not "
		    "checked: the header is not all here)", nd_u16(nd,
		    IPH_SUM));
	ip_addresses(nd);
	if (nd_short(nd, f.hlen) || f.hlen < IPHDR_LEN) {
		ip_not_decoded(nd, f.hlen);
		return;
	}
	if (f.hlen > IPHDR_LEN) {
		struct nd_window w = nd_push(nd, IPHDR_LEN, f.hlen - IPHDR_LEN);

		ip_options_print(nd);
		nd_pop(nd, w);
	}
	ip_payload(nd, &f, len);
}
