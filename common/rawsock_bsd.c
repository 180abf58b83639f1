/*
 * rawsock_sys.h for macOS, FreeBSD, NetBSD, OpenBSD and DragonFly: one
 * file, as their sockets are all 4.4BSD's.  Sources: getsockopt(2)
 * (SO_TIMESTAMP, a struct timeval), ip(4), recvmmsg(2) (FreeBSD 11,
 * NetBSD 7), netintro(4) (SIOCGIFFLAGS, SIOCGIFADDR in <sys/sockio.h>).
 *
 * What they lack is stubbed: no ICMP type filter (a raw ICMP socket is
 * never handed the echo requests the kernel answers itself), no
 * IP_RECVERR (a full queue is an ENOBUFS from sendto anyway), no route
 * MTU to ask for, no drop count for a raw socket.
 */
#define __APPLE_USE_RFC_3542 1	/* NOLINT: macOS names RFC 3542's options
				 * (IPV6_RECVPKTINFO...) only so */
#include "rawsock_sys.h"

#if defined(RAWSOCK_SYS_BSD)
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <sys/sockio.h>
#include <sys/time.h>
#include <net/if.h>		/* struct ifreq, in the requests' sizes */

#include <string.h>

#include "rawsock.h"

_Static_assert(sizeof(struct timeval) <= sizeof(struct timespec),
    "SYS_STAMP_ROOM holds a struct timeval");

const struct sys_sockopt sys_sockopts[SYS_OPT_COUNT] = {
	[SYS_RECVERR] = { 0, 0, 0 },
	[SYS_ICMP_FILTER] = { 0, 0, 0 },
	/* In microseconds, a struct timeval. */
	[SYS_STAMP] = { 1, SOL_SOCKET, SO_TIMESTAMP },
	[SYS_ROUTE_MTU] = { 0, 0, 0 },
	/* RFC 3542, ip6(4). */
	[SYS_RECV_HOPS6] = { 1, IPPROTO_IPV6, IPV6_RECVHOPLIMIT },
	[SYS_RECV_DST6] = { 1, IPPROTO_IPV6, IPV6_RECVPKTINFO },
	/* A Mac's ping socket hands the IPv4 header over, TTL and all. */
	[SYS_RECV_TTL4] = { 0, 0, 0 },
	/* 18 in <netinet/icmp6.h> on each (xnu, FreeBSD, OpenBSD,
	 * NetBSD: KAME's), written out for Zig's macOS headers, which
	 * leave that file out. */
	[SYS_RECVERR6] = { 0, 0, 0 },
	[SYS_ICMP6_FILTER] = { 1, IPPROTO_ICMPV6, 18 },
};

/* KAME's ICMP6_FILTER_SETPASS sets the bit: a set bit passes. */
const int sys_icmp6_filter_passes = 1;

const struct sys_loopback sys_loopback = {
	"lo0", SIOCGIFFLAGS, SIOCGIFADDR
};

int
sys_stamp(const struct cmsghdr *c, struct timespec *when)
{
	struct timeval t;

	if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_TIMESTAMP ||
	    c->cmsg_len < CMSG_LEN(sizeof(t)))
		return -1;
	memcpy(&t, CMSG_DATA(c), sizeof(t));
	when->tv_sec = t.tv_sec;
	when->tv_nsec = (long)t.tv_usec * 1000L;
	return 0;
}

/* RFC 3542's, as <netinet6/in6.h> numbers them; no TTL asked (a Mac's
 * ping socket hands the IPv4 header over), no error queue. */
const struct sys_cmsg_types sys_cmsg_types = {
	IPV6_HOPLIMIT, IPV6_PKTINFO, -1, -1, -1
};

int
sys_recv_batch(int fd, struct msghdr *m, size_t *len, int max)
{
#if defined(__FreeBSD__) || defined(__NetBSD__)
	static struct mmsghdr mm[RAWSOCK_BATCH];
	int i, n;

	for (i = 0; i < max; i++)
		mm[i].msg_hdr = m[i];
	if ((n = (int)recvmmsg(fd, mm, (unsigned)max, 0, NULL)) <= 0)
		return n;
	for (i = 0; i < n; i++) {
		m[i] = mm[i].msg_hdr;
		len[i] = mm[i].msg_len;
	}
	return n;
#else
	/* macOS, OpenBSD and DragonFly: one recvmsg(2) at a time. */
	(void)fd;
	(void)m;
	(void)len;
	(void)max;
	return SYS_NONE;
#endif
}

int
sys_drops(int fd, unsigned long long *drops)
{
	(void)fd;
	(void)drops;
	return -1;
}
/* No such setting: a Mac lets anyone open one, the BSDs have none. */
int
sys_ping_groups(long *lo, long *hi)
{
	(void)lo;
	(void)hi;
	return -1;
}
/* No error queue: a Mac's ping socket gets ICMP errors as a raw socket
 * does, through recv. */
int
sys_recv_error(int fd, uint8_t *buf, size_t cap, size_t *len,
    struct rawsock_error *e)
{
	(void)fd;
	(void)buf;
	(void)cap;
	(void)len;
	(void)e;
	return -1;
}
#endif
