/*
 * ARP: RFC 826 (the message), RFC 903 (reverse ARP), RFC 2390 (inverse
 * ARP); numbers from the IANA "ARP Parameters" registry.  The addresses
 * are read for Ethernet and IPv4, the pair every ARP on an Ethernet
 * carries; the summary is tcpdump's ("who-has 192.0.2.2 tell
 * 192.0.2.1", "192.0.2.2 is-at 02:00:00:00:00:02").
 */
#include <string.h>

#include "nd.h"

enum arp_offset {
	ARP_HRD = 0, ARP_PRO = 2, ARP_HLN = 4, ARP_PLN = 5, ARP_OP = 6,
	ARP_HDRLEN = 8,		/* the addresses follow; for Ethernet and
				 * IPv4 they are at: */
	ARP_SHA = 8, ARP_SPA = 14, ARP_THA = 18, ARP_TPA = 24,
	ARP_ETHIP_LEN = 28
};

enum { ARP_HRD_ETHER = 1, ARP_OP_REQUEST = 1, ARP_OP_REPLY = 2 };

static const struct tok hardware[] = {
	{ ARP_HRD_ETHER, "Ethernet" },
	{ 6, "IEEE 802" },
	{ 15, "Frame Relay" },
	{ 18, "Fibre Channel" },
	{ 24, "IEEE 1394" },
	{ 32, "InfiniBand" },
	{ 0, NULL }
};

static const struct tok operations[] = {
	{ ARP_OP_REQUEST, "request" },
	{ ARP_OP_REPLY, "reply" },
	{ 3, "reverse request" },
	{ 4, "reverse reply" },
	{ 8, "inverse request" },
	{ 9, "inverse reply" },
	{ 10, "ARP NAK" },
	{ 0, NULL }
};

/*
 * The operation, with tcpdump's summary where the addresses are
 * Ethernet's and IPv4's, all here.
 */
static void
operation_line(struct nd *nd, unsigned op, int ethip)
{
	const char *name = tok_name(operations, op, "unknown here");
	char a[ND_IPV4_TEXT], b[ND_IPV4_TEXT], mac[ND_MAC_TEXT];

	if (ethip && nd_has(nd, 0, ARP_ETHIP_LEN) && op == ARP_OP_REQUEST)
		nd_field(nd, COLOR_PLAIN, "ARP operation", "%u (%s): who-has "
		    "%s tell %s", op, name, nd_ipv4(nd, ARP_TPA, a),
		    nd_ipv4(nd, ARP_SPA, b));
	else if (ethip && nd_has(nd, 0, ARP_ETHIP_LEN) && op == ARP_OP_REPLY)
		nd_field(nd, COLOR_PLAIN, "ARP operation", "%u (%s): %s is-at "
		    "%s", op, name, nd_ipv4(nd, ARP_SPA, a),
		    nd_mac(nd, ARP_SHA, mac));
	else
		nd_field(nd, COLOR_PLAIN, "ARP operation", "%u (%s)", op, name);
}

/* The four addresses, Ethernet and IPv4. */
static void
ethip_addresses(struct nd *nd, unsigned op)
{
	static const uint8_t zero[ND_MAC_LEN];
	char ip[ND_IPV4_TEXT], mac[ND_MAC_TEXT];
	const uint8_t *tha;

	nd_field(nd, COLOR_PLAIN, "sender MAC", "%s",
	    nd_mac(nd, ARP_SHA, mac));
	nd_field(nd, COLOR_PLAIN, "sender IPv4", "%s",
	    nd_ipv4(nd, ARP_SPA, ip));
	tha = nd_bytes(nd, ARP_THA, ND_MAC_LEN);
	nd_field(nd, COLOR_PLAIN, "target MAC", "%s%s",
	    nd_mac(nd, ARP_THA, mac), op == ARP_OP_REQUEST && tha != NULL &&
	    memcmp(tha, zero, ND_MAC_LEN) == 0 ? " (unknown: what the request "
	    "asks)" : "");
	nd_field(nd, COLOR_PLAIN, "target IPv4", "%s",
	    nd_ipv4(nd, ARP_TPA, ip));
}

void
arp_print(struct nd *nd)
{
	unsigned hrd, pro, hln, pln, op;
	size_t len;
	int ethip;

	hrd = nd_u16(nd, ARP_HRD);
	nd_field(nd, COLOR_PLAIN, "hardware type", "%u (%s)", hrd,
	    tok_name(hardware, hrd, "unknown here"));
	pro = nd_u16(nd, ARP_PRO);
	nd_field(nd, COLOR_PLAIN, "protocol type", "0x%04x (%s)", pro,
	    ethertype_name(pro));
	hln = nd_u8(nd, ARP_HLN);
	pln = nd_u8(nd, ARP_PLN);
	nd_field(nd, COLOR_PLAIN, "address lengths", "%u (hardware), %u "
	    "(protocol)", hln, pln);
	ethip = hrd == ARP_HRD_ETHER && pro == ET_IPV4 && hln == ND_MAC_LEN &&
	    pln == ND_IPV4_LEN;
	op = nd_u16(nd, ARP_OP);
	operation_line(nd, op, ethip);
	len = ARP_HDRLEN + 2 * (hln + pln);
	if (ethip)
		ethip_addresses(nd, op);
	else
		nd_field(nd, COLOR_PLAIN, "addresses", "%u bytes, not read "
		    "(only Ethernet and IPv4 addresses are)", 2 * (hln + pln));
	if (nd_short(nd, len)) {
		nd_field(nd, COLOR_PLAIN, "ARP", "only %zu bytes: shorter than "
		    "the %zu-byte message; the rest is not decoded", nd->len,
		    len);
		return;
	}
	if (nd->len > len)
		nd_field(nd, COLOR_PLAIN, "padding", "%zu bytes after the "
		    "message", nd->len - len);
}
