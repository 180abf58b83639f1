/*
 * Datagrams from a file instead of a socket: a pcap capture, or text
 * told apart from it by the first four bytes: one datagram a line in
 * hex, or other tools' hex dumps (hextext.h).
 */
#ifndef INPUT_H
#define INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "hextext.h"
#include "pcap.h"
#include "reader.h"

/* Kinds of record or line passed over with a warning. */
enum skip_kind { SKIP_NOT_IPV4, SKIP_SHORT_LINK, SKIP_EMPTY, SKIP_TOO_LONG,
		 SKIP_NOT_FRAME, SKIP_KINDS };

struct input {
	int fd;			/* -1 when reading from memory */
	const char *path;
	int is_pcap;
	struct reader rd;
	struct pcap_in pcap;
	uint8_t head[4];	/* bytes read to tell the format apart */
	size_t nhead, ihead;
	unsigned long line;	/* text: lines read so far */
	char text[DUMP_LINE_MAX]; /* text: the line, or its first part */
	size_t ntext;
	int whole;		/* it ended within text[] */
	int held;		/* it begins what follows: look again */
	struct dump dump;	/* text: another tool's hex dump */
	unsigned long found;	/* datagrams returned so far */
	unsigned long ignored;	/* text: lines that were not hex */
	unsigned long skipped[SKIP_KINDS]; /* warned of, by kind */
	int have_stamp;		/* the last datagram came with a stamp */
	struct pcap_stamp stamp; /* its pcap time stamp and length */
};

/* Open path ("-": standard input).  On failure print why, return -1. */
int input_open(struct input *in, const char *path);

/* The same for bytes in memory; name is used in messages. */
int input_open_mem(struct input *in, const uint8_t *data, size_t n,
    const char *name);

/*
 * The next IPv4 datagram, at most IP_MAXLEN bytes, into buf (room for
 * PCAP_MAXREC bytes: it is also the scratch space for a pcap record).
 * Returns 1 with *n set, 0 at the end (or when a stop signal came), -1
 * when the file is damaged or holds no datagram at all (the reason
 * already printed on stderr).  Records or lines that cannot hold a
 * datagram are skipped with a warning on stderr, the first few of each
 * kind; input_close counts the rest.
 */
int input_next(struct input *in, uint8_t *buf, size_t *n);

void input_close(struct input *in);

#endif
