/*
 * Dropping privilege after the raw socket is open.  Sources: OpenBSD
 * ping.c (socket first, then drop, then parse packets); FreeBSD ping.c
 * (setuid(getuid()) right after socket()); sudo(8) (SUDO_UID, SUDO_GID
 * name the invoking user); capabilities(7) and capget(2) (Linux).
 *
 * setresuid(2) sets real, effective and saved ids at once on Linux,
 * FreeBSD, OpenBSD and DragonFly.  macOS and NetBSD lack it (NetBSD's
 * unistd.h has setreuid; gnulib's portability notes list setresuid as
 * missing on macOS 14 and NetBSD 10.0), but their setuid(2) and setgid(2) set all
 * three when run by root or to the real id (BSD and POSIX_SAVED_IDS
 * semantics).  Linux's setuid(2) in an unprivileged process changes only
 * the effective id, so setresuid is needed there for a setuid binary.
 */
#if defined(__linux__)
#define _GNU_SOURCE	/* NOLINT: glibc declares setresuid(2) only with it */
#endif
#include <sys/types.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif

#include <err.h>
#include <grp.h>
#include <pwd.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse.h"
#include "priv.h"

#if defined(__linux__) || defined(__FreeBSD__) || defined(__OpenBSD__) || \
    defined(__DragonFly__)
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

/*
 * Become uid and gid for good.  name, the user's login name, brings the
 * user's own supplementary groups (initgroups(3)), as a login would; a
 * uid with no name gets gid alone; keep_groups leaves the groups as
 * they are (a setuid program already has the invoking user's).
 */
static void
become(uid_t uid, gid_t gid, const char *name, int keep_groups)
{
	if (!keep_groups && geteuid() == 0) {
		if (name != NULL && initgroups(name, gid) == -1)
			err(1, "initgroups");
		if (name == NULL && setgroups(1, &gid) == -1)
			err(1, "setgroups");
	}
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
 * capget(2) and capset(2) as the kernel defines them, written out here
 * because <linux/capability.h> is a kernel header that a libc without
 * them (musl-gcc; Alpine without linux-headers) cannot find.  Values
 * from capabilities(7) and capget(2): version 3 is 0x20080522 with two
 * 32-bit words per set; CAP_NET_RAW is capability 13.
 */
enum {
	CAP_VERSION_3 = 0x20080522,
	CAP_WORDS_3 = 2,
	CAP_NET_RAW_BIT = 13
};

struct cap_header {
	uint32_t version;
	int pid;
};

struct cap_data {
	uint32_t effective;
	uint32_t permitted;
	uint32_t inheritable;
};

/*
 * Clear capabilities from the effective, permitted and inheritable
 * sets: every one when all is set, else CAP_NET_RAW alone (a program
 * given it with setcap no longer has it once the socket is open).
 * Through the raw system calls: libc declares no wrapper, and libcap is
 * not used here.
 */
static void
drop_caps(int all)
{
	struct cap_header hdr;
	struct cap_data data[CAP_WORDS_3];
	unsigned word = CAP_NET_RAW_BIT / 32, i;
	uint32_t bit = (uint32_t)1 << (CAP_NET_RAW_BIT % 32);

	memset(&hdr, 0, sizeof(hdr));
	hdr.version = CAP_VERSION_3;
	if (syscall(SYS_capget, &hdr, data) == -1)
		err(1, "capget");
	for (i = 0; i < CAP_WORDS_3; i++) {
		uint32_t mask = all ? 0xffffffffU : i == word ? bit : 0;

		data[i].effective &= ~mask;
		data[i].permitted &= ~mask;
		data[i].inheritable &= ~mask;
	}
	if (syscall(SYS_capset, &hdr, data) == -1)
		err(1, "capset");
}
#endif

void
priv_drop(void)
{
	const char *doas = getenv("DOAS_USER");
	struct passwd *pw;
	uid_t uid;

	if (getuid() == 0 && geteuid() == 0 && getenv("SUDO_UID") != NULL) {
		/* sudo(8): SUDO_UID and SUDO_GID name the invoking user. */
		uid = (uid_t)env_id("SUDO_UID");
		pw = getpwuid(uid);
		become(uid, (gid_t)env_id("SUDO_GID"),
		    pw != NULL ? pw->pw_name : NULL, 0);
	} else if (getuid() == 0 && geteuid() == 0 && doas != NULL) {
		/* doas(1) names the invoking user by name alone. */
		if ((pw = getpwnam(doas)) == NULL)
			errx(1, "DOAS_USER is %s: no such user", doas);
		become(pw->pw_uid, pw->pw_gid, pw->pw_name, 0);
	} else if (geteuid() != getuid() || getegid() != getgid()) {
		become(getuid(), getgid(), NULL, 1);	/* setuid */
	}
	/*
	 * Otherwise there is no one else to be: a plain user, or root
	 * logged in as root.  Root keeps uid 0, so its own files stay its
	 * own, but on Linux gives up every capability: no reading or
	 * writing others' files, no more raw sockets.  pcap.c also refuses
	 * to follow a symbolic link while running as root.
	 */
#if defined(__linux__)
	drop_caps(getuid() == 0 && geteuid() == 0);
#endif
}
