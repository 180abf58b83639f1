/*
 * The sender's raw sockets: opened, written to, and every failure said
 * in a line that leads somewhere.
 */
#ifndef SENDER_SOCK_H
#define SENDER_SOCK_H

#include <stddef.h>
#include <stdint.h>

#include "args.h"
#include "rawsock.h"

/*
 * A raw socket of protocol proto (IP_HDRINCL asked for too with
 * hdrincl, where the kernel needs it), non-blocking.  On failure, say
 * why on stderr (self, argv[0], goes in the hint) and return -1: the
 * caller chooses the exit status (ping's is not the others').
 */
int sock_open(int proto, int hdrincl, const char *self);

/*
 * The socket the options ask for, non-blocking: the articles' raw
 * socket with IP_HDRINCL (or without, --no-hdrincl), an IPv6 raw
 * socket (-6; --hdrincl: IPPROTO_RAW, Linux's IPV6_HDRINCL), a ping
 * socket (--dgram), with -T's hop limit where the kernel writes the
 * header.  A ping (--ping) that cannot have a raw socket takes a ping
 * socket, says so on stderr and sets o->dgram.
 * -1 when none can be opened (why said, with the ways out).
 */
int sock_open_for(struct sender_opts *o, const char *self);

/* Have a full interface queue said as ENOBUFS where the kernel would
 * count the datagram as sent (rawsock_report_drops); warn if refused. */
void sock_report_drops(int fd);

/*
 * Send len bytes to dst (rawsock_sendto).  Returns 0; -1 when a stop
 * signal came first; RAWSOCK_FAILED when it could not be sent, having
 * said why on stderr, after what standard output holds, so that the
 * bytes printed show before the reason.
 */
int sock_send(int fd, const uint8_t *buf, size_t len,
    const struct ipaddr *dst, unsigned long long *retries);

#endif
