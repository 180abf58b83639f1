/*
 * sender --compare: one packet in every layout, side by side.
 */
#ifndef SENDER_COMPARE_H
#define SENDER_COMPARE_H

#include "args.h"

/* Print the comparison on standard output (out.h). */
void compare_print(const struct sender_opts *o);

/*
 * The other sockets (compare_socks.c): -6, the IPv6 raw socket's echo
 * request on every system, as handed over and as it leaves, and what
 * each kernel does around it; --dgram, the ping socket of each system
 * that has one (of IPv6 with -6), what the program writes, what goes
 * on the wire and what recv hands back.
 */
void compare_six_print(const struct sender_opts *o);
void compare_dgram_print(const struct sender_opts *o);

#endif
