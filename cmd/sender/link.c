/*
 * sender --link (link.h).  Sources: RFC 826 (an ARP request goes to
 * the broadcast address; the host that has the target address answers
 * to the asker alone); net/ipv4/arp.c arp_constructor (an interface
 * without ARP sends to its own hardware address: all zero on lo);
 * arping(8) (a second to wait for the answer); packet(7) and bpf(4) for
 * the errors a write of a frame meets.
 */
#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../hints.h"
#include "clock.h"
#include "ether.h"
#include "hex.h"
#include "link.h"
#include "out.h"
#include "parse.h"

/* Room for an ARP frame as it comes: padded to 60 bytes on a wire,
 * longer with a tag or trailer; what is past this is cut. */
enum { ARP_ROOM = 256 };

int
link_open(struct linkout *l, const struct sender_opts *o, const char *self)
{
	unsigned flags = 0;
	const char *what;
	int rc, e;

	if (!o->dry_run)
		flags = LINKOUT_SEND | (o->have_dst_mac ? 0 : LINKOUT_ARP);
	if ((rc = linkout_open(l, o->link, flags, &what)) == 0)
		return 0;
	e = errno;
	if (rc == -1)
		warnx("link is %s: no interface of that name here", o->link);
	else if (e == EAFNOSUPPORT)
		warnx("link is %s: its frames are neither Ethernet nor a "
		    "loopback's, whose headers --link builds", o->link);
	else if (e == EPERM || e == EACCES)
		warnx("%s: %s: sending frames needs " HINT_PRIVILEGE, what,
		    strerror(e), self);
	else
		warnx("%s: %s: %s", o->link, what, strerror(e));
	return -1;
}

const uint8_t *
link_source(const struct linkout *l, const struct sender_opts *o)
{
	if (o->have_src)
		return NULL;
	if (!l->have_addr)
		errx(1, "%s has no IPv4 address to send from: give it one, or "
		    "the source with --source", l->name);
	return l->addr;
}

/*
 * Ask who has dst, from src, and wait for the answer: its hardware
 * address in mac.  Returns 0, or -1 on a stop signal; exits 1 when no
 * answer comes.
 */
static int
arp(struct linkout *l, const struct sender_opts *o, const uint8_t src[4],
    const uint8_t dst[4], uint8_t mac[ND_MAC_LEN])
{
	uint8_t req[ARP_FRAME_LEN], got[ARP_ROOM];
	char to[16], from[16], at[ND_MAC_TEXT];
	unsigned long long retries = 0;
	long long deadline;
	size_t n;
	int rc;

	arp_request_build(req, l->mac, src, dst);
	(void)ipv4_text(dst, to);
	if (!o->quiet) {
		out_printf("ARP request, who-has %s tell %s:\n", to,
		    ipv4_text(src, from));
		hex_print(req, sizeof(req), HEX_LOWER);
	}
	if ((rc = link_send(l, req, sizeof(req), &retries)) != 0) {
		if (rc == -1)
			return -1;
		exit(1);	/* why has been said */
	}
	deadline = clock_ns() + LINK_ARP_WAIT_MS * 1000000LL;
	while ((rc = linkout_arp_recv(l, got, sizeof(got), &n, deadline)) ==
	    1)
		if (arp_reply_parse(got, n, dst, mac) == 0)
			break;
	out_flush();	/* what was sent, before why nothing came */
	if (rc == -1)
		return -1;
	if (rc == LINKOUT_FAILED)
		err(1, "%s: reading ARP", l->name);
	if (rc == 0)
		errx(1, "no ARP reply from %s on %s in %d s: no host on that "
		    "link has the address (a host beyond a router is reached "
		    "through the router's MAC: give it with --dst-mac)", to,
		    l->name, LINK_ARP_WAIT_MS / 1000);
	linkout_arp_done(l);
	if (!o->quiet) {
		out_printf("ARP reply, %s is-at %s:\n", to, ether_text(mac, at));
		hex_print(got, n, HEX_UPPER);
	}
	return 0;
}

int
link_dst_mac(struct linkout *l, const struct sender_opts *o,
    const struct packet *pkt, uint8_t mac[ND_MAC_LEN])
{
	char to[16];

	if (o->have_dst_mac) {
		memcpy(mac, o->dst_mac, ND_MAC_LEN);
		return 0;
	}
	if (!l->arp) {
		memcpy(mac, l->mac, ND_MAC_LEN);
		return 0;
	}
	if (o->dry_run)
		errx(2, "-n sends nothing, not even the ARP request that would "
		    "find %s's MAC on %s: give it with --dst-mac",
		    ipv4_text(pkt->ip.dst, to), l->name);
	return arp(l, o, pkt->ip.src, pkt->ip.dst, mac);
}

int
link_send(struct linkout *l, const uint8_t *frame, size_t len,
    unsigned long long *retries)
{
	int rc = linkout_send(l, frame, len, retries), e = errno;
	const char *call = l->send_call, *why = strerror(e);

	if (rc != LINKOUT_FAILED)
		return rc;
	out_flush();	/* the bytes printed show before the reason */
	switch (e) {
	case ENETDOWN:
		warnx("%s: %s: %s is down", call, why, l->name);
		break;
	case ENXIO:
	case ENODEV:
		warnx("%s: %s: %s has gone", call, why, l->name);
		break;
	case EMSGSIZE:
		if (l->mtu > 0)
			warnx("%s: %s: a frame of %zu bytes is more than %s "
			    "carries (a datagram of %u bytes, its MTU, behind "
			    "a %zu-byte header): send a shorter one (-p)", call,
			    why, len, l->name, l->mtu, linkout_header_len(l));
		else
			warnx("%s: %s: a frame of %zu bytes is more than %s "
			    "carries: send a shorter one (-p)", call, why, len,
			    l->name);
		break;
	case ENOBUFS:
		warnx("%s: %s: still, after %d tries", call, why,
		    LINKOUT_ENOBUFS_TRIES);
		break;
	default:
		warnx("%s: %s", call, why);
	}
	return LINKOUT_FAILED;
}

void
link_no_reply(const struct linkout *l, const struct packet *pkt)
{
	const uint8_t *src = pkt->ip.src;
	char text[16];

	/* A source of its own: the interface's address, or loopback's. */
	if (!l->local_source_dropped || (src[0] != 127 && (!l->have_addr ||
	    memcmp(src, l->addr, ND_IPV4_LEN) != 0)))
		return;
	warnx("no reply, and none will come on %s: the kernel drops a frame "
	    "that arrives there from one of its own addresses (%s) before "
	    "ICMP sees it, in its input route check (net.ipv4.conf.%s."
	    "accept_local=1 lets such a source in, and for 127/8 "
	    "route_localnet=1 too): send to another host instead, as "
	    "scripts/two-hosts.sh sets up (make demo-link)", l->name,
	    ipv4_text(src, text), l->name);
}
