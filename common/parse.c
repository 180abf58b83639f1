/*
 * Bounded parsing of option values.  Messages follow OpenBSD ping:
 * "count is -1: out of range", the caller adding the option's name (and
 * the range, cli.c).
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

int
parse_uint(const char *s, unsigned long min, unsigned long max,
    unsigned long *v, const char **errstr)
{
	unsigned long long n;
	char *end;

	/* strtoull accepts "-1" (and wraps it): look for a sign first. */
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '-' && isdigit((unsigned char)s[1])) {
		*errstr = PARSE_OUT_OF_RANGE;
		return -1;
	}
	if (!isdigit((unsigned char)*s)) {
		*errstr = "not a whole number";
		return -1;
	}
	errno = 0;
	/* Decimal, or hex after 0x, as a header's fields are often
	 * written; a leading 0 alone is still decimal, not octal. */
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		if (!isxdigit((unsigned char)s[2])) {
			*errstr = "not a whole number";
			return -1;
		}
		n = strtoull(s + 2, &end, 16);
	} else
		n = strtoull(s, &end, 10);
	if (*end != '\0') {
		*errstr = "not a whole number";
		return -1;
	}
	if (errno == ERANGE || n < min || n > max) {
		*errstr = PARSE_OUT_OF_RANGE;
		return -1;
	}
	*v = (unsigned long)n;
	return 0;
}

int
parse_seconds(const char *s, double max, double *v, const char **errstr)
{
	char *end;
	double d;

	while (isspace((unsigned char)*s))
		s++;
	/* Plain decimals only: no hex floats, "inf" or "nan". */
	if (!isdigit((unsigned char)*s) && !(*s == '.' &&
	    isdigit((unsigned char)s[1])) && *s != '-') {
		*errstr = "not a number of seconds";
		return -1;
	}
	errno = 0;
	d = strtod(s, &end);
	if (*end != '\0' || end == s || strpbrk(s, "xXnNiI") != NULL) {
		*errstr = "not a number of seconds";
		return -1;
	}
	if (errno == ERANGE || !isfinite(d) || d < 0 || d > max) {
		*errstr = PARSE_OUT_OF_RANGE;
		return -1;
	}
	*v = d;
	return 0;
}

/*
 * Names a system without /etc/protocols still knows (netbase provides
 * the file on Debian, and a minimal container may lack it): the IANA
 * "Assigned Internet Protocol Numbers", named as /etc/protocols names
 * them.
 */
static const struct {
	const char *name;
	int number;
} builtin_protocols[] = {
	{ "icmp", 1 }, { "igmp", 2 }, { "ipencap", 4 }, { "tcp", 6 },
	{ "udp", 17 }, { "ipv6", 41 }, { "rsvp", 46 }, { "gre", 47 },
	{ "esp", 50 }, { "ah", 51 }, { "ipv6-icmp", 58 }, { "ospf", 89 },
	{ "ipip", 94 }, { "pim", 103 }, { "vrrp", 112 }, { "l2tp", 115 },
	{ "sctp", 132 }, { "udplite", 136 },
};

long
parse_protocol_name(const char *s)
{
	const struct protoent *p;
	char lower[64];
	size_t i, n = strlen(s);

	/* As typed first: /etc/protocols lists upper-case aliases too
	 * ("IPv6-ICMP"); then in lower case, as its names are. */
	if (*s != '\0' && (p = getprotobyname(s)) != NULL)
		return p->p_proto;
	if (n == 0 || n >= sizeof(lower))
		return -1;
	for (i = 0; i <= n; i++)
		lower[i] = (char)tolower((unsigned char)s[i]);
	if ((p = getprotobyname(lower)) != NULL)
		return p->p_proto;
	for (i = 0; i < sizeof(builtin_protocols) /
	    sizeof(builtin_protocols[0]); i++)
		if (strcmp(lower, builtin_protocols[i].name) == 0)
			return builtin_protocols[i].number;
	return -1;
}

int
parse_ipv4(const char *s, int resolve, uint8_t addr[4], const char **errstr)
{
	struct ipaddr a;

	if (parse_ipaddr(s, 4, resolve, &a, errstr) != 0)
		return -1;
	memcpy(addr, a.b, 4);
	return 0;
}

int
parse_ipaddr(const char *s, unsigned len, int resolve, struct ipaddr *a,
    const char **errstr)
{
	int family = len == 16 ? AF_INET6 : AF_INET;
	struct addrinfo hints, *res;
	const struct sockaddr *sa;
	unsigned char other[16];	/* the other family's address */
	int rc;

	memset(a, 0, sizeof(*a));
	a->len = len == 16 ? 16 : 4;
	if (inet_pton(family, s, a->b) == 1)	/* already network order */
		return 0;
	if (inet_pton(family == AF_INET6 ? AF_INET : AF_INET6, s, other) ==
	    1) {
		*errstr = len == 16 ? "an IPv4 address, not an IPv6 one" :
		    "an IPv6 address, not an IPv4 one";
		return -1;
	}
	if (!resolve) {
		*errstr = len == 16 ? "not an IPv6 address" :
		    "not an IPv4 address";
		return -1;
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = family;
	hints.ai_socktype = SOCK_RAW;
	if ((rc = getaddrinfo(s, NULL, &hints, &res)) != 0) {
		*errstr = rc != EAI_NONAME ? gai_strerror(rc) : len == 16 ?
		    "not an IPv6 address or a host name with one" :
		    "not an IPv4 address or a known host name";
		return -1;
	}
	sa = res->ai_addr;
	if (family == AF_INET6)
		memcpy(a->b, &((const struct sockaddr_in6 *)(const void *)sa)->
		    sin6_addr, 16);
	else
		memcpy(a->b, &((const struct sockaddr_in *)(const void *)sa)->
		    sin_addr, 4);
	freeaddrinfo(res);
	return 0;
}

const char *
ipaddr_text(const struct ipaddr *a, char buf[IPADDR_TEXT])
{
	if (a->len == 4)
		return ipv4_text(a->b, buf);
	if (inet_ntop(AF_INET6, a->b, buf, IPADDR_TEXT) == NULL)
		memcpy(buf, "?", 2);
	return buf;
}

/*
 * Each octet's digits from a table made once: the decoded view prints
 * two addresses a datagram, and printf's machinery cost more than the
 * rest of the line.
 */
const char *
ipv4_text(const uint8_t addr[4], char buf[16])
{
	static char octet[256][4];	/* digits, then their count */
	char *p = buf;
	int i, v;

	if (octet[1][3] == 0)
		for (v = 0; v < 256; v++) {
			i = 0;
			if (v >= 100)
				octet[v][i++] = (char)('0' + v / 100);
			if (v >= 10)
				octet[v][i++] = (char)('0' + v / 10 % 10);
			octet[v][i++] = (char)('0' + v % 10);
			octet[v][3] = (char)i;
		}
	for (i = 0; i < 4; i++) {
		if (i > 0)
			*p++ = '.';
		memcpy(p, octet[addr[i]], 3);
		p += octet[addr[i]][3];
	}
	*p = '\0';
	return buf;
}
