/*
 * Writing frames to a capture file: classic pcap, one link type a file,
 * or pcapng, any mix of them.  Whole records only ever reach the file:
 * a write cut short leaves it truncated to its last whole one.
 */
#ifndef CAPTURE_H
#define CAPTURE_H

#include <stddef.h>
#include <stdint.h>

#include "frame.h"

enum {
	CAPTURE_MAXFRAME = 262144,	/* tcpdump's largest snaplen */
	CAPTURE_OUTBUF = 2 * CAPTURE_MAXFRAME,	/* bytes a write(2) */
	CAPTURE_MAXIF = 32,	/* pcapng: distinct link types a file */
	CAPTURE_WHY_MAX = 256
};

enum capture_format { CAPTURE_PCAP, CAPTURE_PCAPNG };

struct capture_out {
	int fd;
	const char *path;
	enum capture_format fmt;
	uint32_t linktype;	/* classic pcap: the header's */
	int tsprec;		/* 6 or 9: the stamps' precision */
	uint32_t snaplen;	/* the longest record written */
	/* pcapng: the interfaces described so far, one a link type and
	 * precision */
	struct {
		uint32_t linktype;
		int tsprec;
	} ifs[CAPTURE_MAXIF];
	size_t nif;
	uint64_t good;		/* bytes of the file known whole */
	size_t used;		/* bytes gathered in buf */
	char why[CAPTURE_WHY_MAX];
	uint8_t buf[CAPTURE_OUTBUF];
};

/* A name ending in ".pcapng" (any case): pcapng; else classic pcap. */
enum capture_format capture_format_for(const char *path);

/*
 * Create path (mode 0644 before umask) for frames of this link type,
 * stamps of precision tsprec (6 or 9).  Classic pcap: its file header;
 * pcapng: a Section Header Block, the Interface Description Blocks
 * coming as frames need them, one for each link type and precision (a
 * frame's own nanoseconds are kept there even where tsprec is 6).  As
 * root, a symbolic link in its place is refused (O_NOFOLLOW).  A FIFO
 * with no reader yet is waited for.
 * Returns 0, or -1 when a stop signal came first; exits 1 on failure.
 */
int capture_create(struct capture_out *c, const char *path,
    enum capture_format fmt, uint32_t linktype, int tsprec);

/*
 * The same for a source whose frames may be longer than its link type
 * alone says: a raw IPv6 socket's, its rebuilt 40-byte header in front
 * of up to 65535 bytes.  maxframe: their largest length (0: as
 * capture_create).
 */
int capture_create_max(struct capture_out *c, const char *path,
    enum capture_format fmt, uint32_t linktype, int tsprec, size_t maxframe);

/*
 * Append f.  Returns 0, or -1 with *why when this file cannot hold it
 * (a classic pcap given a frame of another link type).  A frame with no
 * time is stamped now; origlen 0 is taken as caplen.  Exits 1 when a
 * write fails, leaving the file truncated to its last whole record.
 */
int capture_put(struct capture_out *c, const struct frame *f,
    const char **why);

/* Write what is gathered and close, as capture_put reports failures. */
void capture_close(struct capture_out *c);

#endif
