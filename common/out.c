/*
 * Checked output.  "receiver | head -1" must end quietly when head goes
 * away, while "receiver > /full/disk" must say so; both show up as a
 * failed write, told apart by errno.  A stop signal may cut a write
 * short (sig.c sets no SA_RESTART): that is a stop, not a failure.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "out.h"
#include "sig.h"

/* Large blocks to a file or a pipe: a flood is many short lines.  The
 * buffer is ours, so the size is really used (glibc ignores a size
 * given without one). */
static char outbuf[OUT_BUFSIZE];

void
out_init(void)
{
	int fd;

	/*
	 * A descriptor 0, 1 or 2 that is closed would be taken by the next
	 * file opened, and a warning or the hex text would land in a
	 * capture file: keep each one open, on /dev/null.
	 */
	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF &&
		    open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) != fd)
			abort();	/* cannot even say why: no stderr */
	/* Get EPIPE from the write instead of being killed by SIGPIPE. */
	(void)signal(SIGPIPE, SIG_IGN);
	if (!isatty(STDOUT_FILENO))
		(void)setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
}

void
out_flush(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return;
	if (errno == EPIPE)
		exit(0);	/* the reader has gone: nothing left to do */
	if ((errno == EINTR || errno == EAGAIN) && sig_stop) {
		clearerr(stdout);	/* the loop sees sig_stop and ends */
		return;
	}
	err(1, "stdout");
}

void
out_final(void)
{
	int fl = -1;

	/*
	 * After a stop signal the reader may be stalled for good: write
	 * what it takes without waiting, and say what was left over.
	 */
	if (sig_stop && (fl = fcntl(STDOUT_FILENO, F_GETFL)) != -1)
		(void)fcntl(STDOUT_FILENO, F_SETFL, fl | O_NONBLOCK);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno == EPIPE)
			exit(0);
		if (!sig_stop || (errno != EAGAIN && errno != EINTR))
			err(1, "stdout");
		warnx("stdout: its reader is not reading; the rest of the "
		    "text is not written");
	}
	if (fl != -1)
		(void)fcntl(STDOUT_FILENO, F_SETFL, fl);
}
