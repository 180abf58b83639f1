/*
 * libFuzzer harness for the printers from the link layer down: the
 * first byte picks the link type (its low four bits, among those
 * dissect.c reads and one it does not), the layout of an IPv4 header
 * (the next two) and whether the bytes are the whole frame (the high
 * bit); the rest is the frame, as captured.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dissect/dissect.h"
#include "out.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t linktypes[] = {
		LINKTYPE_NULL, LINKTYPE_EN10MB, LINKTYPE_RAW, LINKTYPE_LOOP,
		LINKTYPE_LINUX_SLL, LINKTYPE_IPV4, LINKTYPE_IPV6,
		LINKTYPE_LINUX_SLL2,
		147	/* LINKTYPE_USER0: none of the printers' */
	};
	struct frame f;

	if (size < 1)
		return 0;
	out_discard();
	memset(&f, 0, sizeof(f));
	f.linktype = linktypes[(data[0] & 0x0f) %
	    (sizeof(linktypes) / sizeof(linktypes[0]))];
	f.layout = (enum layout)((data[0] >> 4 & 3) % LAYOUT_COUNT);
	/* libFuzzer's buffer is exactly size bytes: ASan sees any read
	 * past its end. */
	f.data = data + 1;
	f.caplen = size - 1;
	f.origlen = data[0] >> 7 ? (uint32_t)f.caplen : (uint32_t)f.caplen + 1;
	dissect_frame(&f);
	return 0;
}
