/*
 * sender --ping: the pair made into a ping, as the link-layer post
 * suggests.  A second raw socket, of protocol ICMP, takes the replies;
 * each request carries its send time in its first 8 payload bytes, and
 * a reply is ours when its id and sequence number match.
 */
#ifndef SENDER_PING_H
#define SENDER_PING_H

#include <stddef.h>
#include <stdint.h>

#include "args.h"

enum { PING_STAMP = 8 };	/* payload bytes the send time takes */

struct ping {
	int fd;				/* the replies' socket */
	const struct sender_opts *o;
	long long start_ns, last_sent_ns;
	unsigned long long sent, received, dups;
	double min_ms, max_ms, sum_ms, sum2_ms;
	unsigned long long timed;	/* replies with a time */
	uint8_t seen[65536 / 8];	/* sequence numbers answered */
};

/* Open the replies' socket: before privilege is dropped. */
void ping_open(struct ping *p, const struct sender_opts *o,
    const char *self);

/* The line that starts a ping, for a request of len bytes. */
void ping_start(const struct ping *p, size_t len);

/* Write the send time into a built request of len bytes, sequence seq,
 * and checksum it again; call just before it goes. */
void ping_stamp(struct ping *p, uint8_t *pkt, size_t len, uint16_t seq);

/* Take replies, printing each, until the monotonic time until_ns; -1
 * when a stop signal came. */
int ping_replies(struct ping *p, long long until_ns);

/* Wait for the last replies (-W), print ping's statistics on standard
 * output, and return ping's exit status: 0 if any reply came, else 1. */
int ping_finish(struct ping *p);

#endif
