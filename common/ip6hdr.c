/*
 * The IPv6 header of ip6hdr.h: version 6, then traffic class and flow
 * label packed into the first four bytes (RFC 8200 3).
 */
#include <string.h>

#include "bytes.h"
#include "ip6hdr.h"

void
ip6_build(uint8_t buf[IP6HDR_LEN], const struct ip6_fields *f)
{
	put32(buf, (uint32_t)6 << 28 | (uint32_t)f->tclass << 20 |
	    (f->flow & 0xfffffu));
	put16(buf + IP6H_PLEN, f->plen);
	buf[IP6H_NEXT] = f->next;
	buf[IP6H_HLIM] = f->hlim;
	memcpy(buf + IP6H_SRC, f->src, 16);
	memcpy(buf + IP6H_DST, f->dst, 16);
}
