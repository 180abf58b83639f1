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
#include <net/if.h>

#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../hints.h"
#include "args.h"
#include "capture.h"
#include "color.h"
#include "dissect/dissect.h"
#include "hex.h"
#include "ip6hdr.h"
#include "out.h"
#include "priv.h"
#include "progress.h"
#include "sig.h"
#include "sock.h"
#include "source/source.h"

static struct receiver_opts o;
static struct capture_out cap;	/* its buffer is half a MiB */

/*
 * The decoded view's first lines for a frame from a socket or an
 * interface: when it arrived, in UTC, as the kernel stamped it (to the
 * nanosecond where it has SO_TIMESTAMPNS, and always on a packet
 * socket), and which way it went where the kernel says (-i).  A file's
 * frames decode as their bytes alone, the same from a capture as from
 * hex text.
 */
static void
print_arrival(const struct frame *f)
{
	char day[32];
	struct tm tm;
	time_t sec = f->when.tv_sec;

	if (gmtime_r(&sec, &tm) != NULL &&
	    strftime(day, sizeof(day), "%Y-%m-%d %H:%M:%S", &tm) != 0)
		out_printf("  arrived          %s.%09ld UTC\n", day,
		    f->when.tv_nsec);
	if (f->dir != FRAME_DIR_UNKNOWN)
		out_printf("  direction        %s\n", f->dir == FRAME_DIR_OUT ?
		    "out (sent by this host)" : "in (received)");
}

/*
 * -d on a raw IPv6 socket's datagram: its header was made up here from
 * what the socket said beside the bytes (source/rawip.c); say from what,
 * before the decoder reads it as any other.  Lines of the decoded view's
 * shape: a label in 17 columns, then the value.
 */
static void
print_rebuilt(const struct frame *f)
{
	static const uint8_t none[16];
	char name[IF_NAMESIZE];
	const char *ifname = NULL;
	/* What was not said reads 0 there (source/rawip.c). */
	int dst = memcmp(f->data + IP6H_DST, none, 16) != 0,
	    hops = f->data[IP6H_HLIM] != 0;

	if (f->ifindex != 0)
		ifname = if_indextoname(f->ifindex, name);
	out_printf("  rebuilt          IPv6 header, %zu bytes the socket does "
	    "not hand over: source from recvfrom%s%s%s%s%s%s\n", f->rebuilt,
	    dst ? ", destination" : "",
	    dst && ifname != NULL ? " and interface (" : "",
	    dst && ifname != NULL ? ifname : "",
	    dst && ifname != NULL ? ")" : "", dst ? " from IPV6_PKTINFO" : "",
	    hops ? ", hop limit from IPV6_HOPLIMIT" : "");
	out_printf("  not told         traffic class and flow label (shown as "
	    "0)%s%s, extension headers (left out)\n", dst ? "" :
	    ", destination (::)", hops ? "" : ", hop limit (0)");
}

/*
 * A frame as hex, as it was captured; a datagram alone with its fields
 * in colour (color.h), where the layout says which bytes they are.
 * Bytes a source made up (an IPv6 header rebuilt) are not shown: the
 * hex is what arrived.
 */
static void
print_frame(const struct frame *f)
{
	if (f->rebuilt != 0)
		hex_print(f->data + f->rebuilt, f->caplen - f->rebuilt,
		    HEX_UPPER);
	else if (f->linktype == LINKTYPE_RAW || f->linktype == LINKTYPE_IPV4)
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

/* -i: the interface's frames, opened while privileged. */
static struct source *
open_interface(const char *self)
{
	struct link_opts lo = { o.interface, o.bufsize, o.protocol,
		o.timeout_ms, o.count, out_flush };
	struct source *src;
	const char *why = "";

	if ((src = source_link(&lo, &why)) != NULL)
		return src;
	if (errno == EPERM || errno == EACCES)
		errx(1, "%s: %s: %s: a link-layer capture needs "
		    HINT_PRIVILEGE, o.interface, why, strerror(errno),
		    self);
	err(1, "%s: %s", o.interface, why);
}

/* The copy, for frames of this link type; with -6 a frame is a rebuilt
 * 40-byte header and up to 65535 bytes behind it. */
static int
start_capture(struct capture_out *c, uint32_t linktype, int tsprec)
{
	return capture_create_max(c, o.write_path,
	    capture_format_for(o.write_path), linktype, tsprec, o.six ?
	    IP6HDR_LEN + IP_MAXLEN : 0) == 0;
}

static void
summary(struct source *src, unsigned long long received, int rcvbuf)
{
	unsigned long long drops;
	const char *s = received == 1 ? "" : "s";
	const char *buffer = o.interface != NULL ? "buffer" : "receive buffer";
	size_t size = src->kbuf != 0 ? src->kbuf : rcvbuf > 0 ?
	    (size_t)rcvbuf : 0;

	if (!src->live) {
		fprintf(stderr, "receiver: %llu %s%s read from %s\n",
		    received, src->unit, s, o.read_path);
		return;
	}
	/* Read now, at the end: drops after the last one count. */
	if (source_drops(src, &drops) == 0)
		fprintf(stderr, "receiver: %llu %s%s received, %llu dropped "
		    "by the kernel (%s %zu bytes)\n", received, src->unit, s,
		    drops, buffer, size);
	else
		fprintf(stderr, "receiver: %llu %s%s received (%s %zu bytes; "
		    "this system does not count drops)\n", received,
		    src->unit, s, buffer, size);
}

int
main(int argc, char *argv[])
{
	struct progress progress;
	struct source *src = NULL;
	struct frame f;
	enum source_rc rc = SOURCE_END;
	unsigned long long received = 0;
	int fd, rcvbuf = 0, failed = 0, writing = 0;
	char counted[32];

	out_init();	/* first: descriptors 0-2 held open */
	receiver_args(argc, argv, &o);
	color_init(o.color);
	sig_init();

	/* 1. A raw ICMP socket: the kernel hands it every ICMP datagram,
	 * header and all (another protocol's with -P; with -6, every
	 * ICMPv6 message, without its IPv6 header).  Or, one layer
	 * down, an interface's frames (-i); or a file of them (-r).  Each
	 * is a source of frames. */
	if (o.interface != NULL) {
		src = open_interface(argv[0]);
	} else if (o.read_path == NULL) {
		fd = sock_open(&o, argv[0]);
		rcvbuf = sock_rcvbuf(fd);
		src = o.six ? source_rawip6(fd, o.protocol, o.timeout_ms,
		    o.count, out_flush) : source_rawip(fd, o.layout,
		    o.timeout_ms, o.count, out_flush);
		if (src == NULL)
			err(1, "the socket's buffers");
	}
	priv_drop();	/* root was for the socket alone (priv.c) */
	if (src == NULL &&
	    (src = source_file(o.read_path, o.layout, o.count)) == NULL)
		return sig_stop ? 0 : 1;
	/* The copy keeps the source's link type and time precision: a
	 * live source's are known now, a file's from its first frame (a
	 * pcapng may begin with any of its interfaces).  capture_create
	 * gives -1 only for a stop signal: the loop ends. */
	if (o.write_path != NULL && src->live)
		writing = start_capture(&cap, src->linktype, src->tsprec);

	/* A count on a terminal's stderr while the hex goes to a file. */
	(void)snprintf(counted, sizeof(counted), "%ss %s", src->unit,
	    src->live ? "received" : "read");
	progress_start(&progress, "receiver", counted,
	    o.quiet && !isatty(STDOUT_FILENO));

	/* 2. Wait, read one, print it as hex; again and again.  The same
	 * steps whatever the source. */
	while (!sig_stop && !source_done(src)) {
		if (!o.quiet && src->live)
			out_str("waiting to receive\n");
		if ((rc = source_next(src, &f)) != SOURCE_FRAME)
			break;
		received++;
		print_frame(&f);
		if (o.decode) {
			if (src->live)
				print_arrival(&f);
			if (f.rebuilt != 0)
				print_rebuilt(&f);
			dissect_frame(&f);
		}
		if (o.write_path != NULL && !src->live && f.number == 1)
			writing = start_capture(&cap, f.linktype, src->tsprec);
		if (writing && save_frame(&cap, &f) != 0) {
			failed = 1;
			break;
		}
		progress_tick(&progress, received);
	}
	progress_end(&progress);
	if (rc == SOURCE_IDLE)
		warnx("no %s for %g second%s: giving up", src->unit,
		    o.timeout_ms / 1000.0, o.timeout_ms == 1000 ? "" : "s");
	else if (rc == SOURCE_FAILED && src->why != NULL)
		warnx("recv: %s", src->why);
	if (rc == SOURCE_IDLE || rc == SOURCE_FAILED)
		failed = 1;

	/* 3. Everything out, then how it went.  A file with no frame
	 * still gets its copy: a capture of none. */
	if (o.write_path != NULL && !src->live && received == 0)
		writing = start_capture(&cap, src->linktype, src->tsprec);
	if (writing)
		capture_close(&cap);
	out_final();
	summary(src, received, rcvbuf);
	source_close(src);
	return failed ? 1 : 0;
}
