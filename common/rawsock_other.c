/*
 * rawsock_sys.h for a system neither Linux nor a BSD: every answer a
 * stub.  The programs still open raw sockets, send and receive; they
 * do without arrival times from the kernel, batches, drop counts, the
 * loopback's state and the route's MTU in their messages.
 */
#include "rawsock_sys.h"

#if defined(RAWSOCK_SYS_OTHER)
const struct sys_sockopt sys_sockopts[SYS_OPT_COUNT] = {
	[SYS_RECVERR] = { 0, 0, 0 },
	[SYS_ICMP_FILTER] = { 0, 0, 0 },
	[SYS_STAMP] = { 0, 0, 0 },
	[SYS_ROUTE_MTU] = { 0, 0, 0 },
	[SYS_RECV_HOPS6] = { 0, 0, 0 },
	[SYS_RECV_DST6] = { 0, 0, 0 },
	[SYS_RECV_TTL4] = { 0, 0, 0 },
	[SYS_RECVERR6] = { 0, 0, 0 },
	[SYS_ICMP6_FILTER] = { 0, 0, 0 },
};

const int sys_icmp6_filter_passes = 1;

const struct sys_loopback sys_loopback = { NULL, 0, 0 };

int
sys_stamp(const struct cmsghdr *c, struct timespec *when)
{
	(void)c;
	(void)when;
	return -1;
}

const struct sys_cmsg_types sys_cmsg_types = { -1, -1, -1, -1, -1 };

int
sys_recv_batch(int fd, struct msghdr *m, size_t *len, int max)
{
	(void)fd;
	(void)m;
	(void)len;
	(void)max;
	return SYS_NONE;
}

int
sys_drops(int fd, unsigned long long *drops)
{
	(void)fd;
	(void)drops;
	return -1;
}
/* No such setting known on a system that is neither Linux nor a BSD. */
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
