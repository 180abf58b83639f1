/*
 * Pacing: packets fall due on a grid of the interval from the first one,
 * as ping(8) sends them.  The wait is sig_wait_fd's, so only a stop
 * signal ends it early (any other EINTR just waits on); a slot missed
 * (the program was stopped, or the machine busy) is skipped, never made
 * up in a burst.
 */
#include <time.h>

#include "clock.h"
#include "pace.h"
#include "sig.h"

void
pace_start(struct pace *p, double seconds)
{
	p->step_ns = (long long)(seconds * 1e9);
	p->due_ns = clock_ns();
	p->skipped = 0;
}

int
pace_wait(struct pace *p)
{
	struct timespec left;
	long long now, ns;

	if (p->step_ns == 0)
		return 0;
	p->due_ns += p->step_ns;
	now = clock_ns();
	while ((ns = p->due_ns - now) > 0) {
		left.tv_sec = (time_t)(ns / 1000000000LL);
		left.tv_nsec = (long)(ns % 1000000000LL);
		if (sig_wait_fd(-1, 0, &left) < 0)
			return -1;
		now = clock_ns();
	}
	/*
	 * Late by a whole interval or more (stopped, or the machine busy):
	 * this packet goes now, the slots passed are skipped, and the grid
	 * starts again from now, so the next one is a full interval away.
	 */
	if ((ns = now - p->due_ns) >= p->step_ns) {
		p->skipped += (unsigned long long)(ns / p->step_ns);
		p->due_ns = now;
	}
	return 0;
}
