/*
 * libFuzzer harness for the pcapng reader: the input is a pcapng file
 * (its first four bytes made a Section Header Block's type, so that
 * every input reaches the block parser), read as receiver -r reads it.
 * Every byte of every frame is touched, so that AddressSanitizer sees a
 * frame that claims more than was read.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Where the frames' bytes are added up: volatile, so kept. */
static volatile unsigned sum;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t shb[4] = { 0x0a, 0x0d, 0x0d, 0x0a };
	static uint8_t file[1 << 20];
	static struct input in;
	struct frame f;
	size_t i;

	if (size < 4 || size > sizeof(file))
		return 0;
	memcpy(file, shb, 4);
	memcpy(file + 4, data + 4, size - 4);
	if (input_open_mem(&in, file, size, "fuzz") != 0)
		return 0;
	(void)input_linktype(&in);
	(void)input_tsprec(&in);
	while (input_next(&in, &f) == 1) {
		for (i = 0; i < f.caplen; i++)
			sum += f.data[i];
		if (f.ifname != NULL)
			sum += (unsigned)strlen(f.ifname);
		if (f.when.tv_nsec < 0 || f.when.tv_nsec > 999999999 ||
		    f.caplen > PCAP_MAXREC)
			abort();
	}
	input_close(&in);
	return 0;
}
