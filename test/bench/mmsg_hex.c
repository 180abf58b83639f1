/*
 * A yardstick for receiver -q > file under a flood: what a receiver can
 * do with the same output, written as tightly as we know how.  recvmmsg
 * (2) takes up to 64 datagrams a call from a non-blocking raw ICMP
 * socket (poll only when it is empty), each is hex-dumped from a table
 * of byte pairs ("45 00 ... 00\n", the receiver's text), and the text
 * goes to standard output with write(2) when 64 KiB are ready or the
 * queue runs dry.  Ends after IDLE-MS with nothing to read.
 *
 *   mmsg_hex IDLE-MS > FILE    prints on stderr: datagrams
 *
 * Linux only (recvmmsg).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* NOLINT: glibc declares sendmmsg and recvmmsg only so */
#endif
#include <sys/socket.h>
#include <netinet/in.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { BATCH = 64, DGRAM = 65535, OUT = 65536 };

static char out[OUT + 3 * DGRAM];
static size_t used;

static void
flush(void)
{
	size_t done = 0;
	ssize_t n;

	while (done < used) {
		if ((n = write(STDOUT_FILENO, out + done, used - done)) < 0)
			err(1, "write");
		done += (size_t)n;
	}
	used = 0;
}

int
main(int argc, char *argv[])
{
	static unsigned char buf[BATCH][DGRAM];
	static char pairs[256][3];
	static const char digits[] = "0123456789ABCDEF";
	struct mmsghdr m[BATCH];
	struct iovec iov[BATCH];
	struct pollfd pfd;
	unsigned long long count = 0;
	int fd, size = 4 << 20, idle, i, n;
	unsigned j;
	char *p;

	if (argc != 2)
		errx(2, "usage: mmsg_hex idle-ms");
	idle = (int)strtol(argv[1], NULL, 10);
	for (i = 0; i < 256; i++) {
		pairs[i][0] = digits[i >> 4];
		pairs[i][1] = digits[i & 15];
		pairs[i][2] = ' ';
	}
	if ((fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)) == -1)
		err(1, "socket");
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == -1)
		err(1, "fcntl");
	memset(m, 0, sizeof(m));
	for (i = 0; i < BATCH; i++) {
		iov[i].iov_base = buf[i];
		iov[i].iov_len = DGRAM;
		m[i].msg_hdr.msg_iov = &iov[i];
		m[i].msg_hdr.msg_iovlen = 1;
	}
	pfd.fd = fd;
	pfd.events = POLLIN;
	for (;;) {
		n = recvmmsg(fd, m, BATCH, 0, NULL);
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			flush();
			if (poll(&pfd, 1, idle) != 1)
				break;
			continue;
		}
		if (n == -1)
			err(1, "recvmmsg");
		for (i = 0; i < n; i++) {
			p = out + used;
			for (j = 0; j < m[i].msg_len; j++, p += 3)
				memcpy(p, pairs[buf[i][j]], 3);
			if (j > 0)
				p[-1] = '\n';
			used = (size_t)(p - out);
			if (used >= OUT)
				flush();
		}
		count += (unsigned long long)n;
	}
	flush();
	fprintf(stderr, "%llu\n", count);
	return 0;
}
