/*
 * ICMPv6: RFC 4443 (the messages; an error quotes as much of the packet
 * that caused it as fits in IPv6's minimum MTU, 2.4 (c); the checksum
 * covers the pseudo-header of RFC 8200 8.1, 2.3), RFC 4861 (neighbour
 * discovery: router and neighbour solicitation and advertisement,
 * redirect, and their options, 4.6), RFC 4191 (the router's
 * preference), RFC 2710 and RFC 3810 (multicast listener discovery, and
 * its version 2).  Type and code names: the IANA "Internet Control
 * Message Protocol version 6 (ICMPv6) Parameters" registry.  Words as
 * print-icmp.c's for ICMP, so that the two read alike.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cksum.h"
#include "nd.h"

/* The header every message has, then the fields of the types read
 * here (RFC 4443 2.1, 3, 4; RFC 4861 4; RFC 2710 3; RFC 3810 5). */
enum icmp6_offset {
	I6_TYPE = 0, I6_CODE = 1, I6_SUM = 2, I6_HDRLEN = 4,
	I6_ID = 4, I6_SEQ = 6,			/* echo */
	I6_MTU = 4, I6_POINTER = 4, I6_QUOTED = 8,	/* errors */
	RA_HLIM = 4, RA_FLAGS = 5, RA_LIFETIME = 6, RA_REACHABLE = 8,
	RA_RETRANS = 12, RA_OPTIONS = 16,
	NA_FLAGS = 4, ND_TARGET = 8, ND_OPTIONS = 24,
	RD_DST = 24, RD_OPTIONS = 40,
	MLD_DELAY = 4, MLD_ADDR = 8, MLD_LEN = 24,
	MLD2_QFLAGS = 24, MLD2_QQIC = 25, MLD2_QNSRC = 26, MLD2_QSRCS = 28,
	MLD2_NREC = 6, MLD2_RECORDS = 8
};

/* An MLDv2 multicast address record (RFC 3810 5.2.4). */
enum { REC_TYPE = 0, REC_AUXLEN = 1, REC_NSRC = 2, REC_ADDR = 4,
       REC_SRCS = 20 };

/* The lengths of IPv6 pieces this file steps over. */
enum { IP6_HDRLEN = 40, IP6_MIN_MTU = 1280 };

enum icmp6_type {
	I6_UNREACH = 1, I6_TOOBIG = 2, I6_TIMXCEED = 3, I6_PARAMPROB = 4,
	I6_ECHO = 128, I6_ECHOREPLY = 129, I6_MLD_QUERY = 130,
	I6_MLD_REPORT = 131, I6_MLD_DONE = 132, I6_RS = 133, I6_RA = 134,
	I6_NS = 135, I6_NA = 136, I6_REDIRECT = 137, I6_RR = 138,
	I6_NI_QUERY = 139, I6_NI_REPLY = 140, I6_MLD2_REPORT = 143,
	I6_EXT_ECHOREPLY = 161
};

/* The IANA registry's types, as of 2026. */
static const struct tok icmp6_types[] = {
	{ I6_UNREACH, "destination unreachable" },
	{ I6_TOOBIG, "packet too big" },
	{ I6_TIMXCEED, "time exceeded" },
	{ I6_PARAMPROB, "parameter problem" },
	{ 100, "private experimentation" },
	{ 101, "private experimentation" },
	{ 127, "reserved for expansion of error messages" },
	{ I6_ECHO, "echo request" },
	{ I6_ECHOREPLY, "echo reply" },
	{ I6_MLD_QUERY, "multicast listener query" },
	{ I6_MLD_REPORT, "multicast listener report" },
	{ I6_MLD_DONE, "multicast listener done" },
	{ I6_RS, "router solicitation" },
	{ I6_RA, "router advertisement" },
	{ I6_NS, "neighbor solicitation" },
	{ I6_NA, "neighbor advertisement" },
	{ I6_REDIRECT, "redirect" },
	{ I6_RR, "router renumbering" },
	{ I6_NI_QUERY, "node information query" },
	{ I6_NI_REPLY, "node information response" },
	{ 141, "inverse neighbor discovery solicitation" },
	{ 142, "inverse neighbor discovery advertisement" },
	{ I6_MLD2_REPORT, "version 2 multicast listener report" },
	{ 144, "home agent address discovery request" },
	{ 145, "home agent address discovery reply" },
	{ 146, "mobile prefix solicitation" },
	{ 147, "mobile prefix advertisement" },
	{ 148, "certification path solicitation" },
	{ 149, "certification path advertisement" },
	{ 150, "experimental mobility protocols (Seamoby)" },
	{ 151, "multicast router advertisement" },
	{ 152, "multicast router solicitation" },
	{ 153, "multicast router termination" },
	{ 154, "FMIPv6" },
	{ 155, "RPL control message" },
	{ 156, "ILNPv6 locator update" },
	{ 157, "duplicate address request" },
	{ 158, "duplicate address confirmation" },
	{ 159, "MPL control message" },
	{ 160, "extended echo request" },
	{ I6_EXT_ECHOREPLY, "extended echo reply" },
	{ 200, "private experimentation" },
	{ 201, "private experimentation" },
	{ 255, "reserved for expansion of informational messages" },
	{ 0, NULL }
};

static const struct tok unreach_codes[] = {
	{ 0, "no route to destination" },
	{ 1, "communication with destination administratively prohibited" },
	{ 2, "beyond scope of source address" },
	{ 3, "address unreachable" },
	{ 4, "port unreachable" },
	{ 5, "source address failed ingress/egress policy" },
	{ 6, "reject route to destination" },
	{ 7, "error in source routing header" },
	{ 8, "headers too long" },
	{ 0, NULL }
};

static const struct tok timxceed_codes[] = {
	{ 0, "hop limit exceeded in transit" },
	{ 1, "fragment reassembly time exceeded" },
	{ 0, NULL }
};

static const struct tok paramprob_codes[] = {
	{ 0, "erroneous header field encountered" },
	{ 1, "unrecognized next header type encountered" },
	{ 2, "unrecognized IPv6 option encountered" },
	{ 3, "first fragment has incomplete header chain" },
	{ 4, "SR upper-layer header error" },
	{ 5, "unrecognized next header type encountered by intermediate "
	    "node" },
	{ 6, "extension header too big" },
	{ 7, "extension header chain too long" },
	{ 8, "too many extension headers" },
	{ 9, "too many options in extension header" },
	{ 10, "option too big" },
	{ 0, NULL }
};

static const struct tok rr_codes[] = {
	{ 0, "router renumbering command" },
	{ 1, "router renumbering result" },
	{ 255, "sequence number reset" },
	{ 0, NULL }
};

static const struct tok ni_query_codes[] = {
	{ 0, "the subject is an IPv6 address" },
	{ 1, "the subject is a name, or none" },
	{ 2, "the subject is an IPv4 address" },
	{ 0, NULL }
};

static const struct tok ni_reply_codes[] = {
	{ 0, "successful reply" },
	{ 1, "the responder refuses to answer" },
	{ 2, "the query type is unknown to the responder" },
	{ 0, NULL }
};

static const struct tok ext_echo_codes[] = {
	{ 0, "no error" },
	{ 1, "malformed query" },
	{ 2, "no such interface" },
	{ 3, "no such table entry" },
	{ 4, "multiple interfaces satisfy query" },
	{ 0, NULL }
};

/* The field of the 40-byte IPv6 header (RFC 8200 3) that octet o of its
 * first 8 is part of. */
static const struct tok header_octets[] = {
	{ 0, "version and traffic class" },
	{ 1, "traffic class and flow label" },
	{ 2, "flow label" }, { 3, "flow label" },
	{ 4, "payload length" }, { 5, "payload length" },
	{ 6, "next header" }, { 7, "hop limit" },
	{ 0, NULL }
};

/* Router advertisement flags (RFC 4861 4.2, RFC 6275 7.1 H, RFC 4389
 * P); the preference, bits 3-4, apart (RFC 4191 2.2). */
static const struct tok ra_flags[] = {
	{ 0x80, "M managed address configuration" },
	{ 0x40, "O other configuration" },
	{ 0x20, "H home agent" },
	{ 0x04, "P proxy" },
	{ 0, NULL }
};

static const struct tok ra_preferences[] = {
	{ 0, "medium" }, { 1, "high" }, { 2, "reserved, read as medium" },
	{ 3, "low" }, { 0, NULL }
};

/* Neighbor advertisement flags (RFC 4861 4.4). */
static const struct tok na_flags[] = {
	{ 0x80, "R router" },
	{ 0x40, "S solicited" },
	{ 0x20, "O override" },
	{ 0, NULL }
};

/* Neighbor discovery options (RFC 4861 4.6; the IANA "IPv6 Neighbor
 * Discovery Option Formats" registry, those seen most). */
enum {
	NDOPT_SRC_LLADDR = 1, NDOPT_TGT_LLADDR = 2, NDOPT_PREFIX = 3,
	NDOPT_REDIRECTED = 4, NDOPT_MTU = 5
};

static const struct tok nd_options[] = {
	{ NDOPT_SRC_LLADDR, "source link-layer address" },
	{ NDOPT_TGT_LLADDR, "target link-layer address" },
	{ NDOPT_PREFIX, "prefix information" },
	{ NDOPT_REDIRECTED, "redirected header" },
	{ NDOPT_MTU, "MTU" },
	{ 14, "nonce" },
	{ 24, "route information" },
	{ 25, "recursive DNS server" },
	{ 31, "DNS search list" },
	{ 38, "PREF64" },
	{ 0, NULL }
};

/* Offsets within a prefix information option (RFC 4861 4.6.2). */
enum { PI_PLEN = 2, PI_FLAGS = 3, PI_VALID = 4, PI_PREFERRED = 8,
       PI_PREFIX = 16, PI_LEN = 32 };

static const struct tok prefix_flags[] = {
	{ 0x80, "L on-link" },
	{ 0x40, "A autonomous address configuration" },
	{ 0x20, "R router address" },
	{ 0, NULL }
};

/* MLDv2 record types (RFC 3810 5.2.12). */
static const struct tok mld2_records[] = {
	{ 1, "MODE_IS_INCLUDE" }, { 2, "MODE_IS_EXCLUDE" },
	{ 3, "CHANGE_TO_INCLUDE_MODE" }, { 4, "CHANGE_TO_EXCLUDE_MODE" },
	{ 5, "ALLOW_NEW_SOURCES" }, { 6, "BLOCK_OLD_SOURCES" },
	{ 0, NULL }
};

/* A code's words: NULL where the type's codes do not include it, ""
 * for code 0 of a type without named codes. */
static const char *
code_words(unsigned type, unsigned code)
{
	switch (type) {
	case I6_UNREACH:
		return tok_name(unreach_codes, code, NULL);
	case I6_TIMXCEED:
		return tok_name(timxceed_codes, code, NULL);
	case I6_PARAMPROB:
		return tok_name(paramprob_codes, code, NULL);
	case I6_RR:
		return tok_name(rr_codes, code, NULL);
	case I6_NI_QUERY:
		return tok_name(ni_query_codes, code, NULL);
	case I6_NI_REPLY:
		return tok_name(ni_reply_codes, code, NULL);
	case I6_EXT_ECHOREPLY:
		return tok_name(ext_echo_codes, code, NULL);
	default:
		return code == 0 ? "" : NULL;
	}
}

/* The bytes a message of this type needs before its fields can be
 * read, n the bytes in hand (a query's version is its length, RFC 3810
 * 8.1); the name those bytes are said in. */
static size_t
type_min(unsigned type, size_t n, const char **what)
{
	*what = tok_name(icmp6_types, type, "ICMPv6");
	switch (type) {
	case I6_UNREACH: case I6_TOOBIG: case I6_TIMXCEED: case I6_PARAMPROB:
	case I6_ECHO: case I6_ECHOREPLY: case I6_RS: case I6_MLD2_REPORT:
		return 8;
	case I6_RA:
		return RA_OPTIONS;
	case I6_NS: case I6_NA:
		return ND_OPTIONS;
	case I6_REDIRECT:
		return RD_OPTIONS;
	case I6_MLD_QUERY:
		return n > MLD_LEN ? MLD2_QSRCS : MLD_LEN;
	case I6_MLD_REPORT: case I6_MLD_DONE:
		return MLD_LEN;
	default:
		*what = "ICMPv6 header";
		return I6_HDRLEN;
	}
}

/*
 * The checksum over the pseudo-header the network layer sums (source,
 * destination, the message's length, next header 58: RFC 4443 2.3,
 * RFC 8200 8.1) and the whole message, when it is all here.
 */
static void
icmp6_checksum(struct nd *nd)
{
	unsigned stored = nd_u16(nd, I6_SUM);
	const uint8_t *m = nd->p;
	size_t n = nd->len;
	uint16_t pseudo, want;

	if (!nd_has(nd, I6_SUM, 2))
		return;		/* no checksum to check */
	if (nd->net.version != 6 || nd->net.pseudo_sum == NULL) {
		nd_field(nd, COLOR_PLAIN, "ICMPv6 checksum", "0x%04x (not "
		    "checked: no IPv6 header here to give the pseudo-header)",
		    stored);
		return;
	}
	if (!nd->net.complete) {
		nd_field(nd, COLOR_PLAIN, "ICMPv6 checksum", "0x%04x (not "
		    "checked: only part of the message is here)", stored);
		return;
	}
	/* One's complement sums add in any order (RFC 1071 2(B)). */
	pseudo = nd->net.pseudo_sum(nd, n);
	if (nd_sum_add(pseudo, (uint16_t)~cksum(m, n)) == 0xffff) {
		nd_field(nd, COLOR_PLAIN, "ICMPv6 checksum", "0x%04x (valid)",
		    stored);
		return;
	}
	want = (uint16_t)~nd_sum_add(pseudo,
	    (uint16_t)~cksum_without(m, n, I6_SUM));
	nd_field(nd, COLOR_PLAIN, "ICMPv6 checksum", "0x%04x (INVALID: should "
	    "be 0x%04x)", stored, want);
}

/* The code in words; a message shorter than its header gets none. */
static void
icmp6_code_line(struct nd *nd, unsigned type, unsigned code)
{
	const char *words = code_words(type, code);

	if (nd->len < I6_HDRLEN || (words != NULL && *words == '\0'))
		nd_field(nd, COLOR_PLAIN, "ICMPv6 code", "%u", code);
	else if (words == NULL)
		nd_field(nd, COLOR_PLAIN, "ICMPv6 code", "%u (unassigned here)",
		    code);
	else
		nd_field(nd, COLOR_PLAIN, "ICMPv6 code", "%u (%s)", code, words);
}

/* What follows the quoted headers, at at: its first fields. */
static void
inner_upper(struct nd *nd, size_t at, unsigned nxt, int later)
{
	size_t n = nd->len - at;
	unsigned type;

	if (later) {
		nd_field(nd, COLOR_PLAIN, "  inner data", "%zu bytes: a later "
		    "fragment, which carries no %s header", n,
		    ip6_next_header_name(nxt));
	} else if (nxt == IP_PROTO_ICMPV6 && n >= I6_HDRLEN) {
		type = nd_u8(nd, at + I6_TYPE);
		if ((type == I6_ECHO || type == I6_ECHOREPLY) && n >= 8)
			nd_field(nd, COLOR_PLAIN, "  inner ICMPv6", "type %u "
			    "(%s), code %u, id %u, sequence %u", type,
			    tok_name(icmp6_types, type, "unassigned"),
			    nd_u8(nd, at + I6_CODE), nd_u16(nd, at + I6_ID),
			    nd_u16(nd, at + I6_SEQ));
		else
			nd_field(nd, COLOR_PLAIN, "  inner ICMPv6", "type %u "
			    "(%s), code %u", type, tok_name(icmp6_types, type,
			    "unassigned"), nd_u8(nd, at + I6_CODE));
	} else if ((nxt == IP_PROTO_TCP || nxt == IP_PROTO_UDP) && n >= 4) {
		nd_field(nd, COLOR_PLAIN, nxt == IP_PROTO_TCP ? "  inner TCP" :
		    "  inner UDP", "port %u -> %u", nd_u16(nd, at),
		    nd_u16(nd, at + 2));
	} else {
		nd_field(nd, COLOR_PLAIN, "  inner data", "%zu bytes (%s)", n,
		    ip6_next_header_name(nxt));
	}
}

/*
 * A packet inside the message, the window on it: an error's quoted
 * packet, or a redirected header's.  Its fixed header in one line, each
 * extension header in one, then the first fields of what they carry.
 */
static void
inner_packet(struct nd *nd)
{
	char s[ND_IPV6_TEXT], d[ND_IPV6_TEXT], quoted[48];
	size_t n = nd->len, at = IP6_HDRLEN, len;
	unsigned nxt, offlg, plen;
	int later = 0;

	if (n < IP6_HDRLEN) {
		nd_field(nd, COLOR_PLAIN, "  inner IPv6", "not decoded: %zu "
		    "bytes, shorter than the 40-byte header", n);
		return;
	}
	if (nd_u8(nd, 0) >> 4 != 6) {
		nd_field(nd, COLOR_PLAIN, "  inner IPv6", "not decoded: the "
		    "version is %u, not 6", nd_u8(nd, 0) >> 4);
		return;
	}
	nxt = nd_u8(nd, 6);
	plen = nd_u16(nd, 4);
	if (plen > n - IP6_HDRLEN)
		snprintf(quoted, sizeof(quoted), " (%zu bytes of it quoted)",
		    n - IP6_HDRLEN);
	else
		quoted[0] = '\0';
	nd_field(nd, COLOR_PLAIN, "  inner IPv6", "%s -> %s, next header %u "
	    "(%s), payload length %u%s, hop limit %u", nd_ipv6(nd, 8, s),
	    nd_ipv6(nd, 24, d), nxt, ip6_next_header_name(nxt), plen, quoted,
	    nd_u8(nd, 7));
	while (ip6_is_ext(nxt) && !later) {
		len = ip6_ext_len(nd, at, nxt);
		if (nd_short(nd, 0) || len > n - at) {
			nd_field(nd, COLOR_PLAIN, "  inner header", "%u (%s): "
			    "past the quoted bytes", nxt,
			    ip6_next_header_name(nxt));
			return;
		}
		if (nxt == IP6_EXT_FRAGMENT) {
			offlg = nd_u16(nd, at + 2);
			later = offlg >> 3 != 0;
			nd_field(nd, COLOR_PLAIN, "  inner header", "%u (%s), "
			    "%zu bytes: offset %u, M %u, id 0x%08lx", nxt,
			    ip6_next_header_name(nxt), len, (offlg >> 3) * 8u,
			    offlg & 1, nd_u32(nd, at + 4));
		} else {
			nd_field(nd, COLOR_PLAIN, "  inner header", "%u (%s), "
			    "%zu bytes", nxt, ip6_next_header_name(nxt), len);
		}
		nxt = nd_u8(nd, at);
		at += len;
	}
	inner_upper(nd, at, nxt, later);
}

/* The field a parameter problem's pointer names, counted from the
 * quoted packet's first byte (RFC 4443 3.4). */
static const char *
pointer_field(unsigned long ptr)
{
	if (ptr < 8)
		return tok_name(header_octets, (unsigned)ptr, "");
	if (ptr < 24)
		return "source address";
	if (ptr < IP6_HDRLEN)
		return "destination address";
	return "past the 40-byte fixed header";
}

/* Bytes 4-7 of an error, then the packet it quotes. */
static void
error_print(struct nd *nd, unsigned type)
{
	struct nd_window w;
	unsigned long v = nd_u32(nd, I6_MTU);

	if (type == I6_TOOBIG)
		nd_field(nd, COLOR_PLAIN, "MTU", "%lu%s", v, v < IP6_MIN_MTU ?
		    " (below the 1280 every IPv6 link carries, RFC 8200 5)" :
		    "");
	else if (type == I6_PARAMPROB)
		nd_field(nd, COLOR_PLAIN, "pointer", "octet %lu (%s, in the "
		    "quoted packet)", v, pointer_field(v));
	else
		nd_field(nd, COLOR_PLAIN, "unused", "%02x %02x %02x %02x",
		    nd_u8(nd, 4), nd_u8(nd, 5), nd_u8(nd, 6), nd_u8(nd, 7));
	nd_field(nd, COLOR_PLAIN, "quoted packet", "%zu bytes: as much of the "
	    "packet that caused this error as fits in 1280 (RFC 4443 2.4)",
	    nd->len - I6_QUOTED);
	w = nd_push(nd, I6_QUOTED, nd->len);
	inner_packet(nd);
	nd_pop(nd, w);
}

/* Four bytes the RFC reserves, at at. */
static void
reserved_line(struct nd *nd, size_t at)
{
	nd_field(nd, COLOR_PLAIN, "reserved", "%02x %02x %02x %02x",
	    nd_u8(nd, at), nd_u8(nd, at + 1), nd_u8(nd, at + 2),
	    nd_u8(nd, at + 3));
}

/* A link-layer address of n bytes at at, as "02:00:5e:..." */
static const char *
lladdr_text(struct nd *nd, size_t at, size_t n, char *buf, size_t size)
{
	static const char digits[] = "0123456789abcdef";
	size_t i, o = 0;
	unsigned b;

	for (i = 0; i < n && o + 3 < size; i++) {
		b = nd_u8(nd, at + i);
		if (i > 0)
			buf[o++] = ':';
		buf[o++] = digits[b >> 4];
		buf[o++] = digits[b & 0x0f];
	}
	buf[o] = '\0';
	return buf;
}

/* A lifetime in seconds, all ones being infinity (RFC 4861 4.6.2). */
static void
lifetime_line(struct nd *nd, const char *label, size_t at)
{
	unsigned long t = nd_u32(nd, at);

	if (t == 0xffffffffUL)
		nd_field(nd, COLOR_PLAIN, label, "infinity (0xffffffff)");
	else
		nd_field(nd, COLOR_PLAIN, label, "%lu seconds", t);
}

/* A prefix information option (RFC 4861 4.6.2), the window on it. */
static void
prefix_option(struct nd *nd, const char *name)
{
	char a[ND_IPV6_TEXT], f[128];
	unsigned flags = nd_u8(nd, PI_FLAGS);

	if (nd->len != PI_LEN) {
		nd_field(nd, COLOR_PLAIN, "  option", "%s (%u), %zu bytes, "
		    "where RFC 4861 4.6.2 gives it 32; not read", name,
		    NDOPT_PREFIX, nd->len);
		return;
	}
	nd_field(nd, COLOR_PLAIN, "  option", "%s (%u), 32 bytes: %s/%u", name,
	    NDOPT_PREFIX, nd_ipv6(nd, PI_PREFIX, a), nd_u8(nd, PI_PLEN));
	nd_field(nd, COLOR_PLAIN, "    flags", "0x%02x (%s)", flags,
	    tok_flags(prefix_flags, flags, "none", f, sizeof(f)));
	lifetime_line(nd, "    valid", PI_VALID);
	lifetime_line(nd, "    preferred", PI_PREFERRED);
}

/* One neighbour discovery option, the window on it (RFC 4861 4.6). */
static void
nd_option(struct nd *nd, unsigned t)
{
	char a[3 * 64];
	const char *name = tok_name(nd_options, t, NULL);
	struct nd_window w;
	size_t n = nd->len;

	switch (t) {
	case NDOPT_SRC_LLADDR:
	case NDOPT_TGT_LLADDR:
		/* For Ethernet 6 bytes, the option 8 (RFC 2464 8). */
		nd_field(nd, COLOR_PLAIN, "  option", "%s (%u), %zu bytes: %s",
		    name, t, n, lladdr_text(nd, 2, n - 2, a, sizeof(a)));
		break;
	case NDOPT_PREFIX:
		prefix_option(nd, name);
		break;
	case NDOPT_MTU:
		/* 2 reserved bytes, then the MTU (RFC 4861 4.6.4). */
		if (n == 8)
			nd_field(nd, COLOR_PLAIN, "  option", "%s (%u), 8 bytes: "
			    "%lu", name, t, nd_u32(nd, 4));
		else
			nd_field(nd, COLOR_PLAIN, "  option", "%s (%u), %zu bytes, "
			    "where RFC 4861 4.6.4 gives it 8; not read", name, t,
			    n);
		break;
	case NDOPT_REDIRECTED:
		/* 6 reserved bytes, then the packet (RFC 4861 4.6.3). */
		nd_field(nd, COLOR_PLAIN, "  option", "%s (%u), %zu bytes: as "
		    "much of the redirected packet as fits", name, t, n);
		w = nd_push(nd, 8, n);
		inner_packet(nd);
		nd_pop(nd, w);
		break;
	default:
		nd_field(nd, COLOR_PLAIN, "  option", "%s (%u), %zu bytes%s",
		    name != NULL ? name : "unassigned here", t, n,
		    name != NULL ? ", not decoded here" : "");
		break;
	}
}

/* The options from at to the message's end: a type, a length in 8-byte
 * units, each checked before its bytes are read. */
static void
nd_options_print(struct nd *nd, size_t at)
{
	struct nd_window w;
	size_t n = nd->len, len;
	unsigned t;

	while (at < n) {
		t = nd_u8(nd, at);
		if (at + 1 >= n) {
			nd_field(nd, COLOR_PLAIN, "  option", "type %u: only 1 "
			    "byte: shorter than the 2 that give its type and "
			    "length; not read", t);
			return;
		}
		len = nd_u8(nd, at + 1) * (size_t)8;
		if (len == 0) {
			nd_field(nd, COLOR_PLAIN, "  option", "type %u: length 0, "
			    "which RFC 4861 4.6 forbids (the message is "
			    "dropped); the rest is not read", t);
			return;
		}
		if (len > n - at) {
			nd_field(nd, COLOR_PLAIN, "  option", "type %u: only %zu "
			    "bytes: shorter than the %zu its length gives it; "
			    "not read", t, n - at, len);
			return;
		}
		w = nd_push(nd, at, len);
		nd_option(nd, t);
		nd_pop(nd, w);
		at += len;
	}
}

/* A router advertisement's fields (RFC 4861 4.2). */
static void
ra_print(struct nd *nd)
{
	char f[128];
	unsigned flags = nd_u8(nd, RA_FLAGS), hlim = nd_u8(nd, RA_HLIM);

	nd_field(nd, COLOR_PLAIN, "cur hop limit", "%u%s", hlim, hlim == 0 ?
	    " (unspecified by this router)" : "");
	nd_field(nd, COLOR_PLAIN, "flags", "0x%02x (%s)", flags,
	    tok_flags(ra_flags, flags, "none", f, sizeof(f)));
	nd_field(nd, COLOR_PLAIN, "preference", "%u (%s, RFC 4191)",
	    flags >> 3 & 3, tok_name(ra_preferences, flags >> 3 & 3, ""));
	nd_field(nd, COLOR_PLAIN, "router lifetime", "%u seconds%s",
	    nd_u16(nd, RA_LIFETIME), nd_u16(nd, RA_LIFETIME) == 0 ?
	    " (not a default router)" : "");
	nd_field(nd, COLOR_PLAIN, "reachable time", "%lu ms",
	    nd_u32(nd, RA_REACHABLE));
	nd_field(nd, COLOR_PLAIN, "retrans timer", "%lu ms",
	    nd_u32(nd, RA_RETRANS));
	nd_options_print(nd, RA_OPTIONS);
}

/* Solicitations, advertisements and redirects (RFC 4861 4). */
static void
nd_print(struct nd *nd, unsigned type)
{
	char a[ND_IPV6_TEXT], f[128];
	unsigned flags;

	switch (type) {
	case I6_RS:
		reserved_line(nd, 4);
		nd_options_print(nd, 8);
		break;
	case I6_RA:
		ra_print(nd);
		break;
	case I6_NA:
		flags = nd_u8(nd, NA_FLAGS);
		nd_field(nd, COLOR_PLAIN, "flags", "0x%02x (%s)", flags,
		    tok_flags(na_flags, flags, "none", f, sizeof(f)));
		nd_field(nd, COLOR_PLAIN, "target", "%s", nd_ipv6(nd,
		    ND_TARGET, a));
		nd_options_print(nd, ND_OPTIONS);
		break;
	case I6_NS:
		reserved_line(nd, 4);
		nd_field(nd, COLOR_PLAIN, "target", "%s", nd_ipv6(nd,
		    ND_TARGET, a));
		nd_options_print(nd, ND_OPTIONS);
		break;
	default:
		reserved_line(nd, 4);
		nd_field(nd, COLOR_PLAIN, "target", "%s", nd_ipv6(nd,
		    ND_TARGET, a));
		nd_field(nd, COLOR_PLAIN, "destination", "%s", nd_ipv6(nd,
		    RD_DST, a));
		nd_options_print(nd, RD_OPTIONS);
		break;
	}
}

/*
 * MLDv2's maximum response code (RFC 3810 5.1.3): milliseconds below
 * 32768, above a mantissa and an exponent.
 */
static unsigned long
mld2_delay(unsigned code)
{
	if (code < 32768)
		return code;
	return (unsigned long)((code & 0x0fff) | 0x1000) <<
	    ((code >> 12 & 7) + 3);
}

/* Multicast listener discovery: version 1's three messages (RFC 2710
 * 3), version 2's query (RFC 3810 5.1). */
static void
mld_print(struct nd *nd, unsigned type)
{
	char a[ND_IPV6_TEXT];
	unsigned code = nd_u16(nd, MLD_DELAY), nsrc, i;

	if (type == I6_MLD_QUERY && nd->len > MLD_LEN)
		nd_field(nd, COLOR_PLAIN, "max resp code", "%u (%lu ms, "
		    "MLDv2)", code, mld2_delay(code));
	else
		nd_field(nd, COLOR_PLAIN, "max delay", "%u ms", code);
	nd_field(nd, COLOR_PLAIN, "reserved", "%02x %02x", nd_u8(nd, 6),
	    nd_u8(nd, 7));
	nd_ipv6(nd, MLD_ADDR, a);
	nd_field(nd, COLOR_PLAIN, "multicast addr", "%s%s", a,
	    type == I6_MLD_QUERY && strcmp(a, "::") == 0 ?
	    " (a general query)" : "");
	if (type != I6_MLD_QUERY || nd->len <= MLD_LEN)
		return;
	nd_field(nd, COLOR_PLAIN, "flags", "S %u, QRV %u",
	    nd_u8(nd, MLD2_QFLAGS) >> 3 & 1, nd_u8(nd, MLD2_QFLAGS) & 7);
	nd_field(nd, COLOR_PLAIN, "QQIC", "%u", nd_u8(nd, MLD2_QQIC));
	nsrc = nd_u16(nd, MLD2_QNSRC);
	nd_field(nd, COLOR_PLAIN, "sources", "%u", nsrc);
	for (i = 0; i < nsrc; i++) {
		if (!nd_has(nd, MLD2_QSRCS + (size_t)i * ND_IPV6_LEN,
		    ND_IPV6_LEN)) {
			nd_field(nd, COLOR_PLAIN, "  source", "only %u of %u: "
			    "the message ends", i, nsrc);
			return;
		}
		nd_field(nd, COLOR_PLAIN, "  source", "%s", nd_ipv6(nd,
		    MLD2_QSRCS + (size_t)i * ND_IPV6_LEN, a));
	}
}

/* One MLDv2 multicast address record, the window on what is left of the
 * message; returns its length, or 0 when it is not all here. */
static size_t
mld2_record(struct nd *nd)
{
	char a[ND_IPV6_TEXT];
	unsigned rtype = nd_u8(nd, REC_TYPE), nsrc = nd_u16(nd, REC_NSRC), i;
	size_t aux = nd_u8(nd, REC_AUXLEN) * (size_t)4;
	size_t len = REC_SRCS + nsrc * (size_t)ND_IPV6_LEN + aux;

	if (nd->len < REC_SRCS || len > nd->len) {
		nd->trunc = 0;
		nd_field(nd, COLOR_PLAIN, "  record", "only %zu bytes: shorter "
		    "than the %zu its source count and auxiliary length give "
		    "it; not read", nd->len, nd->len < REC_SRCS ?
		    (size_t)REC_SRCS : len);
		return 0;
	}
	nd_field(nd, COLOR_PLAIN, "  record", "%s (%u): %s, %u sources, %zu "
	    "bytes of auxiliary data", tok_name(mld2_records, rtype,
	    "unassigned"), rtype, nd_ipv6(nd, REC_ADDR, a), nsrc, aux);
	for (i = 0; i < nsrc; i++)
		nd_field(nd, COLOR_PLAIN, "    source", "%s", nd_ipv6(nd,
		    REC_SRCS + (size_t)i * ND_IPV6_LEN, a));
	return len;
}

/* A version 2 multicast listener report (RFC 3810 5.2). */
static void
mld2_report_print(struct nd *nd)
{
	struct nd_window w;
	size_t at = MLD2_RECORDS, len;
	unsigned nrec = nd_u16(nd, MLD2_NREC), i;

	nd_field(nd, COLOR_PLAIN, "reserved", "%02x %02x", nd_u8(nd, 4),
	    nd_u8(nd, 5));
	nd_field(nd, COLOR_PLAIN, "records", "%u", nrec);
	for (i = 0; i < nrec; i++) {
		w = nd_push(nd, at, nd->len);
		len = mld2_record(nd);
		nd_pop(nd, w);
		if (len == 0)
			return;
		at += len;
	}
	if (at < nd->len)
		nd_field(nd, COLOR_PLAIN, "rest", "%zu bytes after the %u "
		    "records", nd->len - at, nrec);
}

/*
 * The message.  One shorter than its type's fixed part shows the type
 * from 1 byte, the code from 2, the checksum from 4, which covers the
 * whole message however short.
 */
void
icmp6_print(struct nd *nd)
{
	unsigned type = nd_u8(nd, I6_TYPE), code;
	const char *name = tok_name(icmp6_types, type, NULL), *what;
	size_t need;

	nd_field(nd, COLOR_TYPE, "ICMPv6 type", "%u (%s)", type,
	    name != NULL ? name : "unassigned");
	code = nd_u8(nd, I6_CODE);
	icmp6_code_line(nd, type, code);
	icmp6_checksum(nd);
	need = type_min(type, nd->len, &what);
	if (nd_short(nd, need)) {
		nd_field(nd, COLOR_PLAIN, "ICMPv6", "only %zu bytes: shorter "
		    "than the %zu-byte %s; the rest is not decoded", nd->len,
		    need, what);
		return;
	}
	switch (type) {
	case I6_UNREACH: case I6_TOOBIG: case I6_TIMXCEED: case I6_PARAMPROB:
		error_print(nd, type);
		break;
	case I6_ECHO: case I6_ECHOREPLY:
		nd_field(nd, COLOR_PLAIN, "ICMPv6 id", "%u", nd_u16(nd, I6_ID));
		nd_field(nd, COLOR_PLAIN, "ICMPv6 sequence", "%u",
		    nd_u16(nd, I6_SEQ));
		nd_field(nd, COLOR_PLAIN, "payload", "%zu bytes", nd->len - 8);
		break;
	case I6_RS: case I6_RA: case I6_NS: case I6_NA: case I6_REDIRECT:
		nd_print(nd, type);
		break;
	case I6_MLD_QUERY: case I6_MLD_REPORT: case I6_MLD_DONE:
		mld_print(nd, type);
		break;
	case I6_MLD2_REPORT:
		mld2_report_print(nd);
		break;
	default:
		/* An unassigned type's rest is not known to be a body. */
		nd_field(nd, COLOR_PLAIN, "body", "%zu bytes%s",
		    nd->len - I6_HDRLEN, name != NULL ? " (not decoded here)" :
		    "");
		break;
	}
}
