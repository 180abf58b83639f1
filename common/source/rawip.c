/*
 * Frames from a raw IP socket: IPv4 datagrams, header first, read a
 * batch at a time (rawsock_recv_now: recvmmsg where there is one), each
 * with the kernel's arrival time where it gives one (SO_TIMESTAMPNS,
 * SO_TIMESTAMP; rawsock.h).
 *
 * This is the one source whose bytes follow a system's own rules: on a
 * Mac (and NetBSD) the kernel hands over total length and fragment
 * offset in host order (iphdr.h's layout table); every other source
 * yields wire format.
 *
 * A raw IPv6 socket hands over no IPv6 header, only what follows it
 * (RFC 3542 3: a whole packet, header and extension headers, is never
 * read or written through one).  Its
 * frames are IPv6 datagrams all the same, so that one decoder and one
 * capture format serve: the 40-byte header is rebuilt in front from
 * what the socket said beside the bytes (recvmsg's address, the
 * IPV6_HOPLIMIT and IPV6_PKTINFO control messages, RFC 3542 6), and
 * the frame says how many bytes were made up (frame.h's rebuilt).
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ip6hdr.h"
#include "rawsock.h"
#include "sig.h"
#include "source.h"

/*
 * Room for a batch of the largest IPv4 datagrams: total length is 16
 * bits.  A raw socket read cuts a longer datagram short without a word
 * (recv(2)), so each buffer takes any.  Only the pages a datagram lands
 * on are ever touched.
 */
struct rawip {
	struct source s;	/* first: a struct source * is one of these */
	int fd;
	enum layout layout;
	int timeout_ms;
	void (*before_wait)(void);
	int n, next;		/* datagrams in the batch, the next one */
	int six;		/* an IPv6 socket: headers to rebuild */
	uint8_t nexthdr;	/* its protocol, the rebuilt next header */
	struct rawsock_rx rx[RAWSOCK_BATCH];
	uint8_t batch[RAWSOCK_BATCH][IP_MAXLEN];
	/* An IPv6 frame: the rebuilt header, then up to 65535 bytes
	 * (the payload length's 16 bits) of what the socket read. */
	uint8_t six_frame[IP6HDR_LEN + IP_MAXLEN];
};

/*
 * Fill the batch: what is queued now, else wait for the socket, a stop
 * signal or the time-out.  Before a wait, the caller's before_wait
 * (the receiver writes out what it has printed).
 */
static enum source_rc
fill(struct rawip *r, int max)
{
	struct timespec limit, *lp = NULL;
	int n;

	if (r->timeout_ms >= 0) {
		limit.tv_sec = r->timeout_ms / 1000;
		limit.tv_nsec = (long)(r->timeout_ms % 1000) * 1000000L;
		lp = &limit;
	}
	for (;;) {
		if (sig_stop)
			return SOURCE_END;
		if ((n = rawsock_recv_now(r->fd, r->batch, r->rx, max,
		    r->six)) > 0) {
			r->n = n;
			r->next = 0;
			return SOURCE_FRAME;
		}
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			r->s.why = strerror(errno);
			return SOURCE_FAILED;
		}
		if (r->before_wait != NULL)
			r->before_wait();
		switch (sig_wait_fd(r->fd, POLLIN, lp)) {
		case -1:
			return SOURCE_END;
		case 0:
			return SOURCE_IDLE;
		}
	}
}

/*
 * The IPv6 header the datagram in msg had, as far as the socket told:
 * version 6; traffic class and flow label 0 (no control message gives
 * them); payload length, what was read (there are no extension headers
 * left: the kernel took them); the socket's protocol as next header;
 * the hop limit as it arrived (0 when not told); source and
 * destination from the address and IPV6_PKTINFO (:: when not told).
 */
static void
rebuild6(struct rawip *r, const struct rawsock_rx *rx, const uint8_t *msg,
    struct frame *f)
{
	struct ip6_fields h;

	memset(&h, 0, sizeof(h));
	h.plen = (uint16_t)rx->len;	/* at most IP_MAXLEN: the buffer */
	h.next = r->nexthdr;
	h.hlim = rx->hops >= 0 && rx->hops <= 255 ? (uint8_t)rx->hops : 0;
	if (rx->from.len == 16)
		memcpy(h.src, rx->from.b, 16);
	if (rx->to.len == 16)
		memcpy(h.dst, rx->to.b, 16);
	ip6_build(r->six_frame, &h);
	memcpy(r->six_frame + IP6HDR_LEN, msg, rx->len);
	f->data = r->six_frame;
	f->caplen = IP6HDR_LEN + rx->len;
	f->rebuilt = IP6HDR_LEN;
	f->ifindex = rx->ifindex;
}

static enum source_rc
rawip_next(struct source *s, struct frame *f)
{
	struct rawip *r = (struct rawip *)s;
	enum source_rc rc;
	int max = RAWSOCK_BATCH;

	if (r->next == r->n) {
		/* Never take from the kernel what will not be shown. */
		if (s->limit != 0 && s->limit - s->yielded < (unsigned)max)
			max = (int)(s->limit - s->yielded);
		r->n = r->next = 0;
		if ((rc = fill(r, max)) != SOURCE_FRAME)
			return rc;
	}
	*f = (struct frame){ 0 };
	f->linktype = LINKTYPE_RAW;
	f->data = r->batch[r->next];
	f->caplen = r->rx[r->next].len;
	f->layout = r->layout;
	if (r->six)
		rebuild6(r, &r->rx[r->next], r->batch[r->next], f);
	f->origlen = (uint32_t)f->caplen;	/* a socket read is whole */
	f->when = r->rx[r->next].when;
	if (f->when.tv_sec == 0 && f->when.tv_nsec == 0)	/* no stamp */
		(void)clock_gettime(CLOCK_REALTIME, &f->when);
	f->have_time = 1;
	f->tsprec = s->tsprec;
	r->next++;
	return SOURCE_FRAME;
}

static int
rawip_drops(struct source *s, unsigned long long *drops)
{
	return rawsock_drops(((struct rawip *)s)->fd, drops);
}

static void
rawip_close(struct source *s)
{
	struct rawip *r = (struct rawip *)s;

	(void)close(r->fd);
	free(r);
}

static const struct source_ops rawip_ops = {
	rawip_next, rawip_drops, rawip_close
};

struct source *
source_rawip(int fd, enum layout layout, int timeout_ms,
    unsigned long long limit, void (*before_wait)(void))
{
	struct rawip *r;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	r->s.ops = &rawip_ops;
	r->s.linktype = LINKTYPE_RAW;
	r->s.tsprec = 6;	/* written as tcpdump writes by default */
	r->s.limit = limit;
	r->s.live = 1;
	r->s.unit = "datagram";
	r->fd = fd;
	r->layout = layout;
	r->timeout_ms = timeout_ms;
	r->before_wait = before_wait;
	return &r->s;
}

struct source *
source_rawip6(int fd, int nexthdr, int timeout_ms, unsigned long long limit,
    void (*before_wait)(void))
{
	struct source *s;
	struct rawip *r;

	if ((s = source_rawip(fd, LAYOUT_WIRE, timeout_ms, limit,
	    before_wait)) == NULL)
		return NULL;
	r = (struct rawip *)s;
	r->six = 1;
	r->nexthdr = (uint8_t)nexthdr;
	return s;
}
