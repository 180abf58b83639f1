/*
 * Stop signals, one design for every wait: a flag, and a byte in a pipe
 * that pselect(2) watches beside whatever is awaited, so a signal that
 * comes between the check of the flag and the start of the wait still
 * ends the wait.  pselect is POSIX (macOS and the BSDs have it; ppoll is
 * not on macOS).  Sources: sigaction(2), pselect(2); Stevens, UNIX
 * Network Programming, 20.5 (the self-pipe).
 */
#include <sys/select.h>

#include <errno.h>
#include <err.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "sig.h"

volatile sig_atomic_t sig_stop;
static int wake[2] = { -1, -1 };

static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

static void
on_signal(int signo)
{
	int saved = errno;

	if (sig_stop != 0) {
		/* A second signal: the default action, at once. */
		(void)signal(signo, SIG_DFL);
		(void)raise(signo);
	}
	sig_stop = signo;
	if (write(wake[1], "", 1) == -1) {
		/* full: a byte is already there to wake the wait */
	}
	errno = saved;
}

void
sig_init(void)
{
	struct sigaction sa;
	size_t i;
	int j, fl;

	if (pipe(wake) == -1)
		err(1, "pipe");
	for (j = 0; j < 2; j++)
		if ((fl = fcntl(wake[j], F_GETFL)) == -1 ||
		    fcntl(wake[j], F_SETFL, fl | O_NONBLOCK) == -1 ||
		    fcntl(wake[j], F_SETFD, FD_CLOEXEC) == -1)
			err(1, "fcntl");
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: blocked calls give way */
	for (i = 0; i < sizeof(stop_signals) / sizeof(stop_signals[0]); i++)
		if (sigaction(stop_signals[i], &sa, NULL) == -1)
			err(1, "sigaction");
}

int
sig_wait_fd(int fd, short events, const struct timespec *timeout)
{
	fd_set rd, wr;
	int top, n;

	for (;;) {
		if (sig_stop)
			return -1;
		FD_ZERO(&rd);
		FD_ZERO(&wr);
		FD_SET(wake[0], &rd);
		top = wake[0];
		if (fd >= 0) {
			if (events & POLLIN)
				FD_SET(fd, &rd);
			if (events & POLLOUT)
				FD_SET(fd, &wr);
			if (fd > top)
				top = fd;
		}
		n = pselect(top + 1, &rd, &wr, NULL, timeout, NULL);
		if (n == -1 && errno == EINTR)
			continue;	/* the flag, or a signal not ours */
		if (n == -1)
			err(1, "pselect");
		if (FD_ISSET(wake[0], &rd) || sig_stop)
			return -1;
		if (n == 0)
			return 0;
		return 1;
	}
}
