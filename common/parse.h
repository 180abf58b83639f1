/*
 * Command-line values checked with bounds, in the manner of OpenBSD's
 * strtonum(3): a value or a reason, never a silent wrap-around.
 */
#ifndef PARSE_H
#define PARSE_H

#include <stdint.h>

/* The reason a value outside its bounds gets; callers add the range. */
#define PARSE_OUT_OF_RANGE "out of range"

/*
 * A decimal whole number in [min, max].  Returns 0, or -1 with *errstr
 * PARSE_OUT_OF_RANGE or "not a whole number".
 */
int parse_uint(const char *s, unsigned long min, unsigned long max,
    unsigned long *v, const char **errstr);

/* Seconds, fractions allowed, in [0, max]; same convention. */
int parse_seconds(const char *s, double max, double *v,
    const char **errstr);

/*
 * An IP protocol's number from its name, as getprotobyname(3) knows it,
 * in any case ("TCP", "tcp", "Gre"); else from a few common names built
 * in, for a system without /etc/protocols.  -1 for a name neither
 * knows.  The number may exceed 255: /etc/protocols names some that are
 * no IP protocol (mptcp, 262).
 */
long parse_protocol_name(const char *s);

/*
 * An IPv4 address in dotted-quad form or, when resolve is set, a host
 * name with an IPv4 address.  Returns 0, or -1 with *errstr.
 */
int parse_ipv4(const char *s, int resolve, uint8_t addr[4],
    const char **errstr);

/* The other way: addr as a dotted quad in buf, which is returned. */
const char *ipv4_text(const uint8_t addr[4], char buf[16]);

/* An address of either family: len 4 (IPv4) or 16 (IPv6), network
 * order. */
struct ipaddr {
	unsigned len;
	uint8_t b[16];
};

/* Room for any address as text: an IPv6 address's longest form. */
enum { IPADDR_TEXT = 46 };

/*
 * An address of the family len names (4 or 16) in its numeric form or,
 * when resolve is set, a host name with such an address.  Returns 0,
 * or -1 with *errstr.
 */
int parse_ipaddr(const char *s, unsigned len, int resolve, struct ipaddr *a,
    const char **errstr);

/* a as text ("127.0.0.1", "::1", RFC 5952's form) in buf, returned. */
const char *ipaddr_text(const struct ipaddr *a, char buf[IPADDR_TEXT]);

#endif
