/*
 * Build and parse the IPv4 header (RFC 791, 3.1) at named offsets.
 *
 * Sources for the per-OS rules: raw(7) on Linux ("IP_HDRINCL": checksum
 * and total length always filled in, source and id filled in when 0);
 * xnu bsd/man/man4/ip.4 ("ip_len and ip_off fields are in host byte
 * order"); FreeBSD ip(4), BUGS.
 */
#include <string.h>

#include "bytes.h"
#include "cksum.h"
#include "iphdr.h"

static const char *const layout_names[] = {
	[LAYOUT_LINUX] = "linux",
	[LAYOUT_DARWIN] = "darwin",
	[LAYOUT_WIRE] = "wire",
};

int
layout_from_name(const char *name, enum layout *l)
{
	size_t i;

	for (i = 0; i < sizeof(layout_names) / sizeof(layout_names[0]); i++)
		if (strcmp(name, layout_names[i]) == 0) {
			*l = (enum layout)i;
			return 0;
		}
	return -1;
}

const char *
layout_name(enum layout l)
{
	return layout_names[l];
}

/*
 * The per-OS byte-order rule, and the only place it lives: BSD-derived
 * kernels that turn ip_len and ip_off into host order on input, and never
 * turned them back for raw sockets, want them that way on output too.
 */
static int
len_off_in_host_order(enum layout l)
{
	return l == LAYOUT_DARWIN;
}

int
layout_len_excludes_header(enum layout l)
{
	/* The same BSD input path subtracts the header before delivery. */
	return l == LAYOUT_DARWIN;
}



/* ip_len and ip_off: host order or network order, as the layout says. */
static void
put_len_off(uint8_t *p, uint16_t v, enum layout l)
{
	if (len_off_in_host_order(l))
		memcpy(p, &v, sizeof(v));
	else
		put16(p, v);
}

static uint16_t
get_len_off(const uint8_t *p, enum layout l)
{
	uint16_t v;

	if (!len_off_in_host_order(l))
		return get16(p);
	memcpy(&v, p, sizeof(v));
	return v;
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
	if (l != LAYOUT_LINUX) {
		/* Linux fills id and source when they are 0; the article
		 * fills them by hand elsewhere, with id 11. */
		f->id = 11;
		memcpy(f->src, loopback, 4);
	}
}

void
ip_build(uint8_t buf[IPHDR_LEN], const struct ip_fields *f, enum layout l)
{
	memset(buf, 0, IPHDR_LEN);
	buf[IPH_VHL] = (uint8_t)(f->version << 4 | (IPHDR_LEN / 4));
	buf[IPH_TOS] = f->tos;
	put16(buf + IPH_ID, f->id);
	put_len_off(buf + IPH_OFF, f->off, l);
	buf[IPH_TTL] = f->ttl;
	buf[IPH_PROTO] = f->proto;
	memcpy(buf + IPH_SRC, f->src, 4);
	memcpy(buf + IPH_DST, f->dst, 4);
	if (l == LAYOUT_LINUX)
		return;		/* length and checksum: the kernel's job */
	put_len_off(buf + IPH_LEN, f->len, l);
	put16(buf + IPH_SUM, cksum(buf, IPHDR_LEN));
}

int
ip_parse(const uint8_t *buf, size_t n, enum layout l, struct ip_fields *f,
    const char **why)
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
	f->len = get_len_off(buf + IPH_LEN, l);
	f->id = get16(buf + IPH_ID);
	f->off = get_len_off(buf + IPH_OFF, l);
	f->ttl = buf[IPH_TTL];
	f->proto = buf[IPH_PROTO];
	f->sum = get16(buf + IPH_SUM);
	memcpy(f->src, buf + IPH_SRC, 4);
	memcpy(f->dst, buf + IPH_DST, 4);
	return 0;
}

void
ip_to_wire(uint8_t *buf, size_t n, enum layout l)
{
	struct ip_fields f;
	const char *why;
	uint32_t len;

	if (ip_parse(buf, n, l, &f, &why) != 0)
		return;
	len = f.len;
	if (layout_len_excludes_header(l))
		len += f.hlen;
	/* A sum past 65535 fits no datagram: the file keeps the largest
	 * length, and the decoder says what was really read. */
	put16(buf + IPH_LEN, len > IP_MAXLEN ? IP_MAXLEN : (uint16_t)len);
	put16(buf + IPH_OFF, f.off);
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
