/*
 * Ethernet (IEEE 802.3, in the Ethernet II form RFC 894 carries IPv4
 * in: two addresses, then an EtherType), IEEE 802.1Q VLAN tags, and the
 * EtherType demultiplexer that Ethernet, the tags, Linux's cooked
 * headers and the BSD loopback's family word all end in.  EtherType
 * names: the IEEE registry, in tcpdump's words where it has them.
 *
 * Linux's lo is an Ethernet with no hardware: every frame on it carries
 * a 14-byte header whose addresses are both zero (drivers/net/
 * loopback.c), and a capture of lo shows exactly that.
 */
#include <string.h>

#include "nd.h"

enum ether_offset { ETH_DST = 0, ETH_SRC = 6, ETH_TYPE = 12, ETH_HDRLEN = 14 };

/* An 802.1Q tag after its TPID: priority, DEI and VLAN id (TCI), then
 * the EtherType of what it carries. */
enum vlan_offset { VLAN_TCI = 0, VLAN_TYPE = 2, VLAN_LEN = 4 };

static const struct tok ethertypes[] = {
	{ ET_IPV4, "IPv4" },
	{ ET_ARP, "ARP" },
	{ 0x0842, "Wake-on-LAN" },
	{ 0x8035, "Reverse ARP" },
	{ 0x809b, "AppleTalk" },
	{ ET_VLAN, "802.1Q" },
	{ ET_IPV6, "IPv6" },
	{ 0x8808, "MAC control (pause)" },
	{ 0x8847, "MPLS unicast" },
	{ 0x8848, "MPLS multicast" },
	{ 0x8863, "PPPoE discovery" },
	{ 0x8864, "PPPoE session" },
	{ 0x888e, "EAPOL" },
	{ ET_QINQ, "802.1Q-QinQ" },
	{ 0x88cc, "LLDP" },
	{ 0x88e5, "MACsec" },
	{ 0x88f7, "PTP" },
	{ 0x9000, "Loopback" },
	{ 0, NULL }
};

const char *
ethertype_name(unsigned type)
{
	return tok_name(ethertypes, type, "unknown here");
}

/* The type field in words: an EtherType, or IEEE 802.3's length. */
void
ethertype_line(struct nd *nd, unsigned type)
{
	if (type > ET_MAX_LENGTH && type < 0x0600)
		nd_field(nd, COLOR_PLAIN, "EtherType", "0x%04x (neither an "
		    "IEEE 802.3 length nor an EtherType)", type);
	else if (type <= ET_MAX_LENGTH)
		nd_field(nd, COLOR_PLAIN, "EtherType", "none: %u is an IEEE "
		    "802.3 length; an 802.2 LLC header follows", type);
	else
		nd_field(nd, COLOR_PLAIN, "EtherType", "0x%04x (%s)", type,
		    ethertype_name(type));
}

/*
 * A VLAN tag at the window's start (IEEE 802.1Q 9.6): its line and the
 * EtherType after it, which is returned; -1 when the tag is cut short.
 */
static long
vlan_tag(struct nd *nd)
{
	unsigned tci = nd_u16(nd, VLAN_TCI), vid = tci & 0x0fff, type;

	/* VLAN id 0: no VLAN, the tag carries a priority alone; 4095 is
	 * reserved (802.1Q table 9-2). */
	nd_field(nd, COLOR_PLAIN, "VLAN tag", "vlan %u, p %u (priority), "
	    "DEI %u%s", vid, tci >> 13, (tci >> 12) & 1, vid == 0 ? "; vlan 0: "
	    "a priority tag, no VLAN" : vid == 0x0fff ? "; vlan 4095 is "
	    "reserved" : "");
	type = nd_u16(nd, VLAN_TYPE);
	ethertype_line(nd, type);
	if (nd_short(nd, VLAN_LEN)) {
		nd_field(nd, COLOR_PLAIN, "VLAN", "only %zu bytes: shorter "
		    "than the 4-byte tag; the rest is not decoded", nd->len);
		return -1;
	}
	return (long)type;
}

/*
 * The one EtherType demultiplexer: the window is what type names.  Tags
 * (802.1Q, and 802.1ad's outer one) are taken in a loop, however many a
 * frame stacks.
 */
void
ethertype_print(struct nd *nd, unsigned type)
{
	struct nd_window w = nd_push(nd, 0, nd->len);
	long inner;

	while (type == ET_VLAN || type == ET_QINQ) {
		if ((inner = vlan_tag(nd)) < 0) {
			nd_pop(nd, w);
			return;
		}
		type = (unsigned)inner;
		(void)nd_push(nd, VLAN_LEN, nd->len);
	}
	switch (type) {
	case ET_IPV4:
		ip_print(nd);
		break;
	case ET_IPV6:
		ip6_print(nd);
		break;
	case ET_ARP:
		arp_print(nd);
		break;
	default:
		if (type <= ET_MAX_LENGTH)
			nd_field(nd, COLOR_PLAIN, "payload", "%zu bytes (IEEE "
			    "802.3 with 802.2 LLC: not decoded)", nd->len);
		else
			nd_field(nd, COLOR_PLAIN, "payload", "%zu bytes "
			    "(EtherType 0x%04x, %s: not decoded)", nd->len,
			    type, ethertype_name(type));
	}
	nd_pop(nd, w);
}

/* What an address pair says of itself (IEEE 802: the low bit of the
 * first octet is the group bit). */
static const char *
mac_note(const uint8_t *src, const uint8_t *dst)
{
	static const uint8_t zero[6], all[6] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff
	};

	if (src == NULL || dst == NULL)
		return "";
	if (memcmp(src, zero, 6) == 0 && memcmp(dst, zero, 6) == 0)
		return " (both zero: Linux's lo, which has no hardware to "
		    "address, writes them so)";
	if (memcmp(dst, all, 6) == 0)
		return " (broadcast)";
	if (dst[0] & 1)
		return " (multicast)";
	return "";
}

void
ether_print(struct nd *nd)
{
	char s[ND_MAC_TEXT], d[ND_MAC_TEXT];
	struct nd_window w;
	unsigned type;

	nd_field(nd, COLOR_PLAIN, "MAC addresses", "%s -> %s%s",
	    nd_mac(nd, ETH_SRC, s), nd_mac(nd, ETH_DST, d),
	    mac_note(nd_bytes(nd, ETH_SRC, 6), nd_bytes(nd, ETH_DST, 6)));
	type = nd_u16(nd, ETH_TYPE);
	ethertype_line(nd, type);
	if (nd_short(nd, ETH_HDRLEN)) {
		nd_field(nd, COLOR_PLAIN, "Ethernet", "only %zu bytes: shorter "
		    "than the 14-byte header; the rest is not decoded",
		    nd->len);
		return;
	}
	w = nd_push(nd, ETH_HDRLEN, nd->len);
	ethertype_print(nd, type);
	nd_pop(nd, w);
}
