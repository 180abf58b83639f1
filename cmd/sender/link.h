/*
 * sender --link: the next post's step, one layer down.  The interface
 * is opened (linkout.h), the destination's MAC found (--dst-mac, or an
 * ARP request built here and its reply read), and every failure said in
 * a line that leads somewhere.
 */
#ifndef SENDER_LINK_H
#define SENDER_LINK_H

#include <stddef.h>
#include <stdint.h>

#include "args.h"
#include "linkout.h"
#include "packet.h"

/* How long an ARP request waits for its reply: 1 s, as arping(8). */
enum { LINK_ARP_WAIT_MS = 1000 };

/*
 * Open o->link before privilege is dropped: with -n only learnt of (its
 * MAC and address), else for sending and, unless --dst-mac is given,
 * for ARP.  On failure say why (self goes in the hint) and return -1:
 * the caller chooses the exit status.
 */
int link_open(struct linkout *l, const struct sender_opts *o,
    const char *self);

/*
 * The source the datagram carries when --source gives none: the
 * interface's IPv4 address.  Exits 1 when it has none.
 */
const uint8_t *link_source(const struct linkout *l,
    const struct sender_opts *o);

/*
 * The destination's MAC for the datagram pkt: --dst-mac's; on an
 * interface without ARP, the interface's own, as Linux's kernel does
 * (zero on lo); else found by ARP, the request and the reply printed
 * as frames (not under -q).  Returns 0; -1 on a stop signal.  Exits 1
 * when no reply comes in LINK_ARP_WAIT_MS, or it cannot be asked; 2
 * when ARP would be needed under -n, which sends nothing.
 */
int link_dst_mac(struct linkout *l, const struct sender_opts *o,
    const struct packet *pkt, uint8_t mac[ND_MAC_LEN]);

/*
 * Send the frame[0..len) (linkout_send).  Returns 0; -1 when a stop
 * signal came first; LINKOUT_FAILED when it could not be sent, having
 * said why on stderr, after what standard output holds.
 */
int link_send(struct linkout *l, const uint8_t *frame, size_t len,
    unsigned long long *retries);

/*
 * After a ping on l that no reply answered: where the interface drops
 * what comes in from this host's own addresses (Linux's lo), say so,
 * and where to send instead.
 */
void link_no_reply(const struct linkout *l, const struct packet *pkt);

#endif
