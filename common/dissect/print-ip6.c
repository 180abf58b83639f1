/*
 * IPv6: the fixed header of RFC 8200 3 (version, traffic class, flow
 * label, payload length, next header, hop limit, addresses; the traffic
 * class holds DSCP and ECN, RFC 2474 and RFC 3168), addresses written as
 * RFC 5952 asks; then the extension headers of RFC 8200 4 in the order
 * the next header fields chain them: hop-by-hop options (4.3),
 * routing (4.4), fragment (4.5), destination options (4.6), each length
 * held against the bytes in hand; then the upper layer through the IP
 * protocol demultiplexer shared with IPv4, its checksum over the
 * pseudo-header of RFC 8200 8.1, whose destination is the final one a
 * routing header names.  Words as tcpdump -v's where it has them
 * ("flowlabel", "hlim", "next-header").
 */
#include <string.h>

#include "cksum.h"
#include "nd.h"

enum ip6_offset {
	IP6_FLOW = 0,		/* version (4 bits), traffic class (8), flow
				 * label (20) */
	IP6_PLEN = 4, IP6_NXT = 6, IP6_HLIM = 7, IP6_SRC = 8, IP6_DST = 24,
	IP6_HDRLEN = 40
};

/* Within an extension header: every one begins with the next header;
 * all but the fragment header then give their length in 8-byte units,
 * not counting the first 8 (RFC 8200 4.3-4.6). */
enum ext_offset {
	EXT_NXT = 0, EXT_LEN = 1, EXT_UNIT = 8,
	RT_TYPE = 2, RT_SEGLEFT = 3, RT_DATA = 4, RT_ADDRS = 8,
	FRAG_OFFLG = 2, FRAG_ID = 4, FRAG_HDRLEN = 8
};

/* The extension headers of RFC 8200 4 and the IANA "IPv6 Extension
 * Header Types" registry, and "no next header". */
static const struct tok ext_headers[] = {
	{ IP6_EXT_HOP, "Hop-by-Hop Options" },
	{ IP6_EXT_ROUTING, "Routing" },
	{ IP6_EXT_FRAGMENT, "Fragment" },
	{ IP6_EXT_NONE, "No Next Header" },
	{ IP6_EXT_DEST, "Destination Options" },
	{ 135, "Mobility" },
	{ 139, "HIP" },
	{ 140, "Shim6" },
	{ 0, NULL }
};

/* Routing types: the IANA "IPv6 Routing Types" registry. */
static const struct tok routing_types[] = {
	{ 0, "source route, deprecated by RFC 5095" },
	{ 1, "Nimrod, deprecated" },
	{ 2, "type 2 routing header, Mobile IPv6 (RFC 6275)" },
	{ 3, "RPL source route header (RFC 6554)" },
	{ 4, "segment routing header (RFC 8754)" },
	{ 5, "CRH-16" },
	{ 6, "CRH-32" },
	{ 253, "RFC 3692-style experiment 1" },
	{ 254, "RFC 3692-style experiment 2" },
	{ 255, "reserved" },
	{ 0, NULL }
};

/* The routing types whose data after 4 reserved bytes is a list of
 * addresses, the last the final destination. */
enum { RT_TYPE0 = 0, RT_TYPE2 = 2 };

/* Options of the hop-by-hop and destination options headers (RFC 8200
 * 4.2; the IANA "Destination Options and Hop-by-Hop Options"
 * registry). */
enum {
	OPT_PAD1 = 0x00, OPT_PADN = 0x01, OPT_TUNNEL_LIMIT = 0x04,
	OPT_ROUTER_ALERT = 0x05, OPT_JUMBO = 0xc2, OPT_HOME_ADDRESS = 0xc9
};

static const struct tok options[] = {
	{ OPT_PAD1, "Pad1" },
	{ OPT_PADN, "PadN" },
	{ OPT_TUNNEL_LIMIT, "tunnel encapsulation limit" },
	{ OPT_ROUTER_ALERT, "router alert" },
	{ 0x07, "CALIPSO" },
	{ 0x08, "SMF_DPD" },
	{ 0x26, "quick-start" },
	{ 0x63, "RPL option" },
	{ 0x6d, "MPL option" },
	{ OPT_JUMBO, "jumbo payload" },
	{ OPT_HOME_ADDRESS, "home address" },
	{ 0x1e, "RFC 3692-style experiment" },
	{ 0x3e, "RFC 3692-style experiment" },
	{ 0x5e, "RFC 3692-style experiment" },
	{ 0x7e, "RFC 3692-style experiment" },
	{ 0x9e, "RFC 3692-style experiment" },
	{ 0xbe, "RFC 3692-style experiment" },
	{ 0xde, "RFC 3692-style experiment" },
	{ 0xfe, "RFC 3692-style experiment" },
	{ 0, NULL }
};

/* The router alert's values (RFC 2711 2.1, the IANA "IPv6 Router
 * Alert Option Values" registry). */
static const struct tok router_alerts[] = {
	{ 0, "MLD, RFC 2710" },
	{ 1, "RSVP, RFC 2205" },
	{ 2, "Active Networks, RFC 2711" },
	{ 0, NULL }
};

/* The two high bits of an option's type: what a node that does not
 * know it does (RFC 8200 4.2). */
static const char *const option_actions[] = {
	"skip over it",
	"discard the packet",
	"discard the packet and send a parameter problem",
	("discard the packet and send a parameter problem unless the "
	    "destination is multicast")
};

/* What the walk of the headers has found out about the upper layer. */
struct chain {
	const uint8_t *dst;	/* the pseudo-header's destination */
	int partial;		/* a fragment of several */
	int later;		/* a fragment past the first */
	size_t count;		/* extension headers so far */
	unsigned plen;		/* the payload length field */
	size_t after;		/* the bytes in hand after the fixed header */
};

int
ip6_is_ext(unsigned nxt)
{
	return nxt == IP6_EXT_HOP || nxt == IP6_EXT_ROUTING ||
	    nxt == IP6_EXT_FRAGMENT || nxt == IP6_EXT_DEST;
}

size_t
ip6_ext_len(struct nd *nd, size_t off, unsigned nxt)
{
	if (nxt == IP6_EXT_FRAGMENT)
		return FRAG_HDRLEN;
	if (!nd_has(nd, off, EXT_LEN + 1)) {
		nd->trunc = 1;
		return 0;
	}
	return ((size_t)nd_u8(nd, off + EXT_LEN) + 1) * EXT_UNIT;
}

const char *
ip6_next_header_name(unsigned nxt)
{
	const char *name = tok_name(ext_headers, nxt, NULL);

	return name != NULL ? name : ip_proto_name(nxt);
}

/* The pseudo-header of RFC 8200 8.1 for an upper-layer message of len
 * bytes: source, destination, a 32-bit length, three zeros, the next
 * header. */
static uint16_t
ip6_pseudo_sum(const struct nd *nd, size_t len)
{
	uint8_t p[40];

	memcpy(p, nd->net.src, 16);
	memcpy(p + 16, nd->net.dst, 16);
	put32(p + 32, (uint32_t)len);
	p[36] = p[37] = p[38] = 0;
	p[39] = (uint8_t)nd->net.proto;
	return (uint16_t)~cksum(p, sizeof(p));
}

/*
 * The payload length against the bytes after the header; returns the
 * bytes the payload has by it, or (size_t)-1 when the length cannot be
 * trusted (read what is here).  A length of 0 before a hop-by-hop
 * header may be a jumbogram's, whose length an option gives (RFC 2675).
 */
static size_t
payload_length(struct nd *nd, unsigned plen, unsigned nxt)
{
	size_t n = nd->len - IP6_HDRLEN;

	if (plen == n) {
		nd_field(nd, COLOR_PLAIN, "payload length", "%u", plen);
		return plen;
	}
	if (plen == 0 && nxt == IP6_EXT_HOP) {
		nd_field(nd, COLOR_PLAIN, "payload length", "0, with %zu bytes "
		    "after the header: a jumbogram's if the hop-by-hop header "
		    "has a jumbo payload option (RFC 2675); read over the "
		    "bytes present", n);
		return (size_t)-1;
	}
	if (plen < n) {
		nd_field(nd, COLOR_PLAIN, "payload length", "%u (%zu more bytes "
		    "read after it, ignored)", plen, n - plen);
		return plen;
	}
	if (nd->whole)
		nd_field(nd, COLOR_PLAIN, "payload length", "%u, but %zu bytes "
		    "follow the header, all of the datagram here: the field is "
		    "wrong; the rest is read over the bytes present", plen, n);
	else
		nd_field(nd, COLOR_PLAIN, "payload length", "%u, but only %zu "
		    "bytes follow the header: the datagram is cut short", plen,
		    n);
	return (size_t)-1;
}

/* A jumbo payload option's length (RFC 2675 2): only with a payload
 * length of 0, and above 65535; held against the bytes in hand. */
static void
jumbo_option(struct nd *nd, size_t at, const struct chain *c)
{
	unsigned long len = nd_u32(nd, at);

	if (c->plen != 0)
		nd_field(nd, COLOR_PLAIN, "    option", "jumbo payload (0xc2):"
		    " length %lu, but the payload length is %u, not the 0 "
		    "RFC 2675 asks for", len, c->plen);
	else if (len <= 65535)
		nd_field(nd, COLOR_PLAIN, "    option", "jumbo payload (0xc2):"
		    " length %lu, which RFC 2675 allows only above 65535", len);
	else if (len != c->after)
		nd_field(nd, COLOR_PLAIN, "    option", "jumbo payload (0xc2):"
		    " length %lu (RFC 2675), but %zu bytes follow the header%s",
		    len, c->after, nd->whole ? ", all of the datagram here" :
		    ": the datagram is cut short");
	else
		nd_field(nd, COLOR_PLAIN, "    option", "jumbo payload (0xc2):"
		    " length %lu (RFC 2675)", len);
}

/* An option's data of dlen bytes at at, for the options named here;
 * want the length the option's RFC gives it. */
static void
option_value(struct nd *nd, unsigned t, size_t at, size_t dlen,
    const struct chain *c)
{
	char a[ND_IPV6_TEXT];
	unsigned v;
	size_t want = t == OPT_TUNNEL_LIMIT ? 1 : t == OPT_ROUTER_ALERT ? 2 :
	    t == OPT_JUMBO ? 4 : 16;
	const char *name = tok_name(options, t, "");

	if (dlen != want) {
		nd_field(nd, COLOR_PLAIN, "    option", "%s (0x%02x): %zu bytes "
		    "of data, where its RFC gives it %zu; not read", name, t,
		    dlen, want);
		return;
	}
	switch (t) {
	case OPT_TUNNEL_LIMIT:
		nd_field(nd, COLOR_PLAIN, "    option", "%s (0x%02x): %u more "
		    "encapsulations (RFC 2473)", name, t, nd_u8(nd, at));
		break;
	case OPT_ROUTER_ALERT:
		v = nd_u16(nd, at);
		nd_field(nd, COLOR_PLAIN, "    option", "%s (0x%02x): %u (%s)",
		    name, t, v, tok_name(router_alerts, v, "unassigned here"));
		break;
	case OPT_JUMBO:
		jumbo_option(nd, at, c);
		break;
	default:
		nd_field(nd, COLOR_PLAIN, "    option", "%s (0x%02x): %s (RFC "
		    "6275)", name, t, nd_ipv6(nd, at, a));
		break;
	}
}

/* One option of type t with dlen bytes of data at at. */
static void
option_print(struct nd *nd, unsigned t, size_t at, size_t dlen,
    const struct chain *c)
{
	const char *name = tok_name(options, t, NULL);

	if (t == OPT_TUNNEL_LIMIT || t == OPT_ROUTER_ALERT || t == OPT_JUMBO ||
	    t == OPT_HOME_ADDRESS)
		option_value(nd, t, at, dlen, c);
	else if (t == OPT_PADN)
		nd_field(nd, COLOR_PLAIN, "    option", "PadN (0x01): %zu bytes "
		    "of padding after its 2", dlen);
	else
		nd_field(nd, COLOR_PLAIN, "    option", "%s (0x%02x): %zu bytes "
		    "of data, not decoded here (a node that does not know it "
		    "should %s; its data %s en route)", name != NULL ? name :
		    "unassigned", t, dlen, option_actions[t >> 6], t & 0x20 ?
		    "may change" : "does not change");
}

/*
 * The options of a hop-by-hop or destination options header (RFC 8200
 * 4.2), the window on the header: from byte 2, each a type, then for
 * all but Pad1 a length and that many bytes of data.
 */
static void
options_print(struct nd *nd, const struct chain *c)
{
	size_t i = EXT_LEN + 1, n = nd->len, dlen;
	unsigned t;

	while (i < n) {
		t = nd_u8(nd, i);
		if (t == OPT_PAD1) {
			nd_field(nd, COLOR_PLAIN, "    option", "Pad1 (0x00)");
			i++;
			continue;
		}
		if (i + 1 >= n) {
			nd_field(nd, COLOR_PLAIN, "    option", "type 0x%02x: its "
			    "length byte is past the header's end; not read",
			    t);
			return;
		}
		dlen = nd_u8(nd, i + 1);
		if (dlen > n - i - 2) {
			nd_field(nd, COLOR_PLAIN, "    option", "type 0x%02x: its "
			    "%zu bytes of data run past the header's end; the "
			    "rest is not read", t, dlen);
			return;
		}
		option_print(nd, t, i + 2, dlen, c);
		i += 2 + dlen;
	}
}

/*
 * A routing header (RFC 8200 4.4), the window on it.  Types 0 (RFC 2460
 * 4.4, deprecated by RFC 5095) and 2 (RFC 6275 6.4) carry 4 reserved
 * bytes and addresses; while segments are left, the last address is the
 * final destination, the one the upper layer's pseudo-header holds (RFC
 * 8200 8.1), and the header's destination only the next hop.
 */
static void
routing_print(struct nd *nd, struct chain *c)
{
	char a[ND_IPV6_TEXT];
	unsigned type = nd_u8(nd, RT_TYPE), left = nd_u8(nd, RT_SEGLEFT);
	unsigned elen = nd_u8(nd, EXT_LEN);
	size_t i, naddr = (nd->len - RT_ADDRS) / ND_IPV6_LEN;
	const uint8_t *last = NULL;

	nd_field(nd, COLOR_PLAIN, "    routing type", "%u (%s)", type,
	    tok_name(routing_types, type, "unassigned"));
	nd_field(nd, COLOR_PLAIN, "    segments", "%u left", left);
	if (type != RT_TYPE0 && type != RT_TYPE2) {
		nd_field(nd, COLOR_PLAIN, "    data", "%zu bytes (not decoded "
		    "here)", nd->len - RT_DATA);
		return;
	}
	nd_field(nd, COLOR_PLAIN, "    reserved", "%02x %02x %02x %02x",
	    nd_u8(nd, RT_DATA), nd_u8(nd, RT_DATA + 1), nd_u8(nd, RT_DATA + 2),
	    nd_u8(nd, RT_DATA + 3));
	if (elen % 2 != 0)
		nd_field(nd, COLOR_PLAIN, "    length", "field %u is odd: not a "
		    "whole number of addresses (RFC 2460 4.4); 8 bytes after "
		    "the last one not read", elen);
	for (i = 0; i < naddr; i++) {
		nd_field(nd, COLOR_PLAIN, type == RT_TYPE2 ?
		    "    home address" : "    address", "%s (%zu of %zu)",
		    nd_ipv6(nd, RT_ADDRS + i * ND_IPV6_LEN, a), i + 1, naddr);
		last = nd->p + RT_ADDRS + i * ND_IPV6_LEN;
	}
	if (left > naddr)
		nd_field(nd, COLOR_PLAIN, "    segments", "%u left, more than "
		    "the %zu addresses: a node sends a parameter problem (RFC "
		    "2460 4.4)", left, naddr);
	if (left > 0 && last != NULL) {
		c->dst = last;
		nd_field(nd, COLOR_PLAIN, "    destination", "%s: the last "
		    "address, the final destination, which the upper layer's "
		    "pseudo-header holds (RFC 8200 8.1)", nd_ipv6(nd,
		    (size_t)(last - nd->p), a));
	}
}

/*
 * A fragment header (RFC 8200 4.5), the window on it: the offset in
 * 8-byte units (13 bits), 2 reserved bits, M, the identification.  A
 * fragment whose offset is 0 and M clear is the whole packet (an atomic
 * fragment, RFC 6946).
 */
static void
fragment_print(struct nd *nd, struct chain *c)
{
	unsigned offlg = nd_u16(nd, FRAG_OFFLG), units = offlg >> 3;
	unsigned more = offlg & 1, res = nd_u8(nd, EXT_LEN);
	unsigned long id = nd_u32(nd, FRAG_ID);

	if (units != 0)
		nd_field(nd, COLOR_PLAIN, "    offset", "%u = field %u x 8 "
		    "bytes", units * 8u, units);
	else
		nd_field(nd, COLOR_PLAIN, "    offset", "0");
	if (more)
		nd_field(nd, COLOR_PLAIN, "    M flag", "1 (more fragments "
		    "follow)");
	else if (units != 0)
		nd_field(nd, COLOR_PLAIN, "    M flag", "0 (the last "
		    "fragment)");
	else
		nd_field(nd, COLOR_PLAIN, "    M flag", "0, and offset 0: an "
		    "atomic fragment, the whole packet in one (RFC 6946)");
	nd_field(nd, COLOR_ID, "    id", "0x%08lx (%lu)", id, id);
	if (res != 0 || (offlg & 6) != 0)
		nd_field(nd, COLOR_PLAIN, "    reserved", "byte 0x%02x, bits %u "
		    "(RFC 8200 4.5 sends them as 0)", res, (offlg >> 1) & 3);
	c->partial = more || units != 0;
	c->later = units != 0;
}

/*
 * The extension header nxt at the window's start; returns its length,
 * or 0 when it is not all here (said so), and its next header in *next.
 */
static size_t
ext_print(struct nd *nd, unsigned nxt, struct chain *c, unsigned *next)
{
	const char *name = ip6_next_header_name(nxt);
	size_t len = ip6_ext_len(nd, 0, nxt);
	struct nd_window w;

	if (nd_short(nd, nxt == IP6_EXT_FRAGMENT ? 1 : EXT_LEN + 1)) {
		if (nxt == IP6_EXT_FRAGMENT)
			nd_field(nd, COLOR_PLAIN, "extension header", "only 0 "
			    "bytes: shorter than the 8-byte Fragment header; the "
			    "rest is not decoded");
		else
			nd_field(nd, COLOR_PLAIN, "extension header", "only %zu "
			    "bytes: shorter than the 2 that give the %s "
			    "header's next header and length; the rest is not "
			    "decoded", nd->len, name);
		return 0;
	}
	*next = nd_u8(nd, EXT_NXT);
	if (nxt == IP6_EXT_FRAGMENT)
		nd_field(nd, COLOR_PLAIN, "extension header", "%u (%s), %zu "
		    "bytes", nxt, name, len);
	else
		nd_field(nd, COLOR_PLAIN, "extension header", "%u (%s), %zu "
		    "bytes (length field %u)%s", nxt, name, len,
		    nd_u8(nd, EXT_LEN), nxt == IP6_EXT_HOP && c->count > 0 ?
		    ", not first: RFC 8200 4.3 allows it only right after the "
		    "IPv6 header" : "");
	nd_field(nd, COLOR_PLAIN, "    next header", "%u (%s)", *next,
	    ip6_next_header_name(*next));
	if (len > nd->len) {
		nd_field(nd, COLOR_PLAIN, "extension header", "only %zu bytes: "
		    "shorter than the %zu-byte %s header; the rest is not "
		    "decoded", nd->len, len, name);
		return 0;
	}
	c->count++;
	w = nd_push(nd, 0, len);
	if (nxt == IP6_EXT_ROUTING)
		routing_print(nd, c);
	else if (nxt == IP6_EXT_FRAGMENT)
		fragment_print(nd, c);
	else
		options_print(nd, c);
	nd_pop(nd, w);
	return len;
}

/* The upper layer nxt, the window on it, by its printer; complete says
 * the payload is all here. */
static void
upper_print(struct nd *nd, unsigned nxt, const struct chain *c,
    const uint8_t *src, int complete)
{
	nd_printer *print = ip_demux(nxt, 6);

	if (c->later) {
		nd_field(nd, COLOR_PLAIN, "payload", "%zu bytes: a later "
		    "fragment, which carries no %s header", nd->len,
		    ip6_next_header_name(nxt));
		return;
	}
	if (nxt == IP6_EXT_NONE) {
		nd_field(nd, COLOR_PLAIN, "payload", "%zu bytes after a next "
		    "header of 59 (No Next Header), ignored (RFC 8200 4.7)",
		    nd->len);
		return;
	}
	if (print == NULL) {
		nd_field(nd, COLOR_PLAIN, "payload", "%zu bytes (%s: not "
		    "decoded here)", nd->len, ip6_next_header_name(nxt));
		return;
	}
	nd->net.version = 6;
	nd->net.complete = complete && !c->partial;
	nd->net.pseudo_sum = ip6_pseudo_sum;
	nd->net.src = src;
	nd->net.dst = c->dst;
	nd->net.proto = nxt;
	print(nd);
}

/* What follows the header: plen bytes of payload ((size_t)-1: what is
 * here), the extension headers in turn, then the upper layer. */
static void
ip6_payload(struct nd *nd, unsigned nxt, size_t plen, unsigned plen_field)
{
	const uint8_t *src = nd->p + IP6_SRC;
	size_t n = nd->len - IP6_HDRLEN, len;
	struct chain c = { nd->p + IP6_DST, 0, 0, 0, plen_field, n };
	struct nd_window w;
	unsigned next = 0;

	w = nd_push(nd, IP6_HDRLEN, plen != (size_t)-1 ? plen : n);
	while (ip6_is_ext(nxt) && !c.later) {
		len = ext_print(nd, nxt, &c, &next);
		if (len == 0) {
			nd_pop(nd, w);
			return;
		}
		nd->p += len;
		nd->len -= len;
		nxt = next;
	}
	upper_print(nd, nxt, &c, src, plen != (size_t)-1 || nd->whole);
	nd_pop(nd, w);
}

void
ip6_print(struct nd *nd)
{
	char s[ND_IPV6_TEXT], d[ND_IPV6_TEXT];
	unsigned long flow;
	unsigned tclass, plen, nxt;
	size_t have = (size_t)-1;
	unsigned version = nd_u8(nd, IP6_FLOW) >> 4;

	if (nd->len > 0 && version != 6) {
		nd_field(nd, COLOR_PLAIN, "not decoded", "%zu bytes: not IPv6 "
		    "(version is %u)", nd->len, version);
		return;
	}
	nd_field(nd, COLOR_PLAIN, "version", "%u", version);
	flow = nd_u32(nd, IP6_FLOW);
	tclass = (unsigned)(flow >> 20) & 0xff;
	nd_field(nd, COLOR_PLAIN, "traffic class", "0x%02x (DSCP %u, ECN %u)",
	    tclass, tclass >> 2, tclass & 3);
	nd_field(nd, COLOR_PLAIN, "flow label", "0x%05x",
	    (unsigned)(flow & 0xfffff));
	plen = nd_u16(nd, IP6_PLEN);
	if (nd_has(nd, 0, IP6_HDRLEN))
		have = payload_length(nd, plen, nd_u8(nd, IP6_NXT));
	else
		nd_field(nd, COLOR_PLAIN, "payload length", "%u", plen);
	nxt = nd_u8(nd, IP6_NXT);
	nd_field(nd, COLOR_PLAIN, "next header", "%u (%s)", nxt,
	    ip6_next_header_name(nxt));
	nd_field(nd, COLOR_PLAIN, "hop limit", "%u", nd_u8(nd, IP6_HLIM));
	nd_field(nd, COLOR_PLAIN, "addresses", "%s -> %s",
	    nd_ipv6(nd, IP6_SRC, s), nd_ipv6(nd, IP6_DST, d));
	if (nd_short(nd, IP6_HDRLEN)) {
		nd_field(nd, COLOR_PLAIN, "not decoded", "%zu bytes: the "
		    "header is 40 bytes, only %zu of them here; the rest is "
		    "missing", nd->len, nd->len);
		return;
	}
	ip6_payload(nd, nxt, have, plen);
	/* Whatever the last line said, the capture ends before the
	 * datagram does: said last, so every cut view ends in why. */
	if (have == (size_t)-1 && !nd->whole && plen > nd->len - IP6_HDRLEN)
		nd_field(nd, COLOR_PLAIN, "not decoded", "%zu bytes of the "
		    "payload's %u are not here: the datagram is cut short",
		    plen - (nd->len - IP6_HDRLEN), plen);
}
