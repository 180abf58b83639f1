/*
 * source_link on a system with neither Linux's packet sockets
 * (link_linux.c) nor /dev/bpf (link_bpf.c, bpfdev.h): receiver -i says
 * so, and everything else the programs do works as before.
 */
#include "bpfdev.h"
#include "source.h"

#if !defined(__linux__) && !defined(BPFDEV_SYSTEM)
#include <errno.h>
#include <stddef.h>

struct source *
source_link(const struct link_opts *o, const char **why)
{
	(void)o;
	*why = "this system has no link-layer capture known to receiver";
	errno = ENOSYS;
	return NULL;
}
#endif
