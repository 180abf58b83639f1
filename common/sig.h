/*
 * Stop signals (SIGINT, SIGTERM, SIGHUP, SIGQUIT) as a request to stop
 * cleanly: the first one sets a flag and wakes whatever the program is
 * waiting on; the loops then finish the record in hand, print their
 * summary and exit 0.  A second one ends the program at once.
 */
#ifndef SIG_H
#define SIG_H

#include <signal.h>
#include <time.h>

/* The first stop signal's number; 0 while none has come. */
extern volatile sig_atomic_t sig_stop;

/*
 * Catch the stop signals.  No SA_RESTART: a blocked read, write, send or
 * open returns EINTR.  A signal that lands before a wait starts is not
 * lost: the handler also writes a byte to a pipe that every wait
 * watches (sig_wait_fd), the self-pipe of Stevens, UNIX Network
 * Programming 20.5.
 */
void sig_init(void);

/*
 * Wait until fd (-1: none) is ready for events (POLLIN or POLLOUT), a
 * stop signal comes, or timeout passes (NULL: no limit).  Returns 1 when
 * fd is ready, 0 on time-out, -1 on a stop signal.
 */
int sig_wait_fd(int fd, short events, const struct timespec *timeout);

#endif
