/*
 * The commands the two programs' messages suggest, and what an error
 * means on the system they are built for: one table, chosen once, here.
 * Linux has iproute2 and capabilities (ip(8), capabilities(7)); macOS
 * and the BSDs have ifconfig(8) and route(8), and root.  Nothing under
 * common/ names a command: rawsock.h answers with codes and errno, and
 * the programs (cmd/sender/sock.c, cmd/receiver/sock.c) say why.
 *
 * Each is a string literal, to be joined into a message's format: the
 * compiler checks the whole.
 */
#ifndef CMD_HINTS_H
#define CMD_HINTS_H

#if defined(__linux__)

/* Bring the loopback up; give it its address; ask about a route. */
#define HINT_LO_UP "ip link set lo up"
#define HINT_LO_ADDR "ip addr add 127.0.0.1/8 dev lo"
#define HINT_ROUTE_GET "ip route get"
#define HINT_ROUTE6_GET "ip -6 route get"

/* What a raw socket needs, and how to have it; %s: the program. */
#define HINT_PRIVILEGE "root or CAP_NET_RAW: run it with sudo, give the " \
	"program the capability ('sudo setcap cap_net_raw+ep %s'), or run " \
	"both programs in one private namespace: 'unshare -rn sh', then '" \
	HINT_LO_UP "' and both from that shell"

/* Who may open a ping socket, and how to widen it (ip-sysctl: the
 * setting is the network namespace's). */
#define HINT_PING_GROUPS "'sudo sysctl -w net.ipv4.ping_group_range=\"0 " \
	"2147483647\"' lets every group (root of an 'unshare -rn' namespace " \
	"may write '0 0' to its own)"

/* EINVAL from sendto: Linux says it of a blackhole or prohibit route
 * (1); the BSD kernels of a total length or fragment offset not in
 * their byte order (0: rip_output, xnu and FreeBSD before 11). */
#define HINT_EINVAL_IS_ROUTE 1

/* Whether the kernel keeps TCP and UDP from raw sockets: the BSD-derived
 * ones do (Stevens, UNIX Network Programming, 28.4; FreeBSD raw_ip.c),
 * Linux hands a raw socket a copy of every datagram of its protocol. */
#define HINT_RAW_NO_TCP_UDP 0

#else

#define HINT_LO_UP "ifconfig lo0 up"
#define HINT_LO_ADDR "ifconfig lo0 inet 127.0.0.1 netmask 255.0.0.0"
#define HINT_ROUTE_GET "route get"
#define HINT_ROUTE6_GET "route get -inet6"
#define HINT_PRIVILEGE "root: run %s with sudo"
#define HINT_PING_GROUPS "no setting limits it here"
#define HINT_EINVAL_IS_ROUTE 0
#define HINT_RAW_NO_TCP_UDP 1

#endif

#endif
