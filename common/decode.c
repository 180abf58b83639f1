/*
 * The decoded view.  RFC 791 (IPv4 header, options in 3.1), RFC 792
 * (ICMP messages; errors quote the IP header and first 8 bytes of the
 * datagram that caused them), RFC 1191 (the next-hop MTU), RFC 1071
 * (checksum), RFC 1624 section 3 (0x0000 and 0xffff are both zero in
 * one's complement), RFC 9293, 7323 and 2018 (TCP header and options).
 * Protocol, type and option numbers: IANA registries.  Where tcpdump -v
 * names a value, its words come first ("mtu 1400", "wscale 7"), so the
 * two can be read side by side.
 *
 * The order is that of parsing a hostile datagram: enough bytes for a
 * header, the header length, the total length against what was read,
 * then the fields; one line per field, and a plain reason whenever
 * something does not add up.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "cksum.h"
#include "color.h"
#include "decode.h"
#include "icmp.h"
#include "out.h"
#include "parse.h"

/*
 * The line builders: each writes at p, never past end, and returns where
 * it stopped, so that the cursor stays in a register.  Byte loops: the
 * runs are a few bytes long, and a memcpy of unknown length (a call, or
 * an inlined rep movs) measured slower.
 */
static char *
put_mem(char *p, const char *end, const char *s, size_t n)
{
	while (n-- > 0 && p < end)
		*p++ = *s++;
	return p;
}

static char *
put_str(char *p, const char *end, const char *s)
{
	char c;

	while ((c = *s++) != '\0' && p < end)
		*p++ = c;
	return p;
}

/* The digits written in place, from the last: no copy. */
static char *
put_dec(char *p, const char *end, unsigned long long v)
{
	unsigned long long t = v;
	size_t n = 1;
	char *q;

	while (t >= 10) {
		t /= 10;
		n++;
	}
	if (n > (size_t)(end - p))
		return p;	/* no room: the line is cut, as put_str cuts */
	q = p + n;
	do
		*--q = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	return p + n;
}

static char *
put_hex(char *p, const char *end, unsigned v, int width)
{
	static const char digits[] = "0123456789abcdef";
	char d[4];
	int i;

	for (i = 0; i < width; i++)
		d[i] = digits[(v >> (4 * (width - 1 - i))) & 0x0f];
	return put_mem(p, end, d, (size_t)width);
}

/*
 * A label in its colour (color.h), padded to 17 columns here, since the
 * escapes take none.
 */
static char *
color_label(char *p, const char *end, const char *label)
{
	enum color_class c = color_of_label(label);
	ptrdiff_t width;
	char *text;

	if (c == COLOR_PLAIN)
		return put_str(p, end, label);
	p = put_str(p, end, color_sgr(c));
	text = p;
	p = put_str(p, end, label);
	width = p - text;
	p = put_str(p, end, COLOR_RESET);
	while (width++ < 17 && p < end)
		*p++ = ' ';
	return p;
}

/*
 * Where lines go: room taken in the output buffer once for a datagram's
 * decode (out_room), not once a line; decode_print hands back what was
 * used.  field makes more room when a line might not fit.
 */
enum { LINE_MAX = 1024 };
static char *room, *cur, *lim;

static void
room_end(void)
{
	if (room != NULL)
		out_wrote((size_t)(cur - room));
	room = cur = lim = NULL;
}

static void
room_start(void)
{
	room_end();
	room = cur = out_room(OUT_ROOM);
	lim = room + OUT_ROOM;
}

/*
 * One field line, written in place: two spaces, the label padded to 17
 * columns, then fmt with the few conversions the decoder uses (%u, %lu,
 * %zu, %s, %02x, %04x), built by hand: a flood of datagrams is many
 * lines, and printf's general machinery was most of their cost.
 */
static void
field(const char *label, const char *fmt, ...)
{
	static const char indent[19] = {
		' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ',
		' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ',
	};
	char *start, *p;
	const char *end;
	const char *f;
	va_list ap;
	char c;

	if (room == NULL || lim - cur < LINE_MAX)
		room_start();
	start = cur;
	end = start + LINE_MAX - 1;	/* room for '\n' */
	memcpy(start, indent, sizeof(indent));	/* two, then the padding */
	p = put_str(start + 2, end, label);
	if (color_on)	/* rare: written again, in colour */
		p = color_label(start + 2, end, label);
	if (p < start + sizeof(indent))
		p = start + sizeof(indent);
	va_start(ap, fmt);
	/* clang-tidy 14 reports ap as uninitialised in the va_arg calls
	 * below, wrongly: va_start is just above. */
	for (f = fmt; (c = *f) != '\0'; f++) {
		if (c != '%') {
			if (p < end)
				*p++ = c;
			continue;
		}
		f++;
		if (*f == 'u') {
			p = put_dec(p, end, va_arg(ap, unsigned));	/* NOLINT(clang-analyzer-valist.Uninitialized) */
		} else if (*f == 'l' && f[1] == 'u') {
			unsigned long lu = va_arg(ap, unsigned long);	/* NOLINT(clang-analyzer-valist.Uninitialized) */

			p = put_dec(p, end, lu);
			f++;
		} else if (*f == 'z' && f[1] == 'u') {
			size_t zu = va_arg(ap, size_t);	/* NOLINT(clang-analyzer-valist.Uninitialized) */

			p = put_dec(p, end, zu);
			f++;
		} else if (*f == 's') {
			p = put_str(p, end, va_arg(ap, const char *));	/* NOLINT(clang-analyzer-valist.Uninitialized) */
		} else if (*f == '0' && (f[1] == '2' || f[1] == '4') &&
		    f[2] == 'x') {
			p = put_hex(p, end, va_arg(ap, unsigned), f[1] - '0');	/* NOLINT(clang-analyzer-valist.Uninitialized) */
			f += 2;
		} else {
			abort();	/* a format this does not know: ours */
		}
	}
	va_end(ap);
	*p++ = '\n';
	cur = p;
}

static const char *
proto_name(unsigned p)
{
	switch (p) {
	case 1:		return "ICMP";
	case 2:		return "IGMP";
	case 4:		return "IPv4-in-IPv4";
	case 6:		return "TCP";
	case 17:	return "UDP";
	case 41:	return "IPv6";
	case 47:	return "GRE";
	case 50:	return "ESP";
	case 51:	return "AH";
	case 58:	return "ICMPv6";
	case 132:	return "SCTP";
	case 255:	return "reserved (a BSD kernel's own header when "
			    "IP_HDRINCL was not set)";
	default:	return "unassigned here";
	}
}

/* Source and destination, the source in its colour (color.h). */
static void
addresses_field(const struct ip_fields *f)
{
	char s[16], d[16];

	field("addresses", "%s%s%s -> %s", color_on ?
	    color_sgr(COLOR_SRC) : "", ipv4_text(f->src, s), color_on ?
	    COLOR_RESET : "", ipv4_text(f->dst, d));
}

/* A flag bit and its name. */
struct flag {
	unsigned bit;
	const char *name;
};

/* A field line naming each flag set in v, in the table's order, or
 * "none". */
static void
flags_line(const char *label, unsigned v, const struct flag *flags,
    size_t n)
{
	char names[128], *p = names;
	const char *end = names + sizeof(names) - 1;
	size_t i;

	for (i = 0; i < n; i++)
		if (v & flags[i].bit) {
			if (p > names)
				p = put_str(p, end, ", ");
			p = put_str(p, end, flags[i].name);
		}
	*p = '\0';
	field(label, "%s", p > names ? names : "none");
}

/* The three flag bits (RFC 791), each named when set. */
static void
flags_field(uint16_t off)
{
	static const struct flag flags[] = {
		{ IP_FLAG_RF, "reserved bit set (must be 0)" },
		{ IP_FLAG_DF, "DF (don't fragment)" },
		{ IP_FLAG_MF, "MF (more fragments)" },
	};

	flags_line("flags", off, flags, sizeof(flags) / sizeof(flags[0]));
}

/*
 * The fragment offset in bytes, as tcpdump shows it ("offset 1480"),
 * then the field itself, which counts 8-byte units (RFC 791); where the
 * layout keeps flags and offset in host order and they are not zero,
 * the bytes as they were read.  An offset of 0 is 0 in either unit.
 */
static void
frag_offset(const uint8_t *b, const struct ip_fields *f, enum layout l)
{
	const struct layout_rules *r = layout_rules(l);
	unsigned units = f->off & IP_OFFMASK;

	if (r->len_off != ORDER_NETWORK && f->off != 0)
		field("fragment offset", units != 0 ? "%u (flags and offset "
		    "read in host order %02x %02x, as %s keeps them) = field "
		    "%u x 8 bytes" : "%u (flags and offset read in host order "
		    "%02x %02x, as %s keeps them)", units * 8u, b[IPH_OFF],
		    b[IPH_OFF + 1], r->system, units);
	else if (units != 0)
		field("fragment offset", "%u = field %u x 8 bytes", units * 8u,
		    units);
	else
		field("fragment offset", "0");
}

/* An ICMP type's name, or "unassigned" (IANA). */
static const char *
type_words(unsigned type)
{
	const char *name = icmp_type_name(type);

	return name != NULL ? name : "unassigned";
}

/* The pointer of a route or timestamp option, as RFC 791 counts it:
 * from 1 within the option, the first slot at byte first, each slot
 * step bytes long. */
static void
option_pointer(unsigned ptr, size_t len, unsigned first, unsigned step)
{
	unsigned slots = (unsigned)((len - (first - 1)) / step);

	if (ptr < first || (ptr - first) % step != 0)
		field("    pointer", "%u: not at a slot (RFC 791: %u, %u, %u, "
		    "...)", ptr, first, first + step, first + 2 * step);
	else if (ptr - 1 + step > len)
		field("    pointer", "%u: past the last slot: all %u used", ptr,
		    slots);
	else
		field("    pointer", "%u: slot %u of %u is next", ptr,
		    (ptr - first) / step + 1, slots);
}

/*
 * Record route, loose and strict source route (RFC 791 3.1): a pointer,
 * then addresses.  Those before the pointer are recorded (a source
 * route's replaced by the recording hop's); the one at the pointer is a
 * source route's next hop.
 */
static void
route_option(const uint8_t *p, size_t len, unsigned type)
{
	char a[16];
	size_t at;

	if (len < 3) {
		field("    pointer", "missing: the option is %zu bytes", len);
		return;
	}
	option_pointer(p[2], len, 4, 4);
	for (at = 3; at + 4 <= len; at += 4)
		field("    address", "%s%s", ipv4_text(p + at, a),
		    at + 1 < p[2] ? " (recorded)" : at + 1 == p[2] &&
		    type != 7 ? " (next hop)" : "");
	if ((len - 3) % 4 != 0)
		field("    rest", (len - 3) % 4 == 1 ? "%zu byte: not a whole "
		    "address" : "%zu bytes: not a whole address", (len - 3) % 4);
}

/*
 * One timestamp entry: a 4-byte stamp, after an address when step is 8,
 * in milliseconds since midnight UT unless its high bit is set.
 */
static void
timestamp_entry(const uint8_t *e, unsigned step, int recorded)
{
	unsigned long ts = (unsigned long)get32(e + step - 4);
	const char *note = !recorded ? " (not yet recorded)" :
	    (ts & 0x80000000UL) != 0 ? " (recorded; high bit set: not "
	    "milliseconds since midnight UT)" : " ms since midnight UT "
	    "(recorded)";
	char a[16];

	if (step == 8)
		field("    stamp", "%s: %lu%s", ipv4_text(e, a), ts, note);
	else
		field("    stamp", "%lu%s", ts, note);
}

/*
 * The internet timestamp (RFC 791 3.1): a pointer, overflow (4 bits)
 * and flag (4 bits), then timestamps (flag 0) or address and timestamp
 * pairs (flags 1 and 3).
 */
static void
timestamp_option(const uint8_t *p, size_t len)
{
	unsigned flag, step;
	size_t at;

	if (len < 4) {
		field("    pointer", "missing: the option is %zu bytes", len);
		return;
	}
	flag = p[3] & 0x0f;
	field("    overflow", "%u (hops that found no room)", p[3] >> 4);
	if (flag != 0 && flag != 1 && flag != 3) {
		field("    flag", "%u (unassigned: the rest is not read)",
		    flag);
		return;
	}
	field("    flag", "%u (%s)", flag, flag == 0 ? "timestamps only" :
	    flag == 1 ? "each hop's address and timestamp" :
	    "timestamps from the addresses listed");
	step = flag == 0 ? 4 : 8;
	option_pointer(p[2], len, 5, step);
	for (at = 4; at + step <= len; at += step)
		timestamp_entry(p + at, step, at + 1 < p[2]);
	if ((len - 4) % step != 0)
		field("    rest", (len - 4) % step == 1 ? "%zu byte: not a "
		    "whole entry" : "%zu bytes: not a whole entry",
		    (len - 4) % step);
}

static const char *
option_name(unsigned t)
{
	switch (t) {
	case 7:		return "record route";
	case 68:	return "timestamp";
	case 130:	return "security";
	case 131:	return "loose source route";
	case 137:	return "strict source route";
	case 148:	return "router alert";
	default:	return "unassigned here";
	}
}

/* IP options (RFC 791 3.1): type, then for all but EOL and NOP a length
 * that counts the type and length bytes. */
static void
decode_options(const uint8_t *o, size_t n)
{
	size_t i = 0, len;
	unsigned t;

	field("options", "%zu bytes", n);
	while (i < n) {
		t = o[i];
		if (t == 0) {
			field("  option", "end of list (0)");
			return;
		}
		if (t == 1) {
			field("  option", "no operation (1)");
			i++;
			continue;
		}
		if (i + 1 >= n || o[i + 1] < 2 || o[i + 1] > n - i) {
			field("  option", "type %u: its length byte runs "
			    "past the header; the rest is not read", t);
			return;
		}
		len = o[i + 1];
		field("  option", "%s (%u), %zu bytes", option_name(t), t, len);
		if (t == 7 || t == 131 || t == 137)
			route_option(o + i, len, t);
		else if (t == 68)
			timestamp_option(o + i, len);
		i += len;
	}
}

static void
ip_checksum(const uint8_t *h, size_t hlen, uint16_t sum,
    enum layout l)
{
	const struct layout_rules *r = layout_rules(l);
	uint8_t wire[60];

	if (cksum(h, hlen) == 0) {
		field("header checksum", "0x%04x (valid)", sum);
		return;
	}
	if (r->kernel_sets_len_sum && sum == 0) {
		field("header checksum", "0x0000 (left for the kernel: "
		    "%s always fills it in when sending)", r->system);
		return;
	}
	memcpy(wire, h, hlen);
	ip_to_wire(wire, hlen, l);
	if (r->len_off != ORDER_NETWORK && cksum(wire, hlen) == 0) {
		field("header checksum", "0x%04x (valid once total "
		    "length and offset are back in network order: %s "
		    "checks it, then turns those to host order)", sum,
		    r->system);
		return;
	}
	field("header checksum", "0x%04x (INVALID: should be 0x%04x)",
	    sum, cksum_without(h, hlen, IPH_SUM));
}

/*
 * The ICMP checksum of the whole message m[0..n).  Where the layout's
 * kernel checked it over the wire bytes and then turned the quoted
 * header's total length (xnu), it is checked over a copy with that
 * length put back, as the kernel saw it.
 */
static void
icmp_checksum(const uint8_t *m, size_t n, enum layout l)
{
	static uint8_t wire[IP_MAXLEN];
	const struct layout_rules *r = layout_rules(l);
	uint16_t stored = get16(m + ICMP_SUM);
	const char *as_sent = "";
	uint16_t want;

	if (r->quoted_len_after_sum && ip_quoted_len_turned(m, n, l)) {
		memcpy(wire, m, n);
		ip_quoted_to_wire(wire, n, l);
		m = wire;
		as_sent = ", over the quoted total length in network order";
	}
	if (cksum(m, n) == 0) {
		if (*as_sent != '\0')
			field("ICMP checksum", "0x%04x (valid with the quoted "
			    "total length back in network order: %s checks "
			    "the wire bytes, then turns that length to host "
			    "order)", stored, r->system);
		else
			field("ICMP checksum", "0x%04x (valid)", stored);
		return;
	}
	want = cksum_without(m, n, ICMP_SUM);
	if (stored == 0 && want == 0xffff)
		field("ICMP checksum", "0x0000 (fails the strict RFC 1071 "
		    "check, which wants 0xffff; but 0x0000 is the same zero "
		    "in one's complement, and it is what Linux writes when it "
		    "answers an all-zero echo request)");
	else
		field("ICMP checksum", "0x%04x (INVALID: should be "
		    "0x%04x%s)", stored, want, as_sent);
}

static const char *
unreach_code(unsigned code)
{
	static const char *const names[] = {
		"network unreachable", "host unreachable",
		"protocol unreachable", "port unreachable",
		"fragmentation needed and DF set", "source route failed",
		"destination network unknown", "destination host unknown",
		"source host isolated", "network administratively prohibited",
		"host administratively prohibited",
		"network unreachable for TOS", "host unreachable for TOS",
		"communication administratively prohibited",
		"host precedence violation", "precedence cutoff in effect",
	};

	return code < sizeof(names) / sizeof(names[0]) ? names[code] : NULL;
}

static const char *
code_words(unsigned type, unsigned code)
{
	const char *w = NULL;

	if (type == ICMP_TYPE_UNREACH)
		w = unreach_code(code);
	else if (type == ICMP_TYPE_TIMXCEED)
		w = code == 0 ? "TTL exceeded in transit" : code == 1 ?
		    "fragment reassembly time exceeded" : NULL;
	else if (type == ICMP_TYPE_REDIRECT)
		w = code == 0 ? "for the network" : code == 1 ? "for the host" :
		    code == 2 ? "for the TOS and network" : code == 3 ?
		    "for the TOS and host" : NULL;
	else if (type == ICMP_TYPE_PARAMPROB)
		w = code == 0 ? "pointer indicates the error" : code == 1 ?
		    "missing a required option" : code == 2 ? "bad length" :
		    NULL;
	else if (code == 0)
		w = "";
	return w;
}

/*
 * An IPv4 header inside the message, parsed into f: RFC 792 errors carry
 * the offending header and 8 bytes after it; a doubled header is the one
 * handed to the kernel.  host_order says its total length was read in
 * host order.
 */
static void
inner_header(const struct ip_fields *f, int host_order)
{
	char s[16], d[16];

	field("  inner IPv4", "%s -> %s, protocol %u (%s), total "
	    "length %u%s, id 0x%04x, TTL %u", ipv4_text(f->src, s),
	    ipv4_text(f->dst, d), f->proto, proto_name(f->proto), f->len,
	    host_order ? " (host order)" : "", f->id, f->ttl);
}

/* What follows the inner header q[0..n): RFC 792 quotes 8 bytes of it. */
static void
inner_data(const uint8_t *q, size_t n, const struct ip_fields *f)
{
	const uint8_t *t = q + f->hlen;

	if (n - f->hlen < 8)
		field("  inner data", "%zu bytes (RFC 792 quotes 8)",
		    n - f->hlen);
	else if (f->proto == 1)
		field("  inner ICMP", "type %u (%s), code %u, id %u, "
		    "sequence %u", t[0], type_words(t[0]), t[1],
		    get16(t + ICMP_ID), get16(t + ICMP_SEQ));
	else if (f->proto == 6 || f->proto == 17)
		field(f->proto == 6 ? "  inner TCP" : "  inner UDP",
		    "port %u -> %u", get16(t), get16(t + 2));
	else
		field("  inner data", "%zu bytes", n - f->hlen);
}

/*
 * The quoted header's own checksum, as tcpdump -v checks it: over the
 * header as it was sent, so with a total length the kernel turned put
 * back.  ip_parse_quoted has seen the whole header, at most 60 bytes
 * (IHL 15), within the message.
 */
static void
quoted_checksum(const uint8_t *q, const struct ip_fields *f, int turned)
{
	uint8_t h[60];

	memcpy(h, q, f->hlen);
	if (turned)
		put16(h + IPH_LEN, f->len);
	if (cksum(h, f->hlen) == 0)
		field("  inner checksum", "0x%04x (valid%s)", f->sum, turned ?
		    ", with the total length back in network order" : "");
	else
		field("  inner checksum", "0x%04x (INVALID: should be "
		    "0x%04x)", f->sum, cksum_without(h, f->hlen, IPH_SUM));
}

/*
 * The header an error quotes, at m + 8 of the message m[0..n), its total
 * length read as the layout's kernel left it (iphdr.c).
 */
static void
decode_quoted(const uint8_t *m, size_t n, enum layout l)
{
	const uint8_t *q = m + ICMP_HDRLEN;
	int turned = ip_quoted_len_turned(m, n, l);
	struct ip_fields f;
	const char *why;

	field("quoted datagram", "%zu bytes: the header and first bytes of "
	    "the datagram that caused this error", n - ICMP_HDRLEN);
	if (ip_parse_quoted(m, n, l, &f, &why) != 0) {
		field("  inner IPv4", "not decoded: %s", why);
		return;
	}
	inner_header(&f, turned);
	quoted_checksum(q, &f, turned);
	inner_data(q, n - ICMP_HDRLEN, &f);
}

/* A second header where ICMP should begin, read as the layout sends. */
static void
decode_doubled(const uint8_t *q, size_t n, enum layout l)
{
	struct ip_fields f;
	const char *why;

	field("second header", "%zu bytes from here on", n);
	if (ip_parse(q, n, l, &f, &why) != 0) {
		field("  inner IPv4", "not decoded: %s", why);
		return;
	}
	inner_header(&f, layout_rules(l)->len_off != ORDER_NETWORK);
	inner_data(q, n, &f);
}

/* The field of a 20-byte IPv4 header (RFC 791) that octet o is part of. */
static const char *
header_octet(unsigned o)
{
	static const char *const names[IPHDR_LEN] = {
		"version and IHL", "TOS", "total length", "total length",
		"id", "id", "flags and fragment offset",
		"flags and fragment offset", "TTL", "protocol",
		"header checksum", "header checksum", "source address",
		"source address", "source address", "source address",
		"destination address", "destination address",
		"destination address", "destination address",
	};

	return o < IPHDR_LEN ? names[o] : "past the fixed header";
}

/*
 * Bytes 4-7 of an error: unused (RFC 792), but for a redirect's gateway,
 * a parameter problem's pointer, counted from 0, and the next-hop MTU of
 * "fragmentation needed" in bytes 6-7 (RFC 1191).  The values in
 * tcpdump -v's words: "mtu 1400", "octet 8".
 */
static void
error_rest(const uint8_t *m, unsigned type, unsigned code)
{
	char gw[16];

	if (type == ICMP_TYPE_REDIRECT) {
		field("gateway", "%s", ipv4_text(m + 4, gw));
	} else if (type == ICMP_TYPE_PARAMPROB && code == 0) {
		field("pointer", "octet %u (%s, in the quoted header)", m[4],
		    header_octet(m[4]));
		field("unused", "%02x %02x %02x", m[5], m[6], m[7]);
	} else if (type == ICMP_TYPE_UNREACH && code == 4) {
		field("unused", "%02x %02x", m[4], m[5]);
		if (get16(m + 6) != 0)
			field("next hop", "mtu %u (RFC 1191)", get16(m + 6));
		else
			field("next hop", "mtu not given (00 00: a router "
			    "older than RFC 1191)");
	} else {
		field("unused", "%02x %02x %02x %02x", m[4], m[5], m[6],
		    m[7]);
	}
}

/* Bytes 4-7 of the ICMP header, named as the type defines them. */
static void
icmp_rest(const uint8_t *m, unsigned type)
{
	switch (icmp_rest_kind(type)) {
	case ICMP_REST_ID_SEQ:
		field("ICMP id", "%u", get16(m + ICMP_ID));
		field("ICMP sequence", "%u", get16(m + ICMP_SEQ));
		break;
	case ICMP_REST_EXT_ECHO:
		/* RFC 8335 2.1/2.2: id, 8-bit sequence, then flags (the
		 * request's L bit; the reply's state and A, 4, 6 bits). */
		field("ICMP id", "%u", get16(m + ICMP_ID));
		field("ICMP sequence", "%u (8 bits)", m[6]);
		field(type == 42 ? "flags (L bit 0)" :
		    "state and flags", "0x%02x", m[7]);
		break;
	case ICMP_REST_ROUTER_ADV:
		/* RFC 1256 3.1 */
		field("addresses", "%u, of %u words each", m[4], m[5]);
		field("lifetime", "%u seconds", get16(m + 6));
		break;
	default:
		field("rest of header", "%02x %02x %02x %02x", m[4], m[5],
		    m[6], m[7]);
	}
}

/* The checksum, checked when the message is all here. */
static void
icmp_checksum_line(const uint8_t *m, size_t n, int complete,
    enum layout l)
{
	if (complete)
		icmp_checksum(m, n, l);
	else
		field("ICMP checksum", "0x%04x (not checked: only part of "
		    "the message is here)", get16(m + ICMP_SUM));
}

/*
 * A message shorter than the 8-byte header: the type from 1 byte, the
 * code from 2, the checksum from 4, which covers the whole message
 * however short.
 */
static void
short_icmp(const uint8_t *m, size_t n, int complete, enum layout l)
{
	if (n >= 1)
		field("ICMP type", "%u (%s)", m[ICMP_TYPE],
		    type_words(m[ICMP_TYPE]));
	if (n >= 2)
		field("ICMP code", "%u", m[ICMP_CODE]);
	if (n >= 4)
		icmp_checksum_line(m, n, complete, l);
	field("ICMP", "only %zu bytes: shorter than the 8-byte ICMP header; "
	    "the rest is not decoded", n);
}

static void
decode_icmp(const uint8_t *m, size_t n, int complete,
    enum layout l)
{
	unsigned type, code;
	const char *name, *cw;
	struct ip_fields inner;
	const char *why;
	int doubled = 0;

	if (n < ICMP_HDRLEN) {
		short_icmp(m, n, complete, l);
		return;
	}
	type = m[ICMP_TYPE];
	code = m[ICMP_CODE];
	name = icmp_type_name(type);
	if (name != NULL)
		field("ICMP type", "%u (%s)", type, name);
	else if ((doubled = ip_parse(m, n, l, &inner, &why) == 0))
		field("ICMP type", "%u (unassigned; 0x%02x is how an IPv4 "
		    "header begins: a second IP header, IP | IP | ICMP, as "
		    "when IP_HDRINCL is off)", type, type);
	else
		field("ICMP type", "%u (unassigned)", type);
	cw = code_words(type, code);
	field("ICMP code", cw == NULL ? "%u (unassigned here)" :
	    *cw == '\0' ? "%u" : "%u (%s)", code, cw);
	icmp_checksum_line(m, n, complete, l);
	if (icmp_is_error(type)) {
		error_rest(m, type, code);
		decode_quoted(m, n, l);
	} else if (doubled) {
		decode_doubled(m, n, l);
	} else if (name == NULL) {
		field("rest of header", "%02x %02x %02x %02x", m[4],
		    m[5], m[6], m[7]);
		field("body", "%zu bytes", n - ICMP_HDRLEN);
	} else {
		icmp_rest(m, type);
		field("payload", "%zu bytes", n - ICMP_HDRLEN);
	}
}

/*
 * A TCP or UDP checksum, over the pseudo-header and the segment (RFC
 * 9293 3.1, RFC 768).  Linux leaves only the pseudo-header's sum in the
 * field for the network card to finish (checksum offload), and on
 * loopback no card does: a raw socket there sees that sum, as tcpdump
 * does when it calls the checksum incorrect.
 */
static void
l4_checksum(const char *label, const uint8_t *t, size_t n, size_t at,
    int complete, const struct ip_fields *f)
{
	uint16_t stored = get16(t + at);

	if (!complete) {
		field(label, "0x%04x (not checked: only part of the segment "
		    "is here)", stored);
		return;
	}
	if (cksum_pseudo(f->src, f->dst, f->proto, t, n) == 0)
		field(label, "0x%04x (valid)", stored);
	else if (stored == cksum_pseudo_partial(f->src, f->dst, f->proto, n))
		field(label, "0x%04x (the pseudo-header's sum only: Linux "
		    "leaves the rest to the network card, and on loopback "
		    "none adds it; should be 0x%04x)", stored,
		    cksum_pseudo_without(f->src, f->dst, f->proto, t, n, at));
	else
		field(label, "0x%04x (INVALID: should be 0x%04x)", stored,
		    cksum_pseudo_without(f->src, f->dst, f->proto, t, n, at));
}

/*
 * TCP options with a length byte that this decoder reads, named as
 * tcpdump names them: RFC 9293 3.2 (maximum segment size), RFC 7323 2
 * and 3 (window scale, timestamps), RFC 2018 2 and 3 (SACK).
 */
static const struct tcp_kind {
	unsigned kind;
	unsigned len;		/* its length byte; 0: 2 + 8 per SACK block */
	const char *name;	/* tcpdump's */
	const char *words;
	const char *rfc;
} tcp_kinds[] = {
	{ 2, 4, "mss", "maximum segment size", "RFC 9293" },
	{ 3, 3, "wscale", "window scale", "RFC 7323" },
	{ 4, 2, "sackOK", "SACK permitted", "RFC 2018" },
	{ 5, 0, "sack", "SACK blocks", "RFC 2018" },
	{ 8, 10, "TS", "timestamps", "RFC 7323" },
};

static const struct tcp_kind *
tcp_kind(unsigned kind)
{
	size_t i;

	for (i = 0; i < sizeof(tcp_kinds) / sizeof(tcp_kinds[0]); i++)
		if (tcp_kinds[i].kind == kind)
			return &tcp_kinds[i];
	return NULL;
}

/* Whether a kind's length byte is what its RFC gives it. */
static int
tcp_len_right(const struct tcp_kind *k, unsigned len)
{
	if (k->len != 0)
		return len == k->len;
	return len >= 10 && (len - 2) % 8 == 0;	/* 1 to 4 blocks fit */
}

/* SACK blocks, each a left and a right edge (RFC 2018 3): "{l:r}". */
static void
sack_option(const struct tcp_kind *k, const uint8_t *o, unsigned len)
{
	char blocks[128];
	size_t used = 0;
	unsigned at;

	blocks[0] = '\0';
	for (at = 2; at + 8 <= len && used < sizeof(blocks); at += 8)
		used += (size_t)snprintf(blocks + used, sizeof(blocks) - used,
		    "{%lu:%lu}", (unsigned long)get32(o + at),
		    (unsigned long)get32(o + at + 4));
	field("  option", "%s %u %s (%s, kind %u)", k->name, (len - 2) / 8,
	    blocks, k->words, k->kind);
}

/*
 * A window scale: the shift (RFC 7323 2.2); above 14 it is read as 14
 * (2.3).
 */
static void
wscale_option(const struct tcp_kind *k, unsigned shift)
{
	if (shift <= 14)
		field("  option", "%s %u (%s: x%lu, kind %u)", k->name, shift,
		    k->words, 1UL << shift, k->kind);
	else
		field("  option", "%s %u (%s: above 14, which RFC 7323 reads "
		    "as 14, x16384; kind %u)", k->name, shift, k->words,
		    k->kind);
}

/* One option of len bytes, its length byte already within the options. */
static void
tcp_option(const uint8_t *o, unsigned len)
{
	const struct tcp_kind *k = tcp_kind(o[0]);

	if (k == NULL) {
		field("  option", "kind %u (unknown here), %u bytes", o[0], len);
		return;
	}
	if (!tcp_len_right(k, len)) {
		field("  option", k->len != 0 ? "%s (%s, kind %u): length %u, "
		    "where %s gives it %u; not read" : "%s (%s, kind %u): "
		    "length %u, where %s gives it 2 + 8 per block; not read",
		    k->name, k->words, k->kind, len, k->rfc, k->len);
		return;
	}
	if (k->kind == 2)
		field("  option", "%s %u (%s, kind %u)", k->name, get16(o + 2),
		    k->words, k->kind);
	else if (k->kind == 3)
		wscale_option(k, o[2]);
	else if (k->kind == 5)
		sack_option(k, o, len);
	else if (k->kind == 8)
		field("  option", "%s val %lu ecr %lu (%s, kind %u)", k->name,
		    (unsigned long)get32(o + 2), (unsigned long)get32(o + 6),
		    k->words, k->kind);
	else
		field("  option", "%s (%s, kind %u)", k->name, k->words,
		    k->kind);
}

/*
 * The options o[0..n) after the fixed header: a kind, then for all but
 * end of list (0) and no operation (1) a length counting the kind and
 * length bytes (RFC 9293 3.2).
 */
static void
tcp_options(const uint8_t *o, size_t n)
{
	size_t i = 0;

	field("TCP options", "%zu bytes", n);
	while (i < n) {
		if (o[i] == 0) {
			field("  option", n - i > 1 ? "eol (end of list, kind "
			    "0); the %zu bytes after it are padding" : "eol "
			    "(end of list, kind 0)", n - i - 1);
			return;
		}
		if (o[i] == 1) {
			field("  option", "nop (no operation, kind 1)");
			i++;
			continue;
		}
		if (n - i < 2) {
			field("  option", "kind %u: no room for its length "
			    "byte; not read", o[i]);
			return;
		}
		if (o[i + 1] < 2 || o[i + 1] > n - i) {
			field("  option", "kind %u: length %u, outside 2 to the "
			    "%zu bytes left; the rest is not read", o[i],
			    o[i + 1], n - i);
			return;
		}
		tcp_option(o + i, o[i + 1]);
		i += o[i + 1];
	}
}

/* The TCP header, RFC 9293 3.1. */
static void
decode_tcp(const uint8_t *t, size_t n, int complete,
    const struct ip_fields *f)
{
	static const struct flag flags[] = {
		{ 0x01, "FIN" }, { 0x02, "SYN" }, { 0x04, "RST" },
		{ 0x08, "PSH" }, { 0x10, "ACK" }, { 0x20, "URG" },
		{ 0x40, "ECE" }, { 0x80, "CWR" },
	};
	unsigned hl;

	if (n < 20) {
		if (n >= 4)
			field("TCP ports", "%u -> %u", get16(t),
			    get16(t + 2));
		field("TCP", "only %zu bytes: shorter than the 20-byte TCP "
		    "header; the rest is not decoded", n);
		return;
	}
	hl = (t[12] >> 4) * 4u;
	field("TCP ports", "%u -> %u", get16(t), get16(t + 2));
	field("sequence", "%lu", (unsigned long)get32(t + 4));
	field("acknowledgment", "%lu", (unsigned long)get32(t + 8));
	field("data offset", "%u bytes of header (%u words)%s", hl, hl / 4,
	    hl < 20 ? ": below the 20 a TCP header needs" : hl > n ?
	    ": more than the segment holds" : "");
	flags_line("TCP flags", t[13], flags, sizeof(flags) / sizeof(flags[0]));
	field("window", "%u", get16(t + 14));
	l4_checksum("TCP checksum", t, n, 16, complete, f);
	field("urgent pointer", "%u", get16(t + 18));
	if (hl < 20 || hl > n) {
		field("payload", "%zu bytes after the fixed header, not "
		    "placed: the data offset is wrong", n - 20);
		return;
	}
	if (hl > 20)
		tcp_options(t + 20, hl - 20);
	field("payload", "%zu bytes", n - hl);
}

/* The UDP header, RFC 768. */
static void
decode_udp(const uint8_t *u, size_t n, int complete,
    const struct ip_fields *f)
{
	unsigned ulen;

	if (n < 8) {
		if (n >= 4)
			field("UDP ports", "%u -> %u", get16(u),
			    get16(u + 2));
		field("UDP", "only %zu bytes: shorter than the 8-byte UDP "
		    "header; the rest is not decoded", n);
		return;
	}
	ulen = get16(u + 4);
	field("UDP ports", "%u -> %u", get16(u), get16(u + 2));
	if (ulen < 8 || ulen > n)
		field("UDP length", "%u, but the IP header leaves %zu bytes "
		    "for it: read as %zu", ulen, n, n);
	else
		field("UDP length", "%u", ulen);
	if (ulen >= 8 && ulen < n)
		n = ulen;
	if (get16(u + 6) == 0)
		field("UDP checksum", "0x0000 (none: the sender computed "
		    "none, which RFC 768 allows)");
	else
		l4_checksum("UDP checksum", u, n, 6, complete, f);
	field("payload", "%zu bytes", n - 8);
}

/*
 * How many bytes the datagram holds by its total length, said in words;
 * returns that length, or 0 when it cannot be trusted.  ip_wire_len
 * says how the layout stores it, the same answer -w writes.
 */
static size_t
total_length(const uint8_t *b, size_t n, const struct ip_fields *f,
    enum layout l, int whole)
{
	const struct layout_rules *r = layout_rules(l);
	enum len_form form;
	unsigned long len = ip_wire_len(f, n, l, &form);
	char how[64] = "";

	switch (form) {
	case LEN_LEFT_FOR_KERNEL:
		field("total length", "0 (left for the kernel: %s always "
		    "fills it in when sending): %zu bytes read", r->system, n);
		return n;
	case LEN_SENDING_FORM:
		field("total length", "%zu (host order %02x %02x, as %s "
		    "wants it on sending)", n, b[IPH_LEN], b[IPH_LEN + 1],
		    r->system);
		return n;
	case LEN_HEADER_LEFT_OUT:
		if (len == n) {
			field("total length", "%zu (read as %u, host "
			    "order %02x %02x, header left out: %s delivers "
			    "it so)", n, f->len, b[IPH_LEN], b[IPH_LEN + 1],
			    r->system);
			return n;
		}
		snprintf(how, sizeof(how), " (read as %u, host order %02x "
		    "%02x, header left out)", f->len, b[IPH_LEN],
		    b[IPH_LEN + 1]);
		break;
	case LEN_AS_IS:
		break;
	}
	if (len < f->hlen) {
		field("total length", "%lu: less than the header itself "
		    "(%u bytes); %zu bytes read", len, f->hlen, n);
		return 0;
	}
	if (len > n && whole) {
		/* Nothing was cut: the field is what is wrong (Wireshark
		 * then checks the rest over the bytes there are). */
		field("total length", "%lu%s, but the datagram is %zu "
		    "bytes, all of it here: the field is wrong; the rest is "
		    "read over the %zu bytes present", len, how, n, n);
		return n;
	}
	if (len > n) {
		field("total length", "%lu%s, but only %zu bytes read: the "
		    "datagram is cut short", len, how, n);
		return 0;
	}
	if (len < n)
		field("total length", "%lu%s (%zu more bytes read after "
		    "it, ignored)", len, how, n - len);
	else
		field("total length", "%lu", len);
	return len;
}

/*
 * A header that is not all here (or whose IHL is below 5): every field
 * whose bytes are present, then what is missing.  tcpdump and Wireshark
 * show as much; the checksum cannot be checked.
 */
static void
partial_header(const uint8_t *b, size_t n, enum layout l)
{
	struct ip_fields f;
	char s[16];
	size_t have = ip_parse_prefix(b, n, l, &f);

	field("version", "%u", f.version);
	field("header length", "%u bytes (IHL %u)%s", f.hlen, f.hlen / 4,
	    f.hlen < IPHDR_LEN ? ": below the 20 a header needs" : "");
	if (have >= 2)
		field("TOS", "0x%02x", f.tos);
	if (have >= 4)
		field("total length", "%u (as stored in the %s layout)",
		    f.len, layout_name(l));
	if (have >= 6)
		field("id", "0x%04x (%u)", f.id, f.id);
	if (have >= 8) {
		flags_field(f.off);
		frag_offset(b, &f, l);
	}
	if (have >= 9)
		field("TTL", "%u", f.ttl);
	if (have >= 10)
		field("protocol", "%u (%s)", f.proto, proto_name(f.proto));
	if (have >= 12)
		field("header checksum", "0x%04x (not checked: the header "
		    "is not all here)", f.sum);
	if (have >= 20)
		addresses_field(&f);
	else if (have >= 16)
		field("source", "%s", ipv4_text(f.src, s));
	if (f.hlen < IPHDR_LEN)
		field("not decoded", "%zu bytes: the header length is "
		    "below 20 bytes (IHL below 5), so nothing after it can "
		    "be placed", n);
	else
		field("not decoded", "%zu bytes: the header is %u bytes, "
		    "only %zu of them here; the rest is missing", n, f.hlen,
		    n);
}

static void
decode_datagram(const uint8_t *b, size_t n, enum layout l, int whole)
{
	struct ip_fields f;
	const char *why;
	size_t len, seg;
	int complete;

	if (n == 0) {
		field("not decoded", "0 bytes");
		return;
	}
	if (b[IPH_VHL] >> 4 != 4) {
		field("not decoded", "%zu bytes: not IPv4 (version is "
		    "%u)", n, b[IPH_VHL] >> 4);
		return;
	}
	if (ip_parse(b, n, l, &f, &why) != 0) {
		partial_header(b, n, l);
		return;
	}
	field("version", "%u", f.version);
	field("header length", "%u bytes (IHL %u)", f.hlen, f.hlen / 4);
	field("TOS", "0x%02x", f.tos);
	len = total_length(b, n, &f, l, whole);
	field("id", "0x%04x (%u)", f.id, f.id);
	flags_field(f.off);
	frag_offset(b, &f, l);
	field("TTL", "%u", f.ttl);
	field("protocol", "%u (%s)", f.proto, proto_name(f.proto));
	ip_checksum(b, f.hlen, f.sum, l);
	addresses_field(&f);
	if (f.hlen > IPHDR_LEN)
		decode_options(b + IPHDR_LEN, f.hlen - IPHDR_LEN);
	if (f.proto != 1 && f.proto != 6 && f.proto != 17) {
		field("payload", "%zu bytes (not ICMP, TCP or UDP: not "
		    "decoded)", n - f.hlen);
		return;
	}
	if ((f.off & IP_OFFMASK) != 0) {
		field("payload", "%zu bytes: a later fragment, which "
		    "carries no %s header", n - f.hlen, proto_name(f.proto));
		return;
	}
	/* The message whole when the total length holds and this is not
	 * the first of several fragments. */
	complete = len != 0 && (f.off & IP_FLAG_MF) == 0;
	seg = len == 0 ? n - f.hlen : len - f.hlen;
	if (f.proto == 6)
		decode_tcp(b + f.hlen, seg, complete, &f);
	else if (f.proto == 17)
		decode_udp(b + f.hlen, seg, complete, &f);
	else
		decode_icmp(b + f.hlen, seg, complete, l);
}

void
decode_print(const uint8_t *b, size_t n, enum layout l, int whole)
{
	decode_datagram(b, n, l, whole);
	room_end();	/* the lines, handed to out.c */
}
