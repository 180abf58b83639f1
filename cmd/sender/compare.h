/*
 * sender --compare: one packet in every layout, side by side.
 */
#ifndef SENDER_COMPARE_H
#define SENDER_COMPARE_H

#include "args.h"

/* Print the comparison on standard output (out.h). */
void compare_print(const struct sender_opts *o);

#endif
