/*
 * ICMP echo request and type names (RFC 792; type numbers from the IANA
 * "ICMP Type Numbers" registry).
 */
#include <string.h>

#include "bytes.h"
#include "cksum.h"
#include "icmp.h"


void
icmp_echo_build(uint8_t *buf, uint16_t id, uint16_t seq,
    const uint8_t *payload, size_t plen)
{
	buf[ICMP_TYPE] = ICMP_TYPE_ECHO;
	buf[ICMP_CODE] = 0;
	put16(buf + ICMP_ID, id);
	if (plen > 0)
		memcpy(buf + ICMP_HDRLEN, payload, plen);
	icmp_set_seq(buf, ICMP_HDRLEN + plen, seq);
}

void
icmp_set_seq(uint8_t *buf, size_t len, uint16_t seq)
{
	put16(buf + ICMP_SEQ, seq);
	/* RFC 792: the checksum covers the whole message, computed with
	 * the checksum field zero. */
	put16(buf + ICMP_SUM, 0);
	put16(buf + ICMP_SUM, cksum(buf, len));
}

void
icmp_update_seq(uint8_t *buf, uint16_t seq)
{
	uint32_t sum;

	/*
	 * RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'), one's complement sums,
	 * with m the old sequence number and m' the new one: the cost of a
	 * packet no longer grows with its payload.  The message holds a
	 * non-zero type, so no sum here is zero and the result is the one
	 * a full sum gives (RFC 1624 4: both forms of zero arise only
	 * from all-zero data).
	 */
	sum = (uint16_t)~get16(buf + ICMP_SUM);
	sum += (uint16_t)~get16(buf + ICMP_SEQ);
	sum += seq;
	while (sum > 0xffff)
		sum = (sum & 0xffff) + (sum >> 16);
	put16(buf + ICMP_SEQ, seq);
	put16(buf + ICMP_SUM, (uint16_t)~sum);
}

enum icmp_rest
icmp_rest_kind(unsigned type)
{
	switch (type) {
	case 0: case 8:		/* echo (RFC 792) */
	case 13: case 14:	/* timestamp */
	case 15: case 16:	/* information */
	case 17: case 18:	/* address mask (RFC 950) */
		return ICMP_REST_ID_SEQ;
	case 9:
		return ICMP_REST_ROUTER_ADV;
	case 42: case 43:
		return ICMP_REST_EXT_ECHO;
	default:
		return ICMP_REST_OTHER;
	}
}

int
icmp_is_error(unsigned type)
{
	return type == ICMP_TYPE_UNREACH || type == ICMP_TYPE_SOURCEQUENCH ||
	    type == ICMP_TYPE_REDIRECT || type == ICMP_TYPE_TIMXCEED ||
	    type == ICMP_TYPE_PARAMPROB;
}
