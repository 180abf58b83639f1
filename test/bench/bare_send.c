/*
 * The yardstick for sender -q -c N -i 0: the article's 28 bytes handed to
 * sendto(2) N times in a bare loop, nothing else.  Prints the rate.
 *
 *   bare_send N
 */
#include <sys/socket.h>
#include <netinet/in.h>

#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const unsigned char pkt[28] = {
	0x45, 0, 0, 0, 0, 0, 0, 0, 0x40, 1, 0, 0, 0, 0, 0, 0,
	0x7f, 0, 0, 1, 8, 0, 0xf7, 0xff, 0, 0, 0, 0,
};

int
main(int argc, char *argv[])
{
	struct sockaddr_in to;
	struct timespec t0, t1;
	unsigned long n, i;
	double s;
	int fd;

	if (argc != 2 || (n = strtoul(argv[1], NULL, 10)) == 0)
		errx(2, "usage: bare_send count");
	if ((fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW)) == -1)
		err(1, "socket");
	memset(&to, 0, sizeof(to));
	to.sin_family = AF_INET;
	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++)
		if (sendto(fd, pkt, sizeof(pkt), 0, (struct sockaddr *)&to,
		    sizeof(to)) != sizeof(pkt))
			err(1, "sendto");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	s = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("%lu %.6f %.0f\n", n, s, n / s);
	return 0;
}
