/*
 * A live count on standard error for long quiet runs (sender -q, a
 * receiver -q writing to a file): one line, rewritten in place at most
 * once a second with the count so far and the rate over the last
 * second, and erased before the closing summary.  Only on a terminal:
 * to a file or a pipe, stderr stays exactly as it was.
 */
#ifndef PROGRESS_H
#define PROGRESS_H

struct progress {
	int on;
	const char *prog, *what;	/* "sender", "packets sent" */
	double last;			/* when the line was last written */
	unsigned long long last_n;	/* the count then */
};

/* Ready p; the line is shown only when on is set and stderr is a
 * terminal. */
void progress_start(struct progress *p, const char *prog, const char *what,
    int on);

/* The count is now n: rewrite the line if a second has passed. */
void progress_tick(struct progress *p, unsigned long long n);

/* Erase the line, for the summary to take its place. */
void progress_end(struct progress *p);

#endif
