/*
 * sender: hand-build an ICMP echo request, IPv4 header and all, and write
 * it to a raw socket that takes our header as it is (IP_HDRINCL).
 *
 * The steps are the article's: open the socket, build the header and the
 * echo request behind it, print the bytes, send them, say how many went.
 * Options (args.c) add more packets, other fields and a pcap copy; two
 * turn it into something else: every layout side by side (compare.c),
 * and a ping that waits for the replies (ping.c).
 */
#include <sys/types.h>
#include <netinet/in.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "args.h"
#include "color.h"
#include "compare.h"
#include "hex.h"
#include "out.h"
#include "pace.h"
#include "packet.h"
#include "pcap.h"
#include "ping.h"
#include "priv.h"
#include "progress.h"
#include "sig.h"
#include "sock.h"

static struct sender_opts o;
static struct pcap_out pcap;
static int fd = -1;		/* the raw socket; -1 with -n */
static int writing;		/* -w */
static struct packet pkt;	/* what we hand the kernel */
static uint8_t wire[IP_MAXLEN];	/* the same, as it goes on the wire */
static unsigned long long retries; /* waits for a full queue (ENOBUFS) */
static struct ping ping;	/* --ping: the replies, and their times */

/*
 * Keep a copy for Wireshark: pcap files hold what is on the wire, as
 * the kernel that sends it reads what we wrote (this system's, whatever
 * the layout; with -n, the layout's own), at the time it was sent.
 */
static void
capture(const uint8_t *p, size_t len, const struct timespec *when)
{
	struct pcap_stamp s;

	memcpy(wire, p, len);
	ip_sent_to_wire(wire, len, o.dry_run ? o.layout : LAYOUT_NATIVE);
	pcap_stamp_at(&s, when, len);
	pcap_put(&pcap, wire, len, &s);
}

/*
 * Print the packet's bytes and send it, as the article does, then keep
 * a copy for -w: 0, -1 when a stop signal came before it went, or
 * RAWSOCK_FAILED when it could not be sent (its bytes are out, and why).
 */
static int
send_one(const struct packet *p)
{
	struct timespec now;
	int rc;

	if (!o.quiet) {
		if (!o.dry_run)
			out_str("Transmitting bytes:\n");
		color_hex_print(p->bytes, p->len, HEX_LOWER, p->layout);
	}
	(void)clock_gettime(CLOCK_REALTIME, &now);	/* just before */
	if (fd != -1 && (rc = sock_send(fd, p->bytes, p->len, p->ip.dst,
	    &retries)) != 0)
		return rc;
	if (!o.quiet && !o.dry_run)
		out_printf("Sent %zu bytes\n", p->len);
	if (writing)
		capture(p->bytes, p->len, &now);
	return 0;
}

int
main(int argc, char *argv[])
{
	unsigned long long sent;
	struct progress progress;
	struct pace pace;
	int status, rc = 0;

	out_init();	/* first: descriptors 0-2 held open */
	sender_args(argc, argv, &o);
	color_init(o.color);
	sig_init();

	/* 1. A raw socket.  IPPROTO_RAW means "the header is ours": Linux
	 * implies IP_HDRINCL, macOS needs it asked for (rawsock.c). */
	if (!o.dry_run) {
		fd = o.no_hdrincl ? sock_open(IPPROTO_ICMP, 0, argv[0]) :
		    sock_open(IPPROTO_RAW, 1, argv[0]);
		/* a second socket, for the replies; ping(8) exits 2 */
		if (fd == -1 || (o.ping && ping_open(&ping, &o, argv[0]) != 0))
			return o.ping ? 2 : 1;
		sock_report_drops(fd);
	}
	priv_drop();	/* root was for the socket alone (priv.c) */
	sender_resolve(&o);
	if (o.write_path != NULL && pcap_create(&pcap, o.write_path) != 0)
		return 0;	/* stopped while waiting for a FIFO's reader */
	writing = o.write_path != NULL;

	if (o.compare) {	/* every layout side by side, nothing sent */
		compare_print(&o);
		out_final();
		return 0;
	}

	/* 2. The IPv4 header and the echo request behind it, settled once
	 * from the options (packet.c). */
	packet_settle(&pkt, &o, o.layout);
	if (o.raw)
		packet_check(&pkt, o.dry_run);
	else if (!o.dry_run)
		packet_kernel_view(&pkt);

	/* 3. Send, printing each packet; the sequence number counts up.
	 * A ping has a loop of its own: it reads while it sends. */
	if (o.ping) {
		status = ping_run(&ping, &pkt, send_one);
		if (writing)
			pcap_close(&pcap);
		out_final();
		return status;
	}
	pace_start(&pace, o.interval);
	progress_start(&progress, "sender", o.dry_run ? "packets built" :
	    "packets sent", o.quiet);
	for (sent = 0; !sig_stop && (o.count == 0 || sent < o.count);
	    sent++) {
		if (sent > 0) {
			if (!o.raw)
				packet_set_seq(&pkt, (uint16_t)(o.seq + sent));
			if (!o.dry_run && o.interval > 0) {
				out_flush();	/* seen while we sleep */
				if (pace_wait(&pace) != 0)
					break;
			}
		}
		if ((rc = send_one(&pkt)) != 0)
			break;
		progress_tick(&progress, sent + 1);
	}
	progress_end(&progress);

	/* 4. A summary when there was more than the article's one packet. */
	if (writing)
		pcap_close(&pcap);
	out_final();
	if (rc == RAWSOCK_FAILED)
		return 1;	/* why has been said */
	if (o.quiet || o.count != 1) {
		fprintf(stderr, "sender: %llu packet%s of %zu bytes %s", sent,
		    sent == 1 ? "" : "s", pkt.len, o.dry_run ? "built" :
		    "sent");
		if (retries > 0)
			fprintf(stderr, ", after %llu wait%s for a full queue "
			    "(ENOBUFS)", retries, retries == 1 ? "" : "s");
		if (pace.skipped > 0)
			fprintf(stderr, ", %llu slot%s skipped while behind",
			    pace.skipped, pace.skipped == 1 ? "" : "s");
		fputc('\n', stderr);
	}
	return 0;
}
