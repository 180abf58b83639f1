/*
 * linkout.h where neither a packet socket nor /dev/bpf is known: every
 * interface can be learnt of no further than its name, and nothing can
 * be sent (ENOSYS), which the sender says.
 */
#include "linkout.h"

#if defined(LINKOUT_SYS_NONE)
#include <errno.h>
#include <stdio.h>

int
linkout_sys_open(struct linkout *l, const char *name, unsigned flags,
    const char **what)
{
	(void)flags;
	(void)snprintf(l->name, sizeof(l->name), "%s", name);
	l->send_call = "write";
	*what = "a way to send frames on this system";
	errno = ENOSYS;
	return LINKOUT_FAILED;
}

ssize_t
linkout_sys_send(struct linkout *l, const uint8_t *frame, size_t len)
{
	(void)l;
	(void)frame;
	(void)len;
	errno = ENOSYS;
	return -1;
}

int
linkout_sys_arp_next(struct linkout *l, uint8_t *buf, size_t max, size_t *n)
{
	(void)l;
	(void)buf;
	(void)max;
	(void)n;
	errno = ENOSYS;
	return -1;
}

void
linkout_sys_arp_done(struct linkout *l)
{
	(void)l;
}

#endif
