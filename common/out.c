/*
 * The output of out.h.  "receiver | head -1" must end quietly when head
 * goes away, while "receiver > /full/disk" must say so: both are a failed
 * write(2), told apart by errno.  A stop signal may cut a write short (no
 * SA_RESTART, sig.c), and a non-blocking pipe is waited on with
 * sig_wait_fd: either way the program can stop.
 */
#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "out.h"
#include "sig.h"

/* OUT_BUFSIZE bytes go out in one write; OUT_ROOM more hold a text
 * written in place past that point (out_room) until they do. */
static char buf[OUT_BUFSIZE + OUT_ROOM];
static size_t used;
static int fd = STDOUT_FILENO;	/* -1: discard */
static int line_mode;		/* a terminal: each line at once */
static int saved_flags = -1;	/* stdout's flags, when we changed them */

static void
restore_flags(void)
{
	if (saved_flags != -1)
		(void)fcntl(STDOUT_FILENO, F_SETFL, saved_flags);
	saved_flags = -1;
}

void
out_init(void)
{
	struct stat st;
	int i, fl;

	/*
	 * A descriptor 0, 1 or 2 that is closed would be taken by the next
	 * file opened, and a warning or the hex text would land in a
	 * capture file: keep each one open, on /dev/null.
	 */
	for (i = 0; i <= 2; i++)
		if (fcntl(i, F_GETFD) == -1 && errno == EBADF &&
		    open("/dev/null", i == 0 ? O_RDONLY : O_WRONLY) != i)
			abort();	/* cannot even say why: no stderr */
	/* Get EPIPE from the write instead of being killed by SIGPIPE. */
	(void)signal(SIGPIPE, SIG_IGN);
	line_mode = isatty(STDOUT_FILENO);
	if (fstat(STDOUT_FILENO, &st) == 0 &&
	    (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) &&
	    (fl = fcntl(STDOUT_FILENO, F_GETFL)) != -1 &&
	    !(fl & O_NONBLOCK) &&
	    fcntl(STDOUT_FILENO, F_SETFL, fl | O_NONBLOCK) != -1) {
		saved_flags = fl;
		atexit(restore_flags);
	}
}

void
out_discard(void)
{
	fd = -1;
	used = 0;
}

/* Write out buf[0..want), keeping what a stop signal left unwritten. */
static void
drain_some(size_t want)
{
	size_t done = 0;
	ssize_t n;

	while (done < want && fd != -1) {
		n = write(fd, buf + done, want - done);
		if (n > 0) {
			done += (size_t)n;
			continue;
		}
		if (n == -1 && errno == EPIPE)
			exit(0);	/* the reader has gone: nothing to do */
		if (n == -1 && errno == EINTR) {
			if (sig_stop)
				break;
			continue;
		}
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			if (sig_wait_fd(fd, POLLOUT, NULL) < 0)
				break;
			continue;
		}
		err(1, "stdout");
	}
	if (fd == -1)
		done = want;
	memmove(buf, buf + done, used - done);
	used -= done;
}

/* Write out all of buf[0..used). */
static void
drain(void)
{
	drain_some(used);
}

void
out_bytes(const char *p, size_t n)
{
	size_t room;

	while (n > 0) {
		if (used >= OUT_BUFSIZE) {
			drain_some(OUT_BUFSIZE);
			if (used >= OUT_BUFSIZE)
				return;	/* stopping, the reader stalled */
		}
		room = OUT_BUFSIZE - used;
		if (room > n)
			room = n;
		memcpy(buf + used, p, room);
		used += room;
		p += room;
		n -= room;
	}
	if (line_mode && used > 0 && buf[used - 1] == '\n')
		drain();
}

static int lost_room;	/* out_room gave the scratch: stopping, stalled */

char *
out_room(size_t n)
{
	static char lost[OUT_ROOM];

	if (used >= OUT_BUFSIZE)
		drain_some(OUT_BUFSIZE);
	lost_room = sizeof(buf) - used < n;
	return lost_room ? lost : buf + used;
}

void
out_wrote(size_t n)
{
	if (lost_room)
		return;
	used += n;
	if (line_mode && n > 0 && buf[used - 1] == '\n')
		drain();
	else if (used >= OUT_BUFSIZE)
		drain_some(OUT_BUFSIZE);	/* a whole block, the rest kept */
}

void
out_str(const char *s)
{
	out_bytes(s, strlen(s));
}

void
out_printf(const char *fmt, ...)
{
	char line[1024], *big;
	va_list ap;
	int n;

	va_start(ap, fmt);
	/* clang-tidy 14 reports ap as uninitialised here, wrongly. */
	n = vsnprintf(line, sizeof(line), fmt, ap);	/* NOLINT(clang-analyzer-valist.Uninitialized) */
	va_end(ap);
	if (n < 0)
		err(1, "vsnprintf");
	if ((size_t)n < sizeof(line)) {
		out_bytes(line, (size_t)n);
		return;
	}
	if ((big = malloc((size_t)n + 1)) == NULL)
		err(1, "malloc");
	va_start(ap, fmt);
	(void)vsnprintf(big, (size_t)n + 1, fmt, ap);	/* NOLINT(clang-analyzer-valist.Uninitialized) */
	va_end(ap);
	out_bytes(big, (size_t)n);
	free(big);
}

void
out_flush(void)
{
	drain();
}

void
out_final(void)
{
	drain();
	if (used > 0)
		warnx("stdout: its reader is not reading; %zu bytes of text "
		    "are not written", used);
	restore_flags();
}
