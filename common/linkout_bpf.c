/*
 * linkout.h for macOS, FreeBSD, OpenBSD, NetBSD and DragonFly: /dev/bpf,
 * opened and bound by bpfdev.c, written with write(2).  Sources: bpf(4)
 * of each system (BIOCSHDRCMPLT: "the link level source address will
 * be written, as provided, to the wire"; without it the kernel fills in
 * the interface's own; a write is one frame); getifaddrs(3) (an
 * interface's AF_LINK entry, a struct sockaddr_dl whose LLADDR is its
 * hardware address, link_addr(3); its AF_INET entries); netintro(4)
 * (SIOCGIFMTU); libpcap pcap-bpf.c (pcap_inject: BIOCSHDRCMPLT, then
 * write).  On lo0 a frame begins with the family word, not Ethernet
 * (linkout_header; FreeBSD bpf_movein reads it for DLT_NULL, xnu
 * lo_output in host order, OpenBSD's DLT_LOOP in network order).
 *
 * ARP replies are read from the same device under a filter that passes
 * ARP alone, the records walked by bpfdev_next; once ARP is done the
 * filter passes nothing, so the device holds no frames nobody reads.
 */
#include "linkout.h"

#if defined(LINKOUT_SYS_BPF)
#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/sockio.h>
#include <net/if.h>
#include <net/if_dl.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bpfdev.h"
#include "ether.h"
#include "frame.h"
#include "source/filter.h"

/*
 * Classic BPF opcodes (bpf(4), the BPF paper), the same numbers on
 * every system: a halfword load at an absolute offset, a jump if equal
 * to a constant, a return of a constant.
 */
enum {
	INSN_LDH_ABS = 0x28,
	INSN_JEQ_K = 0x15,
	INSN_RET_K = 0x06
};

/* lo0's link type until the device says (with -n, none is opened):
 * OpenBSD's DLT_LOOP, the others' DLT_NULL (REFERENCE-LAYERS.md). */
#if defined(__OpenBSD__)
#define LINKOUT_LOOP_LINKTYPE LINKTYPE_LOOP
#else
#define LINKOUT_LOOP_LINKTYPE LINKTYPE_NULL
#endif

/* Every frame whose EtherType is ARP's, whole; nothing else. */
static const struct filter_insn arp_only[] = {
	{ INSN_LDH_ABS, 0, 0, ETH_TYPE },
	{ INSN_JEQ_K, 0, 1, ET_ARP },
	{ INSN_RET_K, 0, 0, FILTER_SNAP },
	{ INSN_RET_K, 0, 0, 0 }
};

/* Nothing at all. */
static const struct filter_insn nothing[] = {
	{ INSN_RET_K, 0, 0, 0 }
};

/* What getifaddrs(3) knows of the interface; -1 (ENXIO) if none. */
static int
learn_addrs(struct linkout *l, const char *name, const char **what)
{
	struct ifaddrs *all, *a;
	const struct sockaddr_dl *dl;
	struct sockaddr_in sin;
	int found = 0;

	*what = "getifaddrs";
	if (getifaddrs(&all) == -1)
		return LINKOUT_FAILED;
	for (a = all; a != NULL; a = a->ifa_next) {
		if (strcmp(a->ifa_name, name) != 0)
			continue;
		found = 1;
		l->up = (a->ifa_flags & IFF_UP) != 0;
		l->loopback = (a->ifa_flags & IFF_LOOPBACK) != 0;
		l->arp = !(a->ifa_flags & (IFF_NOARP | IFF_LOOPBACK));
		if (a->ifa_addr == NULL)
			continue;
		if (a->ifa_addr->sa_family == AF_LINK) {
			dl = (const struct sockaddr_dl *)(const void *)
			    a->ifa_addr;
			if (dl->sdl_alen == ND_MAC_LEN) {
				memcpy(l->mac, LLADDR(dl), ND_MAC_LEN);
				l->linktype = LINKTYPE_EN10MB;
			}
		} else if (a->ifa_addr->sa_family == AF_INET && !l->have_addr) {
			memcpy(&sin, a->ifa_addr, sizeof(sin));
			memcpy(l->addr, &sin.sin_addr, ND_IPV4_LEN);
			l->have_addr = 1;
		}
	}
	freeifaddrs(all);
	if (!found) {
		errno = ENXIO;
		return -1;
	}
	return 0;
}

/* The MTU, by SIOCGIFMTU; 0 when it cannot be had. */
static unsigned
mtu_of(const char *name)
{
	struct ifreq ifr;
	int s;
	unsigned mtu = 0;

	if ((s = socket(AF_INET, SOCK_DGRAM, 0)) == -1)
		return 0;
	memset(&ifr, 0, sizeof(ifr));
	(void)snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (ioctl(s, SIOCGIFMTU, &ifr) == 0 && ifr.ifr_mtu > 0)
		mtu = (unsigned)ifr.ifr_mtu;
	(void)close(s);
	return mtu;
}

/* Whether frames of this link type are ones linkout_header writes. */
static int
known_linktype(uint32_t t)
{
	return t == LINKTYPE_EN10MB || t == LINKTYPE_NULL ||
	    t == LINKTYPE_LOOP;
}

/* The device: bound, header complete, non-blocking, filtered. */
static int
open_device(struct linkout *l, int arp, const char **what)
{
	unsigned blen;
	uint32_t linktype;
	int fl;

	if ((l->fd = bpfdev_open(l->name, 0, &blen, &linktype, what)) == -1)
		return LINKOUT_FAILED;
	if (!known_linktype(linktype)) {
		*what = "link type";
		errno = EAFNOSUPPORT;
		return LINKOUT_FAILED;
	}
	l->linktype = linktype;
	*what = "BIOCSHDRCMPLT";
	if (bpfdev_header_complete(l->fd) == -1)
		return LINKOUT_FAILED;
	*what = "fcntl";
	if ((fl = fcntl(l->fd, F_GETFL)) == -1 ||
	    fcntl(l->fd, F_SETFL, fl | O_NONBLOCK) == -1)
		return LINKOUT_FAILED;
	*what = "BIOCSETF";
	if (!arp)
		return bpfdev_set_filter(l->fd, nothing, 1) == -1 ?
		    LINKOUT_FAILED : 0;
	if (bpfdev_set_filter(l->fd, arp_only,
	    sizeof(arp_only) / sizeof(arp_only[0])) == -1)
		return LINKOUT_FAILED;
	*what = "malloc";
	if ((l->rbuf = malloc(blen)) == NULL)
		return LINKOUT_FAILED;
	l->blen = blen;
	l->arp_fd = l->fd;
	l->arp_open = 1;
	return 0;
}

int
linkout_sys_open(struct linkout *l, const char *name, unsigned flags,
    const char **what)
{
	int rc, saved;

	(void)snprintf(l->name, sizeof(l->name), "%s", name);
	l->send_call = "write";
	if (strlen(name) >= sizeof(l->name)) {
		errno = ENXIO;
		*what = "interface name";
		return -1;
	}
	if ((rc = learn_addrs(l, name, what)) != 0)
		return rc;
	l->index = if_nametoindex(name);
	l->mtu = mtu_of(name);
	/* Until the device says: a loopback's family word, or Ethernet
	 * where the interface has a 6-byte address. */
	if (l->loopback)
		l->linktype = LINKOUT_LOOP_LINKTYPE;
	else if (l->linktype != LINKTYPE_EN10MB) {
		*what = "link type";
		errno = EAFNOSUPPORT;
		return LINKOUT_FAILED;
	}
	if (!(flags & LINKOUT_SEND))
		return 0;
	if ((rc = open_device(l, (flags & LINKOUT_ARP) && l->arp, what)) !=
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
	return write(l->fd, frame, len);
}

int
linkout_sys_arp_next(struct linkout *l, uint8_t *buf, size_t max, size_t *n)
{
	struct bpfdev_record r;
	ssize_t got;
	int k;

	for (;;) {
		/* What the last read returned, record by record. */
		if ((k = bpfdev_next(l->rbuf, l->rlen, &l->roff, &r)) == 1) {
			*n = r.caplen < max ? r.caplen : max;
			memcpy(buf, r.data, *n);
			return 1;
		}
		if (k == -1) {
			errno = EIO;	/* a record the kernel cannot have
					 * written */
			return -1;
		}
		/* A read must ask for the whole buffer (bpf(4)). */
		l->rlen = l->roff = 0;
		if ((got = read(l->fd, l->rbuf, l->blen)) == -1)
			return errno == EAGAIN || errno == EWOULDBLOCK ||
			    errno == EINTR ? 0 : -1;
		if (got == 0)
			return 0;
		l->rlen = (size_t)got;
	}
}

void
linkout_sys_arp_done(struct linkout *l)
{
	(void)bpfdev_set_filter(l->fd, nothing, 1);
	l->arp_fd = -1;
}

#endif
