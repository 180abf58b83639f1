/*
 * The one clock the programs time things by: CLOCK_MONOTONIC (POSIX),
 * which neither jumps with the date nor stops for a changed time zone.
 */
#ifndef CLOCK_H
#define CLOCK_H

/* Nanoseconds on the monotonic clock; exits 1 if it cannot be read. */
long long clock_ns(void);

#endif
