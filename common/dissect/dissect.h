/*
 * The decoded view of a frame: one printer per protocol (print-*.c in
 * this folder), from the link header its link type names down to the
 * transport, each field on its own line.
 */
#ifndef DISSECT_H
#define DISSECT_H

#include "frame.h"

/*
 * Describe f on standard output (out.h).  Reads nothing outside
 * f->data[0..f->caplen), whatever the headers claim; frame_whole(f)
 * says whether a length beyond the captured bytes is a wrong field or
 * a frame cut short.
 */
void dissect_frame(const struct frame *f);

#endif
