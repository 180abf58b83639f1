/*
 * The yardstick for receiver -q: a bare recv(2) loop on a raw ICMP
 * socket that only counts, with the same receive buffer as the receiver
 * asks for, the kernel's drop counter on, and an idle time-out to end.
 *
 *   bare_recv IDLE-MS      prints: datagrams drops
 */
#include <sys/socket.h>
#include <netinet/in.h>

#include <err.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char *argv[])
{
	static unsigned char buf[65535];
	char ctl[CMSG_SPACE(sizeof(uint32_t))];
	struct msghdr msg;
	struct iovec iov;
	struct cmsghdr *c;
	struct pollfd pfd;
	unsigned long count = 0;
	uint32_t drops = 0;
	int fd, size = 4 << 20, on = 1, idle;

	if (argc != 2)
		errx(2, "usage: bare_recv idle-ms");
	idle = atoi(argv[1]);
	if ((fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)) == -1)
		err(1, "socket");
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	setsockopt(fd, SOL_SOCKET, SO_RXQ_OVFL, &on, sizeof(on));
	fprintf(stderr, "ready\n");
	pfd.fd = fd;
	pfd.events = POLLIN;
	while (poll(&pfd, 1, idle) == 1) {
		memset(&msg, 0, sizeof(msg));
		iov.iov_base = buf;
		iov.iov_len = sizeof(buf);
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_control = ctl;
		msg.msg_controllen = sizeof(ctl);
		if (recvmsg(fd, &msg, 0) < 0)
			err(1, "recvmsg");
		count++;
		for (c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
			if (c->cmsg_type == SO_RXQ_OVFL)
				memcpy(&drops, CMSG_DATA(c), sizeof(drops));
	}
	printf("%lu %u\n", count, drops);
	return 0;
}
