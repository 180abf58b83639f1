/*
 * The IP protocol demultiplexer, shared by IPv4 and IPv6 as tcpdump's
 * print-ip-demux.c is: each case one call into another file.  Names:
 * the IANA "Assigned Internet Protocol Numbers" registry.
 */
#include "cksum.h"
#include "nd.h"

static const struct tok ip_protos[] = {
	{ IP_PROTO_ICMP, "ICMP" },
	{ IP_PROTO_IGMP, "IGMP" },
	{ IP_PROTO_IPIP, "IPv4-in-IPv4" },
	{ IP_PROTO_TCP, "TCP" },
	{ IP_PROTO_UDP, "UDP" },
	{ IP_PROTO_IPV6, "IPv6" },
	{ IP_PROTO_GRE, "GRE" },
	{ IP_PROTO_ESP, "ESP" },
	{ IP_PROTO_AH, "AH" },
	{ IP_PROTO_ICMPV6, "ICMPv6" },
	{ IP_PROTO_SCTP, "SCTP" },
	{ 253, "experimentation and testing (RFC 3692)" },
	{ 254, "experimentation and testing (RFC 3692)" },
	{ IP_PROTO_RESERVED, "reserved (a BSD kernel's own header when "
	    "IP_HDRINCL was not set)" },
	{ 0, NULL }
};

const char *
ip_proto_name(unsigned proto)
{
	return tok_name(ip_protos, proto, "unassigned here");
}

nd_printer *
ip_demux(unsigned proto, unsigned version)
{
	switch (proto) {
	case IP_PROTO_ICMP:
		/* ICMP for IPv4 alone; IPv6 has ICMPv6 (RFC 4443). */
		return version == 4 ? icmp_print : NULL;
	case IP_PROTO_ICMPV6:
		/* ICMPv6's checksum covers IPv6's pseudo-header (RFC 4443
		 * 2.3): IPv6 alone. */
		return version == 6 ? icmp6_print : NULL;
	case IP_PROTO_TCP:
		return tcp_print;
	case IP_PROTO_UDP:
		return udp_print;
	default:
		return NULL;
	}
}

/*
 * A TCP or UDP checksum, over the pseudo-header the network layer sums
 * and the message's n bytes, the field at at (RFC 9293 3.1, RFC 768,
 * RFC 8200 8.1).  Linux leaves only the pseudo-header's sum in the
 * field for the network card to finish (checksum offload), and on
 * loopback no card does: a raw socket there sees that sum, as tcpdump
 * does when it calls the checksum incorrect.
 */
void
transport_checksum(struct nd *nd, const char *label, size_t n, size_t at)
{
	unsigned stored = nd_u16(nd, at);
	const uint8_t *m = nd_bytes(nd, 0, n);
	uint16_t pseudo, sum, want;

	if (!nd->net.complete || m == NULL) {
		nd_field(nd, COLOR_PLAIN, label, "0x%04x (not checked: only "
		    "part of the segment is here)", stored);
		return;
	}
	/* One's complement sums add in any order (RFC 1071 2(B)): the
	 * pseudo-header's, then the message's as cksum leaves it. */
	pseudo = nd->net.pseudo_sum(nd, n);
	sum = nd_sum_add(pseudo, (uint16_t)~cksum_without(m, n, at));
	want = (uint16_t)~sum;
	if (nd_sum_add(pseudo, (uint16_t)~cksum(m, n)) == 0xffff)
		nd_field(nd, COLOR_PLAIN, label, "0x%04x (valid)", stored);
	else if (stored == pseudo)
		nd_field(nd, COLOR_PLAIN, label, "0x%04x (the pseudo-header's "
		    "sum only: Linux leaves the rest to the network card, and "
		    "on loopback none adds it; should be 0x%04x)", stored,
		    want);
	else
		nd_field(nd, COLOR_PLAIN, label, "0x%04x (INVALID: should be "
		    "0x%04x)", stored, want);
}
