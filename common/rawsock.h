/*
 * Raw IPv4 sockets: opening them, and the errors a reader will hit, each
 * explained in one line.
 */
#ifndef RAWSOCK_H
#define RAWSOCK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * socket(AF_INET, SOCK_RAW, proto).  With hdrincl set, ask for
 * IP_HDRINCL as well where the kernel does not imply it.  On failure,
 * print why (self, argv[0], goes in the hint) and exit 1.
 */
int rawsock_open(int proto, int hdrincl, const char *self);

/* Send len bytes to the IPv4 address dst; on failure print why, exit 1. */
void rawsock_send(int fd, const uint8_t *buf, size_t len,
    const uint8_t dst[4]);

/*
 * Receive one datagram into buf and return its length; -1 when a signal
 * set sig_stop (sig.h), or when timeout_ms (-1: none) passed with
 * nothing (then *timed_out is set).  Before waiting, stdout is flushed:
 * what was printed shows while the program sits idle, yet a burst is
 * written in large blocks.  Where the kernel tells (Linux, with
 * SO_RXQ_OVFL on), *drops is set to the datagrams it has dropped so far.
 */
ssize_t rawsock_recv(int fd, uint8_t *buf, size_t cap, int timeout_ms,
    int *timed_out, uint32_t *drops);

#endif
