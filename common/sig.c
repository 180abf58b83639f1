#include <signal.h>
#include <string.h>

#include "sig.h"

volatile sig_atomic_t sig_stop;

static void
on_signal(int signo)
{
	(void)signo;
	sig_stop = 1;
}

void
sig_init(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* poll(2) and nanosleep(2) return EINTR whatever the flags
	 * (signal(7)); SA_RESTART keeps a write from failing half-way. */
	sa.sa_flags = SA_RESTART;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}
