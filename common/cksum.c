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

/* The pseudo-header's sum: 12 bytes, as RFC 9293 3.1 lays them out. */
static uint32_t
pseudo(const uint8_t src[4], const uint8_t dst[4], unsigned proto,
    size_t len)
{
	uint8_t p[12];

	p[0] = src[0];
	p[1] = src[1];
	p[2] = src[2];
	p[3] = src[3];
	p[4] = dst[0];
	p[5] = dst[1];
	p[6] = dst[2];
	p[7] = dst[3];
	p[8] = 0;
	p[9] = (uint8_t)proto;
	p[10] = (uint8_t)(len >> 8);
	p[11] = (uint8_t)len;
	return sum16(0, p, sizeof(p));
}

uint16_t
cksum_pseudo(const uint8_t src[4], const uint8_t dst[4], unsigned proto,
    const uint8_t *seg, size_t len)
{
	return (uint16_t)~sum16(pseudo(src, dst, proto, len), seg, len);
}

uint16_t
cksum_pseudo_without(const uint8_t src[4], const uint8_t dst[4],
    unsigned proto, const uint8_t *seg, size_t len, size_t at)
{
	uint32_t sum = sum16(pseudo(src, dst, proto, len), seg, at);

	if (at + 2 < len)
		sum = sum16(sum, seg + at + 2, len - at - 2);
	while (sum > 0xffff)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

uint16_t
cksum_pseudo_partial(const uint8_t src[4], const uint8_t dst[4],
    unsigned proto, size_t len)
{
	return (uint16_t)pseudo(src, dst, proto, len);
}

uint16_t
cksum_pseudo6(const uint8_t src[16], const uint8_t dst[16], unsigned next,
    const uint8_t *seg, size_t len)
{
	uint8_t tail[8];
	uint32_t sum;

	tail[0] = (uint8_t)(len >> 24);
	tail[1] = (uint8_t)(len >> 16);
	tail[2] = (uint8_t)(len >> 8);
	tail[3] = (uint8_t)len;
	tail[4] = tail[5] = tail[6] = 0;
	tail[7] = (uint8_t)next;
	sum = sum16(sum16(sum16(0, src, 16), dst, 16), tail, sizeof(tail));
	return (uint16_t)~sum16(sum, seg, len);
}
