/*
 * Linux "cooked" headers, what libpcap writes for a capture on "any"
 * (tcpdump.org's LINKTYPE_LINUX_SLL and LINKTYPE_LINUX_SLL2 pages;
 * libpcap pcap/sll.h): the packet socket's own description of a frame
 * (packet(7), struct sockaddr_ll) in place of a link header, whatever
 * the interface's link layer was.
 *
 *   SLL (113), 16 bytes: packet type, ARPHRD type, address length,
 *     8 bytes of address, protocol.
 *   SLL2 (276), 20 bytes: protocol, reserved, interface index, ARPHRD
 *     type, packet type, address length, 8 bytes of address.
 *
 * The protocol is an EtherType, except for a few values below 0x0600
 * that name what follows another way (linux/if_ether.h ETH_P_802_3 and
 * ETH_P_802_2 among them).
 */
#include "nd.h"

enum sll_offset {
	SLL_PKTTYPE = 0, SLL_HATYPE = 2, SLL_HALEN = 4, SLL_ADDR = 6,
	SLL_PROTOCOL = 14, SLL_HDRLEN = 16
};

enum sll2_offset {
	SLL2_PROTOCOL = 0, SLL2_RESERVED = 2, SLL2_IFINDEX = 4,
	SLL2_HATYPE = 8, SLL2_PKTTYPE = 10, SLL2_HALEN = 11, SLL2_ADDR = 12,
	SLL2_HDRLEN = 20
};

enum { SLL_ADDRLEN = 8 };	/* the room for an address */

/* linux/if_packet.h PACKET_*, in tcpdump's words first. */
static const struct tok pkttypes[] = {
	{ 0, "In: to this host" },
	{ 1, "B: broadcast" },
	{ 2, "M: multicast" },
	{ 3, "P: to another host, seen in promiscuous mode" },
	{ 4, "Out: sent by this host" },
	{ 0, NULL }
};

/* linux/if_arp.h ARPHRD_*: the interface's link layer. */
static const struct tok hatypes[] = {
	{ 1, "Ethernet" },
	{ 280, "CAN" },
	{ 512, "PPP" },
	{ 768, "IPIP tunnel" },
	{ 772, "loopback" },
	{ 776, "IPv6-in-IPv4 tunnel" },
	{ 778, "GRE tunnel" },
	{ 801, "IEEE 802.11" },
	{ 803, "IEEE 802.11 with radiotap" },
	{ 824, "netlink" },
	{ 65534, "none (a tun device)" },
	{ 0, NULL }
};

/* Protocol values below 0x0600 (linux/if_ether.h). */
static const struct tok sll_protocols[] = {
	{ 0x0001, "Novell 802.3, no 802.2 LLC header" },
	{ 0x0004, "802.2 LLC" },
	{ 0x000c, "CAN" },
	{ 0x000d, "CAN FD" },
	{ 0, NULL }
};

/* The address: a MAC when it has 6 bytes, else its bytes in hex. */
static void
sll_address(struct nd *nd, size_t off, unsigned halen)
{
	char text[3 * SLL_ADDRLEN + 1], mac[ND_MAC_TEXT];
	static const char digits[] = "0123456789abcdef";
	size_t i, n = halen < SLL_ADDRLEN ? halen : SLL_ADDRLEN;
	unsigned b;

	if (halen == ND_MAC_LEN) {
		nd_field(nd, COLOR_PLAIN, "source MAC", "%s",
		    nd_mac(nd, off, mac));
		return;
	}
	for (i = 0; i < n; i++) {
		b = nd_u8(nd, off + i);
		text[3 * i] = i > 0 ? ' ' : '\0';
		text[3 * i + 1] = digits[b >> 4];
		text[3 * i + 2] = digits[b & 0x0f];
	}
	text[3 * n] = '\0';
	if (n == 0)
		nd_field(nd, COLOR_PLAIN, "source address", "none");
	else if (n < halen)
		nd_field(nd, COLOR_PLAIN, "source address", "%s (the first 8 "
		    "of %u bytes: the header has room for 8)", text + 1, halen);
	else
		nd_field(nd, COLOR_PLAIN, "source address", "%s", text + 1);
}

/* The protocol field, then what it names. */
static void
sll_protocol(struct nd *nd, unsigned protocol)
{
	const char *name;

	if (protocol > ET_MAX_LENGTH) {
		ethertype_line(nd, protocol);
		return;
	}
	name = tok_name(sll_protocols, protocol, NULL);
	if (name != NULL)
		nd_field(nd, COLOR_PLAIN, "protocol", "0x%04x (%s)", protocol,
		    name);
	else
		nd_field(nd, COLOR_PLAIN, "protocol", "0x%04x (unknown here)",
		    protocol);
}

/* What follows a header of hdrlen bytes. */
static void
sll_payload(struct nd *nd, size_t hdrlen, unsigned protocol)
{
	struct nd_window w = nd_push(nd, hdrlen, nd->len);

	if (protocol > ET_MAX_LENGTH)
		ethertype_print(nd, protocol);
	else
		nd_field(nd, COLOR_PLAIN, "payload", "%zu bytes (protocol "
		    "0x%04x: not decoded)", nd->len, protocol);
	nd_pop(nd, w);
}

static void
sll_short(struct nd *nd, const char *what, size_t hdrlen)
{
	nd_field(nd, COLOR_PLAIN, what, "only %zu bytes: shorter than the "
	    "%zu-byte header; the rest is not decoded", nd->len, hdrlen);
}

static void
pkttype_line(struct nd *nd, unsigned type)
{
	nd_field(nd, COLOR_PLAIN, "packet type", "%u (%s)", type,
	    tok_name(pkttypes, type, "unknown here"));
}

static void
hatype_line(struct nd *nd, unsigned type)
{
	nd_field(nd, COLOR_PLAIN, "link-layer type", "%u (%s)", type,
	    tok_name(hatypes, type, "unknown here"));
}

void
sll_print(struct nd *nd)
{
	unsigned halen, protocol;

	pkttype_line(nd, nd_u16(nd, SLL_PKTTYPE));
	hatype_line(nd, nd_u16(nd, SLL_HATYPE));
	halen = nd_u16(nd, SLL_HALEN);
	nd_field(nd, COLOR_PLAIN, "address length", "%u", halen);
	sll_address(nd, SLL_ADDR, halen);
	protocol = nd_u16(nd, SLL_PROTOCOL);
	sll_protocol(nd, protocol);
	if (nd_short(nd, SLL_HDRLEN)) {
		sll_short(nd, "Linux cooked", SLL_HDRLEN);
		return;
	}
	sll_payload(nd, SLL_HDRLEN, protocol);
}

void
sll2_print(struct nd *nd)
{
	unsigned protocol = nd_u16(nd, SLL2_PROTOCOL), reserved, halen;

	reserved = nd_u16(nd, SLL2_RESERVED);
	if (reserved != 0)
		nd_field(nd, COLOR_PLAIN, "reserved", "0x%04x (should be 0)",
		    reserved);
	nd_field(nd, COLOR_PLAIN, "interface index", "%lu",
	    nd_u32(nd, SLL2_IFINDEX));
	hatype_line(nd, nd_u16(nd, SLL2_HATYPE));
	pkttype_line(nd, nd_u8(nd, SLL2_PKTTYPE));
	halen = nd_u8(nd, SLL2_HALEN);
	nd_field(nd, COLOR_PLAIN, "address length", "%u", halen);
	sll_address(nd, SLL2_ADDR, halen);
	sll_protocol(nd, protocol);
	if (nd_short(nd, SLL2_HDRLEN)) {
		sll_short(nd, "Linux cooked v2", SLL2_HDRLEN);
		return;
	}
	sll_payload(nd, SLL2_HDRLEN, protocol);
}
