/*
 * libFuzzer harness for the file reader: the input is a whole file, pcap
 * or hex text, read as receiver -r reads it, each datagram decoded.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "decode.h"
#include "input.h"
#include "out.h"
#include "pcap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t buf[PCAP_MAXREC];
	static struct input in;
	size_t n;

	if (size == 0)
		return 0;
	out_discard();
	if (input_open_mem(&in, data, size, "fuzz") == 0) {
		while (input_next(&in, buf, &n) == 1)
			decode_print(buf, n, LAYOUT_WIRE, in.have_stamp);
		input_close(&in);
	}
	return 0;
}
