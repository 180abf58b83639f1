/*
 * UDP: RFC 768; over IPv6, RFC 8200 8.1 (the checksum is not optional).
 */
#include "nd.h"

enum udp_offset {
	UDP_SPORT = 0, UDP_DPORT = 2, UDP_LEN = 4, UDP_SUM = 6, UDP_HDRLEN = 8
};

/* The datagram, the window on it: what the IP header leaves for it. */
void
udp_print(struct nd *nd)
{
	size_t n = nd->len;
	unsigned ulen;

	nd_field(nd, COLOR_PLAIN, "UDP ports", "%u -> %u",
	    nd_u16(nd, UDP_SPORT), nd_u16(nd, UDP_DPORT));
	if (nd_short(nd, UDP_HDRLEN)) {
		nd_field(nd, COLOR_PLAIN, "UDP", "only %zu bytes: shorter than "
		    "the 8-byte UDP header; the rest is not decoded", n);
		return;
	}
	ulen = nd_u16(nd, UDP_LEN);
	if (ulen > n && ulen >= UDP_HDRLEN && !nd->net.complete) {
		/* Cut by the capture, not wrong: say what is here. */
		nd_field(nd, COLOR_PLAIN, "UDP length", "%u (%zu bytes of it "
		    "captured)", ulen, n);
		transport_checksum(nd, "UDP checksum", n, UDP_SUM);
		nd_field(nd, COLOR_PLAIN, "payload", "%u bytes (%zu captured)",
		    ulen - UDP_HDRLEN, n - UDP_HDRLEN);
		return;
	}
	if (ulen < UDP_HDRLEN || ulen > n)
		nd_field(nd, COLOR_PLAIN, "UDP length", "%u, but the IP header "
		    "leaves %zu bytes for it: read as %zu", ulen, n, n);
	else
		nd_field(nd, COLOR_PLAIN, "UDP length", "%u", ulen);
	if (ulen >= UDP_HDRLEN && ulen < n)
		n = ulen;
	if (nd_u16(nd, UDP_SUM) != 0)
		transport_checksum(nd, "UDP checksum", n, UDP_SUM);
	else if (nd->net.version == 4)
		nd_field(nd, COLOR_PLAIN, "UDP checksum", "0x0000 (none: the "
		    "sender computed none, which RFC 768 allows)");
	else
		nd_field(nd, COLOR_PLAIN, "UDP checksum", "0x0000 (none, which "
		    "IPv6 does not allow: RFC 8200 8.1)");
	nd_field(nd, COLOR_PLAIN, "payload", "%zu bytes", n - UDP_HDRLEN);
}
