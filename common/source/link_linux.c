/*
 * receiver -i on Linux: a packet socket (packet(7)) with a TPACKET_V3
 * receive ring.  The kernel writes frames into blocks of a ring this
 * process maps, hands a block over when it is full or after
 * RETIRE_MS, and wakes the reader once a block; nothing is copied by a
 * read(2).  Sources: packet(7), Documentation/networking/packet_mmap.rst,
 * net/packet/af_packet.c; REFERENCE-LAYERS.md.
 *
 * The steps, in the order that lets no unfiltered frame in: a socket
 * of protocol 0 (it receives nothing yet), TPACKET_V3, the ring, the
 * kernel filter (-P), then bind to the interface and ETH_P_ALL.
 */
#include "source.h"	/* first: elsewhere the file is otherwise empty */

#if defined(__linux__)

#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netinet/if_ether.h>
#include <netpacket/packet.h>

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "filter.h"
#include "sig.h"
#include "source.h"

/*
 * The ring's layout is the kernel's ABI, from include/uapi/linux/
 * if_packet.h and filter.h; the C library's <netpacket/packet.h> has the
 * option numbers but not these (musl's has none of them, and Debian's
 * musl-gcc no kernel headers), so the parts read here are declared
 * here, field for field.  All are 32- and 16-bit words: the same on
 * every machine.
 */
struct ring_req3 {		/* struct tpacket_req3 */
	unsigned int block_size, block_nr, frame_size, frame_nr;
	unsigned int retire_blk_tov, sizeof_priv, feature_req_word;
};

struct ring_block {		/* struct tpacket_block_desc, hdr.bh1 */
	uint32_t version, offset_to_priv;
	uint32_t block_status, num_pkts, offset_to_first_pkt;
};

struct ring_frame {		/* struct tpacket3_hdr, to tp_net */
	uint32_t next_offset, sec, nsec, snaplen, len, status;
	uint16_t mac, net;
};

struct ring_stats {		/* struct tpacket_stats_v3 */
	unsigned int packets, drops, freeze_q_cnt;
};

struct kfilter {		/* struct sock_filter */
	uint16_t code;
	uint8_t jt, jf;
	uint32_t k;
};

struct kfprog {			/* struct sock_fprog */
	unsigned short len;
	struct kfilter *filter;
};

enum {
	RING_V3 = 2,		/* TPACKET_V3 */
	RING_KERNEL = 0,	/* TP_STATUS_KERNEL */
	RING_USER = 1,		/* TP_STATUS_USER */
	/* TPACKET_ALIGN(sizeof(struct tpacket3_hdr)): where the frame's
	 * struct sockaddr_ll begins, after its 48-byte header */
	RING_FRAME_HDR = 48
};

/* The ancillary load of the frame's packet type (SKF_AD_OFF +
 * SKF_AD_PKTTYPE): -0x1000 + 4, as a 32-bit offset. */
#define AD_PKTTYPE ((uint32_t)(-0x1000 + 4))

enum {
	DEFAULT_RING = 4 << 20,	/* 4 MiB: receiver(1) says so */
	BLOCK_MAX = 1 << 17,	/* 128 KiB a block: lo's 64 KiB frames fit */
	FRAME_SLOT = 2048,	/* V3 packs frames; the kernel still checks
				 * a nominal size against the block's */
	RETIRE_MS = 10		/* a block not yet full goes out after this */
};

struct link {
	struct source s;	/* first: a struct source * is one of these */
	int fd;
	uint8_t *ring;
	size_t block_size, block_nr, cur;
	int held;		/* the current block is ours (TP_STATUS_USER) */
	uint32_t left;		/* its frames not yet yielded */
	struct ring_frame *next_hdr;
	int timeout_ms;
	void (*before_wait)(void);
	char ifname[IF_NAMESIZE];
	unsigned ifindex;
	unsigned long long drops;	/* PACKET_STATISTICS, added up */
};

static struct ring_block *
block(struct link *l, size_t i)
{
	return (struct ring_block *)(void *)(l->ring + i * l->block_size);
}

/* The block's status word is shared with the kernel: read and written
 * with the ordering packet_mmap.rst asks for. */
static int
block_is_ours(struct ring_block *b)
{
	return (__atomic_load_n(&b->block_status, __ATOMIC_ACQUIRE) &
	    RING_USER) != 0;
}

static void
give_back(struct link *l)
{
	__atomic_store_n(&block(l, l->cur)->block_status, RING_KERNEL,
	    __ATOMIC_RELEASE);
	l->held = 0;
	l->cur = (l->cur + 1) % l->block_nr;
}

/* Wait for the block the ring has reached: SOURCE_FRAME when it is
 * ours, or why not. */
static enum source_rc
take_block(struct link *l)
{
	struct timespec limit, *lp = NULL;
	struct ring_block *b;

	if (l->timeout_ms >= 0) {
		limit.tv_sec = l->timeout_ms / 1000;
		limit.tv_nsec = (long)(l->timeout_ms % 1000) * 1000000L;
		lp = &limit;
	}
	for (;;) {
		if (sig_stop)
			return SOURCE_END;
		b = block(l, l->cur);
		if (block_is_ours(b)) {
			if (b->num_pkts == 0) {	/* retired empty */
				l->held = 1;
				give_back(l);
				continue;
			}
			l->held = 1;
			l->left = b->num_pkts;
			l->next_hdr = (struct ring_frame *)(void *)
			    ((uint8_t *)b + b->offset_to_first_pkt);
			return SOURCE_FRAME;
		}
		if (l->before_wait != NULL)
			l->before_wait();
		switch (sig_wait_fd(l->fd, POLLIN, lp)) {
		case -1:
			return SOURCE_END;
		case 0:
			return SOURCE_IDLE;
		}
	}
}

static enum source_rc
link_next(struct source *s, struct frame *f)
{
	struct link *l = (struct link *)s;
	struct ring_frame *h;
	const struct sockaddr_ll *sll;
	enum source_rc rc;

	/* The frame yielded last lives in the block until this call. */
	if (l->held && l->left == 0)
		give_back(l);
	if (!l->held && (rc = take_block(l)) != SOURCE_FRAME)
		return rc;
	h = l->next_hdr;
	l->left--;
	l->next_hdr = (struct ring_frame *)(void *)((uint8_t *)h +
	    h->next_offset);
	sll = (const struct sockaddr_ll *)(const void *)((const uint8_t *)h +
	    RING_FRAME_HDR);

	*f = (struct frame){ 0 };
	f->linktype = s->linktype;
	f->data = (const uint8_t *)h + h->mac;
	f->caplen = h->snaplen;
	f->origlen = h->len;
	f->layout = LAYOUT_WIRE;
	f->have_time = 1;
	f->when.tv_sec = h->sec;
	f->when.tv_nsec = h->nsec;
	f->tsprec = s->tsprec;
	f->dir = sll->sll_pkttype == PACKET_OUTGOING ? FRAME_DIR_OUT :
	    FRAME_DIR_IN;
	f->ifindex = l->ifindex;
	f->ifname = l->ifname;
	return SOURCE_FRAME;
}

/* PACKET_STATISTICS counts from the last time it was read: add up. */
static int
link_drops(struct source *s, unsigned long long *drops)
{
	struct link *l = (struct link *)s;
	struct ring_stats st;
	socklen_t len = sizeof(st);

	if (getsockopt(l->fd, SOL_PACKET, PACKET_STATISTICS, &st, &len) == 0)
		l->drops += st.drops;
	*drops = l->drops;
	return 0;
}

static void
link_close(struct source *s)
{
	struct link *l = (struct link *)s;

	if (l->ring != NULL)
		(void)munmap(l->ring, l->block_size * l->block_nr);
	if (l->fd != -1)
		(void)close(l->fd);
	free(l);
}

static const struct source_ops link_ops = { link_next, link_drops,
	link_close };

/*
 * The interface's link type, from its ARPHRD type: Ethernet and the
 * loopback (an all-zero Ethernet header) are framed as Ethernet; an
 * interface with no link header (tun) gives the datagram alone.
 */
static int
interface_linktype(int fd, const char *ifname, uint32_t *lt, int *loopback)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	(void)strncpy(ifr.ifr_name, ifname, sizeof(ifr.ifr_name) - 1);
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == -1)
		return -1;
	*loopback = (ifr.ifr_flags & IFF_LOOPBACK) != 0;
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) == -1)
		return -1;
	switch (ifr.ifr_hwaddr.sa_family) {
	case ARPHRD_ETHER:
	case ARPHRD_LOOPBACK:
		*lt = LINKTYPE_EN10MB;
		return 0;
	case ARPHRD_NONE:
		*lt = LINKTYPE_RAW;
		return 0;
	}
	errno = EPROTONOSUPPORT;
	return -1;
}

/* The ring: blocks of BLOCK_MAX (smaller for a small -B, two at least),
 * as many as bufsize holds. */
static int
make_ring(struct link *l, size_t bufsize)
{
	struct ring_req3 req;
	long page = sysconf(_SC_PAGESIZE);

	if (page <= 0)
		page = 4096;
	l->block_size = BLOCK_MAX;
	while (l->block_size > (size_t)page && bufsize / l->block_size < 2)
		l->block_size /= 2;
	l->block_nr = bufsize / l->block_size;
	if (l->block_nr < 2)
		l->block_nr = 2;
	memset(&req, 0, sizeof(req));
	req.block_size = (unsigned)l->block_size;
	req.block_nr = (unsigned)l->block_nr;
	req.frame_size = FRAME_SLOT;
	req.frame_nr = (unsigned)(l->block_size / FRAME_SLOT * l->block_nr);
	req.retire_blk_tov = RETIRE_MS;
	if (setsockopt(l->fd, SOL_PACKET, PACKET_RX_RING, &req,
	    sizeof(req)) == -1)
		return -1;
	l->s.kbuf = l->block_size * l->block_nr;
	l->ring = mmap(NULL, l->block_size * l->block_nr,
	    PROT_READ | PROT_WRITE, MAP_SHARED, l->fd, 0);
	if (l->ring == MAP_FAILED) {
		l->ring = NULL;
		return -1;
	}
	return 0;
}

/* -P in the kernel; on a loopback, the outgoing copies left out there
 * too (libpcap skips them after the fact; the kernel's pkt_type,
 * SKF_AD_PKTTYPE, lets the filter do it, so that they take no room in
 * the ring and never count as drops). */
static int
attach_filter(struct link *l, int protocol, int loopback, const char **why)
{
	struct filter_insn prog[FILTER_MAX];
	struct kfilter code[FILTER_MAX];
	struct kfprog fp;
	size_t n, i;

	if ((n = filter_build(l->s.linktype, protocol, prog)) == 0) {
		*why = "this interface's frames are not ones -P can look "
		    "into (-P all takes every frame)";
		errno = EPROTONOSUPPORT;
		return -1;
	}
	if (loopback && (n = filter_reject_first(prog, n, AD_PKTTYPE,
	    PACKET_OUTGOING)) == 0) {
		*why = "the kernel filter";
		errno = E2BIG;
		return -1;
	}
	for (i = 0; i < n; i++) {
		code[i].code = prog[i].code;
		code[i].jt = prog[i].jt;
		code[i].jf = prog[i].jf;
		code[i].k = prog[i].k;
	}
	fp.len = (unsigned short)n;
	fp.filter = code;
	if (setsockopt(l->fd, SOL_SOCKET, SO_ATTACH_FILTER, &fp,
	    sizeof(fp)) == -1) {
		*why = "SO_ATTACH_FILTER";
		return -1;
	}
	return 0;
}

static int
open_link(struct link *l, const struct link_opts *o, const char **why)
{
	struct sockaddr_ll sa;
	int version = RING_V3, loopback;
	uint32_t lt;

	if ((l->fd = socket(AF_PACKET, SOCK_RAW, 0)) == -1) {
		*why = "socket(AF_PACKET, SOCK_RAW)";
		return -1;
	}
	if ((l->ifindex = if_nametoindex(o->ifname)) == 0) {
		*why = "no such interface";
		return -1;
	}
	if (interface_linktype(l->fd, o->ifname, &lt, &loopback) != 0) {
		*why = errno == EPROTONOSUPPORT ? "its link type is not one "
		    "this reads (Ethernet, the loopback, or none)" :
		    "SIOCGIFHWADDR";
		return -1;
	}
	l->s.linktype = lt;
	if (setsockopt(l->fd, SOL_PACKET, PACKET_VERSION, &version,
	    sizeof(version)) == -1) {
		*why = "PACKET_VERSION TPACKET_V3";
		return -1;
	}
	if (make_ring(l, o->bufsize != 0 ? o->bufsize : DEFAULT_RING) != 0) {
		*why = "PACKET_RX_RING";
		return -1;
	}
	if (attach_filter(l, o->protocol, loopback, why) != 0)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sll_family = AF_PACKET;
	sa.sll_protocol = htons(ETH_P_ALL);
	sa.sll_ifindex = (int)l->ifindex;
	if (bind(l->fd, (struct sockaddr *)&sa, sizeof(sa)) == -1) {
		*why = "bind";
		return -1;
	}
	return 0;
}

struct source *
source_link(const struct link_opts *o, const char **why)
{
	struct link *l;
	int e;

	if ((l = calloc(1, sizeof(*l))) == NULL) {
		*why = "memory";
		return NULL;
	}
	l->fd = -1;
	l->s.ops = &link_ops;
	l->s.tsprec = 9;	/* the kernel stamps to the nanosecond */
	l->s.limit = o->limit;
	l->s.live = 1;
	l->s.unit = "frame";
	l->timeout_ms = o->timeout_ms;
	l->before_wait = o->before_wait;
	(void)strncpy(l->ifname, o->ifname, sizeof(l->ifname) - 1);
	if (open_link(l, o, why) != 0) {
		e = errno;
		link_close(&l->s);
		errno = e;
		return NULL;
	}
	return &l->s;
}

#endif /* __linux__ */
