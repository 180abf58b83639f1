/*
 * libFuzzer harness for the datagram decoder: the first byte picks the
 * layout, the rest is a datagram as a raw socket might deliver it.
 * Everything the receiver does with a datagram runs on it: hex, the
 * decoded view, and the conversion to wire format for a pcap.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "decode.h"
#include "hex.h"
#include "iphdr.h"
#include "out.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t copy[IP_MAXLEN];
	enum layout l;
	int whole;

	if (size < 1 || size - 1 > IP_MAXLEN)
		return 0;
	out_discard();
	/* The first byte picks the layout and whether the bytes are the
	 * whole datagram. */
	l = (enum layout)(data[0] % LAYOUT_COUNT);
	whole = data[0] >> 7;
	data++;
	size--;
	/* libFuzzer's buffer is exactly size bytes: ASan sees any read
	 * past its end. */
	hex_print(data, size, HEX_UPPER);
	decode_print(data, size, l, whole);
	memcpy(copy, data, size);
	ip_to_wire(copy, size, l);
	ip_sent_to_wire(copy, size, l);
	return 0;
}
