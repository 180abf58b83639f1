/*
 * Holding root for one call: the raw socket is opened first, then every
 * privilege is given up before any file is opened or any datagram read,
 * as OpenBSD and FreeBSD ping do.
 */
#ifndef PRIV_H
#define PRIV_H

/*
 * Give up privilege for good: under sudo, become SUDO_UID/SUDO_GID (so
 * that files written belong to the user); in a setuid program, become
 * the real user.  On Linux also clear CAP_NET_RAW, which only opening
 * the socket needed.  Any failure is fatal (exit 1): going on with
 * privilege one meant to drop is worse than stopping.
 */
void priv_drop(void);

#endif
