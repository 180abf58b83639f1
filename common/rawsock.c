/*
 * Raw socket plumbing shared by sender and receiver.
 *
 * Sources: raw(7) (Linux: IPPROTO_RAW implies IP_HDRINCL; CAP_NET_RAW
 * needed); xnu bsd/netinet/raw_ip.c rip_output (macOS: IP_HDRINCL must
 * be asked for, a wrong-order ip_len gives EINVAL); ip(4) on the BSDs;
 * recvmmsg(2) (Linux 2.6.33, FreeBSD 11, NetBSD 7).
 */
#if defined(__linux__)
#define _GNU_SOURCE	/* NOLINT: glibc and musl declare recvmmsg only so */
#endif
#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>
#if !defined(__linux__)
#include <sys/sockio.h>	/* SIOCGIFFLAGS, SIOCGIFADDR */
#endif
#include <net/if.h>
#include <netinet/in.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "iphdr.h"
#include "out.h"
#include "parse.h"
#include "rawsock.h"
#include "sig.h"

/* ENOBUFS: first wait 1 ms, doubling to 100 ms; about 10 s in all. */
enum {
	ENOBUFS_FIRST_NS = 1000000,
	ENOBUFS_LAST_NS = 100000000,
	ENOBUFS_TRIES = 107
};

#if defined(__linux__) && !defined(SO_MEMINFO) && !defined(__sparc__) && \
    !defined(__hppa__) && !defined(__alpha__)
/* socket(7): 55 on every Linux architecture but these three; a libc
 * without the kernel's headers may not say it. */
#define SO_MEMINFO 55
#endif

/*
 * This system's commands for the hints below: Linux's iproute2, and the
 * ifconfig(8) and route(8) of macOS and the BSDs.  Nothing else in the
 * messages depends on the system.
 */
#if defined(__linux__)
#define CMD_LO_UP "ip link set lo up"
#define CMD_LO_ADDR "ip addr add 127.0.0.1/8 dev lo"
#define CMD_ROUTE_GET "ip route get"
#define NEEDS_PRIVILEGE "root or CAP_NET_RAW: run it with sudo, give " \
	"the program the capability ('sudo setcap cap_net_raw+ep %s'), " \
	"or run both programs in one private namespace: 'unshare -rn sh', " \
	"then '" CMD_LO_UP "' and both from that shell"
#else
#define CMD_LO_UP "ifconfig lo0 up"
#define CMD_LO_ADDR "ifconfig lo0 inet 127.0.0.1 netmask 255.0.0.0"
#define CMD_ROUTE_GET "route get"
#define NEEDS_PRIVILEGE "root: run %s with sudo"
#endif

int
rawsock_open(int proto, int hdrincl, const char *self)
{
	int fd, on = 1;

	if ((fd = socket(AF_INET, SOCK_RAW, proto)) == -1) {
		if (errno == EPERM || errno == EACCES)
			warnx("socket: %s: a raw socket needs " NEEDS_PRIVILEGE,
			    strerror(errno), self);
		else
			warn("socket");
		return -1;
	}
	/*
	 * Linux implies IP_HDRINCL for IPPROTO_RAW (raw(7)); macOS and the
	 * BSDs do not, and without it put a header of their own in front of
	 * ours, protocol 255, without a word.
	 */
	if (hdrincl && layout_rules(LAYOUT_NATIVE)->needs_hdrincl &&
	    setsockopt(fd, IPPROTO_IP, IP_HDRINCL, &on, sizeof(on)) == -1) {
		warn("setsockopt IP_HDRINCL");
		(void)close(fd);
		return -1;
	}
	return fd;
}

#if defined(__linux__)
/*
 * raw(7): setsockopt(fd, SOL_RAW, ICMP_FILTER, &mask, 4), a set bit
 * dropping that ICMP type.  The value is <linux/icmp.h>'s, which a libc
 * without the kernel's headers (musl-gcc, Alpine without linux-headers)
 * lacks; SOL_RAW is 255 on every Linux architecture.
 */
#define LINUX_ICMP_FILTER 1
#ifndef SOL_RAW
#define SOL_RAW 255
#endif
#endif

int
rawsock_icmp_pass(int fd, uint32_t pass)
{
#ifdef LINUX_ICMP_FILTER
	uint32_t mask = ~pass;	/* a set bit drops that type */

	if (setsockopt(fd, SOL_RAW, LINUX_ICMP_FILTER, &mask,
	    sizeof(mask)) == -1)
		err(1, "setsockopt ICMP_FILTER");
	return 0;
#else
	(void)fd;
	(void)pass;
	return -1;
#endif
}

/* What the loopback interface lacks when a datagram to 127/8 finds no
 * route. */
enum lo_lack { LO_FINE, LO_DOWN, LO_NO_ADDRESS };

/* Its name: Linux's lo, the others' lo0. */
#if defined(__linux__)
#define LOOPBACK_NAME "lo"
#else
#define LOOPBACK_NAME "lo0"
#endif

/*
 * Which, asked of the interface itself (netdevice(7), SIOCGIFFLAGS and
 * SIOCGIFADDR, which fails EADDRNOTAVAIL with no address; the BSDs and
 * macOS have both).  Not getifaddrs(3): musl's reads netlink, which
 * qemu-user does not translate for a big-endian guest, and it never
 * returns there.  LO_FINE too when it cannot be told.
 */
static enum lo_lack
loopback_lacks(void)
{
	struct ifreq ifr;
	enum lo_lack lacks = LO_FINE;
	int fd;

	if ((fd = socket(AF_INET, SOCK_DGRAM, 0)) == -1)
		return LO_FINE;
	memset(&ifr, 0, sizeof(ifr));
	(void)snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s",
	    LOOPBACK_NAME);
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0) {
		if (!(ifr.ifr_flags & IFF_UP))
			lacks = LO_DOWN;
		else if (ioctl(fd, SIOCGIFADDR, &ifr) == -1 &&
		    errno == EADDRNOTAVAIL)
			lacks = LO_NO_ADDRESS;
	}
	(void)close(fd);
	return lacks;
}

#if defined(__linux__) && defined(IP_MTU)
/* The MTU of the route to dst, from a connected UDP socket (ip(7),
 * IP_MTU); 0 if it cannot be had. */
static int
route_mtu(const struct sockaddr_in *to)
{
	struct sockaddr_in udp = *to;
	socklen_t len = sizeof(int);
	int fd, mtu = 0;

	udp.sin_port = htons(9);	/* any port: nothing is sent */
	if ((fd = socket(AF_INET, SOCK_DGRAM, 0)) == -1)
		return 0;
	if (connect(fd, (const struct sockaddr *)&udp, sizeof(udp)) == -1 ||
	    getsockopt(fd, IPPROTO_IP, IP_MTU, &mtu, &len) == -1)
		mtu = 0;
	(void)close(fd);
	return mtu;
}
#endif

/*
 * EMSGSIZE: a datagram over the route's MTU.  With IP_HDRINCL Linux
 * sends it whole or not at all: raw_send_hdrinc refuses what exceeds
 * the MTU (net/ipv4/raw.c), it never fragments a header of ours.
 */
static void
too_big(size_t len, const struct sockaddr_in *dst, const char *e)
{
#if defined(__linux__) && defined(IP_MTU)
	int mtu = route_mtu(dst);

	if (mtu > 0) {
		warnx("sendto: %s: %zu bytes is more than the MTU of the "
		    "route (%d), and Linux does not fragment a datagram "
		    "whose header is ours (IP_HDRINCL): send a shorter one "
		    "(-p), or fragments of your own (--mf, --frag-offset)",
		    e, len, mtu);
		return;
	}
#else
	(void)dst;
#endif
	warnx("sendto: %s: %zu bytes is more than this kernel sends in one "
	    "datagram here: send a shorter one (-p), or fragments of your "
	    "own (--mf, --frag-offset)", e, len);
}

/* The errors a reader will meet on sending, each explained on stderr. */
static int
send_failed(size_t len, ssize_t n, const struct sockaddr_in *dst)
{
	const uint8_t *d = (const uint8_t *)&dst->sin_addr;
	const char *e = strerror(errno);
	enum lo_lack lacks;
	char to[16];
	int saved = errno;

	/* The bytes printed before the send show before the reason. */
	out_flush();
	errno = saved;
	if (n >= 0) {
		warnx("sendto: sent %zd of %zu bytes", n, len);
		return RAWSOCK_FAILED;
	}
	(void)ipv4_text(d, to);
	if (errno == ENETUNREACH && d[0] == 127 &&
	    (lacks = loopback_lacks()) != LO_FINE)
		warnx("sendto: %s: the loopback interface %s", e,
		    lacks == LO_DOWN ? "is down ('" CMD_LO_UP "')" :
		    "is up but has no IPv4 address ('" CMD_LO_ADDR "')");
	else if (errno == ENETUNREACH || errno == EHOSTUNREACH)
		warnx("sendto: %s: no route to %s here ('" CMD_ROUTE_GET
		    " %s' says why)", e, to, to);
	else if (errno == EACCES && d[3] == 255)
		warnx("sendto: %s: %s looks like a broadcast address, and "
		    "sending to one needs SO_BROADCAST, which the sender "
		    "does not set", e, to);
	else if (errno == EPERM || errno == EACCES)
		warnx("sendto: %s: a firewall rule may be dropping it", e);
	else if (errno == EMSGSIZE)
		too_big(len, dst, e);
	else if (errno == EINVAL)
#if defined(__linux__)
		warnx("sendto: %s: the route to %s may be a blackhole or "
		    "prohibit route ('" CMD_ROUTE_GET " %s' says)", e, to, to);
#else
		warnx("sendto: %s: this kernel checks total length and "
		    "fragment offset in its own byte order (-l %s here)", e,
		    layout_name(LAYOUT_NATIVE));
#endif
	else
		warn("sendto");
	return RAWSOCK_FAILED;
}

void
rawsock_set_nonblocking(int fd)
{
	int fl;

	if ((fl = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, fl | O_NONBLOCK) == -1)
		err(1, "fcntl O_NONBLOCK");
}

void
rawsock_report_drops(int fd)
{
#if defined(__linux__) && defined(IP_RECVERR)
	int on = 1;

	/*
	 * Without IP_RECVERR Linux counts a datagram its queue discipline
	 * dropped as sent (raw_send_hdrinc turns ENOBUFS into success);
	 * with it, sendto says ENOBUFS and we can wait and try again.
	 */
	if (setsockopt(fd, IPPROTO_IP, IP_RECVERR, &on, sizeof(on)) == -1)
		warn("setsockopt IP_RECVERR: queue drops will not be seen");
#else
	(void)fd;
#endif
}

int
rawsock_send(int fd, const uint8_t *buf, size_t len, const uint8_t dst[4],
    unsigned long long *retries)
{
	struct sockaddr_in to;
	struct timespec pause = { 0, ENOBUFS_FIRST_NS };
	unsigned tries = 0;
	ssize_t n;

	memset(&to, 0, sizeof(to));
	to.sin_family = AF_INET;
	memcpy(&to.sin_addr, dst, 4);
	for (;;) {
		n = sendto(fd, buf, len, 0, (struct sockaddr *)&to, sizeof(to));
		if (n == (ssize_t)len)
			return 0;
		if (n >= 0)
			return send_failed(len, n, &to);
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
			return send_failed(len, n, &to);
		/*
		 * An interface queue is full: routine under load on macOS
		 * and the BSDs, and on Linux with IP_RECVERR.  Wait, longer
		 * each time, and try again, as FreeBSD's ping does.
		 */
		if (++tries > ENOBUFS_TRIES) {
			warnx("sendto: %s: still, after %u tries over about "
			    "%d seconds", strerror(ENOBUFS), ENOBUFS_TRIES,
			    ENOBUFS_TRIES / 10);
			return RAWSOCK_FAILED;
		}
		(*retries)++;
		if (sig_wait_fd(-1, 0, &pause) < 0)
			return -1;
		if (pause.tv_nsec < ENOBUFS_LAST_NS)
			pause.tv_nsec *= 2;
		if (pause.tv_nsec > ENOBUFS_LAST_NS)
			pause.tv_nsec = ENOBUFS_LAST_NS;
	}
}

#if defined(__linux__)
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
 * The drop count from /proc/net/raw (proc(5)): the line whose inode is
 * this socket's, drops in its last column.  For where SO_MEMINFO is
 * refused (kernels before 3.9; qemu-user, which does not pass it on).
 */
static int
proc_drops(int fd, unsigned long long *drops)
{
	char line[512];
	const char *ino, *d;
	struct stat st;
	FILE *f;
	int found = -1;

	if (fstat(fd, &st) == -1 || (f = fopen("/proc/net/raw", "r")) == NULL)
		return -1;
	/* Columns: sl, local, remote, st, queues, tr, retrnsmt, uid,
	 * timeout, inode (9), ref, pointer, drops (12). */
	while (found == -1 && fgets(line, sizeof(line), f) != NULL)
		if ((ino = column(line, 9)) != NULL &&
		    (d = column(line, 12)) != NULL &&
		    strtoull(ino, NULL, 10) == (unsigned long long)st.st_ino) {
			*drops = strtoull(d, NULL, 10);
			found = 0;
		}
	fclose(f);
	return found;
}
#endif

int
rawsock_drops(int fd, unsigned long long *drops)
{
#if defined(__linux__)
	/*
	 * The kernel's own count of datagrams this socket dropped, from
	 * its creation on: SK_MEMINFO_DROPS, the ninth word (socket(7)
	 * SO_MEMINFO, Linux 3.9), else the drops column of /proc/net/raw.
	 */
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
#else
	(void)fd;
	(void)drops;
	return -1;
#endif
}

/*
 * Arrival times: Linux stamps in nanoseconds (SO_TIMESTAMPNS, socket(7));
 * macOS and the BSDs in microseconds (SO_TIMESTAMP, getsockopt(2)).
 */
#if defined(SO_TIMESTAMPNS)
#define STAMP_OPT SO_TIMESTAMPNS
#define STAMP_MSG SCM_TIMESTAMPNS
typedef struct timespec stamp_t;
#define STAMP_NSEC(t) ((long)(t).tv_nsec)
#else
#define STAMP_OPT SO_TIMESTAMP
#define STAMP_MSG SCM_TIMESTAMP
typedef struct timeval stamp_t;
#define STAMP_NSEC(t) ((long)(t).tv_usec * 1000L)
#endif

void
rawsock_timestamps(int fd)
{
	int on = 1;

	(void)setsockopt(fd, SOL_SOCKET, STAMP_OPT, &on, sizeof(on));
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

/* Room for one time stamp's control message, aligned as a cmsghdr
 * (whose flexible array member keeps it out of a union here). */
union stamp_room {
	long long align_ll;
	void *align_p;
	size_t align_size;
	char room[CMSG_SPACE(sizeof(stamp_t))];
};

/* The arrival time a received message carries; 0 when it has none. */
static void
arrival(struct msghdr *m, struct timespec *when)
{
	struct cmsghdr *c;
	stamp_t t;

	/* The time stamp is the only control message asked for, so the
	 * first is the one (musl's CMSG_NXTHDR draws a sign warning). */
	c = CMSG_FIRSTHDR(m);
	if (c != NULL && c->cmsg_level == SOL_SOCKET &&
	    c->cmsg_type == STAMP_MSG && c->cmsg_len >= CMSG_LEN(sizeof(t))) {
		memcpy(&t, CMSG_DATA(c), sizeof(t));
		when->tv_sec = t.tv_sec;
		when->tv_nsec = STAMP_NSEC(t);
		return;
	}
	when->tv_sec = 0;
	when->tv_nsec = 0;
}

int
rawsock_recv_now(int fd, uint8_t (*bufs)[IP_MAXLEN], struct rawsock_rx *rx,
    int max)
{
	static union stamp_room ctl[RAWSOCK_BATCH];
	static struct iovec iov[RAWSOCK_BATCH];
#if defined(__linux__) || defined(__FreeBSD__) || defined(__NetBSD__)
	/* A burst in one system call: recvmmsg(2). */
	static struct mmsghdr m[RAWSOCK_BATCH];
	int i, n;

	/* Only what the kernel changes is set again for each call. */
	for (i = 0; i < max; i++) {
		iov[i].iov_base = bufs[i];
		iov[i].iov_len = IP_MAXLEN;
		m[i].msg_hdr.msg_iov = &iov[i];
		m[i].msg_hdr.msg_iovlen = 1;
		m[i].msg_hdr.msg_control = ctl[i].room;
		m[i].msg_hdr.msg_controllen = sizeof(ctl[i].room);
		m[i].msg_hdr.msg_flags = 0;
	}
	if ((n = recvmmsg(fd, m, (unsigned)max, 0, NULL)) <= 0)
		return n == 0 ? 0 : (errno == EAGAIN || errno ==
		    EWOULDBLOCK ? 0 : -1);
	for (i = 0; i < n; i++) {
		rx[i].len = m[i].msg_len;
		arrival(&m[i].msg_hdr, &rx[i].when);
	}
	return n;
#else
	struct msghdr m;
	ssize_t n;

	(void)max;
	iov[0].iov_base = bufs[0];
	iov[0].iov_len = IP_MAXLEN;
	memset(&m, 0, sizeof(m));
	m.msg_iov = &iov[0];
	m.msg_iovlen = 1;
	m.msg_control = ctl[0].room;
	m.msg_controllen = sizeof(ctl[0].room);
	if ((n = recvmsg(fd, &m, 0)) < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
	rx[0].len = (size_t)n;
	arrival(&m, &rx[0].when);
	return 1;
#endif
}
