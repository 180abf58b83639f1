/*
 * The decoded view of an IPv4 datagram alone: a way into the printers
 * (dissect/) for callers that hold a datagram, not a frame.  It goes
 * once the receiver calls dissect_frame.
 */
#ifndef DECODE_H
#define DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "iphdr.h"

/*
 * Describe b[0..n), a datagram as a layout-l raw socket delivers it, on
 * standard output (out.h): dissect_frame of a LINKTYPE_IPV4 frame.
 * whole says the n bytes are all the datagram had.
 */
void decode_print(const uint8_t *b, size_t n, enum layout l, int whole);

#endif
