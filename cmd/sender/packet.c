/*
 * The echo request: a 20-byte IPv4 header (iphdr.c, in the chosen
 * layout) and an 8-byte ICMP echo header with the payload behind it
 * (icmp.c).  With no payload that is the article's 28 bytes.
 *
 * Every byte of the packet is written here, and the header settled in
 * one place (fields): the layout's defaults, then what was typed.
 */
#include <sys/types.h>
#include <netinet/in.h>

#include <err.h>
#include <string.h>

#include "bytes.h"
#include "cksum.h"
#include "hex.h"
#include "icmp.h"
#include "ip6hdr.h"
#include "iphdr.h"
#include "linkout.h"
#include "out.h"
#include "packet.h"
#include "socks.h"

/* The header fields o makes in layout l, for plen bytes of payload;
 * src, where not NULL, the source unless one was given. */
static void
fields(const struct sender_opts *o, enum layout l, size_t plen,
    const uint8_t *src, struct ip_fields *f)
{
	ip_defaults(f, l);
	if (o->have_dst)
		memcpy(f->dst, o->set.dst, 4);
	if (o->have_src)
		memcpy(f->src, o->set.src, 4);
	else if (src != NULL)
		memcpy(f->src, src, 4);
	if (o->set.ttl >= 0)
		f->ttl = (uint8_t)o->set.ttl;
	if (o->set.id >= 0)
		f->id = (uint16_t)o->set.id;
	if (o->set.tos >= 0)
		f->tos = (uint8_t)o->set.tos;
	f->off = o->set.off;
	if (!o->raw)
		f->len = (uint16_t)(IPHDR_LEN + ICMP_HDRLEN + plen);
	/* 127.0.0.1 is only a right source for a loopback destination;
	 * elsewhere leave 0, which every kernel fills in (see ip(4)). */
	if (layout_rules(l)->sender_fills_id_src && f->dst[0] != 127 &&
	    !o->have_src && src == NULL)
		memset(f->src, 0, 4);
}

/* The kind of packet o asks for. */
static enum packet_kind
kind_of(const struct sender_opts *o)
{
	if (o->dgram)
		return o->six ? PACKET_DGRAM6 : PACKET_DGRAM4;
	if (o->six)
		return o->hdrincl6 ? PACKET_IPV6 : PACKET_ICMP6;
	return PACKET_IPV4;
}

/*
 * The checksum the message m (len bytes) carries as handed over: ours
 * where the kernel leaves it to us, else 00 00.  ICMPv6's covers the
 * pseudo-header (RFC 4443 2.3), which only an IPv6 header of ours lets
 * us know; every IPv6 socket's kernel sums it (RFC 3542 3.1).
 */
static void
sum(const struct packet *p, uint8_t *m, size_t len)
{
	put16(m + ICMP_SUM, 0);
	if (!p->sum_ours)
		return;
	if (p->kind == PACKET_IPV6)
		put16(m + ICMP_SUM, cksum_pseudo6(p->from.b, p->to.b,
		    IP6_NEXT_ICMPV6, m, len));
	else
		put16(m + ICMP_SUM, cksum(m, len));
}

/* The IPv6 header of ours (-6 --hdrincl) for a message of mlen bytes:
 * from --source, or ::1 for ::1 (RFC 4291 2.5.3: loopback's only). */
static void
header6(struct packet *p, const struct sender_opts *o, size_t mlen)
{
	struct ip6_fields f;

	memset(&f, 0, sizeof(f));
	f.plen = (uint16_t)mlen;
	f.next = IP6_NEXT_ICMPV6;
	f.hlim = o->set.ttl >= 0 ? (uint8_t)o->set.ttl : IP6_HOPLIMIT;
	p->from = p->to;	/* ::1; another needs --source (args.c) */
	if (o->have_src)
		p->from = o->src6;
	memcpy(f.src, p->from.b, 16);
	memcpy(f.dst, p->to.b, 16);
	ip6_build(p->bytes, &f);
}

/* Settle p for layout l, src as fields takes it. */
static void
settle(struct packet *p, const struct sender_opts *o, enum layout l,
    const uint8_t *src)
{
	static uint8_t payload[IP_MAXLEN];	/* not the stack */
	size_t room = o->ping ? PACKET_STAMP : 0, plen = room + o->dlen;
	uint8_t *m;

	p->layout = l;
	p->kind = kind_of(o);
	p->bytes = p->frame + PACKET_LINKROOM;
	p->linklen = 0;
	fields(o, l, plen, src, &p->ip);
	/* Where it goes: IPv6's ::1 (RFC 4291 2.5.3), or IPv4's. */
	memset(&p->to, 0, sizeof(p->to));
	p->to.len = o->six ? 16 : 4;
	if (o->have_dst)
		p->to = o->dst6;
	else if (o->six)
		p->to.b[15] = 1;
	else
		memcpy(p->to.b, p->ip.dst, 4);
	p->hdrlen = p->kind == PACKET_IPV4 ? IPHDR_LEN :
	    p->kind == PACKET_IPV6 ? IP6HDR_LEN : 0;
	p->sum_ours = p->kind == PACKET_IPV4 || p->kind == PACKET_IPV6 ||
	    (p->kind == PACKET_DGRAM4 && !sock_rules(l)->ping_sets_sum);
	if (o->raw) {
		memcpy(p->bytes, o->data, o->dlen);
		p->len = o->dlen;
		return;
	}
	/* A ping's send time goes first, written as each one goes. */
	memset(payload, 0, room);
	memcpy(payload + room, o->data, o->dlen);
	m = packet_icmp(p);
	icmp_echo_build(m, o->icmp_id, o->seq, payload, plen);
	if (p->kind != PACKET_IPV4 && p->kind != PACKET_DGRAM4)
		m[ICMP_TYPE] = ICMP6_TYPE_ECHO;
	p->len = p->hdrlen + ICMP_HDRLEN + plen;
	if (p->kind == PACKET_IPV4)
		ip_build(p->bytes, &p->ip, l);
	else if (p->kind == PACKET_IPV6)
		header6(p, o, ICMP_HDRLEN + plen);
	sum(p, m, ICMP_HDRLEN + plen);
}

void
packet_settle(struct packet *p, const struct sender_opts *o, enum layout l)
{
	settle(p, o, l, NULL);
}

void
packet_settle_wire(struct packet *p, const struct sender_opts *o,
    const uint8_t src[4])
{
	settle(p, o, LAYOUT_WIRE, src);
}

void
packet_set_link(struct packet *p, const struct linkout *l,
    const uint8_t dst[ND_MAC_LEN])
{
	p->linklen = linkout_header_len(l);
	linkout_header(l, dst, ET_IPV4, p->bytes - p->linklen);
}

void
packet_set_seq(struct packet *p, uint16_t seq)
{
	/* RFC 1624's update holds for a sum over a pseudo-header too. */
	if (p->sum_ours)
		icmp_update_seq(packet_icmp(p), seq);
	else
		put16(packet_icmp(p) + ICMP_SEQ, seq);
}

void
packet_stamp(struct packet *p, uint16_t seq, long long t)
{
	uint8_t *icmp = packet_icmp(p);

	put32(icmp + ICMP_HDRLEN, (uint32_t)((unsigned long long)t >> 32));
	put32(icmp + ICMP_HDRLEN + 4, (uint32_t)t);
	put16(icmp + ICMP_SEQ, seq);
	sum(p, icmp, p->len - p->hdrlen);
}

int
packet_stamp_of(const uint8_t *m, size_t n, long long *t)
{
	if (n < ICMP_HDRLEN + PACKET_STAMP)
		return -1;
	*t = (long long)((unsigned long long)get32(m + ICMP_HDRLEN) << 32 |
	    get32(m + ICMP_HDRLEN + 4));
	return 0;
}

int
packet_on_wire(const struct packet *p, int id, uint8_t *out)
{
	const struct sock_rules *r = sock_rules(LAYOUT_NATIVE);
	int dgram = p->kind == PACKET_DGRAM4 || p->kind == PACKET_DGRAM6;
	size_t n = p->len - p->hdrlen;

	memcpy(out, packet_icmp(p), n);
	if (dgram && sock_ping_sets_id(r, p->kind == PACKET_DGRAM6) && id >= 0)
		put16(out + ICMP_ID, (uint16_t)id);
	if (p->kind == PACKET_DGRAM4) {
		if (r->ping_sets_sum)
			put16(out + ICMP_SUM, cksum_without(out, n, ICMP_SUM));
		return 1;
	}
	/* ICMPv6: the kernel's sum over the pseudo-header (RFC 3542 3.1),
	 * with the source it chose: for ::1, ::1 (RFC 4291 2.5.3). */
	if (!IN6_IS_ADDR_LOOPBACK((const struct in6_addr *)(const void *)
	    p->to.b))
		return 0;
	put16(out + ICMP_SUM, 0);
	put16(out + ICMP_SUM, cksum_pseudo6(p->to.b, p->to.b, IP6_NEXT_ICMPV6,
	    out, n));
	return 1;
}

void
packet_say_kernel_changes(const struct packet *p, int port)
{
	static uint8_t wire[IP_MAXLEN];
	const struct sock_rules *r = sock_rules(LAYOUT_NATIVE);
	const uint8_t *m = packet_icmp(p);
	size_t n = p->len - p->hdrlen, k, at;
	char *text;
	int known;

	if (p->kind == PACKET_IPV4 || p->kind == PACKET_IPV6)
		return;
	known = packet_on_wire(p, port, wire);
	if (port >= 0 && port != get16(m + ICMP_ID))
		out_printf("The kernel used identifier 0x%04x (%d, the "
		    "socket's local port) where we wrote 0x%04x\n", port,
		    port, get16(m + ICMP_ID));
	else if (port >= 0)
		out_printf("The kernel kept identifier 0x%04x: the socket is "
		    "bound to port %d\n", port, port);
	if (p->kind == PACKET_DGRAM4 && !r->ping_sets_sum)
		return;		/* a Mac sends what it was given */
	out_printf("The kernel summed the checksum%s: on the wire:\n",
	    p->kind == PACKET_DGRAM4 ? "" : " over the pseudo-header (RFC "
	    "4443 2.3)");
	text = out_room(3 * n);
	k = hex_format(text, wire, n, HEX_LOWER);
	if (!known) {	/* two bytes the kernel sums with its own source */
		at = (size_t)3 * ICMP_SUM;	/* "xx xx", a byte in three */
		text[at] = text[at + 1] = text[at + 3] = text[at + 4] = '.';
	}
	out_wrote(k);
	out_str("\n");
	if (!known)
		out_str("(.. the checksum, over the source address the kernel "
		    "chose: not known here)\n");
}

void
packet_check(const struct packet *p, int dry_run)
{
	const char *doing = dry_run ? "printing" : "sending";
	struct ip_fields f;
	const char *why;

	if (p->kind == PACKET_IPV6) {	/* RFC 8200 3 */
		if (p->len < IP6HDR_LEN || p->bytes[0] >> 4 != 6)
			warnx("warning: the bytes are not a plausible IPv6 "
			    "datagram: %s; %s them as asked", p->len <
			    IP6HDR_LEN ? "shorter than the 40-byte header" :
			    "the version is not 6", doing);
		else if (get16(p->bytes + IP6H_PLEN) != p->len - IP6HDR_LEN)
			warnx("warning: payload length reads %u, but %zu bytes "
			    "follow the header; %s them as asked",
			    get16(p->bytes + IP6H_PLEN), p->len - IP6HDR_LEN,
			    doing);
		return;
	}
	if (ip_parse(p->bytes, p->len, p->layout, &f, &why) != 0) {
		warnx("warning: the bytes are not a plausible IPv4 datagram: "
		    "%s; %s them as asked", why, doing);
		return;
	}
	/* Linux rewrites the total length; the others check it (ip(4)). */
	if (f.len != p->len && !(layout_rules(p->layout)->kernel_sets_len_sum &&
	    f.len == 0))
		warnx("warning: total length reads %u in the %s layout, but "
		    "%zu bytes are given; %s them as asked", f.len,
		    layout_name(p->layout), p->len, doing);
}

void
packet_kernel_view(const struct packet *p)
{
	uint16_t off = p->ip.off,
	    read = ip_off_as_read(off, p->layout, LAYOUT_NATIVE);
	char as_built[IP_OFF_WORDS], as_read[IP_OFF_WORDS];

	if (read == off)
		return;
	warnx("the %s layout writes %s in %s, as %02x %02x; %s reads that "
	    "field in %s, so the wire carries %s: the articles' byte-order "
	    "mistake, made on purpose (-w records the wire's bytes)",
	    layout_name(p->layout), ip_off_words(off, as_built),
	    order_words(layout_rules(p->layout)->len_off),
	    p->bytes[IPH_OFF], p->bytes[IPH_OFF + 1],
	    layout_rules(LAYOUT_NATIVE)->system,
	    order_words(layout_rules(LAYOUT_NATIVE)->len_off),
	    ip_off_words(read, as_read));
}
