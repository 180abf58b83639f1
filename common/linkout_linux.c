/*
 * linkout.h for Linux: a packet socket.  Sources: packet(7) (AF_PACKET,
 * SOCK_RAW: frames as written, link header included; protocol 0
 * receives nothing until bound to one; CAP_NET_RAW checked when the
 * socket is made, so it keeps working once privilege is dropped);
 * netdevice(7) (SIOCGIFINDEX, SIOCGIFFLAGS, SIOCGIFHWADDR, SIOCGIFADDR,
 * SIOCGIFMTU); net/packet/af_packet.c packet_snd (the source MAC is
 * not rewritten; a frame over the MTU plus its header is EMSGSIZE; a
 * socket bound to one EtherType sees incoming frames only, never its
 * own); drivers/net/loopback.c (lo: an Ethernet of hardware type 772,
 * ARPHRD_LOOPBACK, its address all zero); net/ipv4/arp.c
 * arp_constructor (no ARP on an interface flagged IFF_NOARP or
 * IFF_LOOPBACK: lo has only the second); net/ipv4/route.c
 * ip_route_input_slow and fib_frontend.c fib_validate_source (a
 * datagram arriving on lo from one of the host's own addresses is
 * dropped, unless accept_local is set, and for 127/8 route_localnet
 * too: REFERENCE-LAYERS.md; checked here on Linux 6.18, sender --link
 * lo --ping answered only with both).
 *
 * From the C library only: <netpacket/packet.h> and <net/if_arp.h> are
 * glibc's and musl's alike; the EtherTypes are the printers'.
 */
#include "linkout.h"

#if defined(LINKOUT_SYS_PACKET)
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netinet/in.h>
#include <netpacket/packet.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ether.h"
#include "frame.h"

/* An ioctl on the interface, through any socket. */
static int
if_ioctl(int s, unsigned long req, const char *name, struct ifreq *ifr)
{
	memset(ifr, 0, sizeof(*ifr));
	(void)snprintf(ifr->ifr_name, sizeof(ifr->ifr_name), "%s", name);
	return ioctl(s, req, ifr);
}

/* The interface's facts, asked through the datagram socket s. */
static int
learn(struct linkout *l, int s, const char *name, const char **what)
{
	struct ifreq ifr;
	struct sockaddr_in sin;

	if (strlen(name) >= IFNAMSIZ || if_ioctl(s, SIOCGIFINDEX, name,
	    &ifr) == -1) {
		if (strlen(name) >= IFNAMSIZ || errno == ENODEV)
			errno = ENXIO;
		*what = "SIOCGIFINDEX";
		return errno == ENXIO ? -1 : LINKOUT_FAILED;
	}
	l->index = (unsigned)ifr.ifr_ifindex;
	*what = "SIOCGIFFLAGS";
	if (if_ioctl(s, SIOCGIFFLAGS, name, &ifr) == -1)
		return LINKOUT_FAILED;
	l->up = (ifr.ifr_flags & IFF_UP) != 0;
	l->loopback = (ifr.ifr_flags & IFF_LOOPBACK) != 0;
	l->arp = !(ifr.ifr_flags & (IFF_NOARP | IFF_LOOPBACK));
	*what = "SIOCGIFHWADDR";
	if (if_ioctl(s, SIOCGIFHWADDR, name, &ifr) == -1)
		return LINKOUT_FAILED;
	/* Both are Ethernet to a packet socket: a 14-byte header. */
	if (ifr.ifr_hwaddr.sa_family != ARPHRD_ETHER &&
	    ifr.ifr_hwaddr.sa_family != ARPHRD_LOOPBACK) {
		*what = "link type";
		errno = EAFNOSUPPORT;
		return LINKOUT_FAILED;
	}
	l->linktype = LINKTYPE_EN10MB;
	memcpy(l->mac, ifr.ifr_hwaddr.sa_data, ND_MAC_LEN);
	l->local_source_dropped = l->loopback;
	if (if_ioctl(s, SIOCGIFMTU, name, &ifr) == 0 && ifr.ifr_mtu > 0)
		l->mtu = (unsigned)ifr.ifr_mtu;
	/* EADDRNOTAVAIL: no IPv4 address on it, which is no failure. */
	if (if_ioctl(s, SIOCGIFADDR, name, &ifr) == 0 &&
	    ifr.ifr_addr.sa_family == AF_INET) {
		memcpy(&sin, &ifr.ifr_addr, sizeof(sin));
		memcpy(l->addr, &sin.sin_addr, ND_IPV4_LEN);
		l->have_addr = 1;
	}
	return 0;
}

/* sll for l's interface and EtherType type (0: none). */
static void
sll_for(const struct linkout *l, uint16_t type, struct sockaddr_ll *sll)
{
	memset(sll, 0, sizeof(*sll));
	sll->sll_family = AF_PACKET;
	sll->sll_protocol = htons(type);
	sll->sll_ifindex = (int)l->index;
}

/* A packet socket of protocol 0 (it takes nothing in), non-blocking. */
static int
packet_socket(const char **what)
{
	int fd, fl, saved;

	*what = "socket";
	if ((fd = socket(AF_PACKET, SOCK_RAW, 0)) == -1)
		return -1;
	*what = "fcntl";
	if ((fl = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, fl | O_NONBLOCK) == -1) {
		saved = errno;
		(void)close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

/*
 * The send socket; with arp, a second one bound to ARP on this
 * interface, which takes in the ARP frames that arrive there (a socket
 * once bound to a protocol cannot be unbound: bound again to 0, it
 * keeps its protocol; so this one is closed when ARP is done).
 */
static int
open_sockets(struct linkout *l, int arp, const char **what)
{
	struct sockaddr_ll sll;

	if ((l->fd = packet_socket(what)) == -1)
		return LINKOUT_FAILED;
	if (!arp)
		return 0;
	if ((l->arp_fd = packet_socket(what)) == -1)
		return LINKOUT_FAILED;
	*what = "bind";
	sll_for(l, ET_ARP, &sll);
	if (bind(l->arp_fd, (struct sockaddr *)&sll, sizeof(sll)) == -1)
		return LINKOUT_FAILED;
	l->arp_open = 1;
	return 0;
}

int
linkout_sys_open(struct linkout *l, const char *name, unsigned flags,
    const char **what)
{
	int s, rc, saved;

	(void)snprintf(l->name, sizeof(l->name), "%s", name);
	l->send_call = "sendto";
	*what = "socket";
	if ((s = socket(AF_INET, SOCK_DGRAM, 0)) == -1)
		return LINKOUT_FAILED;
	rc = learn(l, s, name, what);
	saved = errno;
	(void)close(s);
	errno = saved;
	if (rc != 0 || !(flags & LINKOUT_SEND))
		return rc;
	if ((rc = open_sockets(l, (flags & LINKOUT_ARP) && l->arp, what)) !=
	    0) {
		saved = errno;
		linkout_close(l);
		errno = saved;
	}
	return rc;
}

ssize_t
linkout_sys_send(struct linkout *l, const uint8_t *frame, size_t len)
{
	struct sockaddr_ll sll;

	/* The protocol goes with the frame to the taps and the driver;
	 * the frame itself, header and all, goes as written. */
	sll_for(l, len >= ETH_HDRLEN ? get16(frame + ETH_TYPE) : 0, &sll);
	return sendto(l->fd, frame, len, 0, (struct sockaddr *)&sll,
	    sizeof(sll));
}

int
linkout_sys_arp_next(struct linkout *l, uint8_t *buf, size_t max, size_t *n)
{
	ssize_t got;

	/* A frame longer than max comes cut to max. */
	if ((got = recv(l->arp_fd, buf, max, 0)) >= 0) {
		*n = (size_t)got;
		return 1;
	}
	return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ?
	    0 : -1;
}

void
linkout_sys_arp_done(struct linkout *l)
{
	(void)close(l->arp_fd);
	l->arp_fd = -1;
}

#endif
