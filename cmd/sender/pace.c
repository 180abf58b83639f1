/*
 * Pacing with nanosleep(2), which POSIX, macOS and the BSDs all have;
 * the due times advance by the interval from the first packet, and the
 * sleep is only what is left until the next one.
 */
#include <errno.h>
#include <err.h>
#include <time.h>

#include "pace.h"

static long long
ns_of(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

void
pace_start(struct pace *p, double seconds)
{
	p->step_ns = (long long)(seconds * 1e9);
	if (clock_gettime(CLOCK_MONOTONIC, &p->next) == -1)
		err(1, "clock_gettime");
}

int
pace_wait(struct pace *p)
{
	struct timespec now, left;
	long long due, ns;

	if (p->step_ns == 0)
		return 0;
	due = ns_of(&p->next) + p->step_ns;
	p->next.tv_sec = (time_t)(due / 1000000000LL);
	p->next.tv_nsec = (long)(due % 1000000000LL);
	if (clock_gettime(CLOCK_MONOTONIC, &now) == -1)
		err(1, "clock_gettime");
	if ((ns = due - ns_of(&now)) <= 0)
		return 0;	/* behind schedule: go at once */
	left.tv_sec = (time_t)(ns / 1000000000LL);
	left.tv_nsec = (long)(ns % 1000000000LL);
	if (nanosleep(&left, NULL) == -1 && errno == EINTR)
		return -1;
	return 0;
}
