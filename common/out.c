/*
 * Checked output.  "receiver | head -1" must end quietly when head goes
 * away, while "receiver > /full/disk" must say so; both show up as a
 * failed write, told apart by errno.
 */
#include <err.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "out.h"

void
out_init(void)
{
	/* Get EPIPE from the write instead of being killed by SIGPIPE. */
	(void)signal(SIGPIPE, SIG_IGN);
	/* To a file or a pipe, write in large blocks: a flood is many
	 * short lines.  Flushes still come whenever the program waits. */
	if (!isatty(STDOUT_FILENO))
		(void)setvbuf(stdout, NULL, _IOFBF, 65536);
}

void
out_flush(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return;
	if (errno == EPIPE)
		exit(0);	/* the reader has gone: nothing left to do */
	err(1, "stdout");
}
