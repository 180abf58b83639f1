/*
 * The Internet checksum (RFC 1071, "Computing the Internet Checksum").
 *
 * The buffer is read one byte at a time and the words assembled by hand,
 * so it may start at any address and have any length: no uint16_t reads
 * of packet bytes (alignment, strict aliasing).  Summing in network byte
 * order gives a result that is simply stored big-endian (RFC 1071 1(B)
 * shows the sum is the same in either order; we pick the one that needs
 * no swap afterwards).
 */
#include "cksum.h"

/* The folded one's complement sum of buf, added to sum. */
static uint32_t
sum16(uint32_t sum, const uint8_t *buf, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2) {
		sum += (uint32_t)buf[i] << 8 | buf[i + 1];
		/* Fold early so a datagram of any length cannot overflow. */
		if (sum > 0xffff)
			sum = (sum & 0xffff) + (sum >> 16);
	}
	if (len % 2 == 1)
		sum += (uint32_t)buf[len - 1] << 8;	/* pad the odd byte */
	while (sum > 0xffff)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum;
}

uint16_t
cksum(const uint8_t *buf, size_t len)
{
	return (uint16_t)~sum16(0, buf, len);
}

uint16_t
cksum_without(const uint8_t *buf, size_t len, size_t at)
{
	uint32_t sum = sum16(0, buf, at);

	if (at + 2 < len)
		sum = sum16(sum, buf + at + 2, len - at - 2);
	while (sum > 0xffff)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}
