/*
 * receiver: open a raw ICMP socket and print every datagram the kernel
 * delivers, IP header included, as hex.
 *
 * The steps are the article's: open the socket, then over and over say
 * "waiting to receive", read one datagram, print it.  Options (args.c)
 * add a decoded view, colour, a pcap copy, another protocol's socket,
 * and reading a file instead.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "args.h"
#include "color.h"
#include "decode.h"
#include "hex.h"
#include "input.h"
#include "out.h"
#include "pcap.h"
#include "priv.h"
#include "progress.h"
#include "rawsock.h"
#include "sig.h"
#include "sock.h"

/*
 * Room for any IPv4 datagram: total length is 16 bits, so 65535 bytes
 * at most.  The article reads into 1024 bytes, and a raw socket read
 * cuts a longer datagram short without a word (recv(2): the excess is
 * discarded).  The socket fills a batch of them at once; only the pages
 * a datagram lands on are ever touched.  A pcap record may carry a
 * link-layer header too, and is read whole, so a file read gets more
 * room.
 */
static uint8_t batch[RAWSOCK_BATCH][IP_MAXLEN];
static struct rawsock_rx batch_rx[RAWSOCK_BATCH];
static int batch_n, batch_next;
static int timed_out;		/* -t passed with nothing read */
static uint8_t record[PCAP_MAXREC];
static uint8_t wire[IP_MAXLEN];

static struct receiver_opts o;
static struct input file;
static struct pcap_out pcap;

struct stats {
	unsigned long long received;
	int rcvbuf;
};

/*
 * The next datagram from the socket or the file into *d, and from a
 * socket its arrival time in *when (the kernel's stamp, else the time it
 * was read); its length, or -1 at the end.  left is how many
 * more the count allows (0: no limit), so that a batch never takes from
 * the kernel what will not be printed.
 */
static long
next_datagram(int fd, struct input *in, unsigned long long left,
    const uint8_t **d, struct timespec *when, int *failed)
{
	size_t len;
	int rc, max = RAWSOCK_BATCH;

	if (in != NULL) {
		if ((rc = input_next(in, record, &len)) == 1) {
			*d = record;
			return (long)len;
		}
		*failed = rc == -1;
		return -1;
	}
	if (batch_next == batch_n) {
		if (left > 0 && left < (unsigned long long)max)
			max = (int)left;
		batch_next = 0;
		batch_n = rawsock_recv(fd, batch, batch_rx, max, o.timeout_ms,
		    &timed_out);
		if (timed_out)
			*failed = 1;
		if (batch_n < 0) {
			batch_n = 0;
			return -1;
		}
	}
	*d = batch[batch_next];
	*when = batch_rx[batch_next].when;
	if (when->tv_sec == 0 && when->tv_nsec == 0)	/* no stamp */
		(void)clock_gettime(CLOCK_REALTIME, when);
	return (long)batch_rx[batch_next++].len;
}

/*
 * The decoded view's first line for a datagram from a socket: when it
 * arrived, in UTC, as the kernel stamped it (to the nanosecond where it
 * has SO_TIMESTAMPNS).  A file's datagrams decode as their bytes alone,
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
 * Whether the n bytes are all the datagram had: always from a socket;
 * from a capture when the record was not cut by its snapshot length;
 * never known for hex text.
 */
static int
is_whole(const struct input *in, size_t n)
{
	if (in == NULL)
		return 1;
	return in->have_stamp && in->stamp.orig_len <= n;
}

static void
summary(int fd, const struct stats *st)
{
	unsigned long long drops;
	const char *s = st->received == 1 ? "" : "s";

	if (o.read_path != NULL) {
		fprintf(stderr, "receiver: %llu datagram%s read from %s\n",
		    st->received, s, o.read_path);
		return;
	}
	/* Read now, at the end: drops after the last datagram count. */
	if (rawsock_drops(fd, &drops) == 0)
		fprintf(stderr, "receiver: %llu datagram%s received, %llu "
		    "dropped by the kernel (receive buffer %d bytes)\n",
		    st->received, s, drops, st->rcvbuf);
	else
		fprintf(stderr, "receiver: %llu datagram%s received (receive "
		    "buffer %d bytes; this system does not count drops)\n",
		    st->received, s, st->rcvbuf);
}

int
main(int argc, char *argv[])
{
	struct stats st = { 0, 0 };
	struct progress progress;
	struct input *in = NULL;
	struct pcap_stamp stamp;
	struct timespec when;
	int fd = -1, failed = 0, writing = 0;
	const uint8_t *buf;
	long n;

	out_init();	/* first: descriptors 0-2 held open */
	receiver_args(argc, argv, &o);
	color_init(o.color);
	sig_init();

	/* 1. A raw ICMP socket: the kernel hands it every ICMP datagram,
	 * header and all (another protocol's with -P).  Or, with -r, a
	 * file of them. */
	if (o.read_path == NULL) {
		fd = sock_open(&o, argv[0]);
		st.rcvbuf = sock_rcvbuf(fd);
	}
	priv_drop();	/* root was for the socket alone (priv.c) */
	if (o.read_path != NULL) {
		if (input_open(&file, o.read_path) != 0)
			return sig_stop ? 0 : 1;
		in = &file;
	}
	/* pcap_create gives -1 only for a stop signal: the loop ends. */
	writing = o.write_path != NULL && pcap_create(&pcap, o.write_path) == 0;

	/* A count on a terminal's stderr while the hex goes to a file. */
	progress_start(&progress, "receiver", in != NULL ? "datagrams read" :
	    "datagrams received", o.quiet && !isatty(STDOUT_FILENO));

	/* 2. Wait, read one, print it as hex; again and again. */
	while (!sig_stop && (o.count == 0 || st.received < o.count)) {
		if (!o.quiet && in == NULL)
			out_str("waiting to receive\n");
		if ((n = next_datagram(fd, in, o.count == 0 ? 0 :
		    o.count - st.received, &buf, &when, &failed)) < 0)
			break;
		st.received++;
		color_hex_print(buf, (size_t)n, HEX_UPPER, o.layout);
		if (o.decode) {
			if (in == NULL)
				print_arrival(&when);
			decode_print(buf, (size_t)n, o.layout,
			    is_whole(in, (size_t)n));
		}
		if (writing) {
			/* Capture files hold wire format: undo macOS's
			 * host-order fields before writing. */
			memcpy(wire, buf, (size_t)n);
			ip_to_wire(wire, (size_t)n, o.layout);
			if (in == NULL)	/* the kernel's arrival time */
				pcap_stamp_at(&stamp, &when, (size_t)n);
			pcap_put(&pcap, wire, (size_t)n, in == NULL ? &stamp :
			    in->have_stamp ? &in->stamp : NULL);
		}
		progress_tick(&progress, st.received);
	}
	progress_end(&progress);
	if (timed_out)
		warnx("no datagram for %g second%s: giving up",
		    o.timeout_ms / 1000.0, o.timeout_ms == 1000 ? "" : "s");

	/* 3. Everything out, then how it went. */
	if (writing)
		pcap_close(&pcap);
	if (in != NULL)
		input_close(in);
	out_final();
	summary(fd, &st);
	return failed ? 1 : 0;
}
