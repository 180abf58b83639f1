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
 * message on to raw sockets, requests included; raw_ip6.c
 * ip6_raw_ctloutput takes IPV6_CHECKSUM on an ICMPv6 socket only as 2,
 * the checksum's own offset.
 *
 * FreeBSD, OpenBSD, NetBSD: no ICMP datagram socket (socket(2) gives
 * EPROTONOSUPPORT); 4.4BSD's icmp_input answers echo requests without
 * a raw socket seeing them, KAME's icmp6_input passes ICMPv6 on to raw
 * sockets as xnu's (xnu took it from KAME); no IPV6_HDRINCL.
 */
#include "socks.h"

static const struct sock_rules rules[LAYOUT_COUNT] = {
	[LAYOUT_LINUX] = {
		"Linux", 1, "a group in net.ipv4.ping_group_range (default "
		"'1 0': nobody)", 1, 1, 0, 1, 1, 1,
		"refused (EINVAL): the kernel's own" },
	[LAYOUT_DARWIN] = {
		"macOS", 1, "any user", 0, 0, 1, 0, 1, 0,
		"accepted only as 2, the checksum's offset" },
	[LAYOUT_WIRE] = {
		"FreeBSD 11+ and OpenBSD", 0, NULL, 0, 0, 0, 0, 1, 0, NULL },
	[LAYOUT_NETBSD] = {
		"NetBSD", 0, NULL, 0, 0, 0, 0, 1, 0, NULL },
};

const struct sock_rules *
sock_rules(enum layout l)
{
	return &rules[l];
}
