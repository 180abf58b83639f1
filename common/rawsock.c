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
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
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

int
rawsock_open(int proto, int hdrincl, const char *self)
{
	int fd, on = 1;

	if ((fd = socket(AF_INET, SOCK_RAW, proto)) == -1) {
		if (errno == EPERM || errno == EACCES)
			errx(1, "socket: %s: a raw socket needs root or "
			    "CAP_NET_RAW; try sudo, 'sudo setcap cap_net_raw+ep "
			    "%s', or both programs in one private namespace: "
			    "scripts/two-terminals.sh, or 'unshare -rn sh', "
			    "then 'ip link set lo up' and both in that shell",
			    strerror(errno), self);
		err(1, "socket");
	}
	/*
	 * Linux implies IP_HDRINCL for IPPROTO_RAW (raw(7)); macOS and the
	 * BSDs do not, and without it put a header of their own in front of
	 * ours, protocol 255, without a word.
	 */
	if (hdrincl && layout_rules(LAYOUT_NATIVE)->needs_hdrincl &&
	    setsockopt(fd, IPPROTO_IP, IP_HDRINCL, &on, sizeof(on)) == -1)
		err(1, "setsockopt IP_HDRINCL");
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
rawsock_only_echo_replies(int fd)
{
#ifdef LINUX_ICMP_FILTER
	uint32_t mask = ~(uint32_t)1;	/* all but type 0, the reply */

	if (setsockopt(fd, SOL_RAW, LINUX_ICMP_FILTER, &mask,
	    sizeof(mask)) == -1)
		err(1, "setsockopt ICMP_FILTER");
	return 0;
#else
	(void)fd;
	return -1;
#endif
}

/* The errors a reader will meet on sending, each explained; exit 1. */
static void
send_failed(size_t len, ssize_t n, const uint8_t dst[4])
{
	char to[16];

	if (n >= 0)
		errx(1, "sendto: sent %zd of %zu bytes", n, len);
	(void)ipv4_text(dst, to);
	if (errno == ENETUNREACH && dst[0] == 127)
		errx(1, "sendto: %s: is the loopback interface up? In a new "
		    "network namespace it starts down: 'ip link set lo up'",
		    strerror(errno));
	if (errno == ENETUNREACH || errno == EHOSTUNREACH)
		errx(1, "sendto: %s: no route to %s here ('ip route get %s' "
		    "says why)", strerror(errno), to, to);
	if (errno == EACCES && dst[3] == 255)
		errx(1, "sendto: %s: %s looks like a broadcast address, and "
		    "sending to one needs SO_BROADCAST, which the sender "
		    "does not set", strerror(errno), to);
	if (errno == EPERM || errno == EACCES)
		errx(1, "sendto: %s: a firewall rule may be dropping it",
		    strerror(errno));
#if defined(__linux__)
	if (errno == EINVAL)
		errx(1, "sendto: %s: the route to %s may be a blackhole or "
		    "prohibit route ('ip route get %s' says)", strerror(errno),
		    to, to);
#else
	if (errno == EINVAL)
		errx(1, "sendto: %s: this kernel wants total length and "
		    "fragment offset in host byte order, as macOS does "
		    "(try -l darwin)", strerror(errno));
#endif
	err(1, "sendto");
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
			send_failed(len, n, dst);
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
			send_failed(len, n, dst);
		/*
		 * An interface queue is full: routine under load on macOS
		 * and the BSDs, and on Linux with IP_RECVERR.  Wait, longer
		 * each time, and try again, as FreeBSD's ping does.
		 */
		if (++tries > ENOBUFS_TRIES)
			errx(1, "sendto: %s: still, after %u tries over about "
			    "%d seconds", strerror(ENOBUFS), ENOBUFS_TRIES,
			    ENOBUFS_TRIES / 10);
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
 * Up to max datagrams at once, each into its own buffer: one system call
 * for a burst where the system has recvmmsg, one recv(2) elsewhere.
 * Returns how many, 0 when none is queued, -1 (errno) on failure.
 */
static int
recv_some(int fd, uint8_t (*bufs)[IP_MAXLEN], size_t *lens, int max)
{
#if defined(__linux__) || defined(__FreeBSD__) || defined(__NetBSD__)
	static struct mmsghdr m[RAWSOCK_BATCH];
	static struct iovec iov[RAWSOCK_BATCH];
	int i, n;

	for (i = 0; i < max; i++) {
		iov[i].iov_base = bufs[i];
		iov[i].iov_len = IP_MAXLEN;
		memset(&m[i], 0, sizeof(m[i]));
		m[i].msg_hdr.msg_iov = &iov[i];
		m[i].msg_hdr.msg_iovlen = 1;
	}
	if ((n = recvmmsg(fd, m, (unsigned)max, 0, NULL)) <= 0)
		return n == 0 ? 0 : (errno == EAGAIN || errno ==
		    EWOULDBLOCK ? 0 : -1);
	for (i = 0; i < n; i++)
		lens[i] = m[i].msg_len;
	return n;
#else
	ssize_t n;

	(void)max;
	if ((n = recv(fd, bufs[0], IP_MAXLEN, 0)) < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
	lens[0] = (size_t)n;
	return 1;
#endif
}

int
rawsock_recv(int fd, uint8_t (*bufs)[IP_MAXLEN], size_t *lens, int max,
    int timeout_ms, int *timed_out)
{
	struct timespec limit, *lp = NULL;
	int n;

	*timed_out = 0;
	if (timeout_ms >= 0) {
		limit.tv_sec = timeout_ms / 1000;
		limit.tv_nsec = (long)(timeout_ms % 1000) * 1000000L;
		lp = &limit;
	}
	for (;;) {
		if (sig_stop)
			return -1;
		/* The socket is non-blocking (rawsock_set_nonblocking). */
		if ((n = recv_some(fd, bufs, lens, max)) > 0)
			return n;
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			err(1, "recv");
		/* Nothing queued: show what we have, then wait. */
		out_flush();
		switch (sig_wait_fd(fd, POLLIN, lp)) {
		case -1:
			return -1;
		case 0:
			*timed_out = 1;
			return -1;
		}
	}
}
