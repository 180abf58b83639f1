/*
 * Raw IPv4 sockets: opening them, sending on them, reading from them.
 * Nothing here prints: a call the kernel refuses returns a code with
 * errno set, and the questions a message may need answered (is the
 * loopback down? what MTU has the route?) have calls of their own; the
 * programs say why (cmd/).  What differs between systems is in
 * rawsock_sys.h's files.
 */
#ifndef RAWSOCK_H
#define RAWSOCK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "iphdr.h"
#include "parse.h"

/* A call below the kernel refused: errno says why. */
enum { RAWSOCK_FAILED = -2 };

/*
 * socket(AF_INET, SOCK_RAW, proto).  With hdrincl set, ask for
 * IP_HDRINCL as well where the kernel does not imply it.  Returns the
 * socket; -1 when socket(2) fails, RAWSOCK_FAILED when IP_HDRINCL is
 * refused; errno says why.  self is not used: the caller, which says
 * why, knows its own name.
 */
int rawsock_open(int proto, int hdrincl, const char *self);

/*
 * The other sockets: socket(family, type, proto) alone, for an IPv6 raw
 * socket (AF_INET6, SOCK_RAW, IPPROTO_ICMPV6; with IPPROTO_RAW, on
 * Linux, one that takes our IPv6 header, IPV6_HDRINCL) or a ping socket
 * (SOCK_DGRAM, IPPROTO_ICMP or IPPROTO_ICMPV6).  -1 with errno.
 */
int rawsock_open_as(int family, int type, int proto);

/* O_NONBLOCK on, once: send and receive then wait in sig_wait_fd.
 * 0, or -1 with errno set. */
int rawsock_set_nonblocking(int fd);

/* The ICMP types (RFC 792) a ping listens for. */
enum {
	ICMP_PASS_ECHOREPLY = 1u << 0,
	ICMP_PASS_ERRORS = 1u << 3 | 1u << 4 | 1u << 5 | 1u << 11 | 1u << 12
};

/*
 * On a raw ICMP socket, have the kernel drop every type below 32 but
 * those whose bits are set in pass (bit n: type n) before delivery
 * (Linux's ICMP_FILTER, raw(7)).  Returns 0; -1 where there is no such
 * filter, and none is needed: other kernels answer echo requests
 * themselves and never deliver them; RAWSOCK_FAILED if it is refused.
 */
int rawsock_icmp_pass(int fd, uint32_t pass);

/*
 * Have sendto say ENOBUFS for a datagram an interface queue dropped
 * (Linux's IP_RECVERR; macOS and the BSDs say it anyway).  Returns 0; -1
 * where there is no such option; RAWSOCK_FAILED if it is refused.
 */
int rawsock_report_drops(int fd);

/* ENOBUFS is waited out this many times, over about this many seconds,
 * before rawsock_sendto gives up. */
enum { RAWSOCK_ENOBUFS_TRIES = 107, RAWSOCK_ENOBUFS_SECONDS = 10 };

/*
 * Send len bytes to dst (IPv4 or IPv6) on a non-blocking socket,
 * waiting for room when its buffer is full and, on ENOBUFS, waiting and
 * trying again (bounded), counting those tries in *retries.  Returns
 * what sendto took (len; fewer is a short send), -1 when a stop signal
 * came first, or RAWSOCK_FAILED when it cannot be sent (errno says why:
 * ENOBUFS after RAWSOCK_ENOBUFS_TRIES tries).
 */
ssize_t rawsock_sendto(int fd, const uint8_t *buf, size_t len,
    const struct ipaddr *dst, unsigned long long *retries);

/*
 * On an ICMPv6 socket, have the kernel drop every type but the n in
 * pass before delivery (RFC 3542 3.2's ICMP6_FILTER, on every system).
 * 0, or RAWSOCK_FAILED.
 */
int rawsock_icmp6_pass(int fd, const uint8_t *pass, size_t n);

/*
 * Have each datagram read come with what an IPv6 raw socket or a ping
 * socket does not hand over in the bytes: the hop limit (or IPv4's
 * TTL) and the address it was sent to (RFC 3542 6: IPV6_RECVHOPLIMIT,
 * IPV6_RECVPKTINFO; Linux's IP_RECVTTL).  Best effort: rawsock_rx says
 * what came.
 */
void rawsock_ancillary(int fd, int family);

/* A ping socket's local port (its identifier, on Linux), from
 * getsockname; -1 when it has none yet or cannot be told. */
int rawsock_local_port(int fd);

/*
 * An ICMP error about a message this socket sent, which its kernel
 * queues apart instead of handing it to recv: a Linux ping socket's
 * (ip(7) IP_RECVERR, ipv6(7) IPV6_RECVERR; the message is the echo
 * request as it went).
 */
struct rawsock_error {
	unsigned type, code;	/* the ICMP or ICMPv6 error's */
	uint32_t info;		/* its figure where it has one: the MTU of
				 * a fragmentation-needed or packet-too-big */
	struct ipaddr from;	/* who sent it (len 0: not said) */
};

/* Have them queued for this socket of family: 0; -1 where the system
 * has no such queue; RAWSOCK_FAILED if it is refused. */
int rawsock_queue_errors(int fd, int family);

/*
 * One queued error, without waiting: 1 with *e and the message it is
 * about in buf (*len bytes, at most cap), 0 when none is queued, -1 on
 * failure (errno) or where there is no such queue.
 */
int rawsock_recv_error(int fd, uint8_t *buf, size_t cap, size_t *len,
    struct rawsock_error *e);

/* Bind a socket of family to port on any address (a Linux ping socket:
 * the identifier its requests get).  0, or -1 with errno. */
int rawsock_bind_port(int fd, int family, unsigned port);

/* The hop limit (IPV6_UNICAST_HOPS, RFC 3493 5.1) or TTL (IP_TTL) the
 * kernel writes in what this socket sends.  0, or -1 with errno. */
int rawsock_set_hops(int fd, int family, int hops);

/* The groups a ping socket is allowed to (Linux's
 * net.ipv4.ping_group_range): 0 with *lo and *hi, -1 where there is no
 * such setting. */
int rawsock_ping_groups(long *lo, long *hi);

/* What the loopback interface lacks, asked of the interface itself. */
enum rawsock_lo { RAWSOCK_LO_FINE, RAWSOCK_LO_DOWN, RAWSOCK_LO_NO_ADDRESS };

/*
 * Whether the loopback interface is down, or up without an IPv4 address
 * (SIOCGIFFLAGS, SIOCGIFADDR; not getifaddrs(3), which under musl reads
 * netlink, untranslated by qemu-user for a big-endian guest).
 * RAWSOCK_LO_FINE too when it cannot be told.
 */
enum rawsock_lo rawsock_loopback(void);

/* The MTU of the route to dst, where the system tells (Linux's IP_MTU,
 * ip(7)); 0 when it cannot be had. */
int rawsock_route_mtu(const uint8_t dst[4]);

/* Datagrams taken from the kernel in one call, where it can. */
enum { RAWSOCK_BATCH = 64 };

/*
 * Have the kernel stamp each datagram with its arrival time (Linux's
 * SO_TIMESTAMPNS, SO_TIMESTAMP elsewhere: socket(7), getsockopt(2)).
 * Best effort: without it, the time of the read stands in.
 */
void rawsock_timestamps(int fd);

/*
 * Ask for a receive buffer of size bytes (the kernel may give less:
 * Linux caps it at net.core.rmem_max); what it gave, or 0 if unknown.
 */
int rawsock_rcvbuf(int fd, int size);

/* What one received datagram came with. */
struct rawsock_rx {
	size_t len;		/* its length */
	struct timespec when;	/* its arrival (CLOCK_REALTIME), as the
				 * kernel stamped it; 0 when it did not
				 * (rawsock_timestamps not asked for) */
	struct ipaddr from;	/* who sent it (len 0: not said) */
	struct ipaddr to;	/* where to (rawsock_ancillary; len 0:
				 * not said) */
	int hops;		/* its hop limit or TTL as it arrived
				 * (rawsock_ancillary); -1: not said */
	unsigned ifindex;	/* the interface it came in on, or 0 */
};

/*
 * Receive up to max (at most RAWSOCK_BATCH) datagrams that are already
 * queued on a non-blocking socket, the i-th into bufs[i], its length and
 * arrival time in rx[i], in one system call where the system has
 * recvmmsg (Linux, FreeBSD, NetBSD).  headless: the datagrams come
 * without their IP header (an IPv6 raw socket, a ping socket), so each
 * one's sender, and what rawsock_ancillary asked for, are read too;
 * else only the time (the header says the rest, and a flood is read
 * faster without).  Returns how many (0: none queued), or -1 when the
 * receive fails (errno set).
 */
int rawsock_recv_now(int fd, uint8_t (*bufs)[IP_MAXLEN],
    struct rawsock_rx *rx, int max, int headless);

/*
 * The kernel's count of datagrams this socket has dropped for want of
 * buffer space, since it was opened: 0 with *drops set, or -1 where the
 * system does not tell (Linux's SO_MEMINFO is the only source known).
 */
int rawsock_drops(int fd, unsigned long long *drops);

#endif
