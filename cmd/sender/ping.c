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
#include "../hints.h"
#include "hex.h"
#include "ip6hdr.h"
#include "iphdr.h"
#include "out.h"
#include "parse.h"
#include "ping.h"
#include "rawsock.h"
#include "sig.h"
#include "sock.h"
#include "socks.h"

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
ping_open(struct ping *p, const struct sender_opts *o, const char *self,
    int dgram_fd)
{
	/* ICMPv6's echo reply and errors (RFC 4443 3, 4.2). */
	static const uint8_t pass6[] = {
		ICMP6_TYPE_ECHOREPLY, ICMP6_TYPE_UNREACH, ICMP6_TYPE_TOOBIG,
		ICMP6_TYPE_TIMXCEED, ICMP6_TYPE_PARAMPROB
	};
	const struct sock_rules *r = sock_rules(LAYOUT_NATIVE);

	memset(p, 0, sizeof(*p));
	p->o = o;
	p->six = o->six;
	p->id = o->icmp_id;
	if (dgram_fd != -1) {
		/* A ping socket: our own replies alone, matched by the
		 * kernel; on Linux by the port it wrote as identifier. */
		p->fd = dgram_fd;
		p->header = !o->six && r->ping_rx_header;
		/* The port the socket is bound to (-I's, or the kernel's
		 * choice where the bind failed or asked for 0), else -1
		 * until the first send binds it. */
		if (sock_ping_sets_id(r, o->six))
			p->id = rawsock_local_port(p->fd) > 0 ?
			    rawsock_local_port(p->fd) : -1;
		/* A Mac's ICMPv6 ping socket gets every message a raw one
		 * would, our own requests too: replies and errors only
		 * (best effort: Linux's takes its replies alone). */
		if (o->six)
			(void)rawsock_icmp6_pass(p->fd, pass6, sizeof(pass6));
		/* Linux queues the ICMP errors about a ping socket's
		 * requests apart, when asked (ip(7)); a Mac hands them to
		 * recv as its raw socket does. */
		p->errqueue = rawsock_queue_errors(p->fd, o->six ? AF_INET6 :
		    AF_INET) == 0;
	} else if (o->six) {
		if ((p->fd = rawsock_open_as(AF_INET6, SOCK_RAW,
		    IPPROTO_ICMPV6)) == -1) {
			warnx("socket: %s: a raw socket needs " HINT_PRIVILEGE,
			    strerror(errno), self);
			return -1;
		}
		if (rawsock_set_nonblocking(p->fd) == -1)
			err(1, "fcntl O_NONBLOCK");
		/* Every system hands an ICMPv6 socket our own requests
		 * (socks.h): only replies and errors, then. */
		if (rawsock_icmp6_pass(p->fd, pass6, sizeof(pass6)) != 0)
			err(1, "setsockopt ICMP6_FILTER");
	} else {
		if ((p->fd = sock_open(IPPROTO_ICMP, 0, self)) == -1)
			return -1;
		p->header = 1;
		/* On Linux our own requests would be delivered to it too:
		 * let through only what a ping reads, replies and errors. */
		if (rawsock_icmp_pass(p->fd, ICMP_PASS_ECHOREPLY |
		    ICMP_PASS_ERRORS) == RAWSOCK_FAILED)
			err(1, "setsockopt ICMP_FILTER");
	}
	(void)rawsock_rcvbuf(p->fd, PING_RCVBUF);
	/* Without a header: the hop limit or TTL, and (IPv6) the
	 * destination, for the pseudo-header's checksum. */
	if (!p->header)
		rawsock_ancillary(p->fd, o->six ? AF_INET6 : AF_INET);
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

/* ICMPv6's errors in ping(8)'s words (RFC 4443 3; iputils ping6). */
static const char *
error6_name(unsigned type, unsigned code)
{
	static const char *const unreach[7] = {
		"Destination unreachable: No route",
		"Destination unreachable: Administratively prohibited",
		"Destination unreachable: Beyond scope of source address",
		"Destination unreachable: Address unreachable",
		"Destination unreachable: Port unreachable",
		"Destination unreachable: Source address failed policy",
		"Destination unreachable: Reject route to destination"
	};

	switch (type) {
	case ICMP6_TYPE_UNREACH:
		return code < 7 ? unreach[code] : "Destination unreachable";
	case ICMP6_TYPE_TOOBIG:
		return "Packet too big";
	case ICMP6_TYPE_TIMXCEED:
		return code == 0 ? "Time exceeded: Hop limit" :
		    "Time exceeded: Defrag";
	case ICMP6_TYPE_PARAMPROB:
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

/* What arrived, as hex: an IPv4 header's host-order fields coloured
 * where it has one. */
static void
print_arrived(const struct ping *p, const uint8_t *b, size_t n)
{
	if (p->header)
		color_hex_print(b, n, HEX_UPPER, LAYOUT_NATIVE);
	else
		hex_print(b, n, HEX_UPPER);
}

/* The echo request an ICMP or ICMPv6 error (m, mlen bytes) quotes:
 * the quoted message, or NULL when it quotes no request of ours. */
static const uint8_t *
quoted_request(const struct ping *p, const uint8_t *m, size_t mlen)
{
	struct ip_fields q;
	const uint8_t *qm;
	const char *why;

	if (p->six) {	/* the IPv6 header, then ours (RFC 4443 2.4) */
		if (mlen < ICMP_HDRLEN + IP6HDR_LEN + ICMP_HDRLEN ||
		    m[ICMP_HDRLEN + IP6H_NEXT] != IP6_NEXT_ICMPV6)
			return NULL;
		qm = m + ICMP_HDRLEN + IP6HDR_LEN;
		return qm[ICMP_TYPE] == ICMP6_TYPE_ECHO ? qm : NULL;
	}
	if (ip_parse_quoted(m, mlen, LAYOUT_NATIVE, &q, &why) != 0 ||
	    q.proto != IPPROTO_ICMP ||
	    mlen < ICMP_HDRLEN + q.hlen + ICMP_HDRLEN)
		return NULL;
	qm = m + ICMP_HDRLEN + q.hlen;
	return qm[ICMP_TYPE] == ICMP_TYPE_ECHO ? qm : NULL;
}

/*
 * An ICMP error of type and code (rest: the 4 bytes after its checksum:
 * a gateway, an MTU, a pointer) from a host, about our request qm (NULL
 * when it quotes none of ours); b, n: what arrived, printed first.
 */
static void
say_error(struct ping *p, const uint8_t *b, size_t n,
    const struct ipaddr *from, unsigned type, unsigned code,
    const uint8_t rest[4], const uint8_t *qm)
{
	char text[IPADDR_TEXT], gw[16];
	unsigned seq;

	if (qm == NULL)
		return;
	seq = get16(qm + ICMP_SEQ);
	if ((p->id >= 0 && get16(qm + ICMP_ID) != p->id) || !ours(p, seq))
		return;
	p->errors++;
	if (p->o->quiet)
		return;
	print_arrived(p, b, n);
	out_printf("From %s icmp_seq=%u %s", from->len != 0 ?
	    ipaddr_text(from, text) : "?", seq, p->six ?
	    error6_name(type, code) : error_name(type, code));
	if (p->six) {
		if (type == ICMP6_TYPE_TOOBIG)	/* RFC 4443 3.2 */
			out_printf(": mtu=%lu", (unsigned long)get32(rest));
	} else if (type == 3 && code == 4)	/* RFC 1191 */
		out_printf(" (mtu = %u)", get16(rest + 2));
	else if (type == 5)
		out_printf(" (New nexthop: %s)", ipv4_text(rest, gw));
	else if (type == 12)
		out_printf(": pointer = %u", rest[0]);
	out_str("\n");
}

/* An ICMP error (m, mlen bytes) as a raw socket hands it over. */
static void
take_error(struct ping *p, const uint8_t *b, size_t n,
    const struct ipaddr *from, const uint8_t *m, size_t mlen)
{
	say_error(p, b, n, from, m[ICMP_TYPE], m[ICMP_CODE], m + 4,
	    quoted_request(p, m, mlen));
}

/*
 * The errors a Linux ping socket's kernel queued apart (IP_RECVERR):
 * each is about the request it holds, as it went.  0, or -1 when the
 * queue cannot be read.
 */
static int
take_queued_errors(struct ping *p)
{
	static uint8_t quoted[IP_MAXLEN];
	struct rawsock_error e;
	uint8_t rest[4];
	size_t n;
	int rc;

	while ((rc = rawsock_recv_error(p->fd, quoted, sizeof(quoted), &n,
	    &e)) == 1) {
		/* The figure where the message carries it (RFC 1191, RFC
		 * 4443 3.2). */
		memset(rest, 0, sizeof(rest));
		if (p->six)
			put32(rest, e.info);
		else
			put16(rest + 2, (uint16_t)e.info);
		say_error(p, quoted, n, &e.from, e.type, e.code, rest,
		    n >= ICMP_HDRLEN && quoted[ICMP_TYPE] == (p->six ?
		    ICMP6_TYPE_ECHO : ICMP_TYPE_ECHO) ? quoted : NULL);
	}
	return rc;
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

/* Whether a reply's checksum is wrong: ICMPv6's over the pseudo-header
 * (RFC 4443 2.3), where the destination is known. */
static int
damaged(const struct ping *p, const struct rawsock_rx *rx,
    const struct ipaddr *from, const uint8_t *m, size_t mlen)
{
	if (!p->six)
		return cksum(m, mlen) != 0;
	return from->len == 16 && rx->to.len == 16 && cksum_pseudo6(from->b,
	    rx->to.b, IP6_NEXT_ICMPV6, m, mlen) != 0;
}

/* One datagram from the socket: a reply of ours, an error about one
 * of our requests, or someone else's. */
static void
take(struct ping *p, const uint8_t *b, const struct rawsock_rx *rx,
    long long now)
{
	struct ip_fields f;
	struct ipaddr from = rx->from;
	const char *why, *note = "";
	const uint8_t *m = b;
	char text[IPADDR_TEXT];
	size_t n = rx->len, mlen = n;
	int ttl = rx->hops;
	unsigned seq;
	double ms;

	if (p->header) {
		if (ip_parse(b, n, LAYOUT_NATIVE, &f, &why) != 0 ||
		    n < f.hlen + ICMP_HDRLEN)
			return;
		m = b + f.hlen;
		mlen = n - f.hlen;
		from.len = 4;
		memcpy(from.b, f.src, 4);
		ttl = f.ttl;
	} else if (mlen < ICMP_HDRLEN) {
		return;
	}
	if (m[ICMP_TYPE] != (p->six ? ICMP6_TYPE_ECHOREPLY :
	    ICMP_TYPE_ECHOREPLY)) {
		take_error(p, b, n, &from, m, mlen);
		return;
	}
	seq = get16(m + ICMP_SEQ);
	if ((p->id >= 0 && get16(m + ICMP_ID) != p->id) || !ours(p, seq))
		return;		/* someone else's */
	ms = rtt_ms(p, m, mlen, now);
	if (damaged(p, rx, &from, m, mlen)) {
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
	print_arrived(p, b, n);
	out_printf("%zu bytes from %s: icmp_seq=%u", mlen,
	    ipaddr_text(&from, text), seq);
	if (ttl >= 0)
		out_printf(" ttl=%d", ttl);
	if (ms >= 0)
		out_printf(" time=%.3f ms", ms);
	out_printf("%s\n", note);
}

/* Every datagram queued now; -1 if the socket fails. */
static int
take_queued(struct ping *p)
{
	int i, k, again = 0;

	for (;;) {
		/* First the errors queued apart: reading them clears the
		 * socket's pending error, which recv and send would
		 * otherwise fail with. */
		if (p->errqueue && take_queued_errors(p) < 0)
			return -1;
		if ((k = rawsock_recv_now(p->fd, bufs, rx, RAWSOCK_BATCH,
		    !p->header)) < 0) {
			if (errno == EINTR)
				return 0;
			/* An ICMP error came after the queue was read: the
			 * socket's pending error, once; read it again. */
			if (p->errqueue && !again++)
				continue;
			return -1;
		}
		for (i = 0; i < k; i++)
			take(p, bufs[i], &rx[i], clock_ns());
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
	char dst[IPADDR_TEXT];

	out_printf("\n--- %s ping statistics ---\n", o->dest_name != NULL ?
	    o->dest_name : ipaddr_text(&p->pkt->to, dst));
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
	size_t plen = pkt->len - pkt->hdrlen - ICMP_HDRLEN;
	char dst[IPADDR_TEXT];
	int status = 0, rc;

	/* iputils' first line: the name, the address, payload bytes and
	 * the whole datagram's. */
	p->pkt = pkt;
	(void)ipaddr_text(&pkt->to, dst);
	out_printf("PING %s (%s) %zu(%zu) bytes of data, ", o->dest_name !=
	    NULL ? o->dest_name : dst, dst, plen, (p->six ? IP6HDR_LEN :
	    IPHDR_LEN) + ICMP_HDRLEN + plen);
	if (p->id >= 0)
		out_printf("ICMP id %d\n", p->id);
	else
		out_str("ICMP id the kernel's (the ping socket's port)\n");
	next = p->start_ns = clock_ns();
	while (!sig_stop) {
		now = clock_ns();
		if ((o->count == 0 || p->sent < o->count) && now >= next) {
			/* A pending error would fail the send: read it. */
			if (p->errqueue && take_queued_errors(p) < 0) {
				warn("recvmsg MSG_ERRQUEUE");
				status = 2;
				break;
			}
			stamp(p, pkt, (uint16_t)(o->seq + p->sent));
			if ((rc = emit(pkt)) != 0) {
				p->sent--;	/* it did not go */
				status = rc == RAWSOCK_FAILED ? 2 : 0;
				break;
			}
			if (p->id < 0)	/* bound now, by the first send */
				p->id = rawsock_local_port(p->fd);
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
