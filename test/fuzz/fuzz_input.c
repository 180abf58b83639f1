/*
 * libFuzzer harness for the file reader: the input is a whole file, pcap
 * or hex text, read as receiver -r reads it, each frame dissected.
 */
#include <stddef.h>
#include <stdint.h>

#include "dissect/dissect.h"
#include "input.h"
#include "out.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct input in;
	struct frame f;

	if (size == 0)
		return 0;
	out_discard();
	if (input_open_mem(&in, data, size, "fuzz") == 0) {
		while (input_next(&in, &f) == 1)
			dissect_frame(&f);
		input_close(&in);
	}
	return 0;
}
