/*
 * Classic libpcap capture files ("savefiles"): reading records, and the
 * sender's writer of raw IPv4 datagrams (a thin layer over capture.h).
 */
#ifndef PCAP_H
#define PCAP_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "capture.h"
#include "frame.h"
#include "reader.h"

enum {
	PCAP_FILEHDR_LEN = 24,
	PCAP_RECHDR_LEN = 16,
	PCAP_MAXREC = CAPTURE_MAXFRAME,	/* tcpdump's largest snaplen */
	PCAP_SNAPLEN = 65535	/* ours for raw IP: any IPv4 datagram */
};

/* When a record was captured, and how long the datagram really was. */
struct pcap_stamp {
	uint32_t sec, usec;
	uint32_t orig_len;	/* may exceed the bytes kept */
};

/* The stamp of a whole datagram of n bytes seen at t (CLOCK_REALTIME):
 * pcap's microseconds, the nanoseconds cut. */
void pcap_stamp_at(struct pcap_stamp *s, const struct timespec *t,
    size_t n);

/* A LINKTYPE_RAW capture being written (capture.h does the work). */
struct pcap_out {
	struct capture_out c;
};

/*
 * Create path as capture_create does, classic pcap, LINKTYPE_RAW,
 * microseconds.  Returns 0, or -1 when a stop signal came first; exits 1
 * on failure.
 */
int pcap_create(struct pcap_out *p, const char *path);

/*
 * Append one record holding the raw datagram b[0..n), of a datagram that
 * was orig_len bytes long, stamped with s (NULL: now and n bytes).
 * Exits 1 when a write fails, leaving the file truncated to its last
 * whole record.
 */
void pcap_put(struct pcap_out *p, const uint8_t *b, size_t n,
    const struct pcap_stamp *s);

/* Write what is gathered and close, as pcap_put reports failures. */
void pcap_close(struct pcap_out *p);

/* Whether these four bytes are a pcap magic number, in either order. */
int pcap_is_magic(const uint8_t p[4]);

struct pcap_in {
	struct reader *r;
	int big_endian;		/* the file's order, from its magic */
	int nsec;		/* time stamps in nanoseconds */
	uint32_t snaplen;
	uint32_t linktype;	/* the low 16 bits of the header's word */
	uint32_t fcs_len;	/* bytes of FCS ending each frame, or 0 */
	unsigned long record;	/* records read so far */
	/* the last record's */
	struct timespec when;
	uint32_t origlen;
};

/*
 * Start reading a capture whose 24-byte file header is hdr, the rest
 * coming from r.  Returns 0, or -1 with *why.
 */
int pcap_in_open(struct pcap_in *in, struct reader *r,
    const uint8_t hdr[PCAP_FILEHDR_LEN], const char **why);

/*
 * The next record's bytes into buf (at most cap), its stamp and original
 * length into in->when, in->origlen.  Returns 1 with *n set, 0 at the
 * end of the file (or on a stop signal), -1 with *why when the file is
 * damaged.
 */
int pcap_in_next(struct pcap_in *in, uint8_t *buf, size_t cap, size_t *n,
    const char **why);

#endif
