/*
 * The receiver's raw ICMP socket and the options set on it.
 */
#ifndef RECEIVER_SOCK_H
#define RECEIVER_SOCK_H

#include "args.h"

/*
 * socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), with a receive buffer large
 * enough to ride out a burst, non-blocking, and with
 * --only-replies the Linux ICMP_FILTER; with -6, socket(AF_INET6,
 * SOCK_RAW, IPPROTO_ICMPV6), its control messages asked for, and
 * ICMP6_FILTER.  Exits 1 with a reason on failure.
 */
int sock_open(const struct receiver_opts *o, const char *self);

/* The receive buffer the kernel granted, in bytes; 0 if unknown. */
int sock_rcvbuf(int fd);

#endif
