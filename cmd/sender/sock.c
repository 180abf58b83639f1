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
#include "socks.h"

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

/* The ping socket of family: opened, or -1 with errno. */
static int
open_dgram(int family)
{
	return rawsock_open_as(family, SOCK_DGRAM, family == AF_INET6 ?
	    IPPROTO_ICMPV6 : IPPROTO_ICMP);
}

/*
 * Why no ping socket (error) could be had: the system has none, or who
 * may open one (Linux's ping_group_range, read to say what it is now),
 * and the ways out.  raw: the raw socket's failure came first (--ping).
 */
static void
no_dgram(int error, int raw, int six, const char *self)
{
	const struct sock_rules *r = sock_rules(LAYOUT_NATIVE);
	long lo, hi;

	if (!r->ping || error == EPROTONOSUPPORT || error == ESOCKTNOSUPPORT) {
		warnx("socket: %s: %s has no ping socket (SOCK_DGRAM, %s); "
		    "a raw socket needs " HINT_PRIVILEGE, strerror(error),
		    r->system, six ? "IPPROTO_ICMPV6" : "IPPROTO_ICMP", self);
		return;
	}
	if (error != EACCES && error != EPERM) {
		warnx("socket (ping socket): %s", strerror(error));
		return;
	}
	if (rawsock_ping_groups(&lo, &hi) == 0)
		warnx("socket: %s: %sa ping socket is for %s, and it reads "
		    "'%ld %ld'%s: " HINT_PING_GROUPS ", or use a raw socket: "
		    "it needs " HINT_PRIVILEGE, strerror(error), raw ?
		    "no raw socket either; " : "", r->ping_who, lo, hi,
		    lo > hi ? " (nobody)" : " (not your group)", self);
	else
		warnx("socket: %s: a ping socket is for %s; a raw socket "
		    "needs " HINT_PRIVILEGE, strerror(error), r->ping_who,
		    self);
}

/* The raw socket o asks for; -1 with errno, or RAWSOCK_FAILED. */
static int
open_raw(const struct sender_opts *o)
{
	if (o->six && o->hdrincl6)
		return rawsock_open_as(AF_INET6, SOCK_RAW, IPPROTO_RAW);
	if (o->six)
		return rawsock_open_as(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6);
	return o->no_hdrincl ? rawsock_open(IPPROTO_ICMP, 0, NULL) :
	    rawsock_open(IPPROTO_RAW, 1, NULL);
}

int
sock_open_for(struct sender_opts *o, const char *self)
{
	int family = o->six ? AF_INET6 : AF_INET, fd, error;
	const char *why;

	if (o->hdrincl6 && !sock_rules(LAYOUT_NATIVE)->hdrincl6) {
		warnx("--hdrincl: %s has no IPV6_HDRINCL: an IPv6 raw socket "
		    "there never takes a header of ours (RFC 3542)",
		    sock_rules(LAYOUT_NATIVE)->system);
		return -1;
	}
	if (o->dgram) {
		if ((fd = open_dgram(family)) == -1) {
			no_dgram(errno, 0, o->six, self);
			return -1;
		}
	} else if ((fd = open_raw(o)) == RAWSOCK_FAILED) {
		warn("setsockopt IP_HDRINCL");
		return -1;
	} else if (fd == -1) {
		error = errno;
		if (error != EPERM && error != EACCES) {
			warn("socket");
			return -1;
		}
		if (!o->ping) {
			warnx("socket: %s: a raw socket needs " HINT_PRIVILEGE,
			    strerror(error), self);
			return -1;
		}
		/* As iputils ping does, the other way round: no raw
		 * socket, so the ping socket, where this user may and
		 * nothing asked needs a raw one. */
		if ((why = sender_needs_raw(o)) != NULL) {
			warnx("socket: %s: a raw socket needs " HINT_PRIVILEGE
			    " (a ping socket would do for --ping, but not with "
			    "%s)", strerror(error), self, why);
			return -1;
		}
		if ((fd = open_dgram(family)) == -1) {
			no_dgram(errno, 1, o->six, self);
			return -1;
		}
		warnx("no raw socket (%s): --ping takes a ping socket instead "
		    "(--dgram), as an ordinary user may here", strerror(error));
		o->dgram = 1;
	}
	if (o->dgram && o->have_id &&
	    sock_ping_sets_id(sock_rules(LAYOUT_NATIVE), o->six) &&
	    rawsock_bind_port(fd, family, o->icmp_id) == -1)
		warn("bind to port %u, for identifier %u: the kernel chooses "
		    "one", o->icmp_id, o->icmp_id);
	if ((o->six || o->dgram) && !o->hdrincl6 && o->set.ttl >= 0 &&
	    rawsock_set_hops(fd, family, (int)o->set.ttl) == -1)
		err(1, "setsockopt %s", o->six ? "IPV6_UNICAST_HOPS" :
		    "IP_TTL");
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

/*
 * The same for IPv6 (ipv6(7), RFC 8200 5: no router fragments, and a
 * raw socket's datagram is sent whole or not at all).
 */
static void
explain6(int error, size_t len, const struct ipaddr *a)
{
	const char *e = strerror(error);
	char to[IPADDR_TEXT];

	(void)ipaddr_text(a, to);
	switch (error) {
	case ENETUNREACH:
	case EHOSTUNREACH:
	case EADDRNOTAVAIL:
		if (IN6_IS_ADDR_LOOPBACK((const struct in6_addr *)
		    (const void *)a->b))
			warnx("sendto %s: %s: the loopback interface is down "
			    "or has no ::1 ('" HINT_LO_UP "')", to, e);
		else
			warnx("sendto %s: %s: no route to %s here ('"
			    HINT_ROUTE6_GET " %s' says why)", to, e, to, to);
		return;
	case EACCES:
	case EPERM:
		warnx("sendto %s: %s: a firewall rule or a prohibit route may "
		    "be refusing it ('" HINT_ROUTE6_GET " %s' names the "
		    "route)", to, e, to);
		return;
	case EMSGSIZE:
		warnx("sendto %s: %s: %zu bytes is more than the route's MTU, "
		    "and IPv6 is not fragmented on the way: send a shorter "
		    "one (-p)", to, e, len);
		return;
	}
	warnx("sendto %s: %s", to, e);
}

/* Why sendto failed with error, for a datagram of len bytes to a. */
static void
explain(int error, size_t len, const struct ipaddr *a)
{
	const char *e = strerror(error);
	const uint8_t *dst = a->b;
	enum rawsock_lo lacks;
	char to[IPADDR_TEXT];

	(void)ipaddr_text(a, to);
	if (a->len == 16 && error != ENOBUFS) {	/* that, as IPv4's */
		explain6(error, len, a);
		return;
	}
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
		/* rawsock_sendto waited it out as long as it would. */
		warnx("sendto: %s: still, after %d tries over about %d "
		    "seconds", e, RAWSOCK_ENOBUFS_TRIES,
		    RAWSOCK_ENOBUFS_SECONDS);
		return;
	}
	warnx("sendto: %s", e);
}

int
sock_send(int fd, const uint8_t *buf, size_t len, const struct ipaddr *dst,
    unsigned long long *retries)
{
	ssize_t n = rawsock_sendto(fd, buf, len, dst, retries);
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
