/*
 * clock.h's clock.
 */
#include <err.h>
#include <time.h>

#include "clock.h"

long long
clock_ns(void)
{
	struct timespec t;

	if (clock_gettime(CLOCK_MONOTONIC, &t) == -1)
		err(1, "clock_gettime");
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}
