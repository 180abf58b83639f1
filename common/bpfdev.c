/*
 * bpfdev.h on macOS, FreeBSD, OpenBSD, NetBSD and DragonFly: bpf(4)
 * of each, and the <net/bpf.h> each ships, read for every request,
 * structure and macro used here:
 *
 *   xnu (macOS)  bsd/net/bpf.h, apple-oss-distributions/xnu main 2025
 *   FreeBSD      sys/net/bpf.h (13, with BIOCSTSTAMP), sys/net/dlt.h,
 *                sys/net/bpf.c catchpacket(), freebsd/freebsd-src
 *   OpenBSD      sys/net/bpf.h 1.74 (2025/03/04), openbsd/src
 *   NetBSD       sys/net/bpf.h 1.78.4.1 (2023), sys/net/dlt.h, NetBSD/src
 *   DragonFly    sys/net/bpf.h and sys/net/dlt.h, DragonFlyBSD
 *
 * The same on all five: BIOCSBLEN, BIOCGBLEN, BIOCSETIF (a struct
 * ifreq), BIOCIMMEDIATE, BIOCGDLT, BIOCSETF (struct bpf_program, a u_int
 * count and struct bpf_insn {code, jt, jf, 32-bit k}), BIOCGSTATS,
 * BIOCSHDRCMPLT, each taking a u_int where it takes a number.
 * BIOCSBLEN fails with EINVAL once an interface is set, and each kernel
 * cuts a size over its limit down to it rather than refusing (bpfioctl,
 * FreeBSD bpf_buffer_ioctl_sblen).  A read(2) must ask for exactly the
 * buffer length (xnu bpfread: EINVAL otherwise) and returns a run of
 * records, each a struct bpf_hdr, bh_hdrlen bytes with its padding,
 * then bh_caplen bytes of frame; the next record at
 * BPF_WORDALIGN(bh_hdrlen + bh_caplen).
 *
 * Where they differ, a name hides the difference, so that no #if is
 * needed but the one for a missing header below:
 *
 *             bh_tstamp              BPF_ALIGNMENT bpf_stat  DLT_RAW DLT_LOOP
 *   macOS     timeval32, 2 int32_t   4             2 u_int   12      108
 *   FreeBSD   timeval                sizeof(long)  2 u_int   12      108
 *   OpenBSD   bpf_timeval, 2 u_int32 4             2 u_int   14      12
 *   NetBSD    bpf_timeval, 2 long    sizeof(long)  3 uint64  12      108
 *   DragonFly timeval                sizeof(long)  2 u_int   12      108
 *
 * macOS: BPF_TIMEVAL is timeval32 under __LP64__, every Mac today.
 * FreeBSD: struct bpf_hdr is what the kernel writes until BIOCSTSTAMP
 * asks for another format (bpf_xhdr, catchpacket); this never asks.
 * OpenBSD: bpf_hdr has more fields after bh_hdrlen (interface index,
 * flow id, flags, drops, checksum flags), counted in bh_hdrlen.
 * NetBSD: bpf_stat's counters are 64-bit, with bs_capt and padding
 * after them.  Every bh_tstamp has tv_sec and tv_usec, every bpf_stat
 * bs_recv and bs_drop: read by name, they need no #if.
 */
#include "bpfdev.h"

#if defined(BPFDEV_SYSTEM)
#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <net/if.h>

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/*
 * The header, or on a Mac built with a toolchain whose SDK leaves it
 * out (zig cc 0.11's macOS headers), the parts of xnu's used here, for
 * 64-bit Macs: the request numbers come from the same _IOR/_IOW macros
 * and sizes, so they are the ones Apple's header gives.
 */
#if defined(__has_include)
#if __has_include(<net/bpf.h>)
#define BPFDEV_HEADER 1
#endif
#else
#define BPFDEV_HEADER 1
#endif

#if defined(BPFDEV_HEADER)
#include <net/bpf.h>
#elif defined(__APPLE__) && defined(__LP64__)
struct bpf_insn {
	u_short code;
	u_char jt, jf;
	uint32_t k;
};
struct bpf_program {
	u_int bf_len;
	struct bpf_insn *bf_insns;
};
struct bpf_stat {
	u_int bs_recv, bs_drop;
};
struct bpfdev_timeval32 {
	int32_t tv_sec, tv_usec;
};
struct bpf_hdr {
	struct bpfdev_timeval32 bh_tstamp;
	uint32_t bh_caplen, bh_datalen;
	u_short bh_hdrlen;
};
#define BPF_ALIGNMENT sizeof(int32_t)
#define BPF_WORDALIGN(x) (((x) + (BPF_ALIGNMENT - 1)) & ~(BPF_ALIGNMENT - 1))
#define BIOCGBLEN _IOR('B', 102, u_int)
#define BIOCSBLEN _IOWR('B', 102, u_int)
#define BIOCSETF _IOW('B', 103, struct bpf_program)
#define BIOCGDLT _IOR('B', 106, u_int)
#define BIOCSETIF _IOW('B', 108, struct ifreq)
#define BIOCGSTATS _IOR('B', 111, struct bpf_stat)
#define BIOCIMMEDIATE _IOW('B', 112, u_int)
#define BIOCSHDRCMPLT _IOW('B', 117, u_int)
#define DLT_RAW 12
#define DLT_LOOP 108
#else
#error "<net/bpf.h> is missing"
#endif

#include "frame.h"
#include "source/filter.h"

enum { BPFDEV_MAX = 256 };	/* xnu's BPF_MAX_DEVICES: bpf0 to bpf255 */

static char open_why[32];

/*
 * A bpf device, read and write.  FreeBSD, OpenBSD, NetBSD and
 * DragonFly clone one from /dev/bpf; a Mac has none, and the first of
 * /dev/bpf0, 1, ... not in use (the others: EBUSY) is taken, xnu making
 * the next device as the last one is opened (bpfopen).
 */
static int
open_device(const char **why)
{
	char path[sizeof(open_why) - sizeof("open ")];
	int fd, i, e;

	if ((fd = open("/dev/bpf", O_RDWR | O_CLOEXEC)) != -1)
		return fd;
	if (errno != ENOENT) {
		*why = "open /dev/bpf";
		return -1;
	}
	for (i = 0; i < BPFDEV_MAX; i++) {
		(void)snprintf(path, sizeof(path), "/dev/bpf%d", i);
		if ((fd = open(path, O_RDWR | O_CLOEXEC)) != -1)
			return fd;
		if (errno != EBUSY)
			break;
	}
	if (i > 0 && (i == BPFDEV_MAX || errno == ENOENT)) {
		*why = "a free /dev/bpfN (every one is busy)";
		errno = EBUSY;
		return -1;
	}
	e = errno;
	(void)snprintf(open_why, sizeof(open_why), "open %s", path);
	*why = open_why;
	errno = e;
	return -1;
}

/*
 * A DLT_ value as capture files number link types (LINKTYPE_, frame.h).
 * The ones a live interface here gives that differ, by each system's
 * own names: DLT_RAW (12, OpenBSD 14) and OpenBSD's DLT_LOOP (12).
 * DLT_NULL 0 and DLT_EN10MB 1, like every value from 104 up, are the
 * same numbers in files (FreeBSD dlt.h, DLT_MATCHING_MIN).
 */
static uint32_t
linktype_of(u_int dlt)
{
	if (dlt == DLT_RAW)
		return LINKTYPE_RAW;
	if (dlt == DLT_LOOP)
		return LINKTYPE_LOOP;
	return dlt;
}

int
bpfdev_open(const char *ifname, unsigned bufsize, unsigned *blen,
    uint32_t *linktype, const char **why)
{
	struct ifreq ifr;
	u_int v;
	int fd, e;

	if (strlen(ifname) >= sizeof(ifr.ifr_name)) {
		*why = "interface name";
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = open_device(why)) == -1)
		return -1;
	v = bufsize;
	if (bufsize != 0 && ioctl(fd, BIOCSBLEN, &v) == -1) {
		*why = "BIOCSBLEN";
		goto fail;
	}
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, ifname, strlen(ifname));
	if (ioctl(fd, BIOCSETIF, &ifr) == -1) {
		*why = "BIOCSETIF";
		goto fail;
	}
	v = 1;
	if (ioctl(fd, BIOCIMMEDIATE, &v) == -1) {
		*why = "BIOCIMMEDIATE";
		goto fail;
	}
	if (ioctl(fd, BIOCGBLEN, &v) == -1) {
		*why = "BIOCGBLEN";
		goto fail;
	}
	*blen = v;
	if (ioctl(fd, BIOCGDLT, &v) == -1) {
		*why = "BIOCGDLT";
		goto fail;
	}
	*linktype = linktype_of(v);
	return fd;
fail:
	e = errno;
	(void)close(fd);
	errno = e;
	return -1;
}

int
bpfdev_set_filter(int fd, const struct filter_insn *prog, size_t n)
{
	struct bpf_insn code[FILTER_MAX];
	struct bpf_program p;
	size_t i;

	if (n == 0 || n > FILTER_MAX) {
		errno = EINVAL;
		return -1;
	}
	for (i = 0; i < n; i++) {
		code[i].code = prog[i].code;
		code[i].jt = prog[i].jt;
		code[i].jf = prog[i].jf;
		code[i].k = prog[i].k;
	}
	p.bf_len = (u_int)n;
	p.bf_insns = code;
	return ioctl(fd, BIOCSETF, &p) == -1 ? -1 : 0;
}

int
bpfdev_stats(int fd, unsigned long long *recv, unsigned long long *drop)
{
	struct bpf_stat st;

	memset(&st, 0, sizeof(st));
	if (ioctl(fd, BIOCGSTATS, &st) == -1)
		return -1;
	*recv = st.bs_recv;
	*drop = st.bs_drop;
	return 0;
}

int
bpfdev_header_complete(int fd)
{
	u_int one = 1;

	return ioctl(fd, BIOCSHDRCMPLT, &one) == -1 ? -1 : 0;
}

int
bpfdev_next(const uint8_t *buf, size_t len, size_t *off,
    struct bpfdev_record *r)
{
	struct bpf_hdr h;
	const size_t least = offsetof(struct bpf_hdr, bh_hdrlen) +
	    sizeof(h.bh_hdrlen);
	size_t room, hdrlen, caplen;

	if (*off >= len)
		return 0;
	room = len - *off;
	if (room < least)
		return -1;
	/* Copied out: a record is aligned for the kernel's purposes, and
	 * bh_hdrlen may be shorter than the struct with its padding. */
	memset(&h, 0, sizeof(h));
	memcpy(&h, buf + *off, room < sizeof(h) ? room : sizeof(h));
	hdrlen = h.bh_hdrlen;
	caplen = h.bh_caplen;
	if (hdrlen < least || hdrlen > room || caplen > room - hdrlen)
		return -1;
	r->data = buf + *off + hdrlen;
	r->caplen = h.bh_caplen;
	r->datalen = h.bh_datalen;
	r->when.tv_sec = (time_t)h.bh_tstamp.tv_sec;
	r->when.tv_nsec = (long)h.bh_tstamp.tv_usec * 1000L;
	*off += BPF_WORDALIGN(hdrlen + caplen);
	return 1;
}
#endif /* BPFDEV_SYSTEM */
