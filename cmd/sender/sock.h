/*
 * The sender's raw sockets: opened, written to, and every failure said
 * in a line that leads somewhere.
 */
#ifndef SENDER_SOCK_H
#define SENDER_SOCK_H

#include <stddef.h>
#include <stdint.h>

#include "rawsock.h"

/*
 * A raw socket of protocol proto (IP_HDRINCL asked for too with
 * hdrincl, where the kernel needs it), non-blocking.  On failure, say
 * why on stderr (self, argv[0], goes in the hint) and return -1: the
 * caller chooses the exit status (ping's is not the others').
 */
int sock_open(int proto, int hdrincl, const char *self);

/* Have a full interface queue said as ENOBUFS where the kernel would
 * count the datagram as sent (rawsock_report_drops); warn if refused. */
void sock_report_drops(int fd);

/*
 * Send len bytes to dst (rawsock_send).  Returns 0; -1 when a stop
 * signal came first; RAWSOCK_FAILED when it could not be sent, having
 * said why on stderr, after what standard output holds, so that the
 * bytes printed show before the reason.
 */
int sock_send(int fd, const uint8_t *buf, size_t len, const uint8_t dst[4],
    unsigned long long *retries);

#endif
