/*
 * sender --ping: the pair made into a ping, as the link-layer post
 * suggests.  A second raw socket, of protocol ICMP, takes the replies
 * while the requests go out, as ping(8) reads between its sends; each
 * request carries its send time in its first 8 payload bytes, and a
 * reply is ours when its id and sequence number match.  ICMP errors
 * that quote one of our requests are ours too.
 */
#ifndef SENDER_PING_H
#define SENDER_PING_H

#include <stddef.h>
#include <stdint.h>

#include "args.h"
#include "packet.h"

/*
 * How a request goes out: print it, send it, keep a copy; 0 when sent,
 * -1 when a stop signal came first, RAWSOCK_FAILED when it cannot be
 * sent (why already said).  main.c's, so that a ping's requests are
 * printed and saved as every other packet of the sender is.
 */
typedef int ping_emit(const struct packet *pkt);

struct ping {
	int fd;				/* the replies' socket */
	int six;			/* ICMPv6 */
	int header;			/* replies come behind their IPv4
					 * header (a raw socket; a Mac's ping
					 * socket), else alone */
	int errqueue;			/* ICMP errors come apart, from the
					 * socket's error queue (Linux's ping
					 * socket) */
	int id;				/* the identifier our replies carry;
					 * -1 until known (a Linux ping
					 * socket's port, after a send) */
	const struct sender_opts *o;
	const struct packet *pkt;	/* the request (ping_run's) */
	long long start_ns, last_sent_ns;
	unsigned long long sent, received, dups, errors, corrupted;
	double min_ms, max_ms, sum_ms, sum2_ms;
	unsigned long long timed;	/* replies with a time */
	uint8_t seen[65536 / 8];	/* sequence numbers answered */
};

/* Open the replies' socket: before privilege is dropped.  -1 if it
 * cannot be opened (why said on stderr).  A ping socket's replies come
 * back to it: dgram_fd is that socket (--dgram), else -1. */
int ping_open(struct ping *p, const struct sender_opts *o,
    const char *self, int dgram_fd);

/*
 * The ping: the request pkt (settled with room for the send time,
 * packet.h) sent every -i seconds, -c times (0: until a stop signal),
 * its send time and sequence number written into it once each time,
 * just before emit takes it; replies and errors read and printed as
 * they come; then -W for the last ones, and ping(8)'s statistics.
 * Returns ping(8)'s exit status: 0 when a reply came, 1 when none did,
 * 2 when a request could not be sent.
 */
int ping_run(struct ping *p, struct packet *pkt, ping_emit *emit);

#endif
