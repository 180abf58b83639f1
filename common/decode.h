/*
 * A received datagram in words: every IPv4 header field and the ICMP
 * message behind it, each on its own line, with checksums verified and
 * the per-OS quirks named where a value needed one to be read.
 */
#ifndef DECODE_H
#define DECODE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "iphdr.h"

/*
 * Describe b[0..n), a datagram as a layout-l raw socket delivers it, on
 * standard output (out.h).  Reads nothing outside b[0..n), whatever the header claims.
 * whole says the n bytes are all the datagram had (a socket read, or a
 * pcap record whose original length is its captured one): a total
 * length beyond n is then a wrong field, not a datagram cut short.
 */
void decode_print(const uint8_t *b, size_t n, enum layout l, int whole);

#endif
