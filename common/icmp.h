/*
 * ICMP messages (RFC 792): the echo request we send, and names for the
 * types we may receive.
 */
#ifndef ICMP_H
#define ICMP_H

#include <stddef.h>
#include <stdint.h>

enum {
	ICMP_HDRLEN = 8,	/* type, code, checksum, id, sequence */
	ICMP_TYPE_ECHOREPLY = 0,
	ICMP_TYPE_UNREACH = 3,
	ICMP_TYPE_SOURCEQUENCH = 4,
	ICMP_TYPE_REDIRECT = 5,
	ICMP_TYPE_ECHO = 8,
	ICMP_TYPE_TIMXCEED = 11,
	ICMP_TYPE_PARAMPROB = 12
};

/* ICMPv6's (RFC 4443 2.1, 3, 4): the same header, other numbers. */
enum {
	ICMP6_TYPE_UNREACH = 1,
	ICMP6_TYPE_TOOBIG = 2,
	ICMP6_TYPE_TIMXCEED = 3,
	ICMP6_TYPE_PARAMPROB = 4,
	ICMP6_TYPE_ECHO = 128,
	ICMP6_TYPE_ECHOREPLY = 129
};

/* Offsets within the ICMP header. */
enum icmp_offset { ICMP_TYPE = 0, ICMP_CODE = 1, ICMP_SUM = 2, ICMP_ID = 4,
       ICMP_SEQ = 6 };

/*
 * Write an echo request (type 8, code 0) with this id, sequence and
 * payload into buf, which holds ICMP_HDRLEN + plen bytes, checksum
 * included.  The payload is copied; buf and payload must not overlap.
 */
void icmp_echo_build(uint8_t *buf, uint16_t id, uint16_t seq,
    const uint8_t *payload, size_t plen);

/* Change the sequence number of a built message and its checksum. */
void icmp_set_seq(uint8_t *buf, size_t len, uint16_t seq);

/* The same, the checksum updated from its old value (RFC 1624) instead
 * of summed again over the whole message: for a message whose type is
 * not zero, as an echo request's is. */
void icmp_update_seq(uint8_t *buf, uint16_t seq);

/* What bytes 4-7 of the header hold, by type. */
enum icmp_rest {
	ICMP_REST_OTHER,	/* unused, or the type's own */
	ICMP_REST_ID_SEQ,	/* identifier and sequence number */
	ICMP_REST_ROUTER_ADV,	/* address count, entry size, lifetime */
	ICMP_REST_EXT_ECHO	/* id, 8-bit sequence, flags (RFC 8335) */
};

enum icmp_rest icmp_rest_kind(unsigned type);

/* Whether the type's body quotes the offending datagram (RFC 792). */
int icmp_is_error(unsigned type);

#endif
