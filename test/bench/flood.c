/*
 * The load for make bench: the article's 28-byte echo request handed to
 * the kernel 64 at a time with sendmmsg(2), as fast as it takes them, to
 * 127.0.0.1, for SECONDS or until MAX packets have gone.  Several of
 * these at once overload any one reader.  Prints how many went.
 *
 *   flood SECONDS [MAX]        prints: packets
 *
 * Linux only (sendmmsg).  The header is in the linux layout: total
 * length, id, source and checksum 0, for the kernel to fill (raw(7)).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* NOLINT: glibc declares sendmmsg and recvmmsg only so */
#endif
#include <sys/socket.h>
#include <netinet/in.h>

#include <err.h>
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { BATCH = 64 };

static const unsigned char pkt[28] = {
	0x45, 0, 0, 0, 0, 0, 0, 0, 0x40, 1, 0, 0, 0, 0, 0, 0,
	0x7f, 0, 0, 1, 8, 0, 0xf7, 0xff, 0, 0, 0, 0,
};

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int
main(int argc, char *argv[])
{
	struct mmsghdr m[BATCH];
	struct iovec iov;
	struct sockaddr_in to;
	unsigned long long sent = 0, max = 0;
	double end;
	int fd, i, n, want;

	if (argc < 2 || argc > 3)
		errx(2, "usage: flood seconds [max]");
	end = now() + strtod(argv[1], NULL);
	if (argc == 3)
		max = strtoull(argv[2], NULL, 10);
	if ((fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW)) == -1)
		err(1, "socket");
	memset(&to, 0, sizeof(to));
	to.sin_family = AF_INET;
	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	iov.iov_base = (void *)pkt;
	iov.iov_len = sizeof(pkt);
	memset(m, 0, sizeof(m));
	for (i = 0; i < BATCH; i++) {
		m[i].msg_hdr.msg_name = &to;
		m[i].msg_hdr.msg_namelen = sizeof(to);
		m[i].msg_hdr.msg_iov = &iov;
		m[i].msg_hdr.msg_iovlen = 1;
	}
	while (now() < end && (max == 0 || sent < max)) {
		want = BATCH;
		if (max != 0 && max - sent < BATCH)
			want = (int)(max - sent);
		if ((n = sendmmsg(fd, m, (unsigned)want, 0)) > 0) {
			sent += (unsigned long long)n;
			continue;
		}
		if (n == -1 && errno != ENOBUFS && errno != EINTR)
			err(1, "sendmmsg");
		sched_yield();
	}
	printf("%llu\n", sent);
	return 0;
}
