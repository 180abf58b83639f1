/*
 * Build and parse the IPv4 header (RFC 791, 3.1) at named offsets, in
 * the byte layout of a given kernel's raw socket.
 *
 * Every per-OS rule is a column of the table below; each reader and
 * writer of a header in the program asks it.  Sources, row by row:
 *  linux   raw(7), "IP_HDRINCL": checksum and total length always filled
 *          in, source and id filled in when 0; IPPROTO_RAW implies
 *          IP_HDRINCL.
 *  darwin  xnu bsd/man/man4/ip.4 ("ip_len and ip_off fields are in host
 *          byte order"), bsd/netinet/raw_ip.c rip_output (IP_HDRINCL
 *          must be set); ip_input subtracts the header from ip_len before
 *          rip_input delivers; ip_icmp.c icmp_input checks the ICMP
 *          checksum over the wire bytes, then (at its "deliver" label)
 *          turns the quoted header's ip_len (alone) to host order, then
 *          hands the message to rip_input: golang.org/x/net
 *          icmp.ParseIPv4Header reads the length so.  Every Mac
 *          since 2006 (x86_64, arm64) is little-endian, so host order on
 *          a Mac is little-endian: the article's "1c 00".
 *  wire    FreeBSD >= 11 and OpenBSD ip(4): network order both ways.
 *  netbsd  NetBSD raw_ip.c ("userland passes ip_len and ip_off in host
 *          order"), the header left out on delivery as on macOS; x/net
 *          reads its quoted headers in network order.
 */
#include <stdio.h>
#include <string.h>

#include "bytes.h"
#include "cksum.h"
#include "icmp.h"
#include "iphdr.h"

static const struct layout_rules rules[LAYOUT_COUNT] = {
	/* name      system    ip_len/ip_off  quoted ip_len
	 *   quoted ip_len turned after the ICMP checksum was checked,
	 *   rx excl. header, kernel sets len+sum, article fills id+src,
	 *   needs IP_HDRINCL */
	[LAYOUT_LINUX] = { "linux", "Linux", ORDER_NETWORK, ORDER_NETWORK,
	    0, 0, 1, 0, 0 },
	[LAYOUT_DARWIN] = { "darwin", "macOS", ORDER_LITTLE, ORDER_LITTLE,
	    1, 1, 0, 1, 1 },
	[LAYOUT_WIRE] = { "wire", "FreeBSD 11+ and OpenBSD", ORDER_NETWORK,
	    ORDER_NETWORK, 0, 0, 0, 1, 1 },
	[LAYOUT_NETBSD] = { "netbsd", "NetBSD", ORDER_HOST, ORDER_NETWORK,
	    0, 1, 0, 1, 1 },
};

const struct layout_rules *
layout_rules(enum layout l)
{
	return &rules[l];
}

const char *
order_words(enum order o)
{
	switch (o) {
	case ORDER_NETWORK:
		return "network order";
	case ORDER_LITTLE:
		return "little-endian";
	case ORDER_HOST:
		break;
	}
	return host_is_little() ? "this machine's order, little-endian" :
	    "this machine's order, big-endian";
}

int
layout_from_name(const char *name, enum layout *l)
{
	size_t i;

	for (i = 0; i < LAYOUT_COUNT; i++)
		if (strcmp(name, rules[i].name) == 0) {
			*l = (enum layout)i;
			return 0;
		}
	return -1;
}

const char *
layout_name(enum layout l)
{
	return rules[l].name;
}

/* A 16-bit field in a given byte order, one byte at a time. */
static void
put16_order(uint8_t *p, uint16_t v, enum order o)
{
	if (o == ORDER_LITTLE || (o == ORDER_HOST && host_is_little()))
		put_le16(p, v);
	else
		put16(p, v);
}

uint16_t
get16_order(const uint8_t *p, enum order o)
{
	if (o == ORDER_LITTLE || (o == ORDER_HOST && host_is_little()))
		return get_le16(p);
	return get16(p);
}

void
ip_defaults(struct ip_fields *f, enum layout l)
{
	static const uint8_t loopback[4] = { 127, 0, 0, 1 };

	memset(f, 0, sizeof(*f));
	f->version = 4;
	f->hlen = IPHDR_LEN;
	f->len = IPHDR_LEN;
	f->ttl = 64;
	f->proto = 1;		/* ICMP (RFC 792) */
	memcpy(f->dst, loopback, 4);
	if (rules[l].sender_fills_id_src) {
		f->id = 11;	/* the article's */
		memcpy(f->src, loopback, 4);
	}
}

void
ip_build(uint8_t buf[IPHDR_LEN], const struct ip_fields *f, enum layout l)
{
	const struct layout_rules *r = &rules[l];

	memset(buf, 0, IPHDR_LEN);
	buf[IPH_VHL] = (uint8_t)(f->version << 4 | (IPHDR_LEN / 4));
	buf[IPH_TOS] = f->tos;
	put16(buf + IPH_ID, f->id);
	put16_order(buf + IPH_OFF, f->off, r->len_off);
	buf[IPH_TTL] = f->ttl;
	buf[IPH_PROTO] = f->proto;
	memcpy(buf + IPH_SRC, f->src, 4);
	memcpy(buf + IPH_DST, f->dst, 4);
	if (r->kernel_sets_len_sum)
		return;		/* length and checksum: the kernel's job */
	put16_order(buf + IPH_LEN, f->len, r->len_off);
	put16(buf + IPH_SUM, cksum(buf, IPHDR_LEN));
}

uint16_t
ip_off_as_read(uint16_t off, enum layout built, enum layout reader)
{
	uint8_t b[2];

	put16_order(b, off, rules[built].len_off);
	return get16_order(b, rules[reader].len_off);
}

const char *
ip_off_words(uint16_t off, char buf[IP_OFF_WORDS])
{
	static const struct {
		uint16_t bit;
		const char *name;
	} flags[] = {
		{ IP_FLAG_RF, "RF" }, { IP_FLAG_DF, "DF" }, { IP_FLAG_MF, "MF" }
	};
	unsigned units = off & IP_OFFMASK;
	size_t i, used = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (off & flags[i].bit)
			used += (size_t)snprintf(buf + used, IP_OFF_WORDS - used,
			    "%s%s", used > 0 ? " " : "", flags[i].name);
	used += (size_t)snprintf(buf + used, IP_OFF_WORDS - used,
	    "%s, offset %u", used > 0 ? "" : "no flags", units);
	if (units != 0)
		(void)snprintf(buf + used, IP_OFF_WORDS - used, " (%u bytes)",
		    units * 8u);
	return buf;
}

/* The checks and fields common to both kinds of header. */
static int
parse(const uint8_t *buf, size_t n, enum order len_order,
    enum order off_order, struct ip_fields *f, const char **why)
{
	if (n < IPHDR_LEN) {
		*why = "shorter than an IPv4 header (20 bytes)";
		return -1;
	}
	f->version = buf[IPH_VHL] >> 4;
	f->hlen = (buf[IPH_VHL] & 0x0f) * 4u;
	if (f->version != 4) {
		*why = "not IPv4 (version is not 4)";
		return -1;
	}
	if (f->hlen < IPHDR_LEN) {
		*why = "header length below 20 bytes (IHL below 5)";
		return -1;
	}
	if (f->hlen > n) {
		*why = "header length runs past the end of the datagram";
		return -1;
	}
	f->tos = buf[IPH_TOS];
	f->len = get16_order(buf + IPH_LEN, len_order);
	f->id = get16(buf + IPH_ID);
	f->off = get16_order(buf + IPH_OFF, off_order);
	f->ttl = buf[IPH_TTL];
	f->proto = buf[IPH_PROTO];
	f->sum = get16(buf + IPH_SUM);
	memcpy(f->src, buf + IPH_SRC, 4);
	memcpy(f->dst, buf + IPH_DST, 4);
	return 0;
}

size_t
ip_parse_prefix(const uint8_t *buf, size_t n, enum layout l,
    struct ip_fields *f)
{
	uint8_t whole[IPHDR_LEN];
	const char *why;

	memset(f, 0, sizeof(*f));
	if (n > IPHDR_LEN)
		n = IPHDR_LEN;
	/* The fixed header padded with zeros, as version 4 and IHL 5:
	 * the fields past n are then 0, and the caller shows only those
	 * within n; version and IHL are set from byte 0 after. */
	memset(whole, 0, sizeof(whole));
	memcpy(whole, buf, n);
	whole[IPH_VHL] = 4 << 4 | IPHDR_LEN / 4;
	(void)parse(whole, IPHDR_LEN, rules[l].len_off, rules[l].len_off, f,
	    &why);
	f->version = n > 0 ? buf[IPH_VHL] >> 4 : 0;
	f->hlen = n > 0 ? (buf[IPH_VHL] & 0x0f) * 4u : 0;
	return n;
}

int
ip_parse(const uint8_t *buf, size_t n, enum layout l, struct ip_fields *f,
    const char **why)
{
	return parse(buf, n, rules[l].len_off, rules[l].len_off, f, why);
}

/*
 * The errors xnu's icmp_input hands its protocols (the "deliver" path,
 * where it turns the quoted ip_len): unreachable codes 0-15, time
 * exceeded and parameter problem codes 0-1, source quench code 0.  A
 * redirect, or a code it does not know, reaches the socket untouched.
 * xnu drops those of them too short for a quoted header and 8 bytes,
 * so a socket never sees one whose length was left alone.
 */
static int
xnu_turns_quoted(unsigned type, unsigned code)
{
	switch (type) {
	case ICMP_TYPE_UNREACH:
		return code <= 15;
	case ICMP_TYPE_TIMXCEED:
	case ICMP_TYPE_PARAMPROB:
		return code <= 1;
	case ICMP_TYPE_SOURCEQUENCH:
		return code == 0;
	default:
		return 0;
	}
}

/* Where the quoted header's total length sits in the ICMP message. */
enum { QUOTED_LEN = ICMP_HDRLEN + IPH_LEN };

int
ip_quoted_len_turned(const uint8_t *m, size_t n, enum layout l)
{
	const struct layout_rules *r = &rules[l];

	return r->quoted_len != ORDER_NETWORK && n >= QUOTED_LEN + 2 &&
	    xnu_turns_quoted(m[ICMP_TYPE], m[ICMP_CODE]);
}

void
ip_quoted_to_wire(uint8_t *m, size_t n, enum layout l)
{
	if (ip_quoted_len_turned(m, n, l))
		put16(m + QUOTED_LEN, get16_order(m + QUOTED_LEN,
		    rules[l].quoted_len));
}

int
ip_parse_quoted(const uint8_t *m, size_t n, enum layout l,
    struct ip_fields *f, const char **why)
{
	enum order o = ip_quoted_len_turned(m, n, l) ? rules[l].quoted_len :
	    ORDER_NETWORK;

	if (n < ICMP_HDRLEN) {
		*why = "no room for a quoted header";
		return -1;
	}
	return parse(m + ICMP_HDRLEN, n - ICMP_HDRLEN, o, ORDER_NETWORK, f,
	    why);
}

unsigned long
ip_wire_len(const struct ip_fields *f, size_t n, enum layout l,
    enum len_form *form)
{
	const struct layout_rules *r = &rules[l];

	if (r->kernel_sets_len_sum && f->len == 0) {
		*form = LEN_LEFT_FOR_KERNEL;
		return n;
	}
	if (!r->rx_len_excludes_header) {
		*form = LEN_AS_IS;
		return f->len;
	}
	/* Received, the header is left out; handed to the kernel (as
	 * sender -n prints it), it is not.  The bytes present tell which. */
	if (f->len == n && f->len + f->hlen != n) {
		*form = LEN_SENDING_FORM;
		return f->len;
	}
	*form = LEN_HEADER_LEFT_OUT;
	return (unsigned long)f->len + f->hlen;
}

void
ip_to_wire(uint8_t *buf, size_t n, enum layout l)
{
	struct ip_fields f;
	enum len_form form;
	const char *why;
	unsigned long len;

	if (ip_parse(buf, n, l, &f, &why) != 0)
		return;
	len = ip_wire_len(&f, n, l, &form);
	if (form == LEN_SENDING_FORM || form == LEN_LEFT_FOR_KERNEL) {
		ip_sent_to_wire(buf, n, l);
		return;
	}
	/* A sum past 65535 fits no datagram: the file keeps the largest
	 * length, and the decoder says what was really read. */
	put16(buf + IPH_LEN, len > IP_MAXLEN ? IP_MAXLEN : (uint16_t)len);
	put16(buf + IPH_OFF, f.off);
	if (f.proto == 1 && (f.off & IP_OFFMASK) == 0)
		ip_quoted_to_wire(buf + f.hlen, n - f.hlen, l);
}

void
ip_sent_to_wire(uint8_t *buf, size_t n, enum layout l)
{
	struct ip_fields f;
	const char *why;

	if (ip_parse(buf, n, l, &f, &why) != 0 || n > IP_MAXLEN)
		return;
	put16(buf + IPH_LEN, (uint16_t)n);
	put16(buf + IPH_OFF, f.off);
	put16(buf + IPH_SUM, 0);
	put16(buf + IPH_SUM, cksum(buf, f.hlen));
}
