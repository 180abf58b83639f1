/*
 * Raw IPv4 sockets: opening them, and the errors a reader will hit, each
 * explained in one line.
 */
#ifndef RAWSOCK_H
#define RAWSOCK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "iphdr.h"

/*
 * socket(AF_INET, SOCK_RAW, proto).  With hdrincl set, ask for
 * IP_HDRINCL as well where the kernel does not imply it.  On failure,
 * say why on stderr (self, argv[0], goes in the hint) and return -1:
 * the caller chooses the exit status (ping's is not the others').
 */
int rawsock_open(int proto, int hdrincl, const char *self);

/* O_NONBLOCK on, once: send and receive then wait in sig_wait_fd. */
void rawsock_set_nonblocking(int fd);

/* The ICMP types (RFC 792) a ping listens for. */
enum {
	ICMP_PASS_ECHOREPLY = 1u << 0,
	ICMP_PASS_ERRORS = 1u << 3 | 1u << 4 | 1u << 5 | 1u << 11 | 1u << 12
};

/*
 * On a raw ICMP socket, have the kernel drop every type below 32 but
 * those whose bits are set in pass (bit n: type n) before delivery
 * (Linux's ICMP_FILTER, raw(7)): 0, or -1 where there is no such filter.
 * Linux hands a raw ICMP socket every ICMP datagram, requests included;
 * other kernels answer requests themselves and never deliver them.
 * Exits 1 if the filter is refused.
 */
int rawsock_icmp_pass(int fd, uint32_t pass);

/* Linux: IP_RECVERR, so that a datagram the interface queue dropped is
 * an ENOBUFS from sendto, not counted as sent. */
void rawsock_report_drops(int fd);

/*
 * Send len bytes to the IPv4 address dst on a non-blocking socket,
 * waiting for room when its buffer is full and, on ENOBUFS, waiting and
 * trying again (bounded), counting those tries in *retries.  Returns 0;
 * -1 when a stop signal came first; RAWSOCK_FAILED when it cannot be
 * sent, having said why on stderr.
 */
enum { RAWSOCK_FAILED = -2 };

int rawsock_send(int fd, const uint8_t *buf, size_t len,
    const uint8_t dst[4], unsigned long long *retries);

/* Datagrams taken from the kernel in one call, where it can. */
enum { RAWSOCK_BATCH = 64 };

/*
 * Have the kernel stamp each datagram with its arrival time (Linux's
 * SO_TIMESTAMPNS, SO_TIMESTAMP elsewhere: socket(7), getsockopt(2)).
 * Best effort: without it, the time of the read stands in.
 */
void rawsock_timestamps(int fd);

/*
 * Ask for a receive buffer of size bytes (the kernel may give less:
 * Linux caps it at net.core.rmem_max); what it gave, or 0 if unknown.
 */
int rawsock_rcvbuf(int fd, int size);

/* What one received datagram came with. */
struct rawsock_rx {
	size_t len;		/* its length */
	struct timespec when;	/* its arrival (CLOCK_REALTIME), as the
				 * kernel stamped it; 0 when it did not
				 * (rawsock_timestamps not asked for) */
};

/*
 * Receive up to max (at most RAWSOCK_BATCH) datagrams that are already
 * queued on a non-blocking socket, the i-th into bufs[i], its length and
 * arrival time in rx[i], in one system call where the system has
 * recvmmsg (Linux, FreeBSD, NetBSD).  Returns how many (0: none queued),
 * or -1 when the receive fails (errno set).
 */
int rawsock_recv_now(int fd, uint8_t (*bufs)[IP_MAXLEN],
    struct rawsock_rx *rx, int max);

/*
 * The kernel's count of datagrams this socket has dropped for want of
 * buffer space, since it was opened: 0 with *drops set, or -1 where the
 * system does not tell (Linux's SO_MEMINFO is the only source known).
 */
int rawsock_drops(int fd, unsigned long long *drops);

#endif
