/*
 * A small driver for the unit tests: each subcommand runs one library
 * function on arguments from the command line and prints the result, so
 * that the bats files can state the expected values (worked out by hand
 * from RFC 1071 and the articles) beside each call.
 *
 *   unit cksum HEX [SHIFT]     checksum of the bytes, copied SHIFT bytes
 *                              past an aligned address first
 *   unit build LAYOUT          the article's echo request header
 *   unit parse LAYOUT HEX      the fields ip_parse reads, or its reason
 *   unit wire LAYOUT HEX       ip_to_wire of a received datagram
 *   unit sentwire LAYOUT HEX   ip_sent_to_wire of a datagram to send
 *   unit quoted LAYOUT HEX     of an ICMP message: whether the layout's
 *                              kernel turned its quoted total length,
 *                              and that length as ip_parse_quoted reads it
 *   unit hex STRING            hex_parse, bytes out as "% x"
 *   unit uint MIN MAX STRING   parse_uint
 *   unit seconds STRING        parse_seconds (max 3600)
 *   unit seqsum HEX            an echo request with payload HEX taken
 *                              through every sequence number by
 *                              icmp_update_seq, each checksum compared
 *                              with a full sum: mismatches counted
 *   unit host-order            "little" or "big": this machine's order,
 *                              found from memory, not from iphdr.c
 *   unit filter LINKTYPE PROTO filter_build's program (PROTO -1: every
 *                              frame), as tcpdump -dd prints one
 *   unit probe6                this kernel's answers to what socks.c says
 *                              of it (needs a raw socket): IPV6_CHECKSUM
 *                              set to 2 on an ICMPv6 socket, and
 *                              IPV6_HDRINCL on an IPPROTO_RAW one
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cksum.h"
#include "source/filter.h"
#include "hex.h"
#include "icmp.h"
#include "iphdr.h"
#include "out.h"
#include "parse.h"

static uint8_t bytes[IP_MAXLEN + 64];

static size_t
hexarg(const char *s)
{
	const char *why;
	size_t n;

	if (hex_parse(s, bytes, IP_MAXLEN, &n, &why) != 0) {
		fprintf(stderr, "unit: bad hex: %s\n", why);
		exit(2);
	}
	return n;
}

static enum layout
layoutarg(const char *s)
{
	enum layout l;

	if (layout_from_name(s, &l) != 0) {
		fprintf(stderr, "unit: bad layout %s\n", s);
		exit(2);
	}
	return l;
}

static int
do_cksum(int argc, char *argv[])
{
	/* A buffer of its own, so the shifted copy really is unaligned. */
	static uint8_t room[IP_MAXLEN + 64];
	size_t n = hexarg(argv[0]), shift = argc > 1 ? strtoul(argv[1],
	    NULL, 10) : 0;

	memcpy(room + shift, bytes, n);
	printf("%04x\n", cksum(room + shift, n));
	return 0;
}

static int
do_build(char *argv[])
{
	struct ip_fields f;
	enum layout l = layoutarg(argv[0]);
	uint8_t h[IPHDR_LEN];

	ip_defaults(&f, l);
	f.len = 28;
	ip_build(h, &f, l);
	hex_print(h, sizeof(h), HEX_LOWER);
	out_final();
	return 0;
}

static int
do_parse(char *argv[])
{
	struct ip_fields f;
	const char *why;
	size_t n = hexarg(argv[1]);

	if (ip_parse(bytes, n, layoutarg(argv[0]), &f, &why) != 0) {
		printf("rejected: %s\n", why);
		return 1;
	}
	printf("version %u hlen %u tos %u len %u id %u off 0x%04x ttl %u "
	    "proto %u sum 0x%04x src %u.%u.%u.%u dst %u.%u.%u.%u\n",
	    f.version, f.hlen, f.tos, f.len, f.id, f.off, f.ttl, f.proto,
	    f.sum, f.src[0], f.src[1], f.src[2], f.src[3], f.dst[0],
	    f.dst[1], f.dst[2], f.dst[3]);
	return 0;
}

static int
do_wire(char *argv[], int sent)
{
	size_t n = hexarg(argv[1]);

	if (sent)
		ip_sent_to_wire(bytes, n, layoutarg(argv[0]));
	else
		ip_to_wire(bytes, n, layoutarg(argv[0]));
	hex_print(bytes, n, HEX_LOWER);
	out_final();
	return 0;
}

static int
do_quoted(char *argv[])
{
	enum layout l = layoutarg(argv[0]);
	struct ip_fields f;
	const char *why;
	size_t n = hexarg(argv[1]);

	if (ip_parse_quoted(bytes, n, l, &f, &why) != 0) {
		printf("rejected: %s\n", why);
		return 1;
	}
	printf("turned %d len %u\n", ip_quoted_len_turned(bytes, n, l), f.len);
	return 0;
}

static int
do_uint(char *argv[])
{
	unsigned long v;
	const char *errstr;

	if (parse_uint(argv[2], strtoul(argv[0], NULL, 10),
	    strtoul(argv[1], NULL, 10), &v, &errstr) != 0) {
		printf("%s\n", errstr);
		return 1;
	}
	printf("%lu\n", v);
	return 0;
}

static int
do_seconds(char *argv[])
{
	const char *errstr;
	double v;

	if (parse_seconds(argv[0], 3600, &v, &errstr) != 0) {
		printf("%s\n", errstr);
		return 1;
	}
	printf("%g\n", v);
	return 0;
}

static int
do_seqsum(char *argv[])
{
	static uint8_t inc[IP_MAXLEN], full[IP_MAXLEN];
	unsigned long bad = 0;
	size_t n = hexarg(argv[0]);
	uint32_t seq;

	icmp_echo_build(inc, 0x1234, 0, bytes, n);
	memcpy(full, inc, ICMP_HDRLEN + n);
	for (seq = 1; seq <= 0x10000; seq++) {
		icmp_update_seq(inc, (uint16_t)seq);
		icmp_set_seq(full, ICMP_HDRLEN + n, (uint16_t)seq);
		bad += memcmp(inc, full, ICMP_HDRLEN) != 0;
	}
	printf("%lu of 65536 differ\n", bad);
	return bad != 0;
}

static int
do_filter(char *argv[])
{
	struct filter_insn prog[FILTER_MAX];
	size_t n, i;

	n = filter_build((uint32_t)strtoul(argv[0], NULL, 10),
	    (int)strtol(argv[1], NULL, 10), prog);
	for (i = 0; i < n; i++)
		printf("{ 0x%x, %u, %u, 0x%08x },\n", prog[i].code, prog[i].jt,
		    prog[i].jf, prog[i].k);
	return n == 0;
}

/* What this kernel does, asked of it, for socks.c's row to be held
 * against: RFC 3542 3.1's IPV6_CHECKSUM, Linux's IPV6_HDRINCL (36). */
static int
do_probe6(void)
{
	int fd, v = 2;
	socklen_t len = sizeof(v);

	if ((fd = socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6)) == -1) {
		perror("socket");
		return 1;
	}
#if defined(IPV6_CHECKSUM)
	if (setsockopt(fd, IPPROTO_IPV6, IPV6_CHECKSUM, &v, sizeof(v)) == 0)
		puts("IPV6_CHECKSUM 2: accepted");
	else
		printf("IPV6_CHECKSUM 2: refused (%s)\n", errno == EINVAL ?
		    "EINVAL" : strerror(errno));
#endif
	(void)close(fd);
	if ((fd = socket(AF_INET6, SOCK_RAW, IPPROTO_RAW)) == -1) {
		perror("socket");
		return 1;
	}
	v = 0;
	if (getsockopt(fd, IPPROTO_IPV6, 36, &v, &len) == 0)
		printf("IPV6_HDRINCL: %d\n", v);
	else
		printf("IPV6_HDRINCL: no such option (%s)\n", strerror(errno));
	(void)close(fd);
	return 0;
}

int
main(int argc, char *argv[])
{
	const char *why;
	size_t n;

	if (argc >= 3 && strcmp(argv[1], "cksum") == 0)
		return do_cksum(argc - 2, argv + 2);
	if (argc == 3 && strcmp(argv[1], "build") == 0)
		return do_build(argv + 2);
	if (argc == 4 && strcmp(argv[1], "parse") == 0)
		return do_parse(argv + 2);
	if (argc == 4 && strcmp(argv[1], "wire") == 0)
		return do_wire(argv + 2, 0);
	if (argc == 4 && strcmp(argv[1], "sentwire") == 0)
		return do_wire(argv + 2, 1);
	if (argc == 4 && strcmp(argv[1], "quoted") == 0)
		return do_quoted(argv + 2);
	if (argc == 3 && strcmp(argv[1], "hex") == 0) {
		if (hex_parse(argv[2], bytes, 4, &n, &why) != 0) {
			printf("%s\n", why);
			return 1;
		}
		hex_print(bytes, n, HEX_LOWER);
		out_final();
		return 0;
	}
	if (argc == 5 && strcmp(argv[1], "uint") == 0)
		return do_uint(argv + 2);
	if (argc == 3 && strcmp(argv[1], "seconds") == 0)
		return do_seconds(argv + 2);
	if (argc == 3 && strcmp(argv[1], "seqsum") == 0)
		return do_seqsum(argv + 2);
	if (argc == 4 && strcmp(argv[1], "filter") == 0)
		return do_filter(argv + 2);
	if (argc == 2 && strcmp(argv[1], "probe6") == 0)
		return do_probe6();
	if (argc == 2 && strcmp(argv[1], "host-order") == 0) {
		const uint32_t one = 1;

		puts(*(const unsigned char *)&one == 1 ? "little" : "big");
		return 0;
	}
	fprintf(stderr, "usage: see the comment at the top of unit.c\n");
	return 2;
}
