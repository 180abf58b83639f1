/*
 * Raw socket plumbing shared by sender and receiver.
 *
 * Sources: raw(7) (Linux: IPPROTO_RAW implies IP_HDRINCL; CAP_NET_RAW
 * needed); xnu bsd/netinet/raw_ip.c rip_output (macOS: IP_HDRINCL must
 * be asked for, a wrong-order ip_len gives EINVAL); ip(4) on the BSDs.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <netinet/in.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "iphdr.h"
#include "out.h"
#include "rawsock.h"
#include "sig.h"

int
rawsock_open(int proto, int hdrincl, const char *self)
{
	int fd, on = 1;

	if ((fd = socket(AF_INET, SOCK_RAW, proto)) == -1) {
		if (errno == EPERM || errno == EACCES)
			errx(1, "socket: %s: a raw socket needs root or "
			    "CAP_NET_RAW; try sudo, 'sudo setcap cap_net_raw+ep "
			    "%s', or 'unshare -rn'", strerror(errno),
			    self);
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

void
rawsock_send(int fd, const uint8_t *buf, size_t len, const uint8_t dst[4])
{
	struct sockaddr_in to;
	ssize_t n;

	memset(&to, 0, sizeof(to));
	to.sin_family = AF_INET;
	memcpy(&to.sin_addr, dst, 4);
	n = sendto(fd, buf, len, 0, (struct sockaddr *)&to, sizeof(to));
	if (n == (ssize_t)len)
		return;
	if (n >= 0)
		errx(1, "sendto: sent %zd of %zu bytes", n, len);
	if (errno == ENETUNREACH)
		errx(1, "sendto: %s: is the loopback interface up? In a new "
		    "network namespace it starts down: 'ip link set lo up'",
		    strerror(errno));
	if (errno == EPERM || errno == EACCES)
		errx(1, "sendto: %s: a firewall rule may be dropping it",
		    strerror(errno));
#if !defined(__linux__)
	if (errno == EINVAL)
		errx(1, "sendto: %s: this kernel wants total length and "
		    "fragment offset in host byte order, as macOS does "
		    "(try -l darwin)", strerror(errno));
#endif
	err(1, "sendto");
}

/*
 * recv(2), and on Linux the kernel's count of datagrams this socket has
 * dropped for want of buffer space, which SO_RXQ_OVFL attaches to each
 * datagram (socket(7)).
 */
static ssize_t
recv_counting(int fd, uint8_t *buf, size_t cap, uint32_t *drops)
{
#ifdef SO_RXQ_OVFL
	union {
		struct cmsghdr align;
		char space[CMSG_SPACE(sizeof(uint32_t))];
	} control;
	struct cmsghdr *c;
	struct msghdr msg;
	struct iovec iov;
	ssize_t n;

	memset(&msg, 0, sizeof(msg));
	iov.iov_base = buf;
	iov.iov_len = cap;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = control.space;
	msg.msg_controllen = sizeof(control.space);
	if ((n = recvmsg(fd, &msg, 0)) < 0)
		return n;
	/* The one control message asked for: no CMSG_NXTHDR walk, whose
	 * musl form draws a sign-compare warning from clang. */
	if ((c = CMSG_FIRSTHDR(&msg)) != NULL &&
	    c->cmsg_level == SOL_SOCKET &&
	    c->cmsg_type == SO_RXQ_OVFL &&
	    c->cmsg_len >= CMSG_LEN(sizeof(uint32_t)))
		memcpy(drops, CMSG_DATA(c), sizeof(uint32_t));
	return n;
#else
	(void)drops;
	return recv(fd, buf, cap, 0);
#endif
}

ssize_t
rawsock_recv(int fd, uint8_t *buf, size_t cap, int timeout_ms,
    int *timed_out, uint32_t *drops)
{
	struct pollfd pfd;
	ssize_t n;
	int flags;

	*timed_out = 0;
	/* Non-blocking reads tell us when the queue is empty. */
	if ((flags = fcntl(fd, F_GETFL)) == -1 ||
	    (!(flags & O_NONBLOCK) &&
	    fcntl(fd, F_SETFL, flags | O_NONBLOCK) == -1))
		err(1, "fcntl");
	for (;;) {
		if (sig_stop)
			return -1;
		if ((n = recv_counting(fd, buf, cap, drops)) >= 0)
			return n;
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			err(1, "recv");
		/* Nothing queued: show what we have, then wait. */
		out_flush();
		pfd.fd = fd;
		pfd.events = POLLIN;
		switch (poll(&pfd, 1, timeout_ms)) {
		case -1:
			if (errno != EINTR)
				err(1, "poll");
			break;
		case 0:
			*timed_out = 1;
			return -1;
		}
	}
}
