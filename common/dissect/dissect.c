/*
 * The way into the printers: the link type chooses the first.
 * (For now: the link headers the file reader used to strip, then the
 * IPv4 decoder.)
 */
#include "bytes.h"
#include "decode.h"
#include "dissect.h"

void
dissect_frame(const struct frame *f)
{
	const uint8_t *b = f->data;
	size_t n = f->caplen, off = 0;
	uint16_t type = 0x0800;

	switch (f->linktype) {
	case LINKTYPE_EN10MB:
		if (n < 14)
			return;
		type = get16(b + 12);
		off = 14;
		if (type == 0x8100 && n >= 18) {
			type = get16(b + 16);
			off = 18;
		}
		break;
	case LINKTYPE_LINUX_SLL:
		if (n < 16)
			return;
		type = get16(b + 14);
		off = 16;
		break;
	case LINKTYPE_RAW:
	case LINKTYPE_IPV4:
		break;
	default:
		return;
	}
	if (type != 0x0800 || off >= n)
		return;
	decode_print(b + off, n - off, f->layout, frame_whole(f));
}
