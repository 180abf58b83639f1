/*
 * The other sockets, system by system: the IPv6 raw socket and the
 * "ping socket" (socket(AF_INET or AF_INET6, SOCK_DGRAM, IPPROTO_ICMP
 * or IPPROTO_ICMPV6)).  One row a system, keyed as iphdr.h's layout
 * table is (each layout is one system's kernel), so that --compare and
 * -n can show any system's bytes on any host; nothing else asks which
 * system it runs on.  The facts and their sources are in socks.c.
 */
#ifndef SOCKS_H
#define SOCKS_H

#include "iphdr.h"

struct sock_rules {
	const char *system;	/* as iphdr.c's rows name it */
	/* The ping socket. */
	int ping;		/* the system has one */
	const char *ping_who;	/* who may open it */
	int ping_sets_id;	/* the kernel writes the socket's local port
				 * over the echo identifier */
	int ping_sets_sum;	/* the kernel computes the ICMP checksum */
	int ping_rx_header;	/* recv hands over the IPv4 header too,
				 * laid out as this row's layout */
	/* Raw sockets. */
	int raw4_own_echo;	/* a raw ICMP socket gets this host's own
				 * echo requests (not only the replies) */
	int raw6_own_echo;	/* the same for a raw ICMPv6 socket */
	int hdrincl6;		/* IPV6_HDRINCL: an IPv6 header of ours */
	const char *checksum6;	/* what IPV6_CHECKSUM does on an ICMPv6
				 * socket; NULL: not known here */
	/* The ping socket, again. */
	int ping_rx_by_id;	/* recv hands over only the replies to this
				 * socket's identifier (else every ICMP
				 * message a raw socket would get) */
	/* The IPv6 ping socket, socket(AF_INET6, SOCK_DGRAM,
	 * IPPROTO_ICMPV6): opened by whoever may open the IPv4 one. */
	int ping6;		/* 1: the system has one; 0: none; -1: not
				 * checked here */
	int ping6_sets_id;	/* the kernel writes the socket's local port
				 * over the echo identifier */
	int ping6_rx_by_id;	/* as ping_rx_by_id, for ICMPv6 */
};

const struct sock_rules *sock_rules(enum layout l);

/* Whether r's kernel writes a ping socket's port over the identifier,
 * for IPv6 (six) or IPv4. */
static inline int
sock_ping_sets_id(const struct sock_rules *r, int six)
{
	return six ? r->ping6_sets_id == 1 : r->ping_sets_id;
}

#endif
