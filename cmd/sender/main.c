/*
 * sender: hand-build an ICMP echo request, IPv4 header and all, and write
 * it to a raw socket that takes our header as it is (IP_HDRINCL).
 *
 * The steps are the article's: open the socket, build the header and the
 * echo request behind it, print the bytes, send them, say how many went.
 * Options (args.c) add more packets, other fields and a pcap copy.
 */
#include <sys/types.h>
#include <netinet/in.h>

#include <stdio.h>
#include <string.h>

#include "args.h"
#include "hex.h"
#include "out.h"
#include "pace.h"
#include "packet.h"
#include "pcap.h"
#include "priv.h"
#include "rawsock.h"
#include "sig.h"

static struct sender_opts o;
static uint8_t pkt[IP_MAXLEN];	/* what we hand the kernel */
static uint8_t wire[IP_MAXLEN];	/* the same, as it goes on the wire */

/* Print the packet's bytes and send it, as the article does. */
static void
send_one(int fd, size_t len)
{
	if (!o.quiet) {
		if (!o.dry_run)
			fputs("Transmitting bytes:\n", stdout);
		if (hex_print(stdout, pkt, len, HEX_LOWER) != 0)
			out_flush();
	}
	if (fd != -1)
		rawsock_send(fd, pkt, len, o.ip.dst);
	if (!o.quiet && !o.dry_run)
		printf("Sent %zu bytes\n", len);
}

/* Keep a copy for Wireshark: pcap files hold what is on the wire. */
static void
capture(FILE *pcap, size_t len)
{
	memcpy(wire, pkt, len);
	ip_sent_to_wire(wire, len, o.layout);
	pcap_put(pcap, o.write_path, wire, len);
}

int
main(int argc, char *argv[])
{
	FILE *pcap = NULL;
	struct pace pace;
	unsigned long sent;
	size_t len;
	int fd = -1;

	sender_args(argc, argv, &o);
	out_init();
	sig_init();

	/* 1. A raw socket.  IPPROTO_RAW means "the header is ours": Linux
	 * implies IP_HDRINCL, macOS needs it asked for (rawsock.c). */
	if (!o.dry_run)
		fd = o.no_hdrincl ? rawsock_open(IPPROTO_ICMP, 0, argv[0]) :
		    rawsock_open(IPPROTO_RAW, 1, argv[0]);
	priv_drop();	/* root was for the socket alone (priv.c) */
	sender_resolve(&o);
	if (o.write_path != NULL)
		pcap = pcap_create(o.write_path);

	/* 2. The IPv4 header and the echo request behind it. */
	len = packet_build(pkt, &o);
	if (o.raw)
		packet_check(pkt, len, o.layout);

	/* 3. Send, printing each packet; the sequence number counts up. */
	pace_start(&pace, o.interval);
	for (sent = 0; !sig_stop && (o.count == 0 || sent < o.count);
	    sent++) {
		if (sent > 0) {
			if (!o.raw)
				packet_set_seq(pkt, len,
				    (uint16_t)(o.seq + sent));
			if (!o.dry_run && o.interval > 0) {
				out_flush();	/* seen while we sleep */
				if (pace_wait(&pace) != 0)
					break;
			}
		}
		send_one(fd, len);
		if (pcap != NULL)
			capture(pcap, len);
	}

	/* 4. A summary when there was more than the article's one packet. */
	if (pcap != NULL)
		pcap_close(pcap, o.write_path);
	out_flush();
	if (o.quiet || o.count != 1)
		fprintf(stderr, "sender: %lu packet%s of %zu bytes %s\n", sent,
		    sent == 1 ? "" : "s", len, o.dry_run ? "built" : "sent");
	return 0;
}
