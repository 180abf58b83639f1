/*
 * Ctrl-C and SIGTERM as a request to stop cleanly: the handler only sets
 * a flag; the loops check it, finish the record in hand, print their
 * summary and exit 0.
 */
#ifndef SIG_H
#define SIG_H

#include <signal.h>

extern volatile sig_atomic_t sig_stop;

/* Catch SIGINT and SIGTERM; the waits (poll, nanosleep) return EINTR
 * and the loop sees sig_stop. */
void sig_init(void);

#endif
