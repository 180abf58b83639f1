/*
 * The BSD loopback header: a 4-byte address family before the datagram,
 * the endians story one layer down.
 *
 *   DLT_NULL (0): macOS, FreeBSD, NetBSD and DragonFly lo0 write the
 *     family in the byte order of the host that captured (xnu and
 *     FreeBSD if_loop.c): 02 00 00 00 on every Mac and x86 or arm BSD.
 *     A file is read on any machine, so the word is read as tcpdump's
 *     print-null.c reads it: whichever order leaves its upper 16 bits
 *     zero, families being small.
 *   DLT_LOOP (108 in files): OpenBSD lo0 writes it in network order
 *     (OpenBSD if_loop.c; libpcap pcap-common.c), 00 00 00 02.
 *
 * IPv4 is family 2 everywhere; IPv6 is 24 on NetBSD and OpenBSD, 28 on
 * FreeBSD and DragonFly, 30 on macOS (each system's sys/socket.h), and
 * tcpdump accepts all three in a file from any of them.
 */
#include "nd.h"

enum { NULL_HDRLEN = 4 };

/* BSD address families (sys/socket.h AF_*), as tcpdump's print-null.c
 * knows them. */
enum {
	BSD_AF_INET = 2, BSD_AF_ISO = 7, BSD_AF_APPLETALK = 16,
	BSD_AF_IPX = 23, BSD_AF_INET6_BSD = 24, BSD_AF_INET6_FREEBSD = 28,
	BSD_AF_INET6_DARWIN = 30
};

static const struct tok families[] = {
	{ BSD_AF_INET, "IPv4" },
	{ BSD_AF_ISO, "OSI" },
	{ BSD_AF_APPLETALK, "AppleTalk" },
	{ BSD_AF_IPX, "IPX" },
	{ BSD_AF_INET6_BSD, "IPv6, as NetBSD and OpenBSD number it" },
	{ BSD_AF_INET6_FREEBSD, "IPv6, as FreeBSD and DragonFly number it" },
	{ BSD_AF_INET6_DARWIN, "IPv6, as macOS numbers it" },
	{ 0, NULL }
};

/* The family's datagram by the EtherType that names it; 0: none. */
static unsigned
family_ethertype(unsigned long family)
{
	switch (family) {
	case BSD_AF_INET:
		return ET_IPV4;
	case BSD_AF_INET6_BSD:
	case BSD_AF_INET6_FREEBSD:
	case BSD_AF_INET6_DARWIN:
		return ET_IPV6;
	default:
		return 0;
	}
}

/*
 * The family word, read in network order (net) or as tcpdump reads a
 * DLT_NULL one; then the datagram.
 */
static void
family_print(struct nd *nd, int net)
{
	unsigned long be = nd_u32(nd, 0), le = nd_le32(nd, 0), family;
	unsigned b0 = nd_u8(nd, 0), b1 = nd_u8(nd, 1), b2 = nd_u8(nd, 2),
	    b3 = nd_u8(nd, 3), type;
	struct nd_window w;
	int little = (le & 0xffff0000UL) == 0 && (be & 0xffff0000UL) != 0;

	family = little ? le : be;
	nd_field(nd, COLOR_PLAIN, "address family", "%lu (%s)", family,
	    tok_name(families, (unsigned)family, "unknown here"));
	if (net && !little)
		nd_field(nd, COLOR_PLAIN, "byte order", "%02x %02x %02x %02x: "
		    "network order, as OpenBSD's lo0 writes it", b0, b1, b2,
		    b3);
	else if (net)
		nd_field(nd, COLOR_PLAIN, "byte order", "%02x %02x %02x %02x: "
		    "little-endian, not the network order DLT_LOOP has; read "
		    "so, as tcpdump reads it", b0, b1, b2, b3);
	else if (little)
		nd_field(nd, COLOR_PLAIN, "byte order", "%02x %02x %02x %02x: "
		    "little-endian, the capturing host's own order (a Mac's or "
		    "FreeBSD's lo0)", b0, b1, b2, b3);
	else
		nd_field(nd, COLOR_PLAIN, "byte order", "%02x %02x %02x %02x: "
		    "big-endian, the capturing host's own order (a big-endian "
		    "BSD's lo0); DLT_NULL is read either way, as tcpdump reads "
		    "it", b0, b1, b2, b3);
	if (nd_short(nd, NULL_HDRLEN)) {
		nd_field(nd, COLOR_PLAIN, "loopback", "only %zu bytes: shorter "
		    "than the 4-byte family; the rest is not decoded", nd->len);
		return;
	}
	w = nd_push(nd, NULL_HDRLEN, nd->len);
	if ((type = family_ethertype(family)) != 0)
		ethertype_print(nd, type);
	else
		nd_field(nd, COLOR_PLAIN, "payload", "%zu bytes (family %lu: "
		    "not decoded)", nd->len, family);
	nd_pop(nd, w);
}

void
null_print(struct nd *nd)
{
	family_print(nd, 0);
}

void
loop_print(struct nd *nd)
{
	family_print(nd, 1);
}
