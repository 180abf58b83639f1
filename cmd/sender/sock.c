/*
 * The sender's raw sockets.  rawsock.h opens and sends and answers with
 * errno; here each failure a reader will meet becomes one line naming
 * its likely cause and the command that shows or mends it, from the
 * one table of this system's hints (../hints.h).
 *
 * Sources: sendto(2) and ip(7) (the errors); raw(7) and
 * net/ipv4/raw.c raw_send_hdrinc (Linux sends a datagram with our
 * header whole or not at all: over the MTU is EMSGSIZE, never
 * fragments); xnu rip_output (EINVAL for a total length in the wrong
 * order).
 */
#include <sys/types.h>
#include <netinet/in.h>

#include <err.h>
#include <errno.h>
#include <string.h>

#include "../hints.h"
#include "iphdr.h"
#include "out.h"
#include "parse.h"
#include "sock.h"

int
sock_open(int proto, int hdrincl, const char *self)
{
	int fd;

	if ((fd = rawsock_open(proto, hdrincl, self)) == RAWSOCK_FAILED) {
		warn("setsockopt IP_HDRINCL");
		return -1;
	}
	if (fd == -1) {
		if (errno == EPERM || errno == EACCES)
			warnx("socket: %s: a raw socket needs " HINT_PRIVILEGE,
			    strerror(errno), self);
		else
			warn("socket");
		return -1;
	}
	if (rawsock_set_nonblocking(fd) == -1)
		err(1, "fcntl O_NONBLOCK");
	return fd;
}

void
sock_report_drops(int fd)
{
	if (rawsock_report_drops(fd) == RAWSOCK_FAILED)
		warn("setsockopt IP_RECVERR: queue drops will not be seen");
}

/* EMSGSIZE: a datagram over the route's MTU, where the system tells
 * the MTU (Linux); else over what this kernel sends at once. */
static void
too_big(size_t len, const uint8_t dst[4], const char *e)
{
	int mtu = rawsock_route_mtu(dst);

	if (mtu > 0)
		warnx("sendto: %s: %zu bytes is more than the MTU of the "
		    "route (%d), and Linux does not fragment a datagram "
		    "whose header is ours (IP_HDRINCL): send a shorter one "
		    "(-p), or fragments of your own (--mf, --frag-offset)",
		    e, len, mtu);
	else
		warnx("sendto: %s: %zu bytes is more than this kernel sends "
		    "in one datagram here: send a shorter one (-p), or "
		    "fragments of your own (--mf, --frag-offset)", e, len);
}

/* Why sendto failed with error, for a datagram of len bytes to dst. */
static void
explain(int error, size_t len, const uint8_t dst[4])
{
	const char *e = strerror(error);
	enum rawsock_lo lacks;
	char to[16];

	(void)ipv4_text(dst, to);
	switch (error) {
	case ENETUNREACH:
		if (dst[0] == 127 &&
		    (lacks = rawsock_loopback()) != RAWSOCK_LO_FINE) {
			warnx("sendto: %s: the loopback interface %s", e,
			    lacks == RAWSOCK_LO_DOWN ?
			    "is down ('" HINT_LO_UP "')" :
			    "is up but has no IPv4 address ('" HINT_LO_ADDR
			    "')");
			return;
		}
		/* FALLTHROUGH */
	case EHOSTUNREACH:
		warnx("sendto: %s: no route to %s here ('" HINT_ROUTE_GET
		    " %s' says why)", e, to, to);
		return;
	case EACCES:
		if (dst[3] == 255) {
			warnx("sendto: %s: %s looks like a broadcast address, "
			    "and sending to one needs SO_BROADCAST, which the "
			    "sender does not set", e, to);
			return;
		}
		/* FALLTHROUGH */
	case EPERM:
		warnx("sendto: %s: a firewall rule may be dropping it", e);
		return;
	case EMSGSIZE:
		too_big(len, dst, e);
		return;
	case EINVAL:
		if (HINT_EINVAL_IS_ROUTE)
			warnx("sendto: %s: the route to %s may be a blackhole "
			    "or prohibit route ('" HINT_ROUTE_GET " %s' says)",
			    e, to, to);
		else
			warnx("sendto: %s: this kernel checks total length "
			    "and fragment offset in its own byte order (-l %s "
			    "here)", e, layout_name(LAYOUT_NATIVE));
		return;
	case ENOBUFS:
		/* rawsock_send waited it out as long as it would. */
		warnx("sendto: %s: still, after %d tries over about %d "
		    "seconds", e, RAWSOCK_ENOBUFS_TRIES,
		    RAWSOCK_ENOBUFS_SECONDS);
		return;
	}
	warnx("sendto: %s", e);
}

int
sock_send(int fd, const uint8_t *buf, size_t len, const uint8_t dst[4],
    unsigned long long *retries)
{
	ssize_t n = rawsock_send(fd, buf, len, dst, retries);
	int error = errno;

	if (n == (ssize_t)len || n == -1)
		return n == -1 ? -1 : 0;
	/* The bytes printed before the send show before the reason. */
	out_flush();
	if (n >= 0)
		warnx("sendto: sent %zd of %zu bytes", n, len);
	else
		explain(error, len, dst);
	return RAWSOCK_FAILED;
}
