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

const char *
icmp_type_name(unsigned type)
{
	switch (type) {
	case ICMP_TYPE_ECHOREPLY:	return "echo reply";
	case ICMP_TYPE_UNREACH:		return "destination unreachable";
	case ICMP_TYPE_SOURCEQUENCH:	return "source quench";
	case ICMP_TYPE_REDIRECT:	return "redirect";
	case ICMP_TYPE_ECHO:		return "echo request";
	case 9:				return "router advertisement";
	case 10:			return "router solicitation";
	case ICMP_TYPE_TIMXCEED:	return "time exceeded";
	case ICMP_TYPE_PARAMPROB:	return "parameter problem";
	case 13:			return "timestamp request";
	case 14:			return "timestamp reply";
	case 15:			return "information request";
	case 16:			return "information reply";
	case 17:			return "address mask request";
	case 18:			return "address mask reply";
	default:			return NULL;
	}
}

int
icmp_is_error(unsigned type)
{
	return type == ICMP_TYPE_UNREACH || type == ICMP_TYPE_SOURCEQUENCH ||
	    type == ICMP_TYPE_REDIRECT || type == ICMP_TYPE_TIMXCEED ||
	    type == ICMP_TYPE_PARAMPROB;
}
