/*
 * Raw IPv4 sockets: opening them, and the errors a reader will hit, each
 * explained in one line.
 */
#ifndef RAWSOCK_H
#define RAWSOCK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "iphdr.h"

/*
 * socket(AF_INET, SOCK_RAW, proto).  With hdrincl set, ask for
 * IP_HDRINCL as well where the kernel does not imply it.  On failure,
 * print why (self, argv[0], goes in the hint) and exit 1.
 */
int rawsock_open(int proto, int hdrincl, const char *self);

/* O_NONBLOCK on, once: send and receive then wait in sig_wait_fd. */
void rawsock_set_nonblocking(int fd);

/*
 * On a raw ICMP socket, have the kernel drop every type but the echo
 * reply before delivery (Linux's ICMP_FILTER, raw(7)): 0, or -1 where
 * there is no such filter.  Linux hands a raw ICMP socket every ICMP
 * datagram, requests included; other kernels answer requests themselves
 * and never deliver them.  Exits 1 if the filter is refused.
 */
int rawsock_only_echo_replies(int fd);

/* Linux: IP_RECVERR, so that a datagram the interface queue dropped is
 * an ENOBUFS from sendto, not counted as sent. */
void rawsock_report_drops(int fd);

/*
 * Send len bytes to the IPv4 address dst on a non-blocking socket,
 * waiting for room when its buffer is full and, on ENOBUFS, waiting and
 * trying again (bounded), counting those tries in *retries.  Returns 0,
 * or -1 when a stop signal came first; on failure prints why, exits 1.
 */
int rawsock_send(int fd, const uint8_t *buf, size_t len,
    const uint8_t dst[4], unsigned long long *retries);

/* Datagrams taken from the kernel in one call, where it can. */
enum { RAWSOCK_BATCH = 64 };

/*
 * Receive up to max (at most RAWSOCK_BATCH) datagrams from a
 * non-blocking socket, the i-th into bufs[i] with its length in lens[i],
 * in one system call where the system has recvmmsg (Linux, FreeBSD,
 * NetBSD); returns how many.  -1 when a stop signal came (sig.h), or
 * when timeout_ms (-1: none) passed with nothing (then *timed_out is
 * set).  Only when nothing is queued does it flush stdout and wait:
 * what was printed shows while the program sits idle, yet a burst is
 * written in large blocks.
 */
int rawsock_recv(int fd, uint8_t (*bufs)[IP_MAXLEN], size_t *lens, int max,
    int timeout_ms, int *timed_out);

/*
 * The kernel's count of datagrams this socket has dropped for want of
 * buffer space, since it was opened: 0 with *drops set, or -1 where the
 * system does not tell (Linux's SO_MEMINFO is the only source known).
 */
int rawsock_drops(int fd, unsigned long long *drops);

#endif
