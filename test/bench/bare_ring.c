/*
 * A yardstick for receiver -i lo under a flood: the plainest TPACKET_V3
 * ring reader, counting frames and nothing else.  The ring is laid out
 * as the receiver lays out its own for the same size (blocks of 128 KiB,
 * halved for a small ring down to two blocks, a 2048-byte nominal frame,
 * a block retired after 10 ms), and the kernel filter is the one
 * receiver -i lo attaches by default: IPv4 carrying ICMP behind the
 * Ethernet header, lo's outgoing copies rejected first by the packet's
 * type (SKF_AD_PKTTYPE).  The loop takes a whole block at a time, adds
 * its packet count, and hands it back; ends after IDLE-MS with nothing
 * to read, and prints the frames counted and the kernel's drops
 * (PACKET_STATISTICS, read once at the end: it counts from socket
 * creation until then).
 *
 *   bare_ring IDLE-MS [RING-KIB] [IFACE]    prints: frames drops
 *
 * RING-KIB defaults to 4096 (the receiver's default ring), IFACE to lo.
 * Sources: packet(7); the kernel's Documentation/networking/
 * packet_mmap.rst (TPACKET_V3, the block status word and its ordering)
 * and filter.rst (ancillary loads such as SKF_AD_PKTTYPE).  Linux only.
 */
#include <sys/mman.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>

#include <err.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
	BLOCK_BIG = 128 << 10,	/* the largest block: a 64 KiB frame fits */
	NOMINAL_FRAME = 2048,
	RETIRE_MS = 10
};

/* Accept ICMP over IPv4 in an Ethernet frame, not a copy going out. */
static struct sock_filter icmp_in[] = {
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, SKF_AD_OFF + SKF_AD_PKTTYPE),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PACKET_OUTGOING, 5, 0),
	BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 12),		/* EtherType */
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_IP, 0, 3),
	BPF_STMT(BPF_LD | BPF_B | BPF_ABS, 14 + 9),	/* IP protocol */
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, 1),	/* ICMP */
	BPF_STMT(BPF_RET | BPF_K, 262144),
	BPF_STMT(BPF_RET | BPF_K, 0),
};

int
main(int argc, char *argv[])
{
	struct sock_fprog prog = { sizeof(icmp_in) / sizeof(icmp_in[0]),
		icmp_in };
	struct tpacket_req3 req;
	struct tpacket_stats_v3 st;
	struct tpacket_block_desc *b;
	struct sockaddr_ll sa;
	struct pollfd pfd;
	socklen_t len = sizeof(st);
	unsigned long long frames = 0;
	size_t ring, block = BLOCK_BIG, nblocks, cur = 0, page;
	const char *ifname = argc > 3 ? argv[3] : "lo";
	unsigned char *map;
	int fd, idle, version = TPACKET_V3;

	if (argc < 2 || argc > 4)
		errx(2, "usage: bare_ring idle-ms [ring-kib] [iface]");
	idle = (int)strtol(argv[1], NULL, 10);
	ring = (argc > 2 ? strtoull(argv[2], NULL, 10) : 4096) << 10;
	page = sysconf(_SC_PAGESIZE) > 0 ? (size_t)sysconf(_SC_PAGESIZE) :
	    4096;
	while (block > page && ring / block < 2)
		block /= 2;
	nblocks = ring / block < 2 ? 2 : ring / block;

	/* Protocol 0: nothing arrives until the bind, after the filter. */
	if ((fd = socket(AF_PACKET, SOCK_RAW, 0)) == -1)
		err(1, "socket");
	if (setsockopt(fd, SOL_PACKET, PACKET_VERSION, &version,
	    sizeof(version)) == -1)
		err(1, "PACKET_VERSION");
	memset(&req, 0, sizeof(req));
	req.tp_block_size = (unsigned)block;
	req.tp_block_nr = (unsigned)nblocks;
	req.tp_frame_size = NOMINAL_FRAME;
	req.tp_frame_nr = (unsigned)(block / NOMINAL_FRAME * nblocks);
	req.tp_retire_blk_tov = RETIRE_MS;
	if (setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req,
	    sizeof(req)) == -1)
		err(1, "PACKET_RX_RING");
	map = mmap(NULL, block * nblocks, PROT_READ | PROT_WRITE, MAP_SHARED,
	    fd, 0);
	if (map == MAP_FAILED)
		err(1, "mmap");
	if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog,
	    sizeof(prog)) == -1)
		err(1, "SO_ATTACH_FILTER");
	memset(&sa, 0, sizeof(sa));
	sa.sll_family = AF_PACKET;
	sa.sll_protocol = htons(ETH_P_ALL);
	if ((sa.sll_ifindex = (int)if_nametoindex(ifname)) == 0)
		err(1, "%s", ifname);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == -1)
		err(1, "bind");

	pfd.fd = fd;
	pfd.events = POLLIN;
	for (;;) {
		b = (struct tpacket_block_desc *)(void *)(map + cur * block);
		if (__atomic_load_n(&b->hdr.bh1.block_status,
		    __ATOMIC_ACQUIRE) & TP_STATUS_USER) {
			frames += b->hdr.bh1.num_pkts;
			__atomic_store_n(&b->hdr.bh1.block_status,
			    TP_STATUS_KERNEL, __ATOMIC_RELEASE);
			cur = (cur + 1) % nblocks;
			continue;
		}
		if (poll(&pfd, 1, idle) != 1)
			break;
	}
	if (getsockopt(fd, SOL_PACKET, PACKET_STATISTICS, &st, &len) == -1)
		err(1, "PACKET_STATISTICS");
	printf("%llu %u\n", frames, st.tp_drops);
	return 0;
}
