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
	sa.sa_flags = 0;	/* no SA_RESTART: interrupt the wait */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}
