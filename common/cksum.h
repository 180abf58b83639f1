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

/*
 * The same over a TCP or UDP segment of len bytes with the pseudo-header
 * in front of it (RFC 9293 3.1, RFC 768): source, destination, a zero
 * byte, the protocol and len, as 16-bit words.  cksum_pseudo is 0 when
 * the segment's checksum is right; cksum_pseudo_without is what the
 * field at offset at should hold.
 */
uint16_t cksum_pseudo(const uint8_t src[4], const uint8_t dst[4],
    unsigned proto, const uint8_t *seg, size_t len);
uint16_t cksum_pseudo_without(const uint8_t src[4], const uint8_t dst[4],
    unsigned proto, const uint8_t *seg, size_t len, size_t at);

/*
 * The pseudo-header's own sum, folded and not complemented: what Linux
 * leaves in the field of a segment whose checksum it hands to the
 * network card to finish (CHECKSUM_PARTIAL; on loopback nobody does).
 */
uint16_t cksum_pseudo_partial(const uint8_t src[4], const uint8_t dst[4],
    unsigned proto, size_t len);

/*
 * The same over IPv6's pseudo-header (RFC 8200 8.1): source and
 * destination, 16 bytes each, the upper-layer length as 32 bits, three
 * zero bytes and the next header; ICMPv6's checksum covers it too (RFC
 * 4443 2.3).
 */
uint16_t cksum_pseudo6(const uint8_t src[16], const uint8_t dst[16],
    unsigned next, const uint8_t *seg, size_t len);

#endif
