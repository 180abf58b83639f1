/*
 * IPv6: the fixed header of RFC 8200 3 (version, traffic class, flow
 * label, payload length, next header, hop limit, addresses; the traffic
 * class holds DSCP and ECN, RFC 2474 and RFC 3168), addresses written as
 * RFC 5952 asks.  The next header goes through the IP protocol
 * demultiplexer shared with IPv4 where a printer exists; extension
 * headers and ICMPv6 are named, not yet read.  Words as tcpdump -v's
 * where it has them ("flowlabel", "hlim", "next-header").
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

/* The extension headers of RFC 8200 4 and the IANA "IPv6 Extension
 * Header Types" registry, and "no next header". */
static const struct tok ext_headers[] = {
	{ 0, "Hop-by-Hop Options" },
	{ 43, "Routing" },
	{ 44, "Fragment" },
	{ 59, "No Next Header" },
	{ 60, "Destination Options" },
	{ 135, "Mobility" },
	{ 139, "HIP" },
	{ 140, "Shim6" },
	{ 0, NULL }
};

static const char *
next_header_name(unsigned nxt)
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
 * trusted (read what is here).
 */
static size_t
payload_length(struct nd *nd, unsigned plen)
{
	size_t n = nd->len - IP6_HDRLEN;

	if (plen == n) {
		nd_field(nd, COLOR_PLAIN, "payload length", "%u", plen);
		return plen;
	}
	if (plen < n) {
		nd_field(nd, COLOR_PLAIN, "payload length", "%u (%zu more "
		    "bytes read after it, ignored)", plen, n - plen);
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

/* What follows the header: plen bytes of payload ((size_t)-1: what is
 * here), by the next header's printer. */
static void
ip6_payload(struct nd *nd, unsigned nxt, size_t plen)
{
	nd_printer *print = ip_demux(nxt, 6);
	size_t n = nd->len - IP6_HDRLEN;
	struct nd_window w;

	if (print == NULL) {
		nd_field(nd, COLOR_PLAIN, "payload", "%zu bytes (%s: not "
		    "decoded here)", plen != (size_t)-1 ? plen : n,
		    next_header_name(nxt));
		return;
	}
	nd->net.version = 6;
	nd->net.complete = plen != (size_t)-1 || nd->whole;
	nd->net.pseudo_sum = ip6_pseudo_sum;
	nd->net.src = nd->p + IP6_SRC;
	nd->net.dst = nd->p + IP6_DST;
	nd->net.proto = nxt;
	w = nd_push(nd, IP6_HDRLEN, plen != (size_t)-1 ? plen : n);
	print(nd);
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
		have = payload_length(nd, plen);
	else
		nd_field(nd, COLOR_PLAIN, "payload length", "%u", plen);
	nxt = nd_u8(nd, IP6_NXT);
	nd_field(nd, COLOR_PLAIN, "next header", "%u (%s)", nxt,
	    next_header_name(nxt));
	nd_field(nd, COLOR_PLAIN, "hop limit", "%u", nd_u8(nd, IP6_HLIM));
	nd_field(nd, COLOR_PLAIN, "addresses", "%s -> %s",
	    nd_ipv6(nd, IP6_SRC, s), nd_ipv6(nd, IP6_DST, d));
	if (nd_short(nd, IP6_HDRLEN)) {
		nd_field(nd, COLOR_PLAIN, "not decoded", "%zu bytes: the "
		    "header is 40 bytes, only %zu of them here; the rest is "
		    "missing", nd->len, nd->len);
		return;
	}
	ip6_payload(nd, nxt, have);
}
