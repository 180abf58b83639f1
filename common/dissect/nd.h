/*
 * What every printer of this folder shares, in the manner of tcpdump's
 * netdissect.h: the context of the frame being printed ("nd"), the
 * getters that read its fields, the one way a printer prints, the
 * value-to-name table, the protocol numbers, and the printers' entry
 * points, one a protocol.
 *
 * Truncation.  Every field is read through a getter (nd_u8, nd_u16,
 * ...) that checks it against the bytes in hand and, past them, returns
 * 0 and marks the frame truncated.  While the mark is set, nd_field
 * prints nothing: a printer's body is a plain list of fields, every
 * field whose bytes are all there is shown, and the first one that is
 * not ends the list, as if the printer had stopped there.  Each header
 * then asks once, with nd_short, whether it was cut short, and says so
 * in its own words.  So a field is read where it is printed, in the
 * order of the lines: a getter that fails silences the lines after it.
 * (tcpdump longjmps out of the printer instead; a flag needs no
 * setjmp, which saves the signal mask on the BSDs, a system call a
 * frame, and leaves every local variable as it was.)
 */
#ifndef ND_H
#define ND_H

#include <stddef.h>
#include <stdint.h>

#include "bytes.h"
#include "color.h"
#include "frame.h"

/* The network layer, as the transport layer asks it. */
struct nd;
struct nd_net {
	unsigned version;	/* 4 or 6 */
	int complete;		/* the transport message is all here, so
				 * its checksum can be checked */
	/*
	 * The sum of the pseudo-header for an upper-layer message of len
	 * bytes (RFC 9293 3.1, RFC 768, RFC 8200 8.1), folded and not
	 * complemented.
	 */
	uint16_t (*pseudo_sum)(const struct nd *nd, size_t len);
	const uint8_t *src, *dst;	/* the addresses, for pseudo_sum */
	unsigned proto;		/* the upper-layer protocol */
};

/* The frame being printed. */
struct nd {
	const struct frame *frame;
	const uint8_t *p;	/* the current header's first byte */
	size_t len;		/* bytes of it, and of what follows, in hand:
				 * the captured bytes, within what the
				 * enclosing header gives it */
	int trunc;		/* a getter was asked for bytes past len */
	enum layout layout;	/* how an IPv4 header is laid out */
	int whole;		/* the captured bytes are all the frame had */
	struct nd_net net;
};

/* A saved window, from nd_push to nd_pop. */
struct nd_window {
	const uint8_t *p;
	size_t len;
};

/*
 * The window moves to the header at off within the current one, len
 * bytes long at most (never past the bytes in hand); returns the old
 * one for nd_pop.
 */
static inline struct nd_window
nd_push(struct nd *nd, size_t off, size_t len)
{
	struct nd_window old = { nd->p, nd->len };

	if (off > nd->len)
		off = nd->len;
	nd->p += off;
	nd->len = len < nd->len - off ? len : nd->len - off;
	return old;
}

static inline void
nd_pop(struct nd *nd, struct nd_window old)
{
	nd->p = old.p;
	nd->len = old.len;
}

/* The getters: a field at off in the window, or 0 and the mark. */
static inline int
nd_has(const struct nd *nd, size_t off, size_t n)
{
	return n <= nd->len && off <= nd->len - n;
}

static inline unsigned
nd_u8(struct nd *nd, size_t off)
{
	if (off < nd->len)
		return nd->p[off];
	nd->trunc = 1;
	return 0;
}

static inline unsigned
nd_u16(struct nd *nd, size_t off)
{
	if (nd_has(nd, off, 2))
		return get16(nd->p + off);
	nd->trunc = 1;
	return 0;
}

static inline unsigned long
nd_u32(struct nd *nd, size_t off)
{
	if (nd_has(nd, off, 4))
		return get32(nd->p + off);
	nd->trunc = 1;
	return 0;
}

static inline unsigned long
nd_le32(struct nd *nd, size_t off)
{
	if (nd_has(nd, off, 4))
		return get_le32(nd->p + off);
	nd->trunc = 1;
	return 0;
}

/* A 16-bit field in byte order o (an IPv4 layout's, iphdr.h). */
static inline unsigned
nd_u16_in(struct nd *nd, size_t off, enum order o)
{
	if (nd_has(nd, off, 2))
		return get16_order(nd->p + off, o);
	nd->trunc = 1;
	return 0;
}

/* n bytes at off, for a checksum or a copy; NULL and the mark if they
 * are not all here. */
static inline const uint8_t *
nd_bytes(struct nd *nd, size_t off, size_t n)
{
	if (nd_has(nd, off, n))
		return nd->p + off;
	nd->trunc = 1;
	return NULL;
}

/*
 * The one exit for "truncated", asked once a header: whether fewer than
 * the header's need bytes are in hand, or a getter has run past the
 * bytes in hand since the last call.  The mark is cleared, so that the
 * header can say in its own words what is missing.
 */
static inline int
nd_short(struct nd *nd, size_t need)
{
	int t = nd->trunc || nd->len < need;

	nd->trunc = 0;
	return t;
}

/* Address lengths: Ethernet's (IEEE 802), IPv4's, IPv6's. */
enum { ND_MAC_LEN = 6, ND_IPV4_LEN = 4, ND_IPV6_LEN = 16 };

/* Addresses as text into buf (the getters' rules): "192.0.2.1",
 * "02:00:00:00:00:01", "2001:db8::1" (RFC 5952). */
enum { ND_IPV4_TEXT = 16, ND_MAC_TEXT = 18, ND_IPV6_TEXT = 46 };
const char *nd_ipv4(struct nd *nd, size_t off, char buf[ND_IPV4_TEXT]);
const char *nd_mac(struct nd *nd, size_t off, char buf[ND_MAC_TEXT]);
const char *nd_ipv6(struct nd *nd, size_t off, char buf[ND_IPV6_TEXT]);

/*
 * The one way a printer prints: a field line, two spaces, the label in
 * the colour of its class (color.h) padded to 17 columns, the value as
 * printf formats it, a newline.  Nothing while the truncation mark is
 * set.
 */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
void nd_field(struct nd *nd, enum color_class c, const char *label,
    const char *fmt, ...);

/* The lines written handed to the output (dissect.c, once a frame). */
void nd_flush(void);

/* The escapes around a part of a value in a class's colour: "" unless
 * colour is on. */
const char *nd_color(enum color_class c);
const char *nd_color_end(enum color_class c);

/* One entry of a value-to-name table; a table ends with { 0, NULL }. */
struct tok {
	unsigned value;
	const char *name;
};

/* The name of v in t, or dflt. */
const char *tok_name(const struct tok *t, unsigned v, const char *dflt);

/*
 * The names of the bits of v that t names, in t's order, joined by
 * ", " into buf; none when no bit is set.  Returns buf.
 */
const char *tok_flags(const struct tok *t, unsigned v, const char *none,
    char *buf, size_t size);

/* One's complement addition of two folded sums (RFC 1071). */
uint16_t nd_sum_add(uint16_t a, uint16_t b);

/* EtherTypes (IEEE 802 numbers, the IANA "ieee-802-numbers" list);
 * below 0x0600 the field is an IEEE 802.3 length. */
enum ethertype {
	ET_MAX_LENGTH = 0x05dc,
	ET_IPV4 = 0x0800,
	ET_ARP = 0x0806,
	ET_VLAN = 0x8100,	/* IEEE 802.1Q tag */
	ET_IPV6 = 0x86dd,
	ET_QINQ = 0x88a8	/* IEEE 802.1ad service tag */
};

/* IP protocol numbers (IANA "Assigned Internet Protocol Numbers"). */
enum ip_proto {
	IP_PROTO_ICMP = 1,
	IP_PROTO_IGMP = 2,
	IP_PROTO_IPIP = 4,
	IP_PROTO_TCP = 6,
	IP_PROTO_UDP = 17,
	IP_PROTO_IPV6 = 41,
	IP_PROTO_GRE = 47,
	IP_PROTO_ESP = 50,
	IP_PROTO_AH = 51,
	IP_PROTO_ICMPV6 = 58,
	IP_PROTO_SCTP = 132,
	IP_PROTO_RESERVED = 255
};

/*
 * The printers.  Each reads the header at nd->p, and what follows it,
 * within nd->len.
 */
typedef void nd_printer(struct nd *nd);

/* Link layer: dissect.c chooses by link type. */
nd_printer ether_print;		/* print-ether.c: Ethernet, 802.1Q */
nd_printer sll_print;		/* print-sll.c: Linux cooked (113) */
nd_printer sll2_print;		/* print-sll.c: Linux cooked v2 (276) */
nd_printer null_print;		/* print-null.c: BSD loopback (0) */
nd_printer loop_print;		/* print-null.c: OpenBSD loopback (108) */

/* The EtherType demultiplexer (print-ether.c): the line naming type,
 * under the label given, then the printer of what it carries. */
void ethertype_line(struct nd *nd, unsigned type);
void ethertype_print(struct nd *nd, unsigned type);
const char *ethertype_name(unsigned type);

/* Network layer. */
nd_printer arp_print;		/* print-arp.c */
nd_printer ip_print;		/* print-ip.c */
nd_printer ip6_print;		/* print-ip6.c */

/*
 * IPv6's extension headers (print-ip6.c), for a packet an ICMPv6 error
 * quotes as for the packet itself: whether next header value nxt is one
 * the IPv6 printer walks (hop-by-hop, routing, fragment, destination
 * options); the length of such a header at off in the window, from its
 * length byte (8 for a fragment header), or 0 and the mark when the
 * bytes that give it are not here; and the name of any next header
 * value, an extension header's or an IP protocol's.
 */
enum ip6_ext {
	IP6_EXT_HOP = 0, IP6_EXT_ROUTING = 43, IP6_EXT_FRAGMENT = 44,
	IP6_EXT_NONE = 59, IP6_EXT_DEST = 60
};
int ip6_is_ext(unsigned nxt);
size_t ip6_ext_len(struct nd *nd, size_t off, unsigned nxt);
const char *ip6_next_header_name(unsigned nxt);

/*
 * The IP protocol demultiplexer (print-ip-demux.c), shared by IPv4 and
 * IPv6: the printer of protocol proto under IP version version, or NULL
 * when there is none here; and the protocol's name.
 */
nd_printer *ip_demux(unsigned proto, unsigned version);
const char *ip_proto_name(unsigned proto);

/* A TCP or UDP checksum line: the field at at of the n-byte message in
 * the window, checked over the network layer's pseudo-header. */
void transport_checksum(struct nd *nd, const char *label, size_t n,
    size_t at);

/* Transport layer: what ip_demux gives, the window on the message,
 * nd->net filled in by the network layer. */
nd_printer icmp_print;		/* print-icmp.c */
nd_printer icmp6_print;		/* print-icmp6.c */
nd_printer tcp_print;		/* print-tcp.c */
nd_printer udp_print;		/* print-udp.c */

#endif
