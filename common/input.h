/*
 * Frames from a file instead of a socket: a pcap or pcapng capture, or
 * text told apart from them by the first four bytes: one frame a line
 * in hex, or other tools' hex dumps (hextext.h).
 */
#ifndef INPUT_H
#define INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "frame.h"
#include "hextext.h"
#include "pcap.h"
#include "pcapng.h"
#include "reader.h"

/* Kinds of record or line passed over with a warning. */
enum skip_kind { SKIP_EMPTY, SKIP_TOO_LONG, SKIP_NOT_FRAME, SKIP_FCS,
		 SKIP_LINKTYPE, SKIP_KINDS };

enum input_kind { INPUT_TEXT, INPUT_PCAP, INPUT_PCAPNG };

struct input {
	int fd;			/* -1 when reading from memory */
	const char *path;
	enum input_kind kind;
	struct reader rd;
	struct pcap_in pcap;
	struct pcapng_in ng;
	uint32_t linktype;	/* the first frame's, as the file says */
	int tsprec;		/* 6 or 9 */
	uint8_t head[4];	/* bytes read to tell the format apart */
	size_t nhead, ihead;
	unsigned long line;	/* text: lines read so far */
	char text[DUMP_LINE_MAX]; /* text: the line, or its first part */
	size_t ntext;
	int whole;		/* it ended within text[] */
	int held;		/* it begins what follows: look again */
	struct dump dump;	/* text: another tool's hex dump */
	unsigned long found;	/* frames returned so far */
	unsigned long ignored;	/* text: lines that were not hex */
	unsigned long skipped[SKIP_KINDS]; /* warned of, by kind */
	/* The frame handed out, at most PCAP_MAXREC bytes; pcapng's
	 * blocks are read whole into it. */
	uint8_t buf[PCAPNG_BLOCK_MAX];
};

/* Open path ("-": standard input).  On failure print why, return -1. */
int input_open(struct input *in, const char *path);

/* The same for bytes in memory; name is used in messages. */
int input_open_mem(struct input *in, const uint8_t *data, size_t n,
    const char *name);

/*
 * The next frame into *f, f->data pointing into in's buffer, good until
 * the next call.  Returns 1, 0 at the end (or when a stop signal came),
 * -1 when the file is damaged or holds no frame at all (the reason
 * already printed on stderr).  Records or lines that cannot be a frame
 * (empty, longer than the buffer) are skipped with a warning on stderr,
 * the first few of each kind; input_close counts the rest.
 *
 * Frames are as captured, link header and all; hex text gives
 * LINKTYPE_RAW frames with no time and no original length.  f->layout
 * is LAYOUT_WIRE: the caller knows better.
 */
int input_next(struct input *in, struct frame *f);

/* The link type of the file's frames (the first's, where they differ);
 * LINKTYPE_RAW for hex text. */
uint32_t input_linktype(const struct input *in);

/* 6 or 9: the digits after the second the file's stamps keep. */
int input_tsprec(const struct input *in);

void input_close(struct input *in);

#endif
