/*
 * Pacing the sender's packets: one every interval, missed slots skipped.
 */
#ifndef SENDER_PACE_H
#define SENDER_PACE_H

struct pace {
	long long due_ns;	/* when the last packet fell due (monotonic) */
	long long step_ns;	/* the interval */
	unsigned long long skipped; /* slots passed over while behind */
};

/* Start the grid now, with seconds between packets (0: no pacing). */
void pace_start(struct pace *p, double seconds);

/* Wait for the next slot: 0 then, or -1 when a stop signal came. */
int pace_wait(struct pace *p);

#endif
