/*
 * receiver: open a raw ICMP socket and print every datagram the kernel
 * delivers, IP header included, as hex.
 *
 * The steps are the article's: open the socket, then over and over say
 * "waiting to receive", read one datagram, print it.  Options (args.c)
 * add a decoded view, colour, a capture copy, another protocol's
 * socket, and reading a file instead: the socket and the file are both
 * sources of frames (source/source.h), read by one loop.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "args.h"
#include "capture.h"
#include "color.h"
#include "dissect/dissect.h"
#include "hex.h"
#include "out.h"
#include "priv.h"
#include "progress.h"
#include "sig.h"
#include "sock.h"
#include "source/source.h"

static struct receiver_opts o;

/*
 * The decoded view's first line for a datagram from a socket: when it
 * arrived, in UTC, as the kernel stamped it (to the nanosecond where it
 * has SO_TIMESTAMPNS).  A file's frames decode as their bytes alone,
 * the same from a capture as from hex text.
 */
static void
print_arrival(const struct timespec *when)
{
	char day[32];
	struct tm tm;
	time_t sec = when->tv_sec;

	if (gmtime_r(&sec, &tm) == NULL ||
	    strftime(day, sizeof(day), "%Y-%m-%d %H:%M:%S", &tm) == 0)
		return;
	out_printf("  arrived          %s.%09ld UTC\n", day, when->tv_nsec);
}

/*
 * A frame as hex, as it was captured; a datagram alone with its fields
 * in colour (color.h), where the layout says which bytes they are.
 */
static void
print_frame(const struct frame *f)
{
	if (f->linktype == LINKTYPE_RAW || f->linktype == LINKTYPE_IPV4)
		color_hex_print(f->data, f->caplen, HEX_UPPER, f->layout);
	else
		hex_print(f->data, f->caplen, HEX_UPPER);
}

/*
 * Its record in the capture.  Capture files hold wire format: a Mac's
 * host-order fields are put back first.  Returns 0, or -1 (said why)
 * when the file cannot hold this frame.
 */
static int
save_frame(struct capture_out *c, const struct frame *f)
{
	static uint8_t wire[IP_MAXLEN];
	struct frame w = *f;
	const char *why;

	if (f->layout != LAYOUT_WIRE && f->caplen <= sizeof(wire)) {
		memcpy(wire, f->data, f->caplen);
		ip_to_wire(wire, f->caplen, f->layout);
		w.data = wire;
		w.layout = LAYOUT_WIRE;
	}
	if (capture_put(c, &w, &why) == 0)
		return 0;
	warnx("%s: frame %lu: %s", o.write_path, f->number, why);
	return -1;
}

static int
start_capture(struct capture_out *c, uint32_t linktype, int tsprec)
{
	return capture_create(c, o.write_path,
	    capture_format_for(o.write_path), linktype, tsprec) == 0;
}

static void
summary(struct source *src, unsigned long long received, int rcvbuf)
{
	unsigned long long drops;
	const char *s = received == 1 ? "" : "s";

	if (o.read_path != NULL) {
		fprintf(stderr, "receiver: %llu frame%s read from %s\n",
		    received, s, o.read_path);
		return;
	}
	/* Read now, at the end: drops after the last datagram count. */
	if (source_drops(src, &drops) == 0)
		fprintf(stderr, "receiver: %llu datagram%s received, %llu "
		    "dropped by the kernel (receive buffer %d bytes)\n",
		    received, s, drops, rcvbuf);
	else
		fprintf(stderr, "receiver: %llu datagram%s received (receive "
		    "buffer %d bytes; this system does not count drops)\n",
		    received, s, rcvbuf);
}

int
main(int argc, char *argv[])
{
	struct progress progress;
	struct capture_out cap;
	struct source *src = NULL;
	struct frame f;
	enum source_rc rc = SOURCE_END;
	unsigned long long received = 0;
	int fd, rcvbuf = 0, failed = 0, writing = 0;

	out_init();	/* first: descriptors 0-2 held open */
	receiver_args(argc, argv, &o);
	color_init(o.color);
	sig_init();

	/* 1. A raw ICMP socket: the kernel hands it every ICMP datagram,
	 * header and all (another protocol's with -P).  Or, with -r, a
	 * file of them.  Either is a source of frames. */
	if (o.read_path == NULL) {
		fd = sock_open(&o, argv[0]);
		rcvbuf = sock_rcvbuf(fd);
		src = source_rawip(fd, o.layout, o.timeout_ms, o.count,
		    out_flush);
		if (src == NULL)
			err(1, "the socket's buffers");
	}
	priv_drop();	/* root was for the socket alone (priv.c) */
	if (o.read_path != NULL &&
	    (src = source_file(o.read_path, o.layout, o.count)) == NULL)
		return sig_stop ? 0 : 1;
	/* The copy keeps the source's link type and time precision: a
	 * socket's is known now, a file's from its first frame (a pcapng
	 * may begin with any of its interfaces).  capture_create gives -1
	 * only for a stop signal: the loop ends. */
	if (o.write_path != NULL && o.read_path == NULL)
		writing = start_capture(&cap, src->linktype, src->tsprec);

	/* A count on a terminal's stderr while the hex goes to a file. */
	progress_start(&progress, "receiver", o.read_path != NULL ?
	    "frames read" : "datagrams received",
	    o.quiet && !isatty(STDOUT_FILENO));

	/* 2. Wait, read one, print it as hex; again and again.  The same
	 * steps whatever the source. */
	while (!sig_stop && (o.count == 0 || received < o.count)) {
		if (!o.quiet && o.read_path == NULL)
			out_str("waiting to receive\n");
		if ((rc = source_next(src, &f)) != SOURCE_FRAME)
			break;
		received++;
		print_frame(&f);
		if (o.decode) {
			if (o.read_path == NULL)
				print_arrival(&f.when);
			dissect_frame(&f);
		}
		if (o.write_path != NULL && f.number == 1 &&
		    o.read_path != NULL)
			writing = start_capture(&cap, f.linktype, src->tsprec);
		if (writing && save_frame(&cap, &f) != 0) {
			failed = 1;
			break;
		}
		progress_tick(&progress, received);
	}
	progress_end(&progress);
	if (rc == SOURCE_IDLE)
		warnx("no datagram for %g second%s: giving up",
		    o.timeout_ms / 1000.0, o.timeout_ms == 1000 ? "" : "s");
	else if (rc == SOURCE_FAILED && src->why != NULL)
		warnx("recv: %s", src->why);
	if (rc == SOURCE_IDLE || rc == SOURCE_FAILED)
		failed = 1;

	/* 3. Everything out, then how it went.  A file with no frame
	 * still gets its copy: a capture of none. */
	if (o.write_path != NULL && received == 0 && o.read_path != NULL)
		writing = start_capture(&cap, src->linktype, src->tsprec);
	if (writing)
		capture_close(&cap);
	out_final();
	summary(src, received, rcvbuf);
	source_close(src);
	return failed ? 1 : 0;
}
