/*
 * The ping of ping.h.  What it prints follows iputils ping(8): a line a
 * reply ("16 bytes from 127.0.0.1: icmp_seq=0 ttl=64 time=0.045 ms",
 * "(DUP!)" for a repeat, "(BAD CHECKSUM!)" for a damaged one, which is
 * not counted), a line an ICMP error about one of our requests ("From
 * 127.0.0.1 icmp_seq=1 Destination Host Unreachable"), then "--- ...
 * ping statistics ---", the counts ("+N duplicates", "+N corrupted",
 * "+N errors" when there are some), the loss, and "time", from the
 * first request to the last as ping(8) reckons it; then rtt
 * min/avg/max/mdev, mdev being the standard deviation
 * sqrt(mean(t^2) - mean(t)^2).  Exit status as ping(8)'s: 0 when any
 * reply came, 1 when none did, 2 on an error.
 *
 * One loop, as ping(8)'s: send what is due, read what has come, then
 * wait on the socket until the next request is due.  Reading between
 * the sends keeps the socket's queue short however fast they go; -i 0
 * sends the next request as soon as the replies queued are read.
 */
#include <sys/types.h>
#include <netinet/in.h>

#include <errno.h>
#include <err.h>
#include <poll.h>
#include <string.h>
#include <time.h>

#include "bytes.h"
#include "cksum.h"
#include "clock.h"
#include "color.h"
#include "icmp.h"
#include "iphdr.h"
#include "out.h"
#include "parse.h"
#include "ping.h"
#include "rawsock.h"
#include "sig.h"
#include "sock.h"

/* 1 MiB of receive buffer, asked for: room for thousands of replies
 * should the reader fall behind (Linux caps it at rmem_max). */
enum { PING_RCVBUF = 1 << 20 };

static uint8_t bufs[RAWSOCK_BATCH][IP_MAXLEN];
static struct rawsock_rx rx[RAWSOCK_BATCH];

/* A square root by Newton's method: libc only, no libm. */
static double
root(double x)
{
	double r = x > 1 ? x : 1;
	int i;

	if (x <= 0)
		return 0;
	for (i = 0; i < 64; i++)
		r = (r + x / r) / 2;
	return r;
}

int
ping_open(struct ping *p, const struct sender_opts *o, const char *self)
{
	memset(p, 0, sizeof(*p));
	p->o = o;
	if ((p->fd = sock_open(IPPROTO_ICMP, 0, self)) == -1)
		return -1;
	(void)rawsock_rcvbuf(p->fd, PING_RCVBUF);
	/* On Linux our own requests would be delivered to it too: let
	 * through only what a ping reads, replies and errors. */
	if (rawsock_icmp_pass(p->fd, ICMP_PASS_ECHOREPLY | ICMP_PASS_ERRORS) ==
	    RAWSOCK_FAILED)
		err(1, "setsockopt ICMP_FILTER");
	return 0;
}

/* The name ping(8) gives an ICMP error (RFC 792, RFC 1812 5.2.7.1);
 * a redirect's and fragmentation-needed's figures follow it. */
static const char *
error_name(unsigned type, unsigned code)
{
	static const char *const unreach[16] = {
		"Destination Net Unreachable", "Destination Host Unreachable",
		"Destination Protocol Unreachable",
		"Destination Port Unreachable", "Frag needed and DF set",
		"Source Route Failed", "Destination Net Unknown",
		"Destination Host Unknown", "Source Host Isolated",
		"Destination Net Prohibited", "Destination Host Prohibited",
		"Destination Net Unreachable for Type of Service",
		"Destination Host Unreachable for Type of Service",
		"Packet filtered", "Precedence Violation", "Precedence Cutoff"
	};
	static const char *const redirect[4] = {
		"Redirect Network", "Redirect Host",
		"Redirect Type of Service and Network",
		"Redirect Type of Service and Host"
	};

	switch (type) {
	case 3:
		return code < 16 ? unreach[code] : "Dest Unreachable";
	case 4:
		return "Source Quench";
	case 5:
		return code < 4 ? redirect[code] : "Redirect";
	case 11:
		return code == 0 ? "Time to live exceeded" :
		    "Frag reassembly time exceeded";
	case 12:
		return "Parameter problem";
	}
	return "Bad ICMP type";
}

/*
 * Whether seq is a sequence number this run has sent: a reply or error
 * naming any other is not about us (a stray, or a forgery).
 */
static int
ours(const struct ping *p, unsigned seq)
{
	return p->sent >= 65536 ||
	    (unsigned long long)(uint16_t)(seq - p->o->seq) < p->sent;
}

/* An ICMP error (m, mlen bytes) that quotes one of our requests. */
static void
take_error(struct ping *p, const uint8_t *b, size_t n,
    const struct ip_fields *f, const uint8_t *m, size_t mlen)
{
	struct ip_fields q;
	const uint8_t *qm;
	const char *why;
	char from[16], gw[16];
	unsigned seq;

	if (ip_parse_quoted(m, mlen, LAYOUT_NATIVE, &q, &why) != 0 ||
	    q.proto != IPPROTO_ICMP ||
	    mlen < ICMP_HDRLEN + q.hlen + ICMP_HDRLEN)
		return;
	qm = m + ICMP_HDRLEN + q.hlen;
	seq = get16(qm + ICMP_SEQ);
	if (qm[ICMP_TYPE] != ICMP_TYPE_ECHO ||
	    get16(qm + ICMP_ID) != p->o->icmp_id || !ours(p, seq))
		return;
	p->errors++;
	if (p->o->quiet)
		return;
	color_hex_print(b, n, HEX_UPPER, LAYOUT_NATIVE);
	out_printf("From %s icmp_seq=%u %s", ipv4_text(f->src, from), seq,
	    error_name(m[ICMP_TYPE], m[ICMP_CODE]));
	if (m[ICMP_TYPE] == 3 && m[ICMP_CODE] == 4)	/* RFC 1191 */
		out_printf(" (mtu = %u)", get16(m + 6));
	else if (m[ICMP_TYPE] == 5)
		out_printf(" (New nexthop: %s)", ipv4_text(m + 4, gw));
	else if (m[ICMP_TYPE] == 12)
		out_printf(": pointer = %u", m[4]);
	out_str("\n");
}

/* The round-trip time of a reply m[0..mlen), from the send time it
 * echoes, in ms; -1 when that is not one this run could have written. */
static double
rtt_ms(const struct ping *p, const uint8_t *m, size_t mlen, long long now)
{
	long long t;

	if (packet_stamp_of(m, mlen, &t) != 0)
		return -1;
	return t >= p->start_ns && t <= now ? (double)(now - t) / 1e6 : -1;
}

static void
count_rtt(struct ping *p, double ms)
{
	if (p->timed == 0 || ms < p->min_ms)
		p->min_ms = ms;
	if (p->timed == 0 || ms > p->max_ms)
		p->max_ms = ms;
	p->sum_ms += ms;
	p->sum2_ms += ms * ms;
	p->timed++;
}

/* One datagram from the socket: a reply of ours, an error about one
 * of our requests, or someone else's. */
static void
take(struct ping *p, const uint8_t *b, size_t n, long long now)
{
	struct ip_fields f;
	const char *why, *note = "";
	const uint8_t *m;
	char from[16];
	size_t mlen;
	unsigned seq;
	double ms;

	if (ip_parse(b, n, LAYOUT_NATIVE, &f, &why) != 0 ||
	    n < f.hlen + ICMP_HDRLEN)
		return;
	m = b + f.hlen;
	mlen = n - f.hlen;
	if (m[ICMP_TYPE] != ICMP_TYPE_ECHOREPLY) {
		take_error(p, b, n, &f, m, mlen);
		return;
	}
	seq = get16(m + ICMP_SEQ);
	if (get16(m + ICMP_ID) != p->o->icmp_id || !ours(p, seq))
		return;		/* someone else's */
	ms = rtt_ms(p, m, mlen, now);
	if (cksum(m, mlen) != 0) {
		/* Damaged on the way: said, not counted (ping(8)). */
		p->corrupted++;
		note = " (BAD CHECKSUM!)";
	} else if ((p->seen[seq / 8] >> (seq % 8)) & 1) {
		p->dups++;
		note = " (DUP!)";
	} else {
		p->seen[seq / 8] |= (uint8_t)(1 << (seq % 8));
		p->received++;
		if (ms >= 0)
			count_rtt(p, ms);
	}
	if (p->o->quiet)
		return;
	color_hex_print(b, n, HEX_UPPER, LAYOUT_NATIVE);
	out_printf("%zu bytes from %s: icmp_seq=%u ttl=%u", mlen,
	    ipv4_text(f.src, from), seq, f.ttl);
	if (ms >= 0)
		out_printf(" time=%.3f ms", ms);
	out_printf("%s\n", note);
}

/* Every datagram queued now; -1 if the socket fails. */
static int
take_queued(struct ping *p)
{
	int i, k;

	for (;;) {
		if ((k = rawsock_recv_now(p->fd, bufs, rx, RAWSOCK_BATCH)) < 0)
			return errno == EINTR ? 0 : -1;
		for (i = 0; i < k; i++)
			take(p, bufs[i], rx[i].len, clock_ns());
		if (k < RAWSOCK_BATCH)
			return 0;
	}
}

/* Write the send time and sequence number into the request, once,
 * and note it as sent. */
static void
stamp(struct ping *p, struct packet *pkt, uint16_t seq)
{
	long long t = clock_ns();

	packet_stamp(pkt, seq, t);
	/* A number used again after a wrap starts unanswered (ping(8)). */
	p->seen[seq / 8] &= (uint8_t)~(1 << (seq % 8));
	p->last_sent_ns = t;
	p->sent++;
}

/* Wait until until_ns for the socket, with nanosecond precision; -1 on
 * a stop signal. */
static int
wait_until(const struct ping *p, long long until_ns)
{
	struct timespec left;
	long long ns = until_ns - clock_ns();

	if (ns <= 0)
		return 0;
	left.tv_sec = (time_t)(ns / 1000000000LL);
	left.tv_nsec = (long)(ns % 1000000000LL);
	out_flush();	/* what was printed shows while we wait */
	return sig_wait_fd(p->fd, POLLIN, &left) < 0 ? -1 : 0;
}

static void
statistics(const struct ping *p)
{
	const struct sender_opts *o = p->o;
	long long time_ms = p->sent == 0 ? 0 :
	    (p->last_sent_ns - p->start_ns + 500000) / 1000000;
	double avg, mdev;
	char dst[16];

	out_printf("\n--- %s ping statistics ---\n", o->dest_name != NULL ?
	    o->dest_name : ipv4_text(p->pkt->ip.dst, dst));
	out_printf("%llu packets transmitted, %llu received", p->sent,
	    p->received);
	if (p->dups > 0)
		out_printf(", +%llu duplicates", p->dups);
	if (p->corrupted > 0)
		out_printf(", +%llu corrupted", p->corrupted);
	if (p->errors > 0)
		out_printf(", +%llu errors", p->errors);
	out_printf(", %g%% packet loss, time %lldms\n", p->sent == 0 ? 0.0 :
	    100.0 * (double)(p->sent - p->received) / (double)p->sent,
	    time_ms);
	if (p->timed > 0) {
		avg = p->sum_ms / (double)p->timed;
		mdev = root(p->sum2_ms / (double)p->timed - avg * avg);
		out_printf("rtt min/avg/max/mdev = %.3f/%.3f/%.3f/%.3f ms\n",
		    p->min_ms, avg, p->max_ms, mdev);
	}
}

/* Whether the wait for the last replies is over: every request has a
 * reply or an error (ping(8) stops there), or -W has passed. */
static int
all_in(const struct ping *p, long long now)
{
	return p->received + p->errors >= p->sent ||
	    now >= p->last_sent_ns + (long long)(p->o->wait * 1e9);
}

int
ping_run(struct ping *p, struct packet *pkt, ping_emit *emit)
{
	const struct sender_opts *o = p->o;
	long long step = (long long)(o->interval * 1e9), next, now;
	char dst[16];
	int status = 0, rc;

	/* iputils' first line: the name, the address, payload bytes and
	 * the whole datagram's. */
	p->pkt = pkt;
	(void)ipv4_text(pkt->ip.dst, dst);
	out_printf("PING %s (%s) %zu(%zu) bytes of data, ICMP id %u\n",
	    o->dest_name != NULL ? o->dest_name : dst, dst,
	    pkt->len - IPHDR_LEN - ICMP_HDRLEN, pkt->len, o->icmp_id);
	next = p->start_ns = clock_ns();
	while (!sig_stop) {
		now = clock_ns();
		if ((o->count == 0 || p->sent < o->count) && now >= next) {
			stamp(p, pkt, (uint16_t)(o->seq + p->sent));
			if ((rc = emit(pkt)) != 0) {
				p->sent--;	/* it did not go */
				status = rc == RAWSOCK_FAILED ? 2 : 0;
				break;
			}
			/* Behind by a whole interval or more: start the
			 * grid again from now, no burst to catch up. */
			next += step;
			if (now - next >= step)
				next = now + step;
		}
		if (take_queued(p) != 0) {
			warn("recv");
			status = 2;
			break;
		}
		if (o->count != 0 && p->sent >= o->count) {
			if (all_in(p, clock_ns()))
				break;
			if (wait_until(p, p->last_sent_ns +
			    (long long)(o->wait * 1e9)) != 0)
				break;
		} else if (wait_until(p, next) != 0) {
			break;
		}
	}
	statistics(p);
	if (status != 0)
		return status;
	return p->received > 0 ? 0 : 1;
}
