/*
 * sender: hand-build an ICMP echo request, IPv4 header and all, and write
 * it to a raw socket that takes our header as it is (IP_HDRINCL).
 *
 * The steps are the article's: open the socket, build the header and the
 * echo request behind it, print the bytes, send them, say how many went.
 * Options (args.c) add more packets, other fields and a pcap copy; two
 * turn it into something else: every layout side by side (compare.c),
 * and a ping that waits for the replies (ping.c); one goes a layer
 * down, the link header built too and the whole frame sent on an
 * interface (link.c); and two go across to the other sockets: -6, the
 * ICMPv6 message on an IPv6 raw socket, and --dgram, the ping socket,
 * each kernel changing some bytes, which are said once they have gone.
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
#include "link.h"
#include "out.h"
#include "pace.h"
#include "packet.h"
#include "pcap.h"
#include "ping.h"
#include "priv.h"
#include "progress.h"
#include "rawsock.h"
#include "sig.h"
#include "sock.h"
#include "socks.h"

static struct sender_opts o;
static struct pcap_out pcap;
static int fd = -1;		/* the raw socket; -1 with -n */
static int writing;		/* -w */
static struct packet pkt;	/* what we hand the kernel */
static uint8_t wire[IP_MAXLEN];	/* the same, as it goes on the wire */
static int told;		/* what the kernel changed was said */
static unsigned long long retries; /* waits for a full queue (ENOBUFS) */
static struct ping ping;	/* --ping: the replies, and their times */
static struct linkout lnk;	/* --link: the interface */

/*
 * Keep a copy for Wireshark: pcap files hold what is on the wire, as
 * the kernel that sends it reads what we wrote (this system's, whatever
 * the layout; with -n, the layout's own), at the time it was sent.
 */
static void
capture(const struct packet *p, const struct timespec *when)
{
	struct pcap_stamp s;
	struct frame f;
	const char *why;

	if (o.link != NULL) {	/* the frame, as it went */
		memset(&f, 0, sizeof(f));
		f.linktype = lnk.linktype;
		f.data = packet_frame(p);
		f.caplen = f.origlen = (uint32_t)(p->linklen + p->len);
		f.layout = LAYOUT_WIRE;
		f.have_time = 1;
		f.when = *when;
		f.tsprec = 6;
		(void)capture_put(&pcap.c, &f, &why);	/* its link type */
		return;
	}
	memcpy(wire, p->bytes, p->len);
	if (p->kind == PACKET_IPV4)	/* IPv6's is in network order */
		ip_sent_to_wire(wire, p->len, o.dry_run ? o.layout :
		    LAYOUT_NATIVE);
	pcap_stamp_at(&s, when, p->len);
	pcap_put(&pcap, wire, p->len, &s);
}

/* The bytes of p that go out, lower case as the article prints them:
 * with --link the link header first, then the datagram (coloured). */
static void
print_bytes(const struct packet *p)
{
	char *text;

	if (p->linklen > 0) {
		text = out_room(3 * p->linklen);
		out_wrote(hex_format(text, packet_frame(p), p->linklen,
		    HEX_LOWER));
		out_bytes(" ", 1);
	}
	if (p->kind == PACKET_IPV4)
		color_hex_print(p->bytes, p->len, HEX_LOWER, p->layout);
	else		/* colour marks IPv4's host-order fields: none */
		hex_print(p->bytes, p->len, HEX_LOWER);
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
		print_bytes(p);
	}
	(void)clock_gettime(CLOCK_REALTIME, &now);	/* just before */
	if (fd != -1 && (rc = sock_send(fd, p->bytes, p->len, &p->to,
	    &retries)) != 0)
		return rc;
	if (lnk.fd != -1 && (rc = link_send(&lnk, packet_frame(p),
	    p->linklen + p->len, &retries)) != 0)
		return rc == LINKOUT_FAILED ? RAWSOCK_FAILED : rc;
	if (!o.quiet && !o.dry_run)
		out_printf("Sent %zu bytes\n", p->linklen + p->len);
	if (!o.quiet && !o.dry_run && !told && !o.raw) {
		packet_say_kernel_changes(p, o.dgram && sock_ping_sets_id(
		    sock_rules(LAYOUT_NATIVE), o.six) ? rawsock_local_port(fd) :
		    -1);
		told = 1;	/* once: what changes is the same each time */
	}
	if (writing)
		capture(p, &now);
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
	 * implies IP_HDRINCL, macOS needs it asked for (rawsock.c).  With
	 * -6, an IPv6 raw socket, which takes the ICMPv6 message alone;
	 * with --dgram, the ping socket (sock.c).  With --link, the
	 * interface instead: a packet socket, or /dev/bpf. */
	lnk.fd = -1;
	if (o.link != NULL && link_open(&lnk, &o, argv[0]) != 0)
		return o.ping ? 2 : 1;
	if (!o.dry_run && o.link == NULL) {
		if ((fd = sock_open_for(&o, argv[0])) == -1)
			return o.ping ? 2 : 1;
		if (!o.six && !o.dgram)
			sock_report_drops(fd);
	}
	/* a second socket, for the replies (a ping socket's own replies
	 * come back to it); ping(8) exits 2 */
	if (o.ping && ping_open(&ping, &o, argv[0], o.dgram ? fd : -1) != 0)
		return 2;
	priv_drop();	/* root was for the socket alone (priv.c) */
	sender_resolve(&o);
	if (o.write_path != NULL && (o.link == NULL ? pcap_create(&pcap,
	    o.write_path) : capture_create(&pcap.c, o.write_path, CAPTURE_PCAP,
	    lnk.linktype, 6)) != 0)
		return 0;	/* stopped while waiting for a FIFO's reader */
	writing = o.write_path != NULL;

	if (o.compare) {	/* every layout side by side, nothing sent */
		compare_print(&o);
		out_final();
		return 0;
	}

	/* 2. The IPv4 header and the echo request behind it, settled once
	 * from the options (packet.c); with -6 or --dgram, the echo
	 * message alone (-6 --hdrincl: behind an IPv6 header of ours).
	 * With --link no kernel will touch
	 * them: the wire layout, from the interface's address; then one
	 * layer down, the link header in front, to the MAC that --dst-mac
	 * gives or an ARP request finds (link.c). */
	if (o.link == NULL)
		packet_settle(&pkt, &o, o.layout);
	else
		packet_settle_wire(&pkt, &o, link_source(&lnk, &o));
	if (o.raw)
		packet_check(&pkt, o.dry_run);
	else if (!o.dry_run && o.link == NULL)
		packet_kernel_view(&pkt);
	if (o.link != NULL) {
		uint8_t mac[ND_MAC_LEN];

		if (link_dst_mac(&lnk, &o, &pkt, mac) != 0) {
			out_final();
			return 0;	/* stopped while waiting for ARP */
		}
		packet_set_link(&pkt, &lnk, mac);
	}

	/* 3. Send, printing each packet; the sequence number counts up.
	 * A ping has a loop of its own: it reads while it sends. */
	if (o.ping) {
		status = ping_run(&ping, &pkt, send_one);
		if (o.link != NULL && ping.received == 0 && status != 2) {
			out_flush();	/* the statistics, before why */
			link_no_reply(&lnk, &pkt);
		}
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
		fprintf(stderr, "sender: %llu %s%s of %zu bytes %s", sent,
		    o.link != NULL ? "frame" : "packet", sent == 1 ? "" : "s",
		    pkt.linklen + pkt.len, o.dry_run ? "built" : "sent");
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
