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

/* The IANA "ICMP Type Numbers" registry, as of 2026. */
const char *
icmp_type_name(unsigned type)
{
	static const char *const names[] = {
		[0] = "echo reply",
		[3] = "destination unreachable",
		[4] = "source quench (deprecated)",
		[5] = "redirect",
		[6] = "alternate host address (deprecated)",
		[8] = "echo request",
		[9] = "router advertisement",
		[10] = "router solicitation",
		[11] = "time exceeded",
		[12] = "parameter problem",
		[13] = "timestamp request",
		[14] = "timestamp reply",
		[15] = "information request (deprecated)",
		[16] = "information reply (deprecated)",
		[17] = "address mask request (deprecated)",
		[18] = "address mask reply (deprecated)",
		[19] = "reserved (for security)",
		[20] = "reserved (robustness experiment)",
		[21] = "reserved (robustness experiment)",
		[22] = "reserved (robustness experiment)",
		[23] = "reserved (robustness experiment)",
		[24] = "reserved (robustness experiment)",
		[25] = "reserved (robustness experiment)",
		[26] = "reserved (robustness experiment)",
		[27] = "reserved (robustness experiment)",
		[28] = "reserved (robustness experiment)",
		[29] = "reserved (robustness experiment)",
		[30] = "traceroute (deprecated)",
		[31] = "datagram conversion error (deprecated)",
		[32] = "mobile host redirect (deprecated)",
		[33] = "IPv6 where-are-you (deprecated)",
		[34] = "IPv6 I-am-here (deprecated)",
		[35] = "mobile registration request (deprecated)",
		[36] = "mobile registration reply (deprecated)",
		[37] = "domain name request (deprecated)",
		[38] = "domain name reply (deprecated)",
		[39] = "SKIP (deprecated)",
		[40] = "Photuris",
		[41] = "experimental mobility protocols (Seamoby)",
		[42] = "extended echo request",
		[43] = "extended echo reply",
		[253] = "RFC 3692-style experiment 1",
		[254] = "RFC 3692-style experiment 2",
		[255] = "reserved",
	};

	return type < sizeof(names) / sizeof(names[0]) ? names[type] : NULL;
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
