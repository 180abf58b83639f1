/*
 * Hex dumps as other tools print them, read back into the bytes they
 * show: tcpdump -x, -xx, -X and -XX; tshark -x; xxd; od -Ax -tx1; and
 * hexdump -C.  Each line has an offset, then the bytes in hex, perhaps
 * then the same bytes as text.  Lines are gathered into one datagram
 * while each offset follows on from the bytes before it; a line that
 * looks like a dump but does not add up is refused with the reason,
 * never read as other bytes.
 */
#ifndef HEXTEXT_H
#define HEXTEXT_H

#include <stddef.h>
#include <stdint.h>

enum {
	DUMP_LINE_MAX = 2048,	/* characters: longer lines are no dump's */
	DUMP_LINE_BYTES = 512,	/* bytes one dump line may show */
	DUMP_TITLE_MAX = 48,
	DUMP_WHY_MAX = 200
};

/* The layouts, told apart by what follows the offset. */
enum dump_tool {
	TOOL_TCPDUMP,	/* "\t0x0010:  4500 001c ...": tcpdump -x, -X */
	TOOL_XXD,	/* "00000010: 4500 001c ...": xxd */
	TOOL_TSHARK,	/* "0010  45 00 ...": tshark -x, hexdump -C */
	TOOL_OD		/* "000010 45 00 ...": od -Ax -tx1 */
};

/* Where a dump stands between lines. */
struct dump {
	int open;		/* a datagram's lines are being gathered */
	enum dump_tool tool;
	unsigned long long len;	/* its bytes so far: the next offset due */
	size_t last;		/* bytes on its last line, which '*' repeats */
	int star;		/* a '*' line came: repeats of the last line */
	unsigned long first_line, last_line;
	/* tshark's heading for the next datagram: "Frame (36 bytes):" */
	int titled;
	int foreign;		/* not "Frame": bytes tshark put together */
	unsigned long title_bytes;
	char title[DUMP_TITLE_MAX];
	char why[DUMP_WHY_MAX];	/* the reason for DUMP_BAD */
};

enum dump_step {
	DUMP_NOT,	/* no dump here: a hex line or other text */
	DUMP_MORE,	/* taken: go on with the next line */
	DUMP_DONE,	/* the datagram in buf is whole (d->len bytes) */
	DUMP_DONE_KEEP,	/* the same, but this line begins what follows */
	DUMP_BAD	/* refused: d->why says why */
};

/*
 * One line s[0..len) (no newline; whole is 0 when it went on past
 * DUMP_LINE_MAX), line number lineno.  Bytes gather in buf; those past
 * cap are counted only.
 */
enum dump_step dump_line(struct dump *d, const char *s, size_t len,
    int whole, unsigned long lineno, uint8_t *buf, size_t cap);

/* The input has ended: DUMP_DONE if a datagram was open, else DUMP_NOT. */
enum dump_step dump_end(struct dump *d);

#endif
