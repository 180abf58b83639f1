/*
 * A yardstick for receiver -q under a flood: the plainest loop, poll(2)
 * then recvmsg(2) for each datagram, counting and nothing else, on a raw
 * ICMP socket with the receive buffer the receiver asks for.  Ends after
 * IDLE-MS with nothing to read.
 *
 *   bare_recv IDLE-MS          prints: datagrams
 */
#include <sys/socket.h>
#include <netinet/in.h>

#include <err.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char *argv[])
{
	static unsigned char buf[65535];
	struct msghdr msg;
	struct iovec iov;
	struct pollfd pfd;
	unsigned long long count = 0;
	int fd, size = 4 << 20, idle;

	if (argc != 2)
		errx(2, "usage: bare_recv idle-ms");
	idle = (int)strtol(argv[1], NULL, 10);
	if ((fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)) == -1)
		err(1, "socket");
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	pfd.fd = fd;
	pfd.events = POLLIN;
	while (poll(&pfd, 1, idle) == 1) {
		memset(&msg, 0, sizeof(msg));
		iov.iov_base = buf;
		iov.iov_len = sizeof(buf);
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		if (recvmsg(fd, &msg, 0) < 0)
			err(1, "recvmsg");
		count++;
	}
	printf("%llu\n", count);
	return 0;
}
