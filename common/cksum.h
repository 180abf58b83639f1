/*
 * The Internet checksum of RFC 1071, over a plain byte buffer.
 */
#ifndef CKSUM_H
#define CKSUM_H

#include <stddef.h>
#include <stdint.h>

/*
 * The one's complement of the one's complement sum of buf, read as
 * big-endian 16-bit words (a last odd byte is padded with a zero).
 * Store the result big-endian in a zeroed checksum field and the checksum
 * over the whole buffer becomes 0: that is how a receiver verifies it.
 */
uint16_t cksum(const uint8_t *buf, size_t len);

/*
 * The checksum buf should carry in the 16-bit field at the even offset
 * at: the checksum with those two bytes taken as zero.
 */
uint16_t cksum_without(const uint8_t *buf, size_t len, size_t at);

#endif
