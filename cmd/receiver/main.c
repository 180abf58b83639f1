/*
 * receiver: open a raw ICMP socket and print every datagram the kernel
 * delivers, IP header included, as hex.
 *
 * The steps are the article's: open the socket, then over and over say
 * "waiting to receive", read one datagram, print it.  Options (args.c)
 * add a decoded view, a pcap copy, and reading a file instead.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "decode.h"
#include "hex.h"
#include "input.h"
#include "out.h"
#include "pcap.h"
#include "priv.h"
#include "rawsock.h"
#include "sig.h"
#include "sock.h"

/*
 * Room for any IPv4 datagram: total length is 16 bits, so 65535 bytes
 * at most.  The article reads into 1024 bytes, and a raw socket read
 * cuts a longer datagram short without a word (recv(2): the excess is
 * discarded).  A pcap record may carry a link-layer header too, and is
 * read whole, so a file read gets more room.
 */
static uint8_t buf[PCAP_MAXREC];
static uint8_t wire[IP_MAXLEN];

static struct receiver_opts o;

struct stats {
	unsigned long received;
	uint32_t drops;		/* by the kernel, for want of buffer */
	int rcvbuf;
};

/* The next datagram from the socket or the file; -1 at the end. */
static long
next_datagram(int fd, struct input *in, struct stats *st, int *failed)
{
	ssize_t n;
	size_t len;
	int timed_out, rc;

	if (in != NULL) {
		if ((rc = input_next(in, buf, &len)) == 1)
			return (long)len;
		*failed = rc == -1;
		return -1;
	}
	n = rawsock_recv(fd, buf, IP_MAXLEN, o.timeout_ms, &timed_out,
	    &st->drops);
	if (timed_out) {
		warnx("no datagram for %g seconds: giving up",
		    o.timeout_ms / 1000.0);
		*failed = 1;
	}
	return n;
}

static void
summary(const struct stats *st)
{
	if (o.read_path != NULL) {
		fprintf(stderr, "receiver: %lu datagram%s read from %s\n",
		    st->received, st->received == 1 ? "" : "s", o.read_path);
		return;
	}
	if (sock_counts_drops())
		fprintf(stderr, "receiver: %lu datagram%s received, %lu "
		    "dropped by the kernel (receive buffer %d bytes)\n",
		    st->received, st->received == 1 ? "" : "s",
		    (unsigned long)st->drops, st->rcvbuf);
	else
		fprintf(stderr, "receiver: %lu datagram%s received (receive "
		    "buffer %d bytes)\n", st->received,
		    st->received == 1 ? "" : "s", st->rcvbuf);
}

int
main(int argc, char *argv[])
{
	struct stats st = { 0, 0, 0 };
	struct input file, *in = NULL;
	FILE *pcap = NULL;
	int fd = -1, failed = 0;
	long n;

	receiver_args(argc, argv, &o);
	out_init();
	sig_init();

	/* 1. A raw ICMP socket: the kernel hands it every ICMP datagram,
	 * header and all.  Or, with -r, a file of them. */
	if (o.read_path == NULL) {
		fd = sock_open(&o, argv[0]);
		st.rcvbuf = sock_rcvbuf(fd);
	}
	priv_drop();	/* root was for the socket alone (priv.c) */
	if (o.read_path != NULL) {
		if (input_open(&file, o.read_path) != 0)
			return 1;
		in = &file;
	}
	if (o.write_path != NULL)
		pcap = pcap_create(o.write_path);

	/* 2. Wait, read one, print it as hex; again and again. */
	while (o.count == 0 || st.received < o.count) {
		if (!o.quiet && in == NULL)
			fputs("waiting to receive\n", stdout);
		if ((n = next_datagram(fd, in, &st, &failed)) < 0)
			break;
		st.received++;
		if (hex_print(stdout, buf, (size_t)n, HEX_UPPER) != 0)
			out_flush();
		if (o.decode)
			decode_print(stdout, buf, (size_t)n, o.layout);
		if (pcap != NULL) {
			/* Capture files hold wire format: undo macOS's
			 * host-order fields before writing. */
			memcpy(wire, buf, (size_t)n);
			ip_to_wire(wire, (size_t)n, o.layout);
			pcap_put(pcap, o.write_path, wire, (size_t)n);
		}
	}

	/* 3. Everything out, then how it went. */
	if (pcap != NULL)
		pcap_close(pcap, o.write_path);
	if (in != NULL)
		input_close(in);
	out_flush();
	summary(&st);
	return failed ? 1 : 0;
}
