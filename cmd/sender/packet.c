/*
 * The echo request: a 20-byte IPv4 header (iphdr.c, in the chosen
 * layout) and an 8-byte ICMP echo header with the payload behind it
 * (icmp.c).  With no payload that is the article's 28 bytes.
 */
#include <err.h>
#include <string.h>

#include "icmp.h"
#include "iphdr.h"
#include "packet.h"

size_t
packet_build(uint8_t *pkt, const struct sender_opts *o)
{
	if (o->raw) {
		memcpy(pkt, o->data, o->dlen);
		return o->dlen;
	}
	ip_build(pkt, &o->ip, o->layout);
	icmp_echo_build(pkt + IPHDR_LEN, o->icmp_id, o->seq, o->data, o->dlen);
	return IPHDR_LEN + ICMP_HDRLEN + o->dlen;
}

void
packet_set_seq(uint8_t *pkt, uint16_t seq)
{
	icmp_update_seq(pkt + IPHDR_LEN, seq);
}

void
packet_check(const uint8_t *pkt, size_t len, enum layout l, int dry_run)
{
	const char *doing = dry_run ? "printing" : "sending";
	struct ip_fields f;
	const char *why;

	if (ip_parse(pkt, len, l, &f, &why) != 0) {
		warnx("warning: the bytes are not a plausible IPv4 datagram: "
		    "%s; %s them as asked", why, doing);
		return;
	}
	/* Linux rewrites the total length; the others check it (ip(4)). */
	if (f.len != len && !(layout_rules(l)->kernel_sets_len_sum &&
	    f.len == 0))
		warnx("warning: total length reads %u in the %s layout, but "
		    "%zu bytes are given; %s them as asked", f.len,
		    layout_name(l), len, doing);
}

void
packet_kernel_view(const uint8_t *pkt, const struct sender_opts *o)
{
	uint16_t off = o->ip.off,
	    read = ip_off_as_read(off, o->layout, LAYOUT_NATIVE);
	char as_built[IP_OFF_WORDS], as_read[IP_OFF_WORDS];

	if (read == off)
		return;
	warnx("the %s layout writes %s in %s, as %02x %02x; %s reads that "
	    "field in %s, so the wire carries %s: the articles' byte-order "
	    "mistake, made on purpose (-w records the wire's bytes)",
	    layout_name(o->layout), ip_off_words(off, as_built),
	    order_words(layout_rules(o->layout)->len_off), pkt[IPH_OFF],
	    pkt[IPH_OFF + 1], layout_rules(LAYOUT_NATIVE)->system,
	    order_words(layout_rules(LAYOUT_NATIVE)->len_off),
	    ip_off_words(read, as_read));
}
