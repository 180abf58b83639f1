/*
 * decode.h's datagram made a frame for the printers.
 */
#include "decode.h"
#include "dissect/dissect.h"

void
decode_print(const uint8_t *b, size_t n, enum layout l, int whole)
{
	struct frame f = {
		.linktype = LINKTYPE_IPV4,
		.data = b,
		.caplen = n,
		.origlen = whole && n <= UINT32_MAX ? (uint32_t)n : 0,
		.layout = l,
	};

	dissect_frame(&f);
}
