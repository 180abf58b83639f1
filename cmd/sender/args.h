/*
 * The sender's command line.
 */
#ifndef SENDER_ARGS_H
#define SENDER_ARGS_H

#include <stddef.h>
#include <stdint.h>

#include "color.h"
#include "ether.h"
#include "iphdr.h"
#include "parse.h"

struct sender_opts {
	int dry_run;		/* -n: print the packet, open no socket */
	int quiet;		/* -q: only the closing summary */
	int no_hdrincl;		/* --no-hdrincl: the first article's bug */
	enum layout layout;	/* -l */
	int have_layout;	/* -l given */
	const char *dest_name;	/* the destination as given, if given */
	int have_dst;		/* set.dst holds its address (resolved) */
	int have_src;		/* --source given */
	uint16_t icmp_id;	/* -I */
	uint16_t seq;		/* -S: of the first packet */
	int raw;		/* -x: data is the whole datagram */
	uint8_t data[IP_MAXLEN];	/* -p payload, or -x datagram */
	size_t dlen;
	unsigned long count;	/* -c: 0 for until interrupted */
	double interval;	/* -i, seconds */
	const char *write_path;	/* -w */
	enum color_when color;	/* --color */
	int compare;		/* --compare: every layout, side by side */
	int ping;		/* --ping: wait for the replies, time them */
	double wait;		/* -W: seconds to wait for the last reply */
	const char *link;	/* --link: the interface frames go out on,
				 * link header and all; NULL: none */
	int six;		/* -6: ICMPv6 on an IPv6 socket */
	int hdrincl6;		/* --hdrincl, with -6: the IPv6 header ours
				 * (Linux's IPV6_HDRINCL) */
	int dgram;		/* --dgram: the ping socket (SOCK_DGRAM) */
	int have_id;		/* -I given */
	struct ipaddr dst6, src6;	/* the destination (when have_dst)
				 * and --source (when have_src), of either
				 * family; IPv4's also in set.dst, set.src,
				 * which the IPv4 header's code reads */
	int have_dst_mac;	/* --dst-mac given */
	uint8_t dst_mac[ND_MAC_LEN];
	struct {		/* header fields as given; -1: not given */
		long ttl, id, tos;
		uint16_t off;	/* flags and fragment offset */
		uint8_t src[4];	/* when have_src */
		uint8_t dst[4];	/* when have_dst */
	} set;
};

/*
 * Fill o from the command line, as typed: every value checked, no
 * header field made yet (packet.h settles them).  On a bad one print
 * why and exit 2.
 */
void sender_args(int argc, char *argv[], struct sender_opts *o);

/*
 * What o asks that a ping socket cannot do (--ping falls back to one
 * only without it): the option in words, or NULL.
 */
const char *sender_needs_raw(const struct sender_opts *o);

/*
 * Look the destination up, if one was given (a host name may need the
 * network, so this comes after privilege is dropped): its address in
 * o->set.dst.  Exits 2 if it names no IPv4 address.
 */
void sender_resolve(struct sender_opts *o);

#endif
