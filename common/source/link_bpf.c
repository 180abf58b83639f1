/*
 * receiver -i on macOS, FreeBSD, OpenBSD, NetBSD and DragonFly: a bpf
 * device (bpf(4)) bound to the interface, opened and set up by
 * bpfdev.c, which also holds every difference between the systems'
 * <net/bpf.h> (the time stamp's type, the alignment, the DLT numbers)
 * and cites the headers read for them.
 *
 * The steps: the device with its buffer size, the interface and
 * immediate mode (bpfdev_open); the kernel filter (-P, BIOCSETF: the
 * same classic BPF as Linux's, filter.c); then reads.  One read(2) of
 * the device's whole buffer length returns every frame queued, each
 * behind a struct bpf_hdr (bpfdev_next walks them); the next read
 * only once they are all out.
 *
 * A BSD loopback hands each frame to bpf once (xnu if_loop.c taps it
 * in lo_output, FreeBSD if_loop.c in if_simloop): there is no second,
 * outgoing copy to leave out, as there is on Linux's lo.  The time
 * stamps are to the microsecond in every one of these systems' default
 * record header.
 */
#include "bpfdev.h"

#if defined(BPFDEV_SYSTEM)
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "filter.h"
#include "sig.h"
#include "source.h"

/*
 * -B's default, as Linux's ring (receiver(1)).  Each kernel cuts a
 * larger request to its limit (its bpf_maxbufsize); BIOCGBLEN then says
 * what it gave, and every read asks for exactly that.
 */
enum { DEFAULT_BUFSIZE = 4 << 20 };

struct link_bpf {
	struct source s;	/* first: a struct source * is one of these */
	int fd;
	int timeout_ms;
	void (*before_wait)(void);
	char ifname[32];
	uint8_t *buf;		/* blen bytes, one read's worth */
	size_t blen;
	size_t len, off;	/* bytes the last read gave, the next record */
};

/*
 * Read what the kernel holds, else wait for the device, a stop signal
 * or the time-out.  Before a wait, the caller's before_wait (the
 * receiver writes out what it has printed).
 */
static enum source_rc
fill(struct link_bpf *b)
{
	struct timespec limit, *lp = NULL;
	ssize_t n;

	if (b->timeout_ms >= 0) {
		limit.tv_sec = b->timeout_ms / 1000;
		limit.tv_nsec = (long)(b->timeout_ms % 1000) * 1000000L;
		lp = &limit;
	}
	for (;;) {
		if (sig_stop)
			return SOURCE_END;
		if ((n = read(b->fd, b->buf, b->blen)) > 0) {
			b->len = (size_t)n;
			b->off = 0;
			return SOURCE_FRAME;
		}
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && errno != EAGAIN && errno != EWOULDBLOCK) {
			b->s.why = strerror(errno);
			return SOURCE_FAILED;
		}
		/* Nothing queued (the descriptor does not block). */
		if (b->before_wait != NULL)
			b->before_wait();
		switch (sig_wait_fd(b->fd, POLLIN, lp)) {
		case -1:
			return SOURCE_END;
		case 0:
			return SOURCE_IDLE;
		}
	}
}

/* source_next stops at the limit; a read is one buffer however many
 * frames it holds, so there is nothing to take less of here. */
static enum source_rc
link_bpf_next(struct source *s, struct frame *f)
{
	struct link_bpf *b = (struct link_bpf *)s;
	struct bpfdev_record r;
	enum source_rc rc;
	int got;

	while ((got = bpfdev_next(b->buf, b->len, &b->off, &r)) == 0)
		if ((rc = fill(b)) != SOURCE_FRAME)
			return rc;
	if (got == -1) {
		s->why = "a record from the bpf device runs past the bytes "
		    "read";
		return SOURCE_FAILED;
	}
	*f = (struct frame){ 0 };
	f->linktype = s->linktype;
	f->data = r.data;
	f->caplen = r.caplen;
	f->origlen = r.datalen;
	f->layout = LAYOUT_WIRE;
	f->when = r.when;
	f->have_time = 1;
	f->tsprec = s->tsprec;
	f->dir = FRAME_DIR_UNKNOWN;
	f->ifname = b->ifname;
	return SOURCE_FRAME;
}

/* BIOCGSTATS counts from the open and is not cleared by reading. */
static int
link_bpf_drops(struct source *s, unsigned long long *drops)
{
	unsigned long long recv;

	return bpfdev_stats(((struct link_bpf *)s)->fd, &recv, drops);
}

static void
link_bpf_close(struct source *s)
{
	struct link_bpf *b = (struct link_bpf *)s;

	if (b->fd != -1)
		(void)close(b->fd);
	free(b->buf);
	free(b);
}

static const struct source_ops link_bpf_ops = {
	link_bpf_next, link_bpf_drops, link_bpf_close
};

static int
open_link(struct link_bpf *b, const struct link_opts *o, const char **why)
{
	struct filter_insn prog[FILTER_MAX];
	size_t n, want = o->bufsize != 0 ? o->bufsize : DEFAULT_BUFSIZE;
	unsigned blen;
	uint32_t lt;
	int fl;

	if (want > UINT_MAX)
		want = UINT_MAX;	/* the kernel cuts it further */
	if ((b->fd = bpfdev_open(o->ifname, (unsigned)want, &blen, &lt,
	    why)) == -1)
		return -1;
	b->s.linktype = lt;
	if ((n = filter_build(lt, o->protocol, prog)) == 0) {
		*why = "this interface's frames are not ones -P can look "
		    "into (-P all takes every frame)";
		errno = EPROTONOSUPPORT;
		return -1;
	}
	if (bpfdev_set_filter(b->fd, prog, n) == -1) {
		*why = "BIOCSETF";
		return -1;
	}
	/* Reads that find nothing return at once; the waits are
	 * sig_wait_fd's, which a stop signal ends. */
	if ((fl = fcntl(b->fd, F_GETFL)) == -1 ||
	    fcntl(b->fd, F_SETFL, fl | O_NONBLOCK) == -1) {
		*why = "fcntl O_NONBLOCK";
		return -1;
	}
	b->blen = blen;
	b->s.kbuf = blen;	/* what the kernel gave, not what was asked */
	if ((b->buf = malloc(b->blen)) == NULL) {
		*why = "memory for the read buffer";
		return -1;
	}
	return 0;
}

struct source *
source_link(const struct link_opts *o, const char **why)
{
	struct link_bpf *b;
	int e;

	if ((b = calloc(1, sizeof(*b))) == NULL) {
		*why = "memory";
		return NULL;
	}
	b->fd = -1;
	b->s.ops = &link_bpf_ops;
	b->s.tsprec = 6;	/* struct bpf_hdr stamps in microseconds */
	b->s.limit = o->limit;
	b->s.live = 1;
	b->s.unit = "frame";
	b->timeout_ms = o->timeout_ms;
	b->before_wait = o->before_wait;
	(void)strncpy(b->ifname, o->ifname, sizeof(b->ifname) - 1);
	if (open_link(b, o, why) != 0) {
		e = errno;
		link_bpf_close(&b->s);
		errno = e;
		return NULL;
	}
	return &b->s;
}
#endif /* BPFDEV_SYSTEM */
