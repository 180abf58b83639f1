/*
 * ICMP for IPv4: RFC 792 (messages; errors quote the IP header and first
 * 8 bytes of the datagram that caused them), RFC 1191 (the next-hop
 * MTU), RFC 1256 (router advertisement), RFC 8335 (extended echo),
 * RFC 1071 and 1624 section 3 (the checksum; 0x0000 and 0xffff are both
 * zero in one's complement).  Type and code names: the IANA "ICMP Type
 * Numbers" registry; where tcpdump -v names a value, its words come
 * first ("mtu 1400", "octet 8").
 *
 * A header quoted by an error, or a second header where ICMP should
 * begin, is read by iphdr.c as the frame's layout delivers it: a Mac
 * turns a quoted total length to host order.
 */
#include <string.h>

#include "cksum.h"
#include "icmp.h"
#include "nd.h"
#include "parse.h"

/* Types this file reads beyond those of icmp.h. */
enum { ICMP_TYPE_EXT_ECHO = 42 };

/* The IANA "ICMP Type Numbers" registry, as of 2026. */
static const struct tok icmp_types[] = {
	{ ICMP_TYPE_ECHOREPLY, "echo reply" },
	{ ICMP_TYPE_UNREACH, "destination unreachable" },
	{ ICMP_TYPE_SOURCEQUENCH, "source quench (deprecated)" },
	{ ICMP_TYPE_REDIRECT, "redirect" },
	{ 6, "alternate host address (deprecated)" },
	{ ICMP_TYPE_ECHO, "echo request" },
	{ 9, "router advertisement" },
	{ 10, "router solicitation" },
	{ ICMP_TYPE_TIMXCEED, "time exceeded" },
	{ ICMP_TYPE_PARAMPROB, "parameter problem" },
	{ 13, "timestamp request" },
	{ 14, "timestamp reply" },
	{ 15, "information request (deprecated)" },
	{ 16, "information reply (deprecated)" },
	{ 17, "address mask request (deprecated)" },
	{ 18, "address mask reply (deprecated)" },
	{ 19, "reserved (for security)" },
	{ 20, "reserved (robustness experiment)" },
	{ 21, "reserved (robustness experiment)" },
	{ 22, "reserved (robustness experiment)" },
	{ 23, "reserved (robustness experiment)" },
	{ 24, "reserved (robustness experiment)" },
	{ 25, "reserved (robustness experiment)" },
	{ 26, "reserved (robustness experiment)" },
	{ 27, "reserved (robustness experiment)" },
	{ 28, "reserved (robustness experiment)" },
	{ 29, "reserved (robustness experiment)" },
	{ 30, "traceroute (deprecated)" },
	{ 31, "datagram conversion error (deprecated)" },
	{ 32, "mobile host redirect (deprecated)" },
	{ 33, "IPv6 where-are-you (deprecated)" },
	{ 34, "IPv6 I-am-here (deprecated)" },
	{ 35, "mobile registration request (deprecated)" },
	{ 36, "mobile registration reply (deprecated)" },
	{ 37, "domain name request (deprecated)" },
	{ 38, "domain name reply (deprecated)" },
	{ 39, "SKIP (deprecated)" },
	{ 40, "Photuris" },
	{ 41, "experimental mobility protocols (Seamoby)" },
	{ ICMP_TYPE_EXT_ECHO, "extended echo request" },
	{ 43, "extended echo reply" },
	{ 253, "RFC 3692-style experiment 1" },
	{ 254, "RFC 3692-style experiment 2" },
	{ 255, "reserved" },
	{ 0, NULL }
};

static const struct tok unreach_codes[] = {
	{ 0, "network unreachable" },
	{ 1, "host unreachable" },
	{ 2, "protocol unreachable" },
	{ 3, "port unreachable" },
	{ 4, "fragmentation needed and DF set" },
	{ 5, "source route failed" },
	{ 6, "destination network unknown" },
	{ 7, "destination host unknown" },
	{ 8, "source host isolated" },
	{ 9, "network administratively prohibited" },
	{ 10, "host administratively prohibited" },
	{ 11, "network unreachable for TOS" },
	{ 12, "host unreachable for TOS" },
	{ 13, "communication administratively prohibited" },
	{ 14, "host precedence violation" },
	{ 15, "precedence cutoff in effect" },
	{ 0, NULL }
};

/* The unreachable code whose bytes 6-7 carry the next-hop MTU. */
enum { UNREACH_NEEDFRAG = 4 };

static const struct tok timxceed_codes[] = {
	{ 0, "TTL exceeded in transit" },
	{ 1, "fragment reassembly time exceeded" },
	{ 0, NULL }
};

static const struct tok redirect_codes[] = {
	{ 0, "for the network" },
	{ 1, "for the host" },
	{ 2, "for the TOS and network" },
	{ 3, "for the TOS and host" },
	{ 0, NULL }
};

/* The parameter problem code whose byte 4 is a pointer. */
enum { PARAMPROB_POINTER = 0 };

static const struct tok paramprob_codes[] = {
	{ PARAMPROB_POINTER, "pointer indicates the error" },
	{ 1, "missing a required option" },
	{ 2, "bad length" },
	{ 0, NULL }
};

/* The field of a 20-byte IPv4 header (RFC 791) that octet o is part of. */
static const struct tok header_octets[] = {
	{ 0, "version and IHL" }, { 1, "TOS" },
	{ 2, "total length" }, { 3, "total length" },
	{ 4, "id" }, { 5, "id" },
	{ 6, "flags and fragment offset" }, { 7, "flags and fragment offset" },
	{ 8, "TTL" }, { 9, "protocol" },
	{ 10, "header checksum" }, { 11, "header checksum" },
	{ 12, "source address" }, { 13, "source address" },
	{ 14, "source address" }, { 15, "source address" },
	{ 16, "destination address" }, { 17, "destination address" },
	{ 18, "destination address" }, { 19, "destination address" },
	{ 0, NULL }
};

/* A code's words: NULL where the type's codes do not include it, ""
 * for code 0 of a type without named codes. */
static const char *
code_words(unsigned type, unsigned code)
{
	switch (type) {
	case ICMP_TYPE_UNREACH:
		return tok_name(unreach_codes, code, NULL);
	case ICMP_TYPE_TIMXCEED:
		return tok_name(timxceed_codes, code, NULL);
	case ICMP_TYPE_REDIRECT:
		return tok_name(redirect_codes, code, NULL);
	case ICMP_TYPE_PARAMPROB:
		return tok_name(paramprob_codes, code, NULL);
	default:
		return code == 0 ? "" : NULL;
	}
}

/*
 * An IPv4 header inside the message, parsed into f: RFC 792 errors carry
 * the offending header and 8 bytes after it; a doubled header is the one
 * handed to the kernel.  host_order says its total length was read in
 * host order.
 */
static void
inner_header(struct nd *nd, const struct ip_fields *f, int host_order)
{
	char s[ND_IPV4_TEXT], d[ND_IPV4_TEXT];

	nd_field(nd, COLOR_PLAIN, "  inner IPv4", "%s -> %s, protocol %u "
	    "(%s), total length %u%s, id 0x%04x, TTL %u",
	    ipv4_text(f->src, s), ipv4_text(f->dst, d), f->proto,
	    ip_proto_name(f->proto), f->len, host_order ? " (host order)" :
	    "", f->id, f->ttl);
}

/* What follows the inner header f at at: RFC 792 quotes 8 bytes of it. */
static void
inner_data(struct nd *nd, size_t at, const struct ip_fields *f)
{
	size_t t = at + f->hlen, n = nd->len - t;
	unsigned type;

	if (n < 8) {
		nd_field(nd, COLOR_PLAIN, "  inner data", "%zu bytes (RFC 792 "
		    "quotes 8)", n);
	} else if (f->proto == IP_PROTO_ICMP) {
		type = nd_u8(nd, t + ICMP_TYPE);
		nd_field(nd, COLOR_PLAIN, "  inner ICMP", "type %u (%s), code "
		    "%u, id %u, sequence %u", type, tok_name(icmp_types, type,
		    "unassigned"), nd_u8(nd, t + ICMP_CODE),
		    nd_u16(nd, t + ICMP_ID), nd_u16(nd, t + ICMP_SEQ));
	} else if (f->proto == IP_PROTO_TCP || f->proto == IP_PROTO_UDP) {
		nd_field(nd, COLOR_PLAIN, f->proto == IP_PROTO_TCP ?
		    "  inner TCP" : "  inner UDP", "port %u -> %u",
		    nd_u16(nd, t), nd_u16(nd, t + 2));
	} else {
		nd_field(nd, COLOR_PLAIN, "  inner data", "%zu bytes", n);
	}
}

/*
 * The quoted header's own checksum, as tcpdump -v checks it: over the
 * header as it was sent, so with a total length the kernel turned put
 * back.  ip_parse_quoted has seen the whole header, at most 60 bytes
 * (IHL 15), within the message.
 */
static void
quoted_checksum(struct nd *nd, const struct ip_fields *f, int turned)
{
	const uint8_t *q = nd_bytes(nd, ICMP_HDRLEN, f->hlen);
	uint8_t h[60];

	if (q == NULL)
		return;
	memcpy(h, q, f->hlen);
	if (turned)
		put16(h + IPH_LEN, f->len);
	if (cksum(h, f->hlen) == 0)
		nd_field(nd, COLOR_PLAIN, "  inner checksum", "0x%04x "
		    "(valid%s)", f->sum, turned ? ", with the total length "
		    "back in network order" : "");
	else
		nd_field(nd, COLOR_PLAIN, "  inner checksum", "0x%04x "
		    "(INVALID: should be 0x%04x)", f->sum, cksum_without(h,
		    f->hlen, IPH_SUM));
}

/*
 * The header an error quotes, at 8 within the message, its total length
 * read as the layout's kernel left it (iphdr.c).
 */
static void
quoted_print(struct nd *nd)
{
	const uint8_t *m = nd->p;
	int turned = ip_quoted_len_turned(m, nd->len, nd->layout);
	struct ip_fields f;
	const char *why;

	nd_field(nd, COLOR_PLAIN, "quoted datagram", "%zu bytes: the header "
	    "and first bytes of the datagram that caused this error",
	    nd->len - ICMP_HDRLEN);
	if (ip_parse_quoted(m, nd->len, nd->layout, &f, &why) != 0) {
		nd_field(nd, COLOR_PLAIN, "  inner IPv4", "not decoded: %s",
		    why);
		return;
	}
	inner_header(nd, &f, turned);
	quoted_checksum(nd, &f, turned);
	inner_data(nd, ICMP_HDRLEN, &f);
}

/* A second header where ICMP should begin, read as the layout sends
 * (f: as ip_parse read it). */
static void
doubled_print(struct nd *nd, const struct ip_fields *f)
{
	nd_field(nd, COLOR_PLAIN, "second header", "%zu bytes from here on",
	    nd->len);
	inner_header(nd, f, layout_rules(nd->layout)->len_off !=
	    ORDER_NETWORK);
	inner_data(nd, 0, f);
}

/*
 * Bytes 4-7 of an error: unused (RFC 792), but for a redirect's gateway,
 * a parameter problem's pointer, counted from 0, and the next-hop MTU of
 * "fragmentation needed" in bytes 6-7 (RFC 1191).
 */
static void
error_rest(struct nd *nd, unsigned type, unsigned code)
{
	char gw[ND_IPV4_TEXT];
	unsigned mtu, octet;

	if (type == ICMP_TYPE_REDIRECT) {
		nd_field(nd, COLOR_PLAIN, "gateway", "%s", nd_ipv4(nd, 4, gw));
	} else if (type == ICMP_TYPE_PARAMPROB && code == PARAMPROB_POINTER) {
		octet = nd_u8(nd, 4);
		nd_field(nd, COLOR_PLAIN, "pointer", "octet %u (%s, in the "
		    "quoted header)", octet, tok_name(header_octets, octet,
		    "past the fixed header"));
		nd_field(nd, COLOR_PLAIN, "unused", "%02x %02x %02x",
		    nd_u8(nd, 5), nd_u8(nd, 6), nd_u8(nd, 7));
	} else if (type == ICMP_TYPE_UNREACH && code == UNREACH_NEEDFRAG) {
		nd_field(nd, COLOR_PLAIN, "unused", "%02x %02x", nd_u8(nd, 4),
		    nd_u8(nd, 5));
		if ((mtu = nd_u16(nd, 6)) != 0)
			nd_field(nd, COLOR_PLAIN, "next hop", "mtu %u (RFC "
			    "1191)", mtu);
		else
			nd_field(nd, COLOR_PLAIN, "next hop", "mtu not given "
			    "(00 00: a router older than RFC 1191)");
	} else {
		nd_field(nd, COLOR_PLAIN, "unused", "%02x %02x %02x %02x",
		    nd_u8(nd, 4), nd_u8(nd, 5), nd_u8(nd, 6), nd_u8(nd, 7));
	}
}

/* Bytes 4-7 of the header, named as the type defines them. */
static void
icmp_rest(struct nd *nd, unsigned type)
{
	switch (icmp_rest_kind(type)) {
	case ICMP_REST_ID_SEQ:
		nd_field(nd, COLOR_PLAIN, "ICMP id", "%u", nd_u16(nd, ICMP_ID));
		nd_field(nd, COLOR_PLAIN, "ICMP sequence", "%u",
		    nd_u16(nd, ICMP_SEQ));
		break;
	case ICMP_REST_EXT_ECHO:
		/* RFC 8335 2.1/2.2: id, 8-bit sequence, then flags (the
		 * request's L bit; the reply's state and A, 4, 6 bits). */
		nd_field(nd, COLOR_PLAIN, "ICMP id", "%u", nd_u16(nd, ICMP_ID));
		nd_field(nd, COLOR_PLAIN, "ICMP sequence", "%u (8 bits)",
		    nd_u8(nd, 6));
		nd_field(nd, COLOR_PLAIN, type == ICMP_TYPE_EXT_ECHO ?
		    "flags (L bit 0)" : "state and flags", "0x%02x",
		    nd_u8(nd, 7));
		break;
	case ICMP_REST_ROUTER_ADV:
		/* RFC 1256 3.1 */
		nd_field(nd, COLOR_PLAIN, "addresses", "%u, of %u words each",
		    nd_u8(nd, 4), nd_u8(nd, 5));
		nd_field(nd, COLOR_PLAIN, "lifetime", "%u seconds",
		    nd_u16(nd, 6));
		break;
	case ICMP_REST_OTHER:
		nd_field(nd, COLOR_PLAIN, "rest of header", "%02x %02x %02x "
		    "%02x", nd_u8(nd, 4), nd_u8(nd, 5), nd_u8(nd, 6),
		    nd_u8(nd, 7));
		break;
	}
}

/*
 * The checksum of the whole message, when it is all here.  Where the
 * layout's kernel checked it over the wire bytes and then turned the
 * quoted header's total length (xnu), it is checked over a copy with
 * that length put back, as the kernel saw it.
 */
static void
icmp_checksum(struct nd *nd)
{
	static uint8_t wire[IP_MAXLEN];
	const struct layout_rules *r = layout_rules(nd->layout);
	unsigned stored = nd_u16(nd, ICMP_SUM);
	const uint8_t *m = nd->p;
	size_t n = nd->len;
	const char *as_sent = "";
	uint16_t want;

	if (!nd_has(nd, ICMP_SUM, 2))
		return;		/* no checksum to check */
	if (!nd->net.complete) {
		nd_field(nd, COLOR_PLAIN, "ICMP checksum", "0x%04x (not "
		    "checked: only part of the message is here)", stored);
		return;
	}
	if (r->quoted_len_after_sum && n <= sizeof(wire) &&
	    ip_quoted_len_turned(m, n, nd->layout)) {
		memcpy(wire, m, n);
		ip_quoted_to_wire(wire, n, nd->layout);
		m = wire;
		as_sent = ", over the quoted total length in network order";
	}
	if (cksum(m, n) == 0) {
		if (*as_sent != '\0')
			nd_field(nd, COLOR_PLAIN, "ICMP checksum", "0x%04x "
			    "(valid with the quoted total length back in "
			    "network order: %s checks the wire bytes, then "
			    "turns that length to host order)", stored,
			    r->system);
		else
			nd_field(nd, COLOR_PLAIN, "ICMP checksum", "0x%04x "
			    "(valid)", stored);
		return;
	}
	want = cksum_without(m, n, ICMP_SUM);
	if (stored == 0 && want == 0xffff)
		nd_field(nd, COLOR_PLAIN, "ICMP checksum", "0x0000 (fails the "
		    "strict RFC 1071 check, which wants 0xffff; but 0x0000 is "
		    "the same zero in one's complement, and it is what Linux "
		    "writes when it answers an all-zero echo request)");
	else
		nd_field(nd, COLOR_PLAIN, "ICMP checksum", "0x%04x (INVALID: "
		    "should be 0x%04x%s)", stored, want, as_sent);
}

/* The type in words, and whether it is a second IPv4 header (into
 * inner): what a kernel sends when IP_HDRINCL is off. */
static int
icmp_type_line(struct nd *nd, unsigned type, struct ip_fields *inner)
{
	const char *name = tok_name(icmp_types, type, NULL), *why;

	if (name != NULL) {
		nd_field(nd, COLOR_TYPE, "ICMP type", "%u (%s)", type, name);
		return 0;
	}
	if (nd->len >= ICMP_HDRLEN &&
	    ip_parse(nd->p, nd->len, nd->layout, inner, &why) == 0) {
		nd_field(nd, COLOR_TYPE, "ICMP type", "%u (unassigned; 0x%02x "
		    "is how an IPv4 header begins: a second IP header, IP | IP "
		    "| ICMP, as when IP_HDRINCL is off)", type, type);
		return 1;
	}
	nd_field(nd, COLOR_TYPE, "ICMP type", "%u (unassigned)", type);
	return 0;
}

/* The code in words; a message shorter than its header gets none. */
static void
icmp_code_line(struct nd *nd, unsigned type, unsigned code)
{
	const char *words = code_words(type, code);

	if (nd->len < ICMP_HDRLEN || (words != NULL && *words == '\0'))
		nd_field(nd, COLOR_PLAIN, "ICMP code", "%u", code);
	else if (words == NULL)
		nd_field(nd, COLOR_PLAIN, "ICMP code", "%u (unassigned here)",
		    code);
	else
		nd_field(nd, COLOR_PLAIN, "ICMP code", "%u (%s)", code, words);
}

/*
 * The message.  One shorter than the 8-byte header shows the type from
 * 1 byte, the code from 2, the checksum from 4, which covers the whole
 * message however short.
 */
void
icmp_print(struct nd *nd)
{
	unsigned type = nd_u8(nd, ICMP_TYPE), code;
	struct ip_fields inner;
	int doubled;

	doubled = icmp_type_line(nd, type, &inner);
	code = nd_u8(nd, ICMP_CODE);
	icmp_code_line(nd, type, code);
	icmp_checksum(nd);
	if (nd_short(nd, ICMP_HDRLEN)) {
		nd_field(nd, COLOR_PLAIN, "ICMP", "only %zu bytes: shorter "
		    "than the 8-byte ICMP header; the rest is not decoded",
		    nd->len);
		return;
	}
	if (icmp_is_error(type)) {
		error_rest(nd, type, code);
		quoted_print(nd);
	} else if (doubled) {
		doubled_print(nd, &inner);
	} else {
		icmp_rest(nd, type);
		/* An unassigned type's rest is not known to be a payload. */
		nd_field(nd, COLOR_PLAIN, tok_name(icmp_types, type, NULL) !=
		    NULL ? "payload" : "body", "%zu bytes",
		    nd->len - ICMP_HDRLEN);
	}
}
