/*
 * The table of socks.h.  Sources, row by row:
 *
 * Linux: icmp(7) and net/ipv4/ping.c (ping_v4_sendmsg writes the
 * socket's source port as the echo identifier; the checksum is summed
 * as the datagram is pushed out; ping_group_range in
 * Documentation/networking/ip-sysctl.rst, default "1 0", per network
 * namespace); net/ipv4/raw.c and net/ipv6/raw.c (every ICMP datagram,
 * requests included, goes to each raw socket of its protocol before the
 * kernel answers it); ipv6(7) and net/ipv6/raw.c do_rawv6_setsockopt
 * (IPV6_CHECKSUM on an ICMPv6 socket is EINVAL: its checksum is the
 * kernel's; IPV6_HDRINCL, 36, on since socket(AF_INET6, SOCK_RAW,
 * IPPROTO_RAW)).
 *
 * macOS: xnu bsd/netinet/ip_icmp.c icmp_dgram_send and icmp_dgram_attach
 * (any user; the identifier and checksum as the program wrote them;
 * recv hands over the IPv4 header, ip_len in host order less the
 * header's length, as a raw socket does, unless IP_STRIPHDR);
 * icmp_input answers an echo request itself and never passes it to a
 * raw socket; bsd/netinet6/icmp6.c icmp6_input passes every ICMPv6
 * message on to raw sockets (icmp6_rip6_input), requests included;
 * bsd/netinet6/ip6_output.c ip6_raw_ctloutput takes IPV6_CHECKSUM on an
 * ICMPv6 socket only as 2, the checksum's own offset.
 *
 * The ping socket's recv: Linux's ping_rcv hands a socket the replies
 * whose identifier is its port; xnu's icmp_dgram sockets sit on the raw
 * sockets' list and get what a raw socket gets.
 *
 * The IPv6 ping socket.  Linux: net/ipv6/ping.c ping_v6_sendmsg, the
 * IPv4 one's rules (the port as identifier, the same ping_group_range,
 * replies matched by it).  macOS: xnu bsd/netinet6/icmp6.c
 * icmp6_dgram_attach (no privilege asked) and icmp6_dgram_send (an
 * echo request passed to rip6_output untouched, its identifier too);
 * raw_ip6.c rip6_output computes the checksum of every ICMPv6 socket's
 * message, and icmp6.c icmp6_rip6_input hands every ICMPv6 message, no
 * header, to each socket on the raw list, icmp6_dgram's included.  The BSDs'
 * IPv6 protocol tables are not checked here.
 *
 * FreeBSD, OpenBSD, NetBSD: no ICMP datagram socket (their protocol
 * switch tables pair SOCK_DGRAM with IPPROTO_ICMP nowhere); 4.4BSD's icmp_input answers echo requests without
 * a raw socket seeing them, KAME's icmp6_input passes ICMPv6 on to raw
 * sockets as xnu's (xnu took it from KAME); no IPV6_HDRINCL.
 */
#include "socks.h"

static const struct sock_rules rules[LAYOUT_COUNT] = {
	[LAYOUT_LINUX] = {
		"Linux", 1, "a group in net.ipv4.ping_group_range (default "
		"'1 0': nobody)", 1, 1, 0, 1, 1, 1,
		"refused (EINVAL): the kernel's own", 1, 1, 1, 1 },
	[LAYOUT_DARWIN] = {
		"macOS", 1, "any user", 0, 0, 1, 0, 1, 0,
		"accepted only as 2, the checksum's offset", 0, 1, 0, 0 },
	[LAYOUT_WIRE] = {
		"FreeBSD 11+ and OpenBSD", 0, NULL, 0, 0, 0, 0, 1, 0, NULL,
		0, -1, 0, 0 },
	[LAYOUT_NETBSD] = {
		"NetBSD", 0, NULL, 0, 0, 0, 0, 1, 0, NULL, 0, -1, 0, 0 },
};

const struct sock_rules *
sock_rules(enum layout l)
{
	return &rules[l];
}
