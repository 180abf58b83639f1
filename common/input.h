/*
 * Datagrams from a file instead of a socket: a pcap capture or text with
 * one datagram a line in hex, told apart by the first four bytes.
 */
#ifndef INPUT_H
#define INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "pcap.h"

struct input {
	FILE *f;
	const char *path;
	int is_pcap;
	struct pcap_in pcap;
	uint8_t head[4];	/* bytes read to tell the format apart */
	size_t nhead, ihead;
	unsigned long line;	/* text: lines read so far */
	unsigned long found;	/* datagrams returned so far */
	unsigned long ignored;	/* text: lines that were not hex */
};

/* Open path ("-": standard input).  On failure print why, return -1. */
int input_open(struct input *in, const char *path);

/* The same for a stream already open; name is used in messages. */
int input_open_stream(struct input *in, FILE *f, const char *name);

/*
 * The next IPv4 datagram, at most IP_MAXLEN bytes, into buf (room for
 * PCAP_MAXREC bytes: it is also the scratch space for a pcap record).
 * Returns 1 with *n set, 0 at the end, -1 when the file is damaged or
 * holds no datagram at all (the reason already printed on stderr).
 * Records or lines that cannot hold a datagram are skipped with a
 * warning on stderr.
 */
int input_next(struct input *in, uint8_t *buf, size_t *n);

void input_close(struct input *in);

#endif
