/*
 * What sending frames is on every system (linkout.h): the link header
 * a link type wants, waiting for room and for a full queue, waiting for
 * an ARP frame against a deadline.  Each system's calls are in its own
 * linkout_*.c.
 *
 * Sources: RFC 894 (Ethernet II); tcpdump.org's link types and
 * REFERENCE-LAYERS.md (the loopback word: DLT_NULL in the host's order,
 * as FreeBSD's bpf_movein and xnu's lo_output read it; OpenBSD's
 * DLT_LOOP in network order); FreeBSD ping.c (ENOBUFS waited out).
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bytes.h"
#include "clock.h"
#include "ether.h"
#include "frame.h"
#include "linkout.h"
#include "sig.h"

/* The address family a loopback word names for IPv4: 2 on every
 * system (tcpdump's print-null.c takes 2 as IPv4 everywhere). */
enum { LOOP_FAMILY_INET = 2, LOOP_WORD_LEN = 4 };

/* ENOBUFS: first wait 1 ms, doubling to 100 ms (about 10 s in all). */
enum { ENOBUFS_FIRST_NS = 1000000, ENOBUFS_LAST_NS = 100000000 };

int
linkout_open(struct linkout *l, const char *name, unsigned flags,
    const char **what)
{
	memset(l, 0, sizeof(*l));
	l->fd = l->arp_fd = -1;
	return linkout_sys_open(l, name, flags, what);
}

size_t
linkout_header_len(const struct linkout *l)
{
	return l->linktype == LINKTYPE_EN10MB ? ETH_HDRLEN : LOOP_WORD_LEN;
}

void
linkout_header(const struct linkout *l, const uint8_t dst[ND_MAC_LEN],
    uint16_t type, uint8_t *buf)
{
	switch (l->linktype) {
	case LINKTYPE_EN10MB:
		ether_build(buf, dst, l->mac, type);
		return;
	case LINKTYPE_LOOP:	/* OpenBSD: network order */
		put32(buf, LOOP_FAMILY_INET);
		return;
	default:		/* DLT_NULL: the host's order */
		if (host_is_little())
			put_le32(buf, LOOP_FAMILY_INET);
		else
			put32(buf, LOOP_FAMILY_INET);
		return;
	}
}

int
linkout_send(struct linkout *l, const uint8_t *frame, size_t len,
    unsigned long long *retries)
{
	struct timespec pause = { 0, ENOBUFS_FIRST_NS };
	unsigned tries = 0;
	ssize_t n;

	for (;;) {
		if ((n = linkout_sys_send(l, frame, len)) == (ssize_t)len)
			return 0;
		if (n >= 0) {
			errno = EIO;	/* a frame goes whole or not at all */
			return LINKOUT_FAILED;
		}
		if (errno == EINTR) {
			if (sig_stop)
				return -1;
			continue;
		}
		if (errno == EAGAIN || errno == EWOULDBLOCK) {
			if (sig_wait_fd(l->fd, POLLOUT, NULL) < 0)
				return -1;
			continue;
		}
		/* An interface queue is full: wait, longer each time. */
		if (errno != ENOBUFS || ++tries > LINKOUT_ENOBUFS_TRIES)
			return LINKOUT_FAILED;
		(*retries)++;
		if (sig_wait_fd(-1, 0, &pause) < 0)
			return -1;
		pause.tv_nsec *= 2;
		if (pause.tv_nsec > ENOBUFS_LAST_NS)
			pause.tv_nsec = ENOBUFS_LAST_NS;
	}
}

int
linkout_arp_recv(struct linkout *l, uint8_t *buf, size_t max, size_t *n,
    long long deadline_ns)
{
	struct timespec left;
	long long ns;
	int r;

	for (;;) {
		if ((r = linkout_sys_arp_next(l, buf, max, n)) != 0)
			return r == 1 ? 1 : LINKOUT_FAILED;
		if ((ns = deadline_ns - clock_ns()) <= 0)
			return 0;
		left.tv_sec = (time_t)(ns / 1000000000LL);
		left.tv_nsec = (long)(ns % 1000000000LL);
		if (sig_wait_fd(l->arp_fd, POLLIN, &left) < 0)
			return -1;
	}
}

void
linkout_arp_done(struct linkout *l)
{
	if (l->arp_open)
		linkout_sys_arp_done(l);
	l->arp_open = 0;
}

void
linkout_close(struct linkout *l)
{
	if (l->arp_fd != -1 && l->arp_fd != l->fd)
		(void)close(l->arp_fd);
	if (l->fd != -1)
		(void)close(l->fd);
	free(l->rbuf);
	l->rbuf = NULL;
	l->fd = l->arp_fd = -1;
}
