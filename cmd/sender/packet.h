/*
 * The packet the sender writes: built from the options, or given as hex.
 */
#ifndef SENDER_PACKET_H
#define SENDER_PACKET_H

#include <stddef.h>
#include <stdint.h>

#include "args.h"

/* Build the datagram o asks for into pkt (IP_MAXLEN bytes); its length. */
size_t packet_build(uint8_t *pkt, const struct sender_opts *o);

/* Set the ICMP sequence number of a built datagram, and its checksum
 * from the old one (RFC 1624): no sum over the payload per packet. */
void packet_set_seq(uint8_t *pkt, uint16_t seq);

/*
 * Warn on stderr, once, if bytes given with -x do not look like an IPv4
 * datagram a layout-l kernel would take.  They are sent all the same.
 */
void packet_check(const uint8_t *pkt, size_t len, enum layout l,
    int dry_run);

/*
 * Where the layout's flags and fragment offset field reads otherwise to
 * this system's kernel (darwin's or netbsd's on Linux, say), say on
 * stderr, once, what goes on the wire and why: the articles' byte-order
 * mistake, made on purpose.  The rule is the layout table's.
 */
void packet_kernel_view(const uint8_t *pkt, const struct sender_opts *o);

#endif
