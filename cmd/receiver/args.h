/*
 * The receiver's command line.
 */
#ifndef RECEIVER_ARGS_H
#define RECEIVER_ARGS_H

#include "color.h"
#include "iphdr.h"

struct receiver_opts {
	unsigned long count;	/* -c: stop after this many; 0: never */
	int timeout_ms;		/* -t: give up after this long idle; -1 */
	int decode;		/* -d: the fields in words */
	int quiet;		/* -q: no "waiting to receive" */
	int only_replies;	/* --only-replies: ICMP_FILTER on Linux,
				 * ICMP6_FILTER with -6 */
	int six;		/* -6: a raw IPv6 socket (ICMPv6 unless -P) */
	enum layout layout;	/* -l: how to read header fields */
	const char *write_path;	/* -w: pcap copy */
	const char *read_path;	/* -r: a file instead of a socket */
	enum color_when color;	/* --color */
	int protocol;		/* -P: the raw socket's, 1 (ICMP) unless
				 * asked, 58 (ICMPv6) with -6; -1 (-P all,
				 * with -i): every frame.  With -i, 58 keeps
				 * IPv6 datagrams of next header 58 */
	const char *interface;	/* -i: frames from this interface */
	size_t bufsize;		/* -B: its kernel buffer, bytes; 0: default */
};

/* Fill o from the command line; on a bad one print why and exit 2. */
void receiver_args(int argc, char *argv[], struct receiver_opts *o);

#endif
