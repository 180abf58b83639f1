/*
 * The echo request: a 20-byte IPv4 header (iphdr.c, in the chosen
 * layout) and an 8-byte ICMP echo header with the payload behind it
 * (icmp.c).  With no payload that is the article's 28 bytes.
 *
 * Every byte of the packet is written here, and the header settled in
 * one place (fields): the layout's defaults, then what was typed.
 */
#include <err.h>
#include <string.h>

#include "bytes.h"
#include "icmp.h"
#include "iphdr.h"
#include "linkout.h"
#include "packet.h"

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

/* Settle p for layout l, src as fields takes it. */
static void
settle(struct packet *p, const struct sender_opts *o, enum layout l,
    const uint8_t *src)
{
	static uint8_t payload[IP_MAXLEN];	/* not the stack */
	size_t room = o->ping ? PACKET_STAMP : 0, plen = room + o->dlen;

	p->layout = l;
	p->bytes = p->frame + PACKET_LINKROOM;
	p->linklen = 0;
	fields(o, l, plen, src, &p->ip);
	if (o->raw) {
		memcpy(p->bytes, o->data, o->dlen);
		p->len = o->dlen;
		return;
	}
	/* A ping's send time goes first, written as each one goes. */
	memset(payload, 0, room);
	memcpy(payload + room, o->data, o->dlen);
	ip_build(p->bytes, &p->ip, l);
	icmp_echo_build(p->bytes + IPHDR_LEN, o->icmp_id, o->seq, payload,
	    plen);
	p->len = IPHDR_LEN + ICMP_HDRLEN + plen;
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
	icmp_update_seq(p->bytes + IPHDR_LEN, seq);
}

void
packet_stamp(struct packet *p, uint16_t seq, long long t)
{
	uint8_t *icmp = p->bytes + IPHDR_LEN;

	put32(icmp + ICMP_HDRLEN, (uint32_t)((unsigned long long)t >> 32));
	put32(icmp + ICMP_HDRLEN + 4, (uint32_t)t);
	icmp_set_seq(icmp, p->len - IPHDR_LEN, seq);
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

void
packet_check(const struct packet *p, int dry_run)
{
	const char *doing = dry_run ? "printing" : "sending";
	struct ip_fields f;
	const char *why;

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
