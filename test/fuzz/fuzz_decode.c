/*
 * libFuzzer harness for the IPv4 printers: the first byte picks the
 * layout and whether the bytes are the whole datagram, the rest is a
 * datagram as a raw socket might deliver it.  Everything the receiver
 * does with a datagram runs on it: hex, the decoded view, and the
 * conversion to wire format for a capture file.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dissect/dissect.h"
#include "hex.h"
#include "iphdr.h"
#include "out.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t copy[IP_MAXLEN];
	struct frame f;

	if (size < 1 || size - 1 > IP_MAXLEN)
		return 0;
	out_discard();
	memset(&f, 0, sizeof(f));
	f.linktype = LINKTYPE_IPV4;
	f.layout = (enum layout)(data[0] % LAYOUT_COUNT);
	/* libFuzzer's buffer is exactly size bytes: ASan sees any read
	 * past its end. */
	f.data = data + 1;
	f.caplen = size - 1;
	f.origlen = data[0] >> 7 ? (uint32_t)f.caplen : 0;
	hex_print(f.data, f.caplen, HEX_UPPER);
	dissect_frame(&f);
	memcpy(copy, f.data, f.caplen);
	ip_to_wire(copy, f.caplen, f.layout);
	ip_sent_to_wire(copy, f.caplen, f.layout);
	return 0;
}
