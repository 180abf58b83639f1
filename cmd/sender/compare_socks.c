/*
 * sender --compare -6 and --compare --dgram: the other sockets, system
 * by system.  compare.c sets the IPv4 raw socket's headers side by
 * side; here the same echo request goes to an IPv6 raw socket, where no
 * byte differs but what the kernels do with it does, and to the ping
 * socket, where the kernels differ in what they write and in what they
 * hand back.  Every per-system fact comes from one table, socks.c (with
 * its sources); the layouts of iphdr.h name its rows, as compare.c's.
 *
 * The messages are built here from the options: identifier -I,
 * sequence -S, payload -p; destination 127.0.0.1 or ::1 unless given.
 * A kernel chooses the source of a datagram it writes: the loopback
 * address when sending to it (RFC 6724's first rule for IPv6), so the
 * checksums that cover the source (ICMPv6's pseudo-header, RFC 4443
 * 2.3, RFC 8200 8.1) are worked out only for the loopback destination.
 */
#include <stdio.h>
#include <string.h>

#include "bytes.h"
#include "cksum.h"
#include "color.h"
#include "compare.h"
#include "rows.h"
#include "hex.h"
#include "icmp.h"
#include "ip6hdr.h"
#include "iphdr.h"
#include "out.h"
#include "parse.h"
#include "socks.h"

/* The addresses of the exchange: the destination, and the source when
 * it can be known here. */
struct ends {
	struct ipaddr dst, src;
	int src_known;
};

static void
ends_of(const struct sender_opts *o, struct ends *e)
{
	static const uint8_t lo4[4] = { 127, 0, 0, 1 };
	static const uint8_t lo6[16] = { [15] = 1 };
	const uint8_t *lo = o->six ? lo6 : lo4;
	unsigned len = o->six ? 16 : 4;

	memset(e, 0, sizeof(*e));
	if (o->have_dst) {
		e->dst = o->dst6;
	} else {
		e->dst.len = len;
		memcpy(e->dst.b, lo, len);
	}
	if (memcmp(e->dst.b, lo, len) == 0) {
		e->src = e->dst;
		e->src_known = 1;
	}
}

/* The echo request (or reply) of the options into m: ICMP's (RFC 792)
 * with its checksum, or ICMPv6's (RFC 4443 4.1) with 00 00 there. */
static size_t
echo(uint8_t *m, const struct sender_opts *o, int reply)
{
	icmp_echo_build(m, o->icmp_id, o->seq, o->data, o->dlen);
	if (o->six) {
		m[ICMP_TYPE] = reply ? ICMP6_TYPE_ECHOREPLY : ICMP6_TYPE_ECHO;
		put16(m + ICMP_SUM, 0);
	} else if (reply) {
		m[ICMP_TYPE] = ICMP_TYPE_ECHOREPLY;
		put16(m + ICMP_SUM, cksum_without(m, ICMP_HDRLEN + o->dlen,
		    ICMP_SUM));
	}
	return ICMP_HDRLEN + o->dlen;
}

/* A field's heading and one line a system: its bytes, then why. */
static void
heading(const char *name, size_t off, size_t len)
{
	out_printf("%s (bytes %zu-%zu):\n", name, off, off + len - 1);
}

static void
field_bytes(enum layout l, const struct line *r, size_t off, size_t len)
{
	out_printf("  %-8s", layout_name(l));
	line_pairs(r, off, len);
	out_printf("%*s", (int)(3 * (4 - len) + 2), "");
}

/* ---- -6: the raw ICMPv6 socket ---- */

static void
six_kernels(void)
{
	const struct sock_rules *s;
	size_t l;

	out_str("\nWhat a raw ICMPv6 socket hands over: the ICMPv6 message "
	    "alone, on every\nsystem, never the IPv6 header (RFC 3542); hop "
	    "limit, destination and interface\ncome as control messages "
	    "(IPV6_RECVHOPLIMIT, IPV6_RECVPKTINFO).\n");
	out_str("The host's own echo requests, handed to its raw sockets "
	    "too:\n");
	for (l = 0; l < LAYOUT_COUNT; l++) {
		s = sock_rules((enum layout)l);
		out_printf("  %-8sIPv6 %s, IPv4 %s, for %s\n",
		    layout_name((enum layout)l), s->raw6_own_echo ? "yes" :
		    "no", s->raw4_own_echo ? "yes" : "no", s->system);
	}
	out_str("IPV6_CHECKSUM on an ICMPv6 socket:\n");
	for (l = 0; l < LAYOUT_COUNT; l++) {
		s = sock_rules((enum layout)l);
		out_printf("  %-8s%s, for %s\n", layout_name((enum layout)l),
		    s->checksum6 != NULL ? s->checksum6 : "not checked here",
		    s->system);
	}
	out_str("IPV6_HDRINCL, an IPv6 header of the program's own:\n");
	for (l = 0; l < LAYOUT_COUNT; l++) {
		s = sock_rules((enum layout)l);
		out_printf("  %-8s%s, for %s\n", layout_name((enum layout)l),
		    s->hdrincl6 ? "yes (IPPROTO_RAW has it on; sender -6 "
		    "--hdrincl)" : "no", s->system);
	}
}

/* The sentence on the checksum as it leaves, the pseudo-header's
 * addresses in it. */
static void
six_sum_words(const struct ends *e, size_t n, const struct line *wire)
{
	char dst[IPADDR_TEXT], src[IPADDR_TEXT];

	(void)ipaddr_text(&e->dst, dst);
	if (!e->src_known) {
		out_printf("The checksum covers a pseudo-header with the source "
		    "in it: the kernel's\nchoice (the address of the route "
		    "to %s),\nso the checksum is the kernel's too.\n", dst);
		return;
	}
	(void)ipaddr_text(&e->src, src);
	out_printf("The checksum, 0x%02x%02x, is the kernel's over the "
	    "pseudo-header (source %s,\ndestination %s, length %zu, next "
	    "header %d) and the message.\n", wire->b[ICMP_SUM],
	    wire->b[ICMP_SUM + 1], src, dst, n, IP6_NEXT_ICMPV6);
}

void
compare_six_print(const struct sender_opts *o)
{
	static uint8_t m[IP_MAXLEN];
	static struct line handed, wire;
	const struct line *pair[2] = { &handed, &wire };
	struct ends e;
	size_t n, l;

	ends_of(o, &e);
	n = echo(m, o, 0);
	line_set(&handed, m, n, 0);
	out_str("The same ICMPv6 echo request as each system's program "
	    "hands it to its kernel\n(socket(AF_INET6, SOCK_RAW, "
	    "IPPROTO_ICMPV6)):\n");
	line_ruler(n);
	for (l = 0; l < LAYOUT_COUNT; l++)
		line_print(layout_name((enum layout)l), &handed);
	out_str("No byte differs: an IPv6 raw socket takes and gives its "
	    "data in network byte\norder on every system (RFC 3542), and "
	    "never the IPv6 header: the kernel\nwrites it, and computes the "
	    "ICMPv6 checksum (bytes 2-3, left 00 00) over\na pseudo-header "
	    "of its addresses (RFC 4443 2.3, RFC 8200 8.1).\n");

	if (e.src_known)
		put16(m + ICMP_SUM, cksum_pseudo6(e.src.b, e.dst.b,
		    IP6_NEXT_ICMPV6, m, n));
	line_set(&wire, m, n, 0);
	if (!e.src_known)
		line_unknown(&wire, ICMP_SUM, 2);
	out_str("\nHanded to the kernel, then on the wire, the same on every "
	    "system (.. the kernel\nchooses as it sends; the IPv6 header in "
	    "front is the kernel's):\n");
	line_print("handed", &handed);
	line_print("  wire", &wire);
	line_marks("  differ", pair, 2);
	six_sum_words(&e, n, &wire);
	six_kernels();
}

/* ---- --dgram: the ping socket ---- */

static int
has_ping(const struct sock_rules *s, int six)
{
	return six ? s->ping6 == 1 : s->ping;
}

static int
sets_id(const struct sock_rules *s, int six)
{
	return six ? s->ping6_sets_id : s->ping_sets_id;
}

/* Whether the kernel picks the identifier: where it writes the port,
 * unless -I is given, to which the sender binds the socket (sock.c). */
static int
picks_id(const struct sock_rules *s, const struct sender_opts *o)
{
	return sets_id(s, o->six) && !o->have_id;
}

/* Who may open it, every system. */
static void
dgram_who(const struct sender_opts *o)
{
	const struct sock_rules *s;
	size_t l;

	out_printf("Who may open the ping socket, socket(%s, SOCK_DGRAM, "
	    "%s):\n", o->six ? "AF_INET6" : "AF_INET",
	    o->six ? "IPPROTO_ICMPV6" : "IPPROTO_ICMP");
	for (l = 0; l < LAYOUT_COUNT; l++) {
		s = sock_rules((enum layout)l);
		out_printf("  %-8s", layout_name((enum layout)l));
		if (has_ping(s, o->six))
			out_str(s->ping_who);
		else if (o->six && s->ping6 < 0)
			out_str("not checked here");
		else
			out_str("nobody: there is no such socket");
		out_printf(", for %s\n", s->system);
	}
	if (o->six)
		out_str("(Where there is one, the same users may open it as "
		    "the IPv4 one.)\n");
}

/* What the program writes on system l: the checksum the kernel's or its
 * own (always the kernel's for ICMPv6). */
static void
dgram_written(const struct sender_opts *o, enum layout l, struct line *r)
{
	static uint8_t m[IP_MAXLEN];
	const struct sock_rules *s = sock_rules(l);
	size_t n = echo(m, o, 0);

	if (!o->six && s->ping_sets_sum)
		put16(m + ICMP_SUM, 0);
	line_set(r, m, n, 0);
}

static void
dgram_written_why(const struct sender_opts *o, const struct line *w,
    const int *on)
{
	const struct sock_rules *s;
	size_t l;

	heading("checksum", ICMP_SUM, 2);
	for (l = 0; l < LAYOUT_COUNT; l++) {
		if (!on[l])
			continue;
		s = sock_rules((enum layout)l);
		field_bytes((enum layout)l, &w[l], ICMP_SUM, 2);
		if (o->six)
			out_printf("0: %s computes it over the pseudo-header",
			    s->system);
		else if (s->ping_sets_sum)
			out_printf("0: %s computes it", s->system);
		else
			out_printf("computed by the program: %s sends it as "
			    "written", s->system);
		out_str("\n");
	}
	heading("identifier", ICMP_ID, 2);
	for (l = 0; l < LAYOUT_COUNT; l++) {
		if (!on[l])
			continue;
		s = sock_rules((enum layout)l);
		field_bytes((enum layout)l, &w[l], ICMP_ID, 2);
		if (sets_id(s, o->six) && o->have_id)
			out_printf("%u as written; %s puts the socket's "
			    "port there, bound to %u", o->icmp_id, s->system,
			    o->icmp_id);
		else if (sets_id(s, o->six))
			out_printf("%u as written; %s puts the socket's "
			    "port there", o->icmp_id, s->system);
		else
			out_printf("%u as written, and as %s sends it",
			    o->icmp_id, s->system);
		out_str("\n");
	}
}

/* The message as system l sends it, from what the program wrote. */
static void
dgram_sent(const struct sender_opts *o, enum layout l, const struct ends *e,
    const struct line *w, struct line *r)
{
	static uint8_t m[IP_MAXLEN];
	const struct sock_rules *s = sock_rules(l);
	size_t i;

	for (i = 0; i < w->n; i++)
		m[i] = (uint8_t)w->b[i];
	if (o->six && e->src_known)
		put16(m + ICMP_SUM, cksum_pseudo6(e->src.b, e->dst.b,
		    IP6_NEXT_ICMPV6, m, w->n));
	else if (!o->six && s->ping_sets_sum)
		put16(m + ICMP_SUM, cksum_without(m, w->n, ICMP_SUM));
	line_set(r, m, w->n, 0);
	if (picks_id(s, o))
		line_unknown(r, ICMP_ID, 2);
	if (picks_id(s, o) || (o->six && !e->src_known))
		line_unknown(r, ICMP_SUM, 2);
}

static void
dgram_sent_why(const struct sender_opts *o, const int *on)
{
	const struct sock_rules *s;
	size_t l;

	for (l = 0; l < LAYOUT_COUNT; l++) {
		if (!on[l])
			continue;
		s = sock_rules((enum layout)l);
		if (picks_id(s, o))
			out_printf("%s: the identifier is the socket's local "
			    "port, which the kernel picks\nunless the program "
			    "binds one, and the checksum is summed over it.\n",
			    s->system);
		else if (sets_id(s, o->six))
			out_printf("%s: the identifier is the socket's local "
			    "port, which the sender binds\nto -I's %u; the "
			    "checksum is the kernel's.\n", s->system,
			    o->icmp_id);
		else if (o->six || s->ping_sets_sum)
			out_printf("%s: the identifier as written, the "
			    "checksum the kernel's.\n", s->system);
		else
			out_printf("%s: the message as written, checksum "
			    "and all.\n", s->system);
	}
}

/*
 * The IPv4 echo reply to system l's request, as it comes over the wire
 * (header and message) and as l's ping socket hands it over: the
 * message alone, lined up under the wire's, or the header too, laid out
 * as l's raw socket lays it out (iphdr.h).  The replier chooses type of
 * service, id, flags and offset, TTL, and so the header checksum.
 */
static void
dgram_reply4(const struct sender_opts *o, enum layout l, const struct ends *e,
    const struct line *sent, struct line *wire, struct line *recv)
{
	static uint8_t d[IP_MAXLEN];
	const struct sock_rules *s = sock_rules(l);
	struct ip_fields f;
	size_t n = sent->n, i;

	memset(&f, 0, sizeof(f));
	f.version = 4;
	f.hlen = IPHDR_LEN;
	f.len = (uint16_t)(IPHDR_LEN + n);
	f.proto = 1;		/* ICMP */
	memcpy(f.src, e->dst.b, 4);
	memcpy(f.dst, e->src.b, 4);
	(void)echo(d + IPHDR_LEN, o, 1);
	ip_build(d, &f, LAYOUT_WIRE);
	line_set(wire, d, IPHDR_LEN + n, IPHDR_LEN);
	line_unknown(wire, IPH_TOS, 1);
	line_unknown(wire, IPH_ID, 4);		/* id, flags and offset */
	line_unknown(wire, IPH_TTL, 1);
	line_unknown(wire, IPH_SUM, 2);
	if (!e->src_known)
		line_unknown(wire, IPH_DST, 4);
	if (sent->b[ICMP_ID] & LINE_UNKNOWN) {
		line_unknown(wire, IPHDR_LEN + ICMP_ID, 2);
		line_unknown(wire, IPHDR_LEN + ICMP_SUM, 2);
	}
	if (!s->ping_rx_header) {
		*recv = *wire;
		for (i = 0; i < IPHDR_LEN; i++)
			recv->b[i] = LINE_BLANK;
		return;
	}
	if (layout_rules(l)->rx_len_excludes_header)
		f.len = (uint16_t)n;
	ip_build(d, &f, l);
	line_set(recv, d, IPHDR_LEN + n, IPHDR_LEN);
	for (i = 0; i < recv->n; i++)
		if (wire->b[i] & LINE_UNKNOWN)
			recv->b[i] = LINE_UNKNOWN;
}

static void
dgram_reply4_why(enum layout l, size_t n)
{
	const struct sock_rules *s = sock_rules(l);
	const struct layout_rules *r = layout_rules(l);

	if (!s->ping_rx_header) {
		out_printf("%s hands over the ICMP message alone", s->system);
	} else {
		out_printf("%s hands over the IPv4 header too, as its raw "
		    "socket does:\ntotal length ", s->system);
		if (r->rx_len_excludes_header)
			out_printf("%zu, the header's %d bytes left out", n,
			    IPHDR_LEN);
		else
			out_printf("%zu", IPHDR_LEN + n);
		if (r->len_off == ORDER_NETWORK)
			out_str(", in network byte order");
		else
			out_printf(", in host byte order\n(%s; flags and "
			    "offset too)", order_words(r->len_off));
	}
	out_str(s->ping_rx_by_id ? ", and only the replies to its\n"
	    "identifier.\n" : ".\nEvery ICMP message a raw socket gets comes "
	    "too: the program keeps its own by\nidentifier.\n");
}

static void
dgram_replies4(const struct sender_opts *o, const struct ends *e,
    const struct line *sent, const int *on)
{
	static struct line wire, recv;
	const struct line *pair[2] = { &wire, &recv };
	char label[32];
	size_t l, k = 0;

	out_str("\nThe echo reply on the wire, then as recv hands it over "
	    "(.. the replier\nchooses):\n");
	for (l = 0; l < LAYOUT_COUNT; l++) {
		if (!on[l])
			continue;
		if (k++ == 0)
			line_ruler(IPHDR_LEN + sent[l].n);
		dgram_reply4(o, (enum layout)l, e, &sent[l], &wire, &recv);
		(void)snprintf(label, sizeof(label), "%s wire",
		    layout_name((enum layout)l));
		line_print(label, &wire);
		line_print("  recv", &recv);
		if (sock_rules((enum layout)l)->ping_rx_header)
			line_marks("  differ", pair, 2);
		dgram_reply4_why((enum layout)l, sent[l].n);
	}
}

/* ICMPv6: the reply as every system's ping socket hands it over, the
 * message alone; its checksum covers the pseudo-header, the addresses
 * turned around. */
static void
dgram_replies6(const struct sender_opts *o, const struct ends *e,
    const struct line *sent, const int *on)
{
	static uint8_t m[IP_MAXLEN];
	static struct line recv[LAYOUT_COUNT];
	const struct line *rows[LAYOUT_COUNT];
	const struct sock_rules *s;
	char label[32];
	size_t l, k = 0, n;

	out_str("\nThe echo reply as recv hands it over: the ICMPv6 message "
	    "alone, never the IPv6\nheader (.. the replier chooses):\n");
	for (l = 0; l < LAYOUT_COUNT; l++) {
		if (!on[l])
			continue;
		n = echo(m, o, 1);
		if (e->src_known)
			put16(m + ICMP_SUM, cksum_pseudo6(e->dst.b, e->src.b,
			    IP6_NEXT_ICMPV6, m, n));
		line_set(&recv[l], m, n, 0);
		if (!e->src_known)
			line_unknown(&recv[l], ICMP_SUM, 2);
		if (sent[l].b[ICMP_ID] & LINE_UNKNOWN) {
			line_unknown(&recv[l], ICMP_ID, 2);
			line_unknown(&recv[l], ICMP_SUM, 2);
		}
		(void)snprintf(label, sizeof(label), "%s recv",
		    layout_name((enum layout)l));
		if (k == 0)
			line_ruler(n);
		line_print(label, &recv[l]);
		rows[k++] = &recv[l];
	}
	line_marks("differ", rows, k);
	for (l = 0; l < LAYOUT_COUNT; l++) {
		if (!on[l])
			continue;
		s = sock_rules((enum layout)l);
		out_printf("%s: %s\n", s->system, s->ping6_rx_by_id ?
		    "only the replies to its identifier." : "every ICMPv6 "
		    "message a raw socket gets comes too: the program\n"
		    "keeps its own by identifier.");
	}
}

void
compare_dgram_print(const struct sender_opts *o)
{
	static struct line written[LAYOUT_COUNT], sent[LAYOUT_COUNT];
	const struct line *rows[LAYOUT_COUNT], *pair[2];
	int on[LAYOUT_COUNT];
	char label[32];
	struct ends e;
	size_t l, k = 0;

	ends_of(o, &e);
	dgram_who(o);
	for (l = 0; l < LAYOUT_COUNT; l++) {
		on[l] = has_ping(sock_rules((enum layout)l), o->six);
		if (!on[l])
			continue;
		dgram_written(o, (enum layout)l, &written[l]);
		dgram_sent(o, (enum layout)l, &e, &written[l], &sent[l]);
		rows[k++] = &written[l];
	}

	out_str("\nThe echo request each system's program writes to it:\n");
	line_ruler(rows[0]->n);
	for (l = 0; l < LAYOUT_COUNT; l++)
		if (on[l])
			line_print(layout_name((enum layout)l), &written[l]);
	line_marks("differ", rows, k);
	dgram_written_why(o, written, on);

	out_str("\nWritten, then on the wire (.. the kernel chooses as it "
	    "sends; the IP header in\nfront is the kernel's):\n");
	for (l = 0; l < LAYOUT_COUNT; l++) {
		if (!on[l])
			continue;
		(void)snprintf(label, sizeof(label), "%s writes",
		    layout_name((enum layout)l));
		line_print(label, &written[l]);
		line_print("  wire", &sent[l]);
		pair[0] = &written[l];
		pair[1] = &sent[l];
		line_marks("  differ", pair, 2);
	}
	dgram_sent_why(o, on);

	if (o->six)
		dgram_replies6(o, &e, sent, on);
	else
		dgram_replies4(o, &e, sent, on);
}
