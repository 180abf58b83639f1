/*
 * Classic BPF programs for receiver -i -P (filter.h).  The opcodes are
 * the BPF paper's, as <net/bpf.h> and <linux/filter.h> both number
 * them; they are spelled out here so that one file serves every system.
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <string.h>

#include "bytes.h"
#include "frame.h"
#include "filter.h"

/* Instruction classes, sizes, modes and jumps (bpf.h). */
enum {
	LD = 0x00, JMP = 0x05, RET = 0x06, ALU = 0x04,
	W = 0x00, H = 0x08, B = 0x10,
	ABS = 0x20, JEQ = 0x10, AND = 0x50, K = 0x00
};

/* Where the IP header begins, and how the frame says it is IPv4 (or,
 * for ip6, IPv6). */
struct ipv4_at {
	uint32_t linktype;
	uint16_t off;		/* the IP header's first byte */
	uint8_t test_size;	/* W or H: the field that names the family */
	uint16_t test_at;
	uint32_t ipv4;		/* its value for IPv4 (IPv6), as BPF loads
				 * it (in network order); 0: look at the
				 * version */
};

/* The BSD loopback's family, 2 for IPv4 and AF_INET6 (whose number
 * differs from system to system) for IPv6, is in the capturing host's
 * order (REFERENCE-LAYERS.md; xnu and FreeBSD if_loop.c): this host's,
 * for a live capture.  BPF loads words big-endian. */
static uint32_t
host_order(uint32_t family)
{
	if (!host_is_little())
		return family;
	return (family & 0xffu) << 24 | (family & 0xff00u) << 8 |
	    (family >> 8 & 0xff00u) | family >> 24;
}

static int
where(uint32_t linktype, int ip6, struct ipv4_at *a)
{
	a->linktype = linktype;
	switch (linktype) {
	case LINKTYPE_EN10MB:	/* EtherType at 12 (IEEE 802.3) */
		a->off = 14, a->test_size = H, a->test_at = 12;
		a->ipv4 = ip6 ? 0x86dd : 0x0800;
		return 0;
	case LINKTYPE_NULL:
		a->off = 4, a->test_size = W, a->test_at = 0;
		a->ipv4 = host_order(ip6 ? AF_INET6 : 2);
		return 0;
	case LINKTYPE_LOOP:	/* OpenBSD: network order */
		a->off = 4, a->test_size = W, a->test_at = 0;
		a->ipv4 = ip6 ? AF_INET6 : 2;
		return 0;
	case LINKTYPE_IPV4:
		if (ip6)
			return -1;	/* never an IPv6 datagram */
		/* FALLTHROUGH */
	case LINKTYPE_RAW:
		a->off = 0, a->test_size = B, a->test_at = 0;
		a->ipv4 = 0;
		return 0;
	}
	return -1;
}

static struct filter_insn
insn(uint16_t code, uint8_t jt, uint8_t jf, uint32_t k)
{
	struct filter_insn i = { code, jt, jf, k };

	return i;
}

/*
 * ICMPv6's: IPv6 datagrams whose next header is 58, right after the
 * fixed header or after a fragment header (44), which is how libpcap
 * compiles "ip6 proto 58" (gencode.c gen_proto, Q_IPV6: tcpdump -d
 * prints the same instructions); other extension headers in between
 * are not walked, there as here.
 */
static size_t
build6(const struct ipv4_at *a, int proto, struct filter_insn *p)
{
	size_t n = 0;

	/* Is it IPv6?  (Raw IP: the version nibble.) */
	p[n++] = insn(LD | a->test_size | ABS, 0, 0, a->test_at);
	if (a->ipv4 == 0) {
		p[n++] = insn(ALU | AND | K, 0, 0, 0xf0);
		p[n++] = insn(JMP | JEQ | K, 0, 6, 0x60);
	} else {
		p[n++] = insn(JMP | JEQ | K, 0, 6, a->ipv4);
	}
	/* Next header, byte 6 of the header (RFC 8200 3); a fragment
	 * header's own next header is the first byte after the 40. */
	p[n++] = insn(LD | B | ABS, 0, 0, a->off + 6u);
	p[n++] = insn(JMP | JEQ | K, 3, 0, (uint32_t)proto);
	p[n++] = insn(JMP | JEQ | K, 0, 3, 44);
	p[n++] = insn(LD | B | ABS, 0, 0, a->off + 40u);
	p[n++] = insn(JMP | JEQ | K, 0, 1, (uint32_t)proto);
	p[n++] = insn(RET | K, 0, 0, FILTER_SNAP);
	p[n++] = insn(RET | K, 0, 0, 0);
	return n;
}

size_t
filter_build(uint32_t linktype, int proto, struct filter_insn *p)
{
	struct ipv4_at a;
	size_t n = 0;

	if (proto < 0) {
		p[n++] = insn(RET | K, 0, 0, FILTER_SNAP);
		p[n++] = insn(RET | K, 0, 0, 0);
		return n;
	}
	if (where(linktype, proto == FILTER_ICMPV6, &a) != 0)
		return 0;
	if (proto == FILTER_ICMPV6)
		return build6(&a, proto, p);
	/* Is it IPv4?  (Raw IP: the version nibble.) */
	p[n++] = insn(LD | a.test_size | ABS, 0, 0, a.test_at);
	if (a.ipv4 == 0) {
		p[n++] = insn(ALU | AND | K, 0, 0, 0xf0);
		p[n++] = insn(JMP | JEQ | K, 0, 3, 0x40);
	} else {
		p[n++] = insn(JMP | JEQ | K, 0, 3, a.ipv4);
	}
	/* Its protocol, byte 9 of the header (RFC 791). */
	p[n++] = insn(LD | B | ABS, 0, 0, a.off + 9u);
	p[n++] = insn(JMP | JEQ | K, 0, 1, (uint32_t)proto);
	p[n++] = insn(RET | K, 0, 0, FILTER_SNAP);
	p[n++] = insn(RET | K, 0, 0, 0);
	return n;
}

size_t
filter_reject_first(struct filter_insn *p, size_t n, uint32_t k,
    uint32_t value)
{
	if (n == 0 || n + 2 > FILTER_MAX || n + 2 > 255)
		return 0;
	memmove(p + 2, p, n * sizeof(*p));
	p[0] = insn(LD | W | ABS, 0, 0, k);
	/* To the last instruction, which rejects: n - 1 past p[2]. */
	p[1] = insn(JMP | JEQ | K, (uint8_t)(n - 1), 0, value);
	return n + 2;
}
