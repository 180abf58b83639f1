/*
 * The reader of reader.h.  A refill waits with sig_wait_fd, so the only
 * read(2) calls made are ones that will not block: poll said so (for a
 * regular file, always; POSIX select(2): "regular files shall always
 * poll TRUE for reading").
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "reader.h"
#include "sig.h"

void
reader_fd(struct reader *r, int fd)
{
	r->fd = fd;
	r->mem = NULL;
	r->memlen = 0;
	r->pos = r->len = 0;
	r->eof = r->error = r->stopped = 0;
	r->offset = 0;
}

void
reader_mem(struct reader *r, const uint8_t *data, size_t n)
{
	reader_fd(r, -1);
	r->mem = data;
	r->memlen = n;
}

/* More bytes into the buffer; 0 when there are none to be had. */
static int
refill(struct reader *r)
{
	ssize_t n;
	size_t take;

	if (r->eof || r->error || r->stopped)
		return 0;
	r->pos = r->len = 0;
	if (r->fd == -1) {
		take = r->memlen < sizeof(r->buf) ? r->memlen : sizeof(r->buf);
		memcpy(r->buf, r->mem, take);
		r->mem += take;
		r->memlen -= take;
		r->len = take;
		r->eof = take == 0;
		return take > 0;
	}
	for (;;) {
		if (sig_wait_fd(r->fd, POLLIN, NULL) < 0) {
			r->stopped = 1;
			return 0;
		}
		if ((n = read(r->fd, r->buf, sizeof(r->buf))) > 0) {
			r->len = (size_t)n;
			return 1;
		}
		if (n == 0) {
			r->eof = 1;
			return 0;
		}
		if (errno != EINTR && errno != EAGAIN) {
			r->error = errno;
			return 0;
		}
	}
}

size_t
reader_read(struct reader *r, uint8_t *dst, size_t n)
{
	size_t got = 0, take;

	while (got < n) {
		if (r->pos == r->len && !refill(r))
			break;
		take = r->len - r->pos;
		if (take > n - got)
			take = n - got;
		memcpy(dst + got, r->buf + r->pos, take);
		r->pos += take;
		got += take;
	}
	r->offset += got;
	return got;
}

int
reader_getc(struct reader *r)
{
	if (r->pos == r->len && !refill(r))
		return -1;
	r->offset++;
	return r->buf[r->pos++];
}
