/*
 * Raw socket plumbing shared by sender and receiver: what is the same on
 * every system.  What is not (which options a kernel has, how it stamps
 * a datagram, whether it reads a batch in one call, what its loopback
 * is called) is asked of rawsock_sys.h, answered by one file a system.
 *
 * Sources: raw(7) (Linux: IPPROTO_RAW implies IP_HDRINCL; CAP_NET_RAW
 * needed); xnu bsd/netinet/raw_ip.c rip_output (macOS: IP_HDRINCL must
 * be asked for, a wrong-order ip_len gives EINVAL); ip(4) on the BSDs;
 * recvmsg(2), cmsg(3).
 */
#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <net/if.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "iphdr.h"
#include "rawsock.h"
#include "rawsock_sys.h"
#include "sig.h"

/* ENOBUFS: first wait 1 ms, doubling to 100 ms; about 10 s in all. */
enum {
	ENOBUFS_FIRST_NS = 1000000,
	ENOBUFS_LAST_NS = 100000000
};

/* setsockopt for option key k: -1 where the system has none, else
 * setsockopt's answer. */
static int
set_opt(int fd, enum sys_opt k, const void *v, socklen_t len)
{
	const struct sys_sockopt *o = &sys_sockopts[k];

	if (!o->have)
		return -1;
	return setsockopt(fd, o->level, o->name, v, len) == 0 ? 0 :
	    RAWSOCK_FAILED;
}

int
rawsock_open(int proto, int hdrincl, const char *self)
{
	int fd, on = 1, saved;

	(void)self;
	if ((fd = socket(AF_INET, SOCK_RAW, proto)) == -1)
		return -1;
	/*
	 * Linux implies IP_HDRINCL for IPPROTO_RAW (raw(7)); macOS and the
	 * BSDs do not, and without it put a header of their own in front of
	 * ours, protocol 255, without a word.
	 */
	if (hdrincl && layout_rules(LAYOUT_NATIVE)->needs_hdrincl &&
	    setsockopt(fd, IPPROTO_IP, IP_HDRINCL, &on, sizeof(on)) == -1) {
		saved = errno;
		(void)close(fd);
		errno = saved;
		return RAWSOCK_FAILED;
	}
	return fd;
}

int
rawsock_open_as(int family, int type, int proto)
{
	return socket(family, type, proto);
}

int
rawsock_set_nonblocking(int fd)
{
	int fl;

	if ((fl = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, fl | O_NONBLOCK) == -1)
		return -1;
	return 0;
}

int
rawsock_icmp_pass(int fd, uint32_t pass)
{
	uint32_t mask = ~pass;	/* a set bit drops that type */

	return set_opt(fd, SYS_ICMP_FILTER, &mask, sizeof(mask));
}

int
rawsock_report_drops(int fd)
{
	int on = 1;

	return set_opt(fd, SYS_RECVERR, &on, sizeof(on));
}

/* a as a socket address in ss; its length. */
static socklen_t
sockaddr_of(const struct ipaddr *a, struct sockaddr_storage *ss)
{
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)(void *)ss;
	struct sockaddr_in *s4 = (struct sockaddr_in *)(void *)ss;

	memset(ss, 0, sizeof(*ss));
	if (a->len == 16) {
		s6->sin6_family = AF_INET6;
		memcpy(&s6->sin6_addr, a->b, 16);
		return sizeof(*s6);
	}
	s4->sin_family = AF_INET;
	memcpy(&s4->sin_addr, a->b, 4);
	return sizeof(*s4);
}

/* The other way: a socket address's family and address, or len 0. */
static void
ipaddr_of(const struct sockaddr_storage *ss, socklen_t sslen,
    struct ipaddr *a)
{
	const struct sockaddr_in6 *s6 =
	    (const struct sockaddr_in6 *)(const void *)ss;
	const struct sockaddr_in *s4 =
	    (const struct sockaddr_in *)(const void *)ss;

	a->len = 0;
	if (ss->ss_family == AF_INET6 && sslen >= sizeof(*s6)) {
		a->len = 16;
		memcpy(a->b, &s6->sin6_addr, 16);
	} else if (ss->ss_family == AF_INET && sslen >= sizeof(*s4)) {
		a->len = 4;
		memcpy(a->b, &s4->sin_addr, 4);
	}
}

ssize_t
rawsock_sendto(int fd, const uint8_t *buf, size_t len,
    const struct ipaddr *dst, unsigned long long *retries)
{
	struct sockaddr_storage to;
	socklen_t tolen = sockaddr_of(dst, &to);
	struct timespec pause = { 0, ENOBUFS_FIRST_NS };
	unsigned tries = 0;
	ssize_t n;

	for (;;) {
		n = sendto(fd, buf, len, 0, (struct sockaddr *)&to, tolen);
		if (n >= 0)
			return n;
		if (errno == EINTR) {
			if (sig_stop)
				return -1;
			continue;
		}
		if (errno == EAGAIN || errno == EWOULDBLOCK) {
			/* The socket's send buffer is full: wait for room. */
			if (sig_wait_fd(fd, POLLOUT, NULL) < 0)
				return -1;
			continue;
		}
		if (errno != ENOBUFS)
			return RAWSOCK_FAILED;
		/*
		 * An interface queue is full: routine under load on macOS
		 * and the BSDs, and on Linux with IP_RECVERR.  Wait, longer
		 * each time, and try again, as FreeBSD's ping does.
		 */
		if (++tries > RAWSOCK_ENOBUFS_TRIES)
			return RAWSOCK_FAILED;	/* errno is ENOBUFS */
		(*retries)++;
		if (sig_wait_fd(-1, 0, &pause) < 0)
			return -1;
		if (pause.tv_nsec < ENOBUFS_LAST_NS)
			pause.tv_nsec *= 2;
		if (pause.tv_nsec > ENOBUFS_LAST_NS)
			pause.tv_nsec = ENOBUFS_LAST_NS;
	}
}

int
rawsock_icmp6_pass(int fd, const uint8_t *pass, size_t n)
{
	uint32_t f[8];	/* struct icmp6_filter: a bit a type (RFC 3542 3.2) */
	size_t i;

	/* What a set bit means is the system's: pass (KAME's macros, the
	 * BSDs and macOS) or block (Linux's kernel and glibc). */
	memset(f, sys_icmp6_filter_passes ? 0 : 0xff, sizeof(f));
	for (i = 0; i < n; i++)
		f[pass[i] >> 5] ^= (uint32_t)1 << (pass[i] & 31);
	return set_opt(fd, SYS_ICMP6_FILTER, f, sizeof(f)) == 0 ? 0 :
	    RAWSOCK_FAILED;
}

void
rawsock_ancillary(int fd, int family)
{
	int on = 1;

	if (family == AF_INET6) {
		(void)set_opt(fd, SYS_RECV_HOPS6, &on, sizeof(on));
		(void)set_opt(fd, SYS_RECV_DST6, &on, sizeof(on));
	} else {
		(void)set_opt(fd, SYS_RECV_TTL4, &on, sizeof(on));
	}
}

int
rawsock_local_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &len) == -1)
		return -1;
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)(void *)&ss)->sin6_port);
	if (ss.ss_family == AF_INET)
		return ntohs(((struct sockaddr_in *)(void *)&ss)->sin_port);
	return -1;
}

int
rawsock_queue_errors(int fd, int family)
{
	int on = 1;

	return set_opt(fd, family == AF_INET6 ? SYS_RECVERR6 : SYS_RECVERR,
	    &on, sizeof(on));
}

int
rawsock_recv_error(int fd, uint8_t *buf, size_t cap, size_t *len,
    struct rawsock_error *e)
{
	return sys_recv_error(fd, buf, cap, len, e);
}

int
rawsock_bind_port(int fd, int family, unsigned port)
{
	struct sockaddr_storage ss;
	struct ipaddr any;
	socklen_t len;

	memset(&any, 0, sizeof(any));
	any.len = family == AF_INET6 ? 16 : 4;
	len = sockaddr_of(&any, &ss);
	if (family == AF_INET6)
		((struct sockaddr_in6 *)(void *)&ss)->sin6_port =
		    htons((uint16_t)port);
	else
		((struct sockaddr_in *)(void *)&ss)->sin_port =
		    htons((uint16_t)port);
	return bind(fd, (struct sockaddr *)&ss, len);
}

int
rawsock_set_hops(int fd, int family, int hops)
{
	if (family == AF_INET6)
		return setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &hops,
		    sizeof(hops));
	return setsockopt(fd, IPPROTO_IP, IP_TTL, &hops, sizeof(hops));
}

int
rawsock_ping_groups(long *lo, long *hi)
{
	return sys_ping_groups(lo, hi);
}

enum rawsock_lo
rawsock_loopback(void)
{
	struct ifreq ifr;
	enum rawsock_lo lacks = RAWSOCK_LO_FINE;
	int fd;

	if (sys_loopback.name == NULL ||
	    (fd = socket(AF_INET, SOCK_DGRAM, 0)) == -1)
		return RAWSOCK_LO_FINE;
	memset(&ifr, 0, sizeof(ifr));
	(void)snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s",
	    sys_loopback.name);
	/* SIOCGIFADDR fails EADDRNOTAVAIL where there is no address. */
	if (ioctl(fd, sys_loopback.get_flags, &ifr) == 0) {
		if (!(ifr.ifr_flags & IFF_UP))
			lacks = RAWSOCK_LO_DOWN;
		else if (ioctl(fd, sys_loopback.get_addr, &ifr) == -1 &&
		    errno == EADDRNOTAVAIL)
			lacks = RAWSOCK_LO_NO_ADDRESS;
	}
	(void)close(fd);
	return lacks;
}

int
rawsock_route_mtu(const uint8_t dst[4])
{
	const struct sys_sockopt *o = &sys_sockopts[SYS_ROUTE_MTU];
	struct sockaddr_in udp;
	socklen_t len = sizeof(int);
	int fd, mtu = 0;

	if (!o->have || (fd = socket(AF_INET, SOCK_DGRAM, 0)) == -1)
		return 0;
	/* Connected, nothing sent: the kernel looks the route up. */
	memset(&udp, 0, sizeof(udp));
	udp.sin_family = AF_INET;
	udp.sin_port = htons(9);	/* any port */
	memcpy(&udp.sin_addr, dst, 4);
	if (connect(fd, (const struct sockaddr *)&udp, sizeof(udp)) == -1 ||
	    getsockopt(fd, o->level, o->name, &mtu, &len) == -1)
		mtu = 0;
	(void)close(fd);
	return mtu;
}

void
rawsock_timestamps(int fd)
{
	int on = 1;

	(void)set_opt(fd, SYS_STAMP, &on, sizeof(on));
}

int
rawsock_rcvbuf(int fd, int size)
{
	socklen_t len = sizeof(size);

	/* Best effort: a smaller buffer than asked still works. */
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	if (getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, &len) == -1)
		return 0;
	return size;
}

/* Room for the control messages, aligned as a cmsghdr (whose flexible
 * array member keeps it out of a union here). */
union cmsg_room {
	long long align_ll;
	void *align_p;
	size_t align_size;
	char room[SYS_CMSG_ROOM];
};

const struct cmsghdr *
sys_cmsg_next(const struct msghdr *m, const struct cmsghdr *c)
{
	const char *start = m->msg_control, *end = start + m->msg_controllen;
	const char *p = start;

	if (c != NULL)
		p = (const char *)c + CMSG_SPACE(c->cmsg_len - CMSG_LEN(0));
	if (p < start || end - p < (ptrdiff_t)sizeof(struct cmsghdr))
		return NULL;
	c = (const void *)p;
	if (c->cmsg_len < CMSG_LEN(0) || (size_t)(end - p) < c->cmsg_len)
		return NULL;
	return c;
}

/*
 * What a received message's control messages say: its arrival time (0
 * when none), hop limit or TTL, destination and interface, each read
 * only when whole (sys_cmsg_types: the system's numbers for them).
 */
static void
ancillary(const struct msghdr *m, struct rawsock_rx *rx)
{
	const struct sys_cmsg_types *t = &sys_cmsg_types;
	const struct cmsghdr *c = NULL;
	size_t n;
	int v;

	rx->when.tv_sec = 0;
	rx->when.tv_nsec = 0;
	rx->to.len = 0;
	rx->hops = -1;
	rx->ifindex = 0;
	while ((c = sys_cmsg_next(m, c)) != NULL) {
		n = c->cmsg_len - CMSG_LEN(0);
		if (sys_stamp(c, &rx->when) == 0)
			continue;
		if (((c->cmsg_level == IPPROTO_IPV6 &&
		    c->cmsg_type == t->hops6) || (c->cmsg_level == IPPROTO_IP &&
		    c->cmsg_type == t->ttl4)) && n >= sizeof(v)) {
			memcpy(&v, CMSG_DATA(c), sizeof(v));
			rx->hops = v;
		} else if (c->cmsg_level == IPPROTO_IPV6 &&
		    c->cmsg_type == t->dst6 && n >= 16 + sizeof(rx->ifindex)) {
			rx->to.len = 16;
			memcpy(rx->to.b, CMSG_DATA(c), 16);
			memcpy(&rx->ifindex, CMSG_DATA(c) + 16,
			    sizeof(rx->ifindex));
		}
	}
}

int
rawsock_recv_now(int fd, uint8_t (*bufs)[IP_MAXLEN], struct rawsock_rx *rx,
    int max, int headless)
{
	static union cmsg_room ctl[RAWSOCK_BATCH];
	static struct sockaddr_storage from[RAWSOCK_BATCH];
	static struct iovec iov[RAWSOCK_BATCH];
	static struct msghdr m[RAWSOCK_BATCH];
	static size_t len[RAWSOCK_BATCH];
	ssize_t one;
	int i, n;

	/* Only what the kernel changes is set again for each call. */
	for (i = 0; i < max; i++) {
		iov[i].iov_base = bufs[i];
		iov[i].iov_len = IP_MAXLEN;
		m[i].msg_iov = &iov[i];
		m[i].msg_iovlen = 1;
		m[i].msg_name = headless ? &from[i] : NULL;
		m[i].msg_namelen = headless ? sizeof(from[i]) : 0;
		m[i].msg_control = ctl[i].room;
		m[i].msg_controllen = headless ? sizeof(ctl[i].room) :
		    SYS_STAMP_ROOM;
		m[i].msg_flags = 0;
	}
	/* A burst in one system call where there is one; else one. */
	if ((n = sys_recv_batch(fd, m, len, max)) == SYS_NONE) {
		if ((one = recvmsg(fd, &m[0], 0)) >= 0)
			len[0] = (size_t)one;
		n = one < 0 ? -1 : 1;
	}
	if (n < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
	for (i = 0; i < n; i++) {
		rx[i].len = len[i];
		if (headless)
			ipaddr_of(&from[i], m[i].msg_namelen, &rx[i].from);
		else
			rx[i].from.len = 0;
		ancillary(&m[i], &rx[i]);
	}
	return n;
}

int
rawsock_drops(int fd, unsigned long long *drops)
{
	return sys_drops(fd, drops);
}
