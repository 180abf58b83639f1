/*
 * rawsock_sys.h for Linux.  Sources: raw(7) (ICMP_FILTER), ip(7)
 * (IP_RECVERR, IP_MTU), socket(7) (SO_TIMESTAMPNS; SO_MEMINFO since
 * 3.9), recvmmsg(2) (2.6.33), proc(5) (/proc/net/raw), netdevice(7).
 *
 * A libc without the kernel's headers (musl-gcc, Alpine without
 * linux-headers) lacks some of the values; they are written out here
 * from those pages where it may.
 */
#define _GNU_SOURCE	/* NOLINT: glibc and musl declare recvmmsg only so */
#include "rawsock_sys.h"

#if defined(RAWSOCK_SYS_LINUX)
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <netinet/in.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rawsock.h"

/* raw(7): <linux/icmp.h>'s ICMP_FILTER, at level SOL_RAW, 255 on every
 * Linux architecture. */
#define LINUX_ICMP_FILTER 1
#ifndef SOL_RAW
#define SOL_RAW 255
#endif

/* socket(7): 55 on every Linux architecture but sparc, hppa and alpha,
 * whose libcs say it. */
#if !defined(SO_MEMINFO) && !defined(__sparc__) && !defined(__hppa__) && \
    !defined(__alpha__)
#define SO_MEMINFO 55
#endif

const struct sys_sockopt sys_sockopts[SYS_OPT_COUNT] = {
	/* Without it Linux counts a datagram its queue discipline dropped
	 * as sent: raw_send_hdrinc turns ENOBUFS into success. */
	[SYS_RECVERR] = { 1, IPPROTO_IP, IP_RECVERR },
	/* A set bit drops that type.  Linux hands a raw ICMP socket every
	 * ICMP datagram, requests included; other kernels answer requests
	 * themselves and never deliver them. */
	[SYS_ICMP_FILTER] = { 1, SOL_RAW, LINUX_ICMP_FILTER },
	/* In nanoseconds, a struct timespec. */
	[SYS_STAMP] = { 1, SOL_SOCKET, SO_TIMESTAMPNS },
	[SYS_ROUTE_MTU] = { 1, IPPROTO_IP, IP_MTU },
	/* ipv6(7), RFC 3542; icmp(7): a ping socket's TTL. */
	[SYS_RECV_HOPS6] = { 1, IPPROTO_IPV6, IPV6_RECVHOPLIMIT },
	[SYS_RECV_DST6] = { 1, IPPROTO_IPV6, IPV6_RECVPKTINFO },
	[SYS_RECV_TTL4] = { 1, IPPROTO_IP, IP_RECVTTL },
	/* <linux/icmpv6.h> and glibc's <netinet/icmp6.h>: 1. */
	[SYS_ICMP6_FILTER] = { 1, IPPROTO_ICMPV6, 1 },
	/* ipv6(7): <linux/in6.h>'s 25, as the option and as its message. */
	[SYS_RECVERR6] = { 1, IPPROTO_IPV6, 25 },
};

/* net/ipv6/raw.c icmpv6_filter: a set bit drops the type. */
const int sys_icmp6_filter_passes = 0;

const struct sys_loopback sys_loopback = { "lo", SIOCGIFFLAGS, SIOCGIFADDR };

int
sys_stamp(const struct cmsghdr *c, struct timespec *when)
{
	if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_TIMESTAMPNS ||
	    c->cmsg_len < CMSG_LEN(sizeof(*when)))
		return -1;
	memcpy(when, CMSG_DATA(c), sizeof(*when));
	return 0;
}

/* ipv6(7) (IPV6_HOPLIMIT, IPV6_PKTINFO), ip(7): a TTL comes as IP_TTL,
 * an error as IP_RECVERR or IPV6_RECVERR (<linux/in6.h>'s 25). */
const struct sys_cmsg_types sys_cmsg_types = {
	IPV6_HOPLIMIT, IPV6_PKTINFO, IP_TTL, IP_RECVERR, 25
};

int
sys_recv_batch(int fd, struct msghdr *m, size_t *len, int max)
{
	static struct mmsghdr mm[RAWSOCK_BATCH];
	int i, n;

	for (i = 0; i < max; i++)
		mm[i].msg_hdr = m[i];
	if ((n = recvmmsg(fd, mm, (unsigned)max, 0, NULL)) <= 0)
		return n;
	for (i = 0; i < n; i++) {
		m[i] = mm[i].msg_hdr;
		len[i] = mm[i].msg_len;
	}
	return n;
}

/* The k-th (from 0) blank-separated column of a line, or NULL. */
static const char *
column(const char *s, int k)
{
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0' || *s == '\n')
			return NULL;
		if (k-- == 0)
			return s;
		while (*s != '\0' && *s != ' ' && *s != '\t')
			s++;
	}
}

/*
 * The drop count from /proc/net/raw (raw6 for an IPv6 socket): the line
 * whose inode is this socket's, drops in its last column.  For where
 * SO_MEMINFO is refused (kernels before 3.9; qemu-user, which does not
 * pass it on).
 */
static int
proc_drops(int fd, unsigned long long *drops)
{
	static const char *const files[] = { "/proc/net/raw",
		"/proc/net/raw6" };
	char line[512];
	const char *ino, *d;
	struct stat st;
	size_t i;
	FILE *f;
	int found = -1;

	if (fstat(fd, &st) == -1)
		return -1;
	for (i = 0; found == -1 && i < sizeof(files) / sizeof(files[0]); i++) {
		if ((f = fopen(files[i], "r")) == NULL)
			continue;
		/* Columns: sl, local, remote, st, queues, tr, retrnsmt,
		 * uid, timeout, inode (9), ref, pointer, drops (12). */
		while (found == -1 && fgets(line, sizeof(line), f) != NULL)
			if ((ino = column(line, 9)) != NULL &&
			    (d = column(line, 12)) != NULL &&
			    strtoull(ino, NULL, 10) ==
			    (unsigned long long)st.st_ino) {
				*drops = strtoull(d, NULL, 10);
				found = 0;
			}
		fclose(f);
	}
	return found;
}

/* SK_MEMINFO_DROPS, the ninth word of SO_MEMINFO, else /proc/net/raw. */
int
sys_drops(int fd, unsigned long long *drops)
{
#if defined(SO_MEMINFO)
	uint32_t m[16];
	socklen_t len = sizeof(m);

	memset(m, 0, sizeof(m));
	if (getsockopt(fd, SOL_SOCKET, SO_MEMINFO, m, &len) == 0 &&
	    len >= 9 * sizeof(uint32_t)) {
		*drops = m[8];
		return 0;
	}
#endif
	return proc_drops(fd, drops);
}
/* proc(5): /proc/sys/net/ipv4/ping_group_range, two numbers, this
 * network namespace's. */
int
sys_ping_groups(long *lo, long *hi)
{
	FILE *f = fopen("/proc/sys/net/ipv4/ping_group_range", "r");
	char line[64], *end, *next;
	int ok;

	if (f == NULL)
		return -1;
	ok = fgets(line, sizeof(line), f) != NULL;
	fclose(f);
	if (!ok)
		return -1;
	*lo = strtol(line, &end, 10);
	*hi = strtol(end, &next, 10);
	return end != line && next != end ? 0 : -1;
}
/*
 * ip(7), ipv6(7): the error queue, read with MSG_ERRQUEUE.  Its control
 * message (IP_RECVERR, or IPV6_RECVERR at level IPPROTO_IPV6) holds a
 * struct sock_extended_err, the offender's address behind it.  Its
 * layout, from <linux/errqueue.h> (written out: musl-gcc has no kernel
 * headers): errno, origin, type, code, a pad byte, info, data.
 */
enum { EE_ERRNO = 0, EE_ORIGIN = 4, EE_TYPE = 5, EE_CODE = 6, EE_INFO = 8,
       EE_LEN = 16, EE_ORIGIN_ICMP = 2, EE_ORIGIN_ICMP6 = 3 };

/* The offender: a sockaddr_in or sockaddr_in6 behind the error. */
static void
offender(const unsigned char *d, size_t n, struct ipaddr *from)
{
	struct sockaddr_in6 s6;
	struct sockaddr_in s4;
	sa_family_t family;

	from->len = 0;
	if (n < EE_LEN + sizeof(family))
		return;
	memcpy(&family, d + EE_LEN, sizeof(family));
	if (family == AF_INET6 && n >= EE_LEN + sizeof(s6)) {
		memcpy(&s6, d + EE_LEN, sizeof(s6));
		from->len = 16;
		memcpy(from->b, &s6.sin6_addr, 16);
	} else if (family == AF_INET && n >= EE_LEN + sizeof(s4)) {
		memcpy(&s4, d + EE_LEN, sizeof(s4));
		from->len = 4;
		memcpy(from->b, &s4.sin_addr, 4);
	}
}

/* The error's control message among those that came (a TTL may come
 * first); NULL when none is whole. */
static const struct cmsghdr *
error_cmsg(const struct msghdr *m)
{
	const struct cmsghdr *c = NULL;

	while ((c = sys_cmsg_next(m, c)) != NULL)
		if (((c->cmsg_level == IPPROTO_IP &&
		    c->cmsg_type == sys_cmsg_types.err4) ||
		    (c->cmsg_level == IPPROTO_IPV6 &&
		    c->cmsg_type == sys_cmsg_types.err6)) &&
		    c->cmsg_len >= CMSG_LEN(EE_LEN))
			return c;
	return NULL;
}

int
sys_recv_error(int fd, uint8_t *buf, size_t cap, size_t *len,
    struct rawsock_error *e)
{
	union {		/* aligned as a cmsghdr, as rawsock.c's room */
		long long align_ll;
		void *align_p;
		size_t align_size;
		char room[256];	/* the error, and what else was asked
				 * for (IP_TTL) */
	} ctl;
	struct iovec iov = { buf, cap };
	struct msghdr m;
	const struct cmsghdr *c;
	const unsigned char *d;
	ssize_t n;
	size_t dl;

	memset(&m, 0, sizeof(m));
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = ctl.room;
	m.msg_controllen = sizeof(ctl.room);
	if ((n = recvmsg(fd, &m, MSG_ERRQUEUE | MSG_DONTWAIT)) < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
	*len = (size_t)n;
	if ((c = error_cmsg(&m)) == NULL)
		return 0;
	d = CMSG_DATA(c);
	dl = c->cmsg_len - CMSG_LEN(0);
	/* A local error (a full queue, a message too long) is not one a
	 * host sent: nothing to show as a ping's error. */
	if (d[EE_ORIGIN] != EE_ORIGIN_ICMP && d[EE_ORIGIN] != EE_ORIGIN_ICMP6)
		return 0;
	e->type = d[EE_TYPE];
	e->code = d[EE_CODE];
	memcpy(&e->info, d + EE_INFO, sizeof(e->info));
	offender(d, dl, &e->from);
	return 1;
}
#endif
