/*
 * Dropping privilege after the raw socket is open.  Sources: OpenBSD
 * ping.c (socket first, then drop, then parse packets); FreeBSD ping.c
 * (setuid(getuid()) right after socket()); sudo(8) (SUDO_UID, SUDO_GID
 * name the invoking user); capabilities(7) and capget(2) (Linux).
 *
 * setresuid(2) sets real, effective and saved ids at once on Linux and
 * the BSDs; macOS lacks it, but its setuid(2) sets all three (BSD
 * semantics).  Linux's setuid(2) in an unprivileged process changes only
 * the effective id, so setresuid is needed there for a setuid binary.
 */
#if defined(__linux__)
#define _GNU_SOURCE	/* NOLINT: glibc declares setresuid(2) only with it */
#endif
#include <sys/types.h>
#if defined(__linux__)
#include <linux/capability.h>
#include <sys/syscall.h>
#endif

#include <err.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse.h"
#include "priv.h"

#if defined(__linux__) || defined(__FreeBSD__) || defined(__OpenBSD__) || \
    defined(__NetBSD__) || defined(__DragonFly__)
#define HAVE_SETRESUID 1
#endif

/* An id from the environment, checked like any other input. */
static unsigned long
env_id(const char *name)
{
	const char *s = getenv(name), *errstr;
	unsigned long v;

	if (s == NULL)
		errx(1, "%s is not set: cannot tell which user to become",
		    name);
	if (parse_uint(s, 0, 0x7fffffffUL, &v, &errstr) != 0)
		errx(1, "%s is %s: %s", name, s, errstr);
	return v;
}

static void
become(uid_t uid, gid_t gid)
{
	if (geteuid() == 0 && setgroups(1, &gid) == -1)
		err(1, "setgroups");
#ifdef HAVE_SETRESUID
	if (setresgid(gid, gid, gid) == -1)
		err(1, "setresgid");
	if (setresuid(uid, uid, uid) == -1)
		err(1, "setresuid");
#else
	if (setgid(gid) == -1)
		err(1, "setgid");
	if (setuid(uid) == -1)
		err(1, "setuid");
#endif
	/* Verify: every id is the target, and root cannot come back. */
	if (getuid() != uid || geteuid() != uid || getgid() != gid ||
	    getegid() != gid)
		errx(1, "dropping privilege did not take");
	if (uid != 0 && (setuid(0) != -1 || seteuid(0) != -1))
		errx(1, "dropping privilege did not take: root came back");
}

#if defined(__linux__)
/*
 * Clear CAP_NET_RAW from the effective and permitted sets, keeping any
 * other capability: a program given it with setcap, or root, no longer
 * has it once the socket is open.  Through the raw system calls, as
 * libc has no wrapper declared (libcap is not used here).
 */
static void
drop_net_raw(void)
{
	struct __user_cap_header_struct hdr;
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
	unsigned word = CAP_NET_RAW / 32, bit = 1U << (CAP_NET_RAW % 32);

	memset(&hdr, 0, sizeof(hdr));
	hdr.version = _LINUX_CAPABILITY_VERSION_3;
	if (syscall(SYS_capget, &hdr, data) == -1)
		err(1, "capget");
	if (!(data[word].effective & bit) && !(data[word].permitted & bit))
		return;
	data[word].effective &= ~bit;
	data[word].permitted &= ~bit;
	data[word].inheritable &= ~bit;
	if (syscall(SYS_capset, &hdr, data) == -1)
		err(1, "capset");
}
#endif

void
priv_drop(void)
{
	if (getuid() == 0 && geteuid() == 0 && getenv("SUDO_UID") != NULL)
		become((uid_t)env_id("SUDO_UID"), (gid_t)env_id("SUDO_GID"));
	else if (geteuid() != getuid() || getegid() != getgid())
		become(getuid(), getgid());
	/* Otherwise there is no one else to be: a plain user, or root
	 * logged in as root, who keeps the right to write root's files. */
#if defined(__linux__)
	drop_net_raw();
#endif
}
