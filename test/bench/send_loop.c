/*
 * Yardsticks for sender -q -c N -i 0: an echo request with PAYLOAD
 * bytes after its ICMP header, in the linux layout (the kernel fills
 * total length, id, source and header checksum), handed to sendto(2) N
 * times.
 *
 *   send_loop bare N PAYLOAD   the same bytes every time: the floor
 *   send_loop inc N PAYLOAD    the sequence number goes up by one a
 *                              packet, and the ICMP checksum follows it
 *                              by RFC 1624's HC' = ~(~HC + ~m + m')
 */
#include <sys/socket.h>
#include <netinet/in.h>

#include <err.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint16_t
fold(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}

int
main(int argc, char *argv[])
{
	static unsigned char pkt[65535];
	struct sockaddr_in to;
	unsigned long n, i;
	size_t len, k;
	uint32_t sum = 0;
	uint16_t hc, seq = 0, old;
	int fd, inc;

	if (argc != 4 || (strcmp(argv[1], "bare") != 0 &&
	    strcmp(argv[1], "inc") != 0) ||
	    (n = strtoul(argv[2], NULL, 10)) == 0 ||
	    (len = 28 + strtoul(argv[3], NULL, 10)) > sizeof(pkt))
		errx(2, "usage: send_loop bare|inc count payload-bytes");
	inc = strcmp(argv[1], "inc") == 0;
	pkt[0] = 0x45;
	pkt[8] = 64;
	pkt[9] = 1;
	pkt[16] = 127;
	pkt[19] = 1;
	pkt[20] = 8;
	for (k = 28; k < len; k++)
		pkt[k] = (unsigned char)k;
	for (k = 20; k < len; k += 2)	/* RFC 1071 over the ICMP message */
		sum += (uint32_t)(pkt[k] << 8 | (k + 1 < len ? pkt[k + 1] : 0));
	hc = (uint16_t)~fold(sum);
	pkt[22] = (unsigned char)(hc >> 8);
	pkt[23] = (unsigned char)hc;
	if ((fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW)) == -1)
		err(1, "socket");
	memset(&to, 0, sizeof(to));
	to.sin_family = AF_INET;
	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	for (i = 0; i < n; i++) {
		if (sendto(fd, pkt, len, 0, (struct sockaddr *)&to,
		    sizeof(to)) != (ssize_t)len)
			err(1, "sendto");
		if (!inc)
			continue;
		old = seq++;
		hc = (uint16_t)~fold((uint32_t)(uint16_t)~hc +
		    (uint16_t)~old + seq);
		pkt[22] = (unsigned char)(hc >> 8);
		pkt[23] = (unsigned char)hc;
		pkt[26] = (unsigned char)(seq >> 8);
		pkt[27] = (unsigned char)seq;
	}
	return 0;
}
