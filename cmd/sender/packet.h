/*
 * The packet the sender writes, settled in one step: the options as
 * typed, then the header fields they make in a layout, then the bytes
 * those fields make (or, with -x, the bytes as given); with --link, a
 * link header in front of them, and the frame is what goes out.
 * Afterwards only the echo request's sequence number changes from
 * packet to packet, and a ping's send time: both written here too.
 */
#ifndef SENDER_PACKET_H
#define SENDER_PACKET_H

#include <stddef.h>
#include <stdint.h>

#include "args.h"
#include "iphdr.h"

/* Bytes of a --ping request's payload its send time takes, before the
 * payload given: the monotonic clock in nanoseconds, big-endian. */
enum { PACKET_STAMP = 8 };

/* Room before the datagram for a link header (--link): Ethernet's 14
 * bytes, or a BSD loopback's 4-byte family word. */
enum { PACKET_LINKROOM = 16 };

/*
 * What the sender writes on each kind of socket: the IPv4 header and
 * the message (a raw socket with IP_HDRINCL, the articles'); the
 * ICMPv6 message alone (-6: an IPv6 raw socket never takes a header),
 * or behind an IPv6 header of ours (-6 --hdrincl, Linux); the ICMP or
 * ICMPv6 message alone (--dgram, the ping socket).
 */
enum packet_kind { PACKET_IPV4, PACKET_ICMP6, PACKET_IPV6, PACKET_DGRAM4,
		   PACKET_DGRAM6 };

struct packet {
	enum layout layout;	/* whose kernel it is laid out for */
	enum packet_kind kind;
	struct ip_fields ip;	/* the IPv4 header's fields (PACKET_IPV4);
				 * ip.dst is where it goes, -x's bytes or
				 * not */
	struct ipaddr to;	/* where it goes, either family */
	struct ipaddr from;	/* PACKET_IPV6: the source in our header */
	size_t hdrlen;		/* the IP header's bytes before the ICMP
				 * message: 20, 40, or 0 (the kernel's) */
	int sum_ours;		/* the ICMP checksum is summed here; else it
				 * stays 00 00 for the kernel to fill */
	size_t len;		/* the datagram's bytes */
	uint8_t *bytes;		/* the datagram: frame + PACKET_LINKROOM */
	size_t linklen;		/* with --link, the link header's bytes,
				 * just before the datagram; else 0 */
	uint8_t frame[PACKET_LINKROOM + IP_MAXLEN];
};

/* The ICMP or ICMPv6 message: behind the header, if any. */
static inline uint8_t *
packet_icmp(const struct packet *p)
{
	return p->bytes + p->hdrlen;
}

/* With --link, the whole frame: the link header, then the datagram. */
static inline const uint8_t *
packet_frame(const struct packet *p)
{
	return p->bytes - p->linklen;
}

/*
 * Settle p from o (its destination resolved, sender_resolve) for
 * layout l: l's defaults (ip_defaults), every field given, the source
 * left 0 where a loopback default would be wrong; then the header and
 * the echo request (with --ping, room for the send time first) as l
 * wants them, or -x's bytes.
 */
void packet_settle(struct packet *p, const struct sender_opts *o,
    enum layout l);

/*
 * The same for --link, where no kernel touches the datagram: the wire
 * layout, the source src (the interface's address) unless --source
 * gave one.  The link header comes once its destination is known:
 */
void packet_settle_wire(struct packet *p, const struct sender_opts *o,
    const uint8_t src[4]);

/* The link header in front of the datagram: l's, to dst. */
struct linkout;
void packet_set_link(struct packet *p, const struct linkout *l,
    const uint8_t dst[ND_MAC_LEN]);

/* Set the echo request's sequence number, and its checksum from the
 * old one (RFC 1624): no sum over the payload per packet. */
void packet_set_seq(struct packet *p, uint16_t seq);

/* A ping's request: its sequence number and the send time t (in the
 * room packet_settle left), and the checksum again. */
void packet_stamp(struct packet *p, uint16_t seq, long long t);

/*
 * The send time an echo message of n bytes at m (a reply to a request
 * packet_stamp wrote) carries: 0 with *t set, -1 when it is too short
 * to hold one.
 */
int packet_stamp_of(const uint8_t *m, size_t n, long long *t);

/*
 * The message as it goes on the wire where the kernel changes it before
 * it leaves (PACKET_ICMP6, PACKET_DGRAM4, PACKET_DGRAM6; socks.h's
 * rules for this system): into out (p->len bytes), with id the
 * identifier the kernel used (-1: as written).  Returns 1 when the
 * checksum could be worked out here (ICMPv6's needs the source the
 * kernel chose: known for ::1 alone), else 0 (its bytes left 00 00).
 */
int packet_on_wire(const struct packet *p, int id, uint8_t *out);

/*
 * After the first message a kernel changes before it leaves (-6,
 * --dgram): what it changed, and the message as it went (port: the
 * ping socket's local port, where this system's kernel writes it as the
 * identifier; else -1), on standard output.
 */
void packet_say_kernel_changes(const struct packet *p, int port);

/*
 * Warn on stderr, once, if bytes given with -x do not look like an IPv4
 * datagram a layout-l kernel would take.  They are sent all the same.
 */
void packet_check(const struct packet *p, int dry_run);

/*
 * Where the layout's flags and fragment offset field reads otherwise to
 * this system's kernel (darwin's or netbsd's on Linux, say), say on
 * stderr, once, what goes on the wire and why: the articles' byte-order
 * mistake, made on purpose.  The rule is the layout table's.
 */
void packet_kernel_view(const struct packet *p);

#endif
