/*
 * The 20-byte IPv4 header (RFC 791, section 3.1), built into and parsed
 * out of a plain byte buffer, in the byte layout a given kernel's raw
 * socket speaks.
 */
#ifndef IPHDR_H
#define IPHDR_H

#include <stddef.h>
#include <stdint.h>

enum {
	IPHDR_LEN = 20,		/* the header without options: IHL 5 */
	IP_MAXLEN = 65535	/* total length is a 16-bit field */
};

/* Where each field starts, as in RFC 791's picture. */
enum ip_offset {
	IPH_VHL = 0,		/* version (high 4 bits), IHL (low 4 bits) */
	IPH_TOS = 1,
	IPH_LEN = 2,		/* total length */
	IPH_ID = 4,		/* identification */
	IPH_OFF = 6,		/* flags (3 bits), fragment offset (13 bits) */
	IPH_TTL = 8,
	IPH_PROTO = 9,
	IPH_SUM = 10,		/* header checksum */
	IPH_SRC = 12,
	IPH_DST = 16
};

enum { IP_FLAG_RF = 0x8000, IP_FLAG_DF = 0x4000, IP_FLAG_MF = 0x2000,
       IP_OFFMASK = 0x1fff };

/*
 * How a raw socket wants the header's bytes.
 *  LAYOUT_LINUX   network order; total length, checksum left 0 for the
 *                 kernel, which always fills them in (raw(7)).
 *  LAYOUT_DARWIN  total length and flags/fragment offset in host order,
 *                 as macOS (and NetBSD, DragonFly) raw sockets want them
 *                 and deliver them; on delivery the total length also
 *                 leaves out the header (xnu ip(4); FreeBSD ip(4) BUGS).
 *  LAYOUT_WIRE    every field in network order: the bytes on the wire,
 *                 as in a capture file; what FreeBSD 11+ and OpenBSD want.
 */
enum layout { LAYOUT_LINUX, LAYOUT_DARWIN, LAYOUT_WIRE };

/* The layout of the kernel this program was built for. */
#if defined(__linux__)
#define LAYOUT_NATIVE LAYOUT_LINUX
#elif defined(__APPLE__) || defined(__NetBSD__) || defined(__DragonFly__)
#define LAYOUT_NATIVE LAYOUT_DARWIN
#else
#define LAYOUT_NATIVE LAYOUT_WIRE
#endif

struct ip_fields {
	unsigned version;	/* 4 */
	unsigned hlen;		/* header length in bytes: IHL * 4 */
	uint8_t tos;
	uint16_t len;		/* total length, header included */
	uint16_t id;
	uint16_t off;		/* flags and fragment offset, as one value */
	uint8_t ttl;
	uint8_t proto;
	uint16_t sum;
	uint8_t src[4];
	uint8_t dst[4];
};

/* "linux", "darwin" or "wire" to a layout; -1 for any other name. */
int layout_from_name(const char *name, enum layout *l);
const char *layout_name(enum layout l);

/*
 * Whether a raw socket of this layout delivers a total length that
 * leaves out the header (the macOS receive quirk).
 */
int layout_len_excludes_header(enum layout l);

/*
 * The article's echo request header for this layout: version 4, IHL 5,
 * TTL 64, protocol ICMP, destination 127.0.0.1; id and source 0 on Linux
 * (the kernel fills them), 11 and 127.0.0.1 elsewhere (the article's).
 */
void ip_defaults(struct ip_fields *f, enum layout l);

/*
 * Write the 20-byte header f into buf as layout l wants it.  f->len is
 * the real total length; the Linux layout writes 0 there and in the
 * checksum, the others write it and compute the checksum over the header
 * exactly as written.
 */
void ip_build(uint8_t buf[IPHDR_LEN], const struct ip_fields *f,
    enum layout l);

/*
 * Read the header at the start of buf[0..n) as layout l delivers it.
 * Checks, in order: 20 bytes present, version 4, IHL at least 5, the
 * whole header within n.  Returns 0, or -1 with *why naming the reason.
 * f->len is the value as stored (see layout_len_excludes_header).
 */
int ip_parse(const uint8_t *buf, size_t n, enum layout l,
    struct ip_fields *f, const char **why);

/*
 * Turn a datagram as received on a layout-l socket into wire format in
 * place: network byte order, total length counting the header.  Does
 * nothing to what ip_parse would reject.
 */
void ip_to_wire(uint8_t *buf, size_t n, enum layout l);

/*
 * Turn a datagram as handed to a layout-l kernel for sending into what
 * that kernel puts on the wire, in place: total length n (Linux fills it
 * in, the others refuse any other value), fragment offset in network
 * order, header checksum recomputed (every kernel fills it in).  Id and
 * source, filled in by kernels only when 0, stay as they are.
 */
void ip_sent_to_wire(uint8_t *buf, size_t n, enum layout l);

#endif
