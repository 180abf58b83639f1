/*
 * What rawsock.c asks of the system under it, and nothing else: one file
 * a system answers it (rawsock_linux.c; rawsock_bsd.c for macOS and the
 * BSDs, whose sockets all come from 4.4BSD; rawsock_other.c, stubs, for
 * any other), as golang.org/x/net keeps ipv4's socket options in one
 * sys_<os>.go a system: options keyed by what they are for, a stub where
 * a system lacks one.  The rest of the socket code is the same
 * everywhere and stays in rawsock.c.
 *
 * Each of the three files is whole inside one #if on the choice made
 * here (the Makefile compiles every file under common/).
 */
#ifndef RAWSOCK_SYS_H
#define RAWSOCK_SYS_H

#include <sys/types.h>
#include <sys/socket.h>

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#if defined(__linux__)
#define RAWSOCK_SYS_LINUX 1
#elif defined(__APPLE__) || defined(__FreeBSD__) || defined(__NetBSD__) || \
    defined(__OpenBSD__) || defined(__DragonFly__)
#define RAWSOCK_SYS_BSD 1
#else
#define RAWSOCK_SYS_OTHER 1
#endif

/* Socket options, keyed by what they do. */
enum sys_opt {
	SYS_RECVERR,	/* set to 1: a datagram an interface queue dropped
			 * is an ENOBUFS from sendto, not a success */
	SYS_ICMP_FILTER, /* set to a 32-bit mask: the kernel drops the ICMP
			 * types whose bits are set before delivery */
	SYS_STAMP,	/* set to 1: each datagram comes with its arrival
			 * time, which sys_stamp reads */
	SYS_ROUTE_MTU,	/* get, on a connected UDP socket: the MTU of the
			 * route to its peer */
	SYS_RECV_HOPS6,	/* set to 1 on an IPv6 socket: each datagram comes
			 * with its hop limit (RFC 3542 6.3) */
	SYS_RECV_DST6,	/* set to 1 on an IPv6 socket: with its destination
			 * and interface (RFC 3542 6.1, in6_pktinfo) */
	SYS_RECV_TTL4,	/* set to 1 on an IPv4 socket that hands no header
			 * over (Linux's ping socket): with its TTL */
	SYS_ICMP6_FILTER, /* set to 8 32-bit words, a bit an ICMPv6 type
			 * (RFC 3542 3.2's struct icmp6_filter) */
	SYS_RECVERR6,	/* set to 1 on an IPv6 socket: as SYS_RECVERR, and
			 * ICMPv6 errors queued apart (sys_recv_error) */
	SYS_OPT_COUNT
};

struct sys_sockopt {
	int have;	/* 0: the system has no such option (a stub) */
	int level, name;
};

extern const struct sys_sockopt sys_sockopts[SYS_OPT_COUNT];

/* Whether a set bit in SYS_ICMP6_FILTER's words lets its type through
 * (1) or drops it (0). */
extern const int sys_icmp6_filter_passes;

/*
 * The loopback interface, and the ioctl(2) requests that read its flags
 * and its IPv4 address (netdevice(7); the same names on the BSDs, from
 * <sys/sockio.h>).  name NULL: not known here.
 */
struct sys_loopback {
	const char *name;
	unsigned long get_flags, get_addr;
};

extern const struct sys_loopback sys_loopback;

/* Room for the control messages those options bring: an arrival time
 * (struct timespec is the larger of the two forms a kernel uses; each
 * file checks its own), a hop limit or TTL (an int at most), and an
 * in6_pktinfo (an address and an interface index, RFC 3542 6.1). */
enum { SYS_STAMP_ROOM = CMSG_SPACE(sizeof(struct timespec)),
       SYS_CMSG_ROOM = SYS_STAMP_ROOM + CMSG_SPACE(sizeof(int)) +
	CMSG_SPACE(16 + sizeof(unsigned)) };

/*
 * The arrival time in control message c, when c is the one SYS_STAMP
 * asks for (its form is the system's): 0 with *when set, else -1.
 */
int sys_stamp(const struct cmsghdr *c, struct timespec *when);

/*
 * The control message types the other options bring, as the system
 * numbers them (macOS and the BSDs number RFC 3542's otherwise than
 * Linux); -1 where it brings none.  Their data is the same everywhere:
 * an int hop limit or TTL, an in6_pktinfo (RFC 3542 6.1).
 */
struct sys_cmsg_types {
	int hops6, dst6;	/* level IPPROTO_IPV6 */
	int ttl4;		/* level IPPROTO_IP, an int */
	int err4, err6;		/* the error queue's (sys_recv_error) */
};

extern const struct sys_cmsg_types sys_cmsg_types;

/*
 * The control message after c in m (the first when c is NULL), NULL
 * when no whole one is left: CMSG_NXTHDR's walk, every length checked
 * against what came, stepping by each message's own aligned size (musl's
 * CMSG_NXTHDR draws a sign warning).  rawsock.c's, for every system.
 */
const struct cmsghdr *sys_cmsg_next(const struct msghdr *m,
    const struct cmsghdr *c);

/* sys_recv_batch's answer where a system has no call that reads more
 * than one datagram. */
enum { SYS_NONE = -2 };

/*
 * Read up to max (at most RAWSOCK_BATCH) datagrams already queued, in
 * one system call (recvmmsg(2)): the i-th as m[i] describes, its length
 * in len[i].  m[i] comes back as the kernel left it (the control length
 * in particular).  Returns how many, -1 with errno set, or SYS_NONE.
 */
int sys_recv_batch(int fd, struct msghdr *m, size_t *len, int max);

/*
 * The kernel's count of datagrams this socket has dropped for want of
 * buffer space since it was opened: 0 with *drops set, or -1 where the
 * system does not tell.
 */
int sys_drops(int fd, unsigned long long *drops);

/*
 * One ICMP error queued apart for a socket that asked (SYS_RECVERR,
 * SYS_RECVERR6), without waiting: 1 with *e and the message it is
 * about in buf (*len bytes), 0 when none is queued, -1 on failure or
 * where the system has no such queue.
 */
struct rawsock_error;
int sys_recv_error(int fd, uint8_t *buf, size_t cap, size_t *len,
    struct rawsock_error *e);

/*
 * The groups allowed a ping socket, where the system has such a
 * setting (Linux's net.ipv4.ping_group_range, ip-sysctl): 0 with
 * [*lo, *hi] set, else -1.
 */
int sys_ping_groups(long *lo, long *hi);

#endif
