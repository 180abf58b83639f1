/*
 * The IPv6 header (RFC 8200 3): 40 bytes, every field in network order
 * on every system (no layout: an IPv6 raw socket never hands its
 * header over, and where a program may write one, Linux's
 * IPV6_HDRINCL, it goes as written).
 */
#ifndef IP6HDR_H
#define IP6HDR_H

#include <stddef.h>
#include <stdint.h>

enum {
	IP6HDR_LEN = 40,
	IP6_NEXT_ICMPV6 = 58,	/* IANA protocol numbers */
	IP6_HOPLIMIT = 64	/* the sender's default, as IPv4's TTL */
};

/* Byte offsets (RFC 8200 3). */
enum { IP6H_PLEN = 4, IP6H_NEXT = 6, IP6H_HLIM = 7, IP6H_SRC = 8,
       IP6H_DST = 24 };

struct ip6_fields {
	uint8_t tclass;		/* traffic class */
	uint32_t flow;		/* flow label, 20 bits */
	uint16_t plen;		/* payload length: what follows the header */
	uint8_t next;		/* next header */
	uint8_t hlim;		/* hop limit */
	uint8_t src[16], dst[16];
};

/* The 40 bytes f makes. */
void ip6_build(uint8_t buf[IP6HDR_LEN], const struct ip6_fields *f);

#endif
