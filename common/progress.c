/*
 * The progress line of progress.h: "\r", the text, then ESC [K (ECMA-48
 * 8.3.41, erase to the end of the line) so a shorter line leaves no
 * digits of a longer one behind.  Written with write(2): stderr is
 * unbuffered anyway, and this keeps it out of stdio's way.
 */
#include <stdio.h>
#include <unistd.h>

#include "clock.h"
#include "progress.h"

/* Seconds on the monotonic clock. */
static double
now(void)
{
	return (double)clock_ns() / 1e9;
}

static void
put(const char *s, size_t n)
{
	ssize_t w;

	while (n > 0 && (w = write(STDERR_FILENO, s, n)) > 0) {
		s += w;
		n -= (size_t)w;
	}
}

void
progress_start(struct progress *p, const char *prog, const char *what,
    int on)
{
	p->on = on && isatty(STDERR_FILENO);
	p->prog = prog;
	p->what = what;
	p->last = now();
	p->last_n = 0;
}

void
progress_tick(struct progress *p, unsigned long long n)
{
	char line[128];
	double t, rate;
	int len;

	if (!p->on || (t = now()) - p->last < 1.0)
		return;
	rate = (double)(n - p->last_n) / (t - p->last);
	len = snprintf(line, sizeof(line), "\r%s: %llu %s, %.0f/s\033[K",
	    p->prog, n, p->what, rate);
	if (len > 0)
		put(line, (size_t)len < sizeof(line) ? (size_t)len :
		    sizeof(line) - 1);
	p->last = t;
	p->last_n = n;
}

void
progress_end(struct progress *p)
{
	if (p->on)
		put("\r\033[K", 4);
}
