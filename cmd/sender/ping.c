/*
 * The ping of ping.h.  What it prints follows iputils ping(8): a line a
 * reply ("16 bytes from 127.0.0.1: icmp_seq=0 ttl=64 time=0.045 ms",
 * "(DUP!)" for a repeat), then "--- ... ping statistics ---", the counts
 * and loss, and rtt min/avg/max/mdev, mdev being the standard deviation
 * sqrt(mean(t^2) - mean(t)^2).  Exit status as ping's: 0 when any reply
 * came, 1 when none did.
 */
#include <sys/types.h>
#include <netinet/in.h>

#include <string.h>

#include "bytes.h"
#include "clock.h"
#include "color.h"
#include "icmp.h"
#include "iphdr.h"
#include "out.h"
#include "parse.h"
#include "ping.h"
#include "rawsock.h"
#include "sig.h"

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

void
ping_open(struct ping *p, const struct sender_opts *o, const char *self)
{
	memset(p, 0, sizeof(*p));
	p->o = o;
	p->fd = rawsock_open(IPPROTO_ICMP, 0, self);
	rawsock_set_nonblocking(p->fd);
	/* On Linux our own requests would be delivered to it too. */
	(void)rawsock_only_echo_replies(p->fd);
	p->start_ns = clock_ns();
}

void
ping_start(const struct ping *p, size_t len)
{
	char dst[16];

	/* iputils' first line: payload bytes, and the whole datagram's. */
	out_printf("PING %s: %zu(%zu) bytes of data, ICMP id %u\n",
	    ipv4_text(p->o->ip.dst, dst), len - IPHDR_LEN - ICMP_HDRLEN, len,
	    p->o->icmp_id);
}

void
ping_stamp(struct ping *p, uint8_t *pkt, size_t len, uint16_t seq)
{
	uint8_t *icmp = pkt + IPHDR_LEN;
	long long t = clock_ns();

	put32(icmp + ICMP_HDRLEN, (uint32_t)((unsigned long long)t >> 32));
	put32(icmp + ICMP_HDRLEN + 4, (uint32_t)t);
	icmp_set_seq(icmp, len - IPHDR_LEN, seq);
	p->last_sent_ns = t;
	p->sent++;
}

/* One datagram from the socket: print it if it is a reply of ours. */
static void
take(struct ping *p, const uint8_t *b, size_t n)
{
	struct ip_fields f;
	const char *why;
	const uint8_t *m;
	char from[16];
	size_t mlen;
	unsigned seq;
	int dup;
	double ms = -1;

	if (ip_parse(b, n, LAYOUT_NATIVE, &f, &why) != 0 ||
	    n < f.hlen + ICMP_HDRLEN)
		return;
	m = b + f.hlen;
	mlen = n - f.hlen;
	if (m[ICMP_TYPE] != ICMP_TYPE_ECHOREPLY ||
	    get16(m + ICMP_ID) != p->o->icmp_id)
		return;		/* someone else's */
	seq = get16(m + ICMP_SEQ);
	/* Only a sequence number this ping has sent: anything else with
	 * our id is not an answer to us (a stray, or a forgery). */
	if (p->sent < 65536 &&
	    (unsigned long long)(uint16_t)(seq - p->o->seq) >= p->sent)
		return;
	dup = (p->seen[seq / 8] >> (seq % 8)) & 1;
	p->seen[seq / 8] |= (uint8_t)(1 << (seq % 8));
	if (dup)
		p->dups++;
	else
		p->received++;
	if (mlen >= ICMP_HDRLEN + PING_STAMP) {
		long long t = (long long)((unsigned long long)get32(m + 8) <<
		    32 | get32(m + 12)), now = clock_ns();

		/* A send time this run could have written, or none. */
		if (t >= p->start_ns && t <= now)
			ms = (double)(now - t) / 1e6;
		if (!dup && ms >= 0) {
			if (p->timed == 0 || ms < p->min_ms)
				p->min_ms = ms;
			if (p->timed == 0 || ms > p->max_ms)
				p->max_ms = ms;
			p->sum_ms += ms;
			p->sum2_ms += ms * ms;
			p->timed++;
		}
	}
	if (p->o->quiet)
		return;
	color_hex_print(b, n, HEX_UPPER, LAYOUT_NATIVE);
	out_printf("%zu bytes from %s: icmp_seq=%u ttl=%u", mlen,
	    ipv4_text(f.src, from), seq, f.ttl);
	if (ms >= 0)
		out_printf(" time=%.3f ms", ms);
	out_str(dup ? " (DUP!)\n" : "\n");
}

/* Take replies until until_ns, or (all) until every request has one. */
static int
replies(struct ping *p, long long until_ns, int all)
{
	static uint8_t buf[1][IP_MAXLEN];
	size_t len;
	long long left;
	int n, timed_out;

	for (;;) {
		if ((left = until_ns - clock_ns()) <= 0 ||
		    (all && p->received >= p->sent))
			return 0;
		/* Whole milliseconds, rounded up so as not to spin. */
		n = rawsock_recv(p->fd, buf, &len, 1,
		    (int)((left + 999999) / 1000000), &timed_out);
		if (n == 1)
			take(p, buf[0], len);
		else if (!timed_out)
			return -1;	/* a stop signal */
	}
}

int
ping_replies(struct ping *p, long long until_ns)
{
	return replies(p, until_ns, 0);
}

int
ping_finish(struct ping *p)
{
	const struct sender_opts *o = p->o;
	long long wait = (long long)(o->wait * 1e9);
	double avg, mdev;
	char dst[16];

	/* The last replies: until -W after the last request, or until
	 * every request has its answer. */
	if (!sig_stop)
		(void)replies(p, p->last_sent_ns + wait, 1);
	out_printf("\n--- %s ping statistics ---\n",
	    ipv4_text(o->ip.dst, dst));
	out_printf("%llu packets transmitted, %llu received", p->sent,
	    p->received);
	if (p->dups > 0)
		out_printf(", +%llu duplicates", p->dups);
	out_printf(", %g%% packet loss, time %lldms\n", p->sent == 0 ? 0.0 :
	    100.0 * (double)(p->sent - p->received) / (double)p->sent,
	    (clock_ns() - p->start_ns) / 1000000);
	if (p->timed > 0) {
		avg = p->sum_ms / (double)p->timed;
		mdev = root(p->sum2_ms / (double)p->timed - avg * avg);
		out_printf("rtt min/avg/max/mdev = %.3f/%.3f/%.3f/%.3f ms\n",
		    p->min_ms, avg, p->max_ms, mdev);
	}
	return p->received > 0 ? 0 : 1;
}
