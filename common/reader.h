/*
 * A buffered reader over a file descriptor (or a block of memory) whose
 * every wait for more bytes also watches for a stop signal (sig.h): a
 * pipe that never delivers, or /dev/zero that never ends, still gives
 * way to Ctrl-C at once.  stdio's fread cannot promise that.
 */
#ifndef READER_H
#define READER_H

#include <stddef.h>
#include <stdint.h>

enum { READER_BUFSIZE = 65536 };

struct reader {
	int fd;			/* -1: reading from memory */
	const uint8_t *mem;	/* the bytes, when reading from memory */
	size_t memlen;
	uint8_t buf[READER_BUFSIZE];
	size_t pos, len;	/* unread bytes: buf[pos..len) */
	int eof;		/* no more bytes: end of file */
	int error;		/* a read failed: errno saved here */
	int stopped;		/* a stop signal came */
	uint64_t offset;	/* bytes handed out so far */
};

void reader_fd(struct reader *r, int fd);
void reader_mem(struct reader *r, const uint8_t *data, size_t n);

/* Up to n bytes into dst; fewer only at the end, on an error or a stop
 * (see r->eof, r->error, r->stopped). */
size_t reader_read(struct reader *r, uint8_t *dst, size_t n);

/* The next byte, or -1 at the end, on an error or a stop. */
int reader_getc(struct reader *r);

#endif
