/*
 * Kernel filters for a link-layer capture, in classic BPF: the same
 * instructions for Linux's SO_ATTACH_FILTER and BSD's BIOCSETF
 * (McCanne and Jacobson, "The BSD Packet Filter", USENIX 1993; bpf(4),
 * Linux's Documentation/networking/filter.rst).  receiver -i -P turns
 * into one, so that frames it would not show never leave the kernel.
 */
#ifndef FILTER_H
#define FILTER_H

#include <stddef.h>
#include <stdint.h>

/* One instruction, laid out as struct bpf_insn and struct sock_filter. */
struct filter_insn {
	uint16_t code;
	uint8_t jt, jf;
	uint32_t k;
};

enum { FILTER_MAX = 16, FILTER_SNAP = 262144 };

/* ICMPv6's protocol number, which only IPv6 carries (RFC 4443). */
enum { FILTER_ICMPV6 = 58 };

/*
 * The program that passes IPv4 datagrams of protocol proto in frames of
 * link type linktype (-1: every frame; FILTER_ICMPV6: IPv6 datagrams of
 * next header 58, tcpdump's "ip6 proto 58"), into prog (room for
 * FILTER_MAX).
 * Its last instruction rejects.  Returns how many instructions, or 0
 * for a link type this cannot look into.
 */
size_t filter_build(uint32_t linktype, int proto, struct filter_insn *prog);

/*
 * Put in front of prog[0..n): load word k (an absolute load: on Linux
 * one of the kernel's ancillary values), and reject the frame when it
 * equals value.  Returns the new length, or 0 when it would not fit.
 */
size_t filter_reject_first(struct filter_insn *prog, size_t n, uint32_t k,
    uint32_t value);

#endif
