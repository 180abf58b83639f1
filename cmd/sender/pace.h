/*
 * Keeping to an interval between packets.
 */
#ifndef SENDER_PACE_H
#define SENDER_PACE_H

#include <time.h>

struct pace {
	struct timespec next;	/* when the next packet is due */
	long long step_ns;
};

void pace_start(struct pace *p, double seconds);

/*
 * Sleep until the next packet is due, on a fixed schedule so that the
 * time spent sending does not add up to drift.  Returns early (-1) when
 * a signal interrupts the sleep.
 */
int pace_wait(struct pace *p);

#endif
