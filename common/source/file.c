/*
 * Frames from a file: a classic pcap or pcapng capture, or hex text
 * (input.h tells them apart and reads them).  The reader reports a
 * damaged file itself, where it meets the damage.
 */
#include <stdlib.h>

#include "input.h"
#include "source.h"

struct file {
	struct source s;	/* first: a struct source * is one of these */
	enum layout layout;
	struct input in;
};

static enum source_rc
file_next(struct source *s, struct frame *f)
{
	struct file *fl = (struct file *)s;

	switch (input_next(&fl->in, f)) {
	case 1:
		break;
	case 0:
		return SOURCE_END;
	default:
		s->why = NULL;	/* said already */
		return SOURCE_FAILED;
	}
	/* A datagram alone may be a raw socket's, read with -l's rules
	 * (hex text of a Mac's read, say); a link layer's frame never. */
	if (f->linktype == LINKTYPE_RAW || f->linktype == LINKTYPE_IPV4)
		f->layout = fl->layout;
	return SOURCE_FRAME;
}

static void
file_close(struct source *s)
{
	struct file *fl = (struct file *)s;

	input_close(&fl->in);
	free(fl);
}

static const struct source_ops file_ops = { file_next, NULL, file_close };

struct source *
source_file(const char *path, enum layout layout, unsigned long long limit)
{
	struct file *fl;

	if ((fl = calloc(1, sizeof(*fl))) == NULL)
		return NULL;
	if (input_open(&fl->in, path) != 0) {
		free(fl);
		return NULL;
	}
	fl->s.ops = &file_ops;
	fl->s.linktype = input_linktype(&fl->in);
	fl->s.tsprec = input_tsprec(&fl->in);
	fl->s.limit = limit;
	fl->s.unit = "frame";
	fl->layout = layout;
	return &fl->s;
}
