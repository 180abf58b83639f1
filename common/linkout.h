/*
 * Frames out on one interface, link header and all, and ARP replies in:
 * what sender --link needs below the IP layer.  One mechanism a system,
 * each whole in one file (the Makefile compiles every file under
 * common/):
 *
 *   linkout_linux.c  a packet socket (packet(7): AF_PACKET, SOCK_RAW),
 *                    written with sendto(2) to the interface's index
 *   linkout_bpf.c    /dev/bpf (bpf(4)) on macOS and the BSDs, written
 *                    with write(2) after BIOCSHDRCMPLT, so that the
 *                    link header goes out as written
 *   linkout_other.c  stubs: no way to send a frame is known
 *
 * Nothing here prints: a call the system refuses comes back as a code,
 * errno and the call's name; the sender says why (cmd/sender/link.c).
 */
#ifndef LINKOUT_H
#define LINKOUT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "dissect/nd.h"

/* The one choice of mechanism, made here. */
#if defined(__linux__)
#define LINKOUT_SYS_PACKET 1
#elif defined(__APPLE__) || defined(__FreeBSD__) || defined(__NetBSD__) || \
    defined(__OpenBSD__) || defined(__DragonFly__)
#define LINKOUT_SYS_BPF 1
#else
#define LINKOUT_SYS_NONE 1
#endif

/* A call below refused: errno says why, and what names the call. */
enum { LINKOUT_FAILED = -2 };

/* What linkout_open is to open besides learning the interface. */
enum {
	LINKOUT_SEND = 1 << 0,	/* the way frames go out */
	LINKOUT_ARP = 1 << 1	/* and ARP replies come in (where the
				 * interface has ARP at all) */
};

enum { LINKOUT_NAME_MAX = 64 };

struct linkout {
	char name[LINKOUT_NAME_MAX];
	unsigned index;		/* the interface's number */
	uint32_t linktype;	/* LINKTYPE_*: how its frames begin */
	unsigned mtu;		/* bytes of datagram a frame may carry; 0:
				 * not known */
	int up;			/* IFF_UP */
	int loopback;		/* IFF_LOOPBACK */
	int arp;		/* addresses on it are found by ARP: an
				 * Ethernet without IFF_NOARP, not a
				 * loopback (Linux's arp_constructor) */
	/*
	 * A datagram that comes in on it from one of this host's own
	 * addresses is dropped before any protocol sees it: Linux's lo
	 * (the input route check, unless accept_local is set, and for
	 * 127/8 route_localnet).
	 */
	int local_source_dropped;
	uint8_t mac[ND_MAC_LEN];	/* its address (zero on Linux's lo) */
	int have_addr;
	uint8_t addr[ND_IPV4_LEN];	/* its (first) IPv4 address */
	const char *send_call;	/* "sendto" or "write": for messages */
	/* The mechanism's own: */
	int fd;			/* frames go out here, -1 until opened */
	int arp_fd;		/* ARP frames come in here, or -1 */
	int arp_open;		/* ARP frames are being taken in */
	uint8_t *rbuf;		/* bpf: the read buffer, blen bytes, */
	size_t blen, rlen, roff;	/* rlen of them read, roff taken */
};

/*
 * Learn the interface name (its index, link type, MTU, flags, MAC and
 * IPv4 address: no privilege needed), then open what flags ask for
 * (privilege needed: before it is dropped).  Returns 0; -1 when there
 * is no such interface (errno ENXIO); LINKOUT_FAILED when a call
 * failed, *what naming it (errno EAFNOSUPPORT with what "link type"
 * for an interface whose frames are neither Ethernet nor loopback).
 */
int linkout_open(struct linkout *l, const char *name, unsigned flags,
    const char **what);

/* Bytes of link header a frame on l begins with: 14 for Ethernet
 * (Linux's lo too), 4 for a BSD loopback's family word. */
size_t linkout_header_len(const struct linkout *l);

/*
 * Write l's link header for a frame carrying EtherType type (IPv4's or
 * ARP's) to dst into buf (linkout_header_len bytes): Ethernet's from
 * l's MAC; on a BSD loopback, the address family word instead, in host
 * order for DLT_NULL and network order for OpenBSD's DLT_LOOP (their
 * if_loop.c and bpf.c; REFERENCE-LAYERS.md).
 */
void linkout_header(const struct linkout *l, const uint8_t dst[ND_MAC_LEN],
    uint16_t type, uint8_t *buf);

/* linkout_send tries a full queue (ENOBUFS) again this many times. */
enum { LINKOUT_ENOBUFS_TRIES = 107 };

/*
 * Send the frame[0..len) on l as written (opened with LINKOUT_SEND),
 * waiting for room when the send buffer is full and, on ENOBUFS,
 * waiting and trying again, counted in *retries.  Returns 0; -1 when a
 * stop signal came first; LINKOUT_FAILED with errno set (a frame sent
 * in part: EIO).
 */
int linkout_send(struct linkout *l, const uint8_t *frame, size_t len,
    unsigned long long *retries);

/*
 * The next ARP frame from the interface (opened with LINKOUT_ARP, on an
 * interface with ARP), waiting until the monotonic clock (clock.h)
 * reads deadline_ns: 1 with its bytes in buf and how many in *n (a
 * frame longer than max cut to max); 0 when the time is up; -1 on a
 * stop signal;
 * LINKOUT_FAILED with errno set.
 */
int linkout_arp_recv(struct linkout *l, uint8_t *buf, size_t max,
    size_t *n, long long deadline_ns);

/* Take no more ARP frames in (they would fill a buffer unread). */
void linkout_arp_done(struct linkout *l);

/* Close what linkout_open opened. */
void linkout_close(struct linkout *l);

/*
 * The mechanism's part, one file a system: the interface's facts and
 * what flags ask for opened (linkout_open's contract; l->fd and
 * l->arp_fd are -1 on entry); one frame written (the system call's
 * answer); one queued ARP frame, not waiting (1, its length in *n; 0
 * when none is queued; -1 with errno); ARP taken in no more.
 */
int linkout_sys_open(struct linkout *l, const char *name, unsigned flags,
    const char **what);
ssize_t linkout_sys_send(struct linkout *l, const uint8_t *frame,
    size_t len);
int linkout_sys_arp_next(struct linkout *l, uint8_t *buf, size_t max,
    size_t *n);
void linkout_sys_arp_done(struct linkout *l);

#endif
