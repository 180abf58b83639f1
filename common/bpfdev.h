/*
 * /dev/bpf, the Berkeley Packet Filter's device on macOS, FreeBSD,
 * OpenBSD, NetBSD and DragonFly (bpf(4)): opened and bound to one
 * interface for receiver -i (source/link_bpf.c) and sender --link.
 * Every difference between the systems' <net/bpf.h> is in bpfdev.c;
 * nothing here needs that header.
 *
 * Declared everywhere, defined only where BPFDEV_SYSTEM is set: the
 * one place that says which systems have the device.
 */
#ifndef BPFDEV_H
#define BPFDEV_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct filter_insn;	/* source/filter.h */

#if defined(__APPLE__) || defined(__FreeBSD__) || defined(__OpenBSD__) || \
    defined(__NetBSD__) || defined(__DragonFly__)
#define BPFDEV_SYSTEM 1
#endif

/*
 * Open a bpf device and bind it to ifname: /dev/bpf, or where there
 * is no such cloning device, /dev/bpf0, bpf1, ... past the busy ones.
 * bufsize (0: the kernel's default) is set before the interface, as
 * it must be; each kernel cuts it to its limit.  Immediate mode: a
 * read returns as soon as a frame is in.  *blen: the buffer length
 * every read(2) must ask for.  *linktype: the interface's link type as
 * files number it (LINKTYPE_*: OpenBSD's live DLT_LOOP 12 becomes 108,
 * each system's DLT_RAW becomes 101).  Returns the descriptor, or -1
 * with *why naming the step that failed ("BIOCSETIF") and errno kept.
 */
int bpfdev_open(const char *ifname, unsigned bufsize, unsigned *blen,
    uint32_t *linktype, const char **why);

/* The kernel filter (BIOCSETF): 0, or -1 with errno set. */
int bpfdev_set_filter(int fd, const struct filter_insn *prog, size_t n);

/*
 * BIOCGSTATS: frames that reached the device (before the filter) and
 * frames dropped for want of buffer space, both since it was opened:
 * reading them does not clear them (Linux's PACKET_STATISTICS does).
 * 0, or -1 with errno set.
 */
int bpfdev_stats(int fd, unsigned long long *recv, unsigned long long *drop);

/* BIOCSHDRCMPLT 1: a frame written is sent with the link header as
 * written, the source address included.  0, or -1 with errno set. */
int bpfdev_header_complete(int fd);

/* One record of what a read(2) returned. */
struct bpfdev_record {
	const uint8_t *data;	/* the frame, link header first */
	uint32_t caplen;	/* bytes of it captured */
	uint32_t datalen;	/* its length on the wire */
	struct timespec when;	/* the kernel's stamp, to the microsecond */
};

/*
 * The record at buf[*off] of the len bytes a read returned, and *off
 * moved on to the next one.  1: *r is set; 0: no record left; -1: the
 * record's header does not fit or claims more bytes than were read.
 */
int bpfdev_next(const uint8_t *buf, size_t len, size_t *off,
    struct bpfdev_record *r);

#endif
