/*
 * Classic BPF programs for receiver -i -P (filter.h).  The opcodes are
 * the BPF paper's, as <net/bpf.h> and <linux/filter.h> both number
 * them; they are spelled out here so that one file serves every system.
 */
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

/* Where the IPv4 header begins, and how the frame says it is IPv4. */
struct ipv4_at {
	uint32_t linktype;
	uint16_t off;		/* the IP header's first byte */
	uint8_t test_size;	/* W or H: the field that names the family */
	uint16_t test_at;
	uint32_t ipv4;		/* its value for IPv4, as BPF loads it (in
				 * network order); 0: look at the version */
};

/* The BSD loopback's family, 2 for IPv4, is in the capturing host's
 * order (REFERENCE-LAYERS.md; xnu and FreeBSD if_loop.c): this host's,
 * for a live capture.  BPF loads words big-endian. */
static uint32_t
host_order_two(void)
{
	return host_is_little() ? 0x02000000u : 2u;
}

static int
where(uint32_t linktype, struct ipv4_at *a)
{
	a->linktype = linktype;
	switch (linktype) {
	case LINKTYPE_EN10MB:	/* EtherType at 12 (IEEE 802.3) */
		a->off = 14, a->test_size = H, a->test_at = 12;
		a->ipv4 = 0x0800;
		return 0;
	case LINKTYPE_NULL:
		a->off = 4, a->test_size = W, a->test_at = 0;
		a->ipv4 = host_order_two();
		return 0;
	case LINKTYPE_LOOP:	/* OpenBSD: network order */
		a->off = 4, a->test_size = W, a->test_at = 0;
		a->ipv4 = 2;
		return 0;
	case LINKTYPE_RAW:
	case LINKTYPE_IPV4:
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
	if (where(linktype, &a) != 0)
		return 0;
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
