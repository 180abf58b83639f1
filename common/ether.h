/*
 * One layer down, written by hand: the Ethernet II header (RFC 894: two
 * addresses, then an EtherType) and the ARP request for an IPv4 address
 * over Ethernet (RFC 826), built into byte buffers at named offsets, and
 * the reply read back out of one.  The EtherTypes and address lengths
 * are the printers' (dissect/nd.h), which read the same headers.
 */
#ifndef ETHER_H
#define ETHER_H

#include <stddef.h>
#include <stdint.h>

#include "dissect/nd.h"

/* Where each field starts, as in RFC 894. */
enum ether_offset { ETH_DST = 0, ETH_SRC = 6, ETH_TYPE = 12, ETH_HDRLEN = 14 };

/* Where each field of an ARP message starts (RFC 826), the addresses at
 * the places Ethernet's 6 bytes and IPv4's 4 put them. */
enum arp_offset {
	ARP_HRD = 0,		/* hardware type: 1, Ethernet */
	ARP_PRO = 2,		/* protocol type: an EtherType, IPv4's */
	ARP_HLN = 4,		/* hardware address length: 6 */
	ARP_PLN = 5,		/* protocol address length: 4 */
	ARP_OP = 6,		/* 1 request, 2 reply */
	ARP_SHA = 8,		/* sender hardware address */
	ARP_SPA = 14,		/* sender protocol address */
	ARP_THA = 18,		/* target hardware address */
	ARP_TPA = 24,		/* target protocol address */
	ARP_ETHIP_LEN = 28
};

enum { ARP_HRD_ETHER = 1, ARP_OP_REQUEST = 1, ARP_OP_REPLY = 2 };

/* An ARP request in its frame: 42 bytes (a wire pads it to 60). */
enum { ARP_FRAME_LEN = ETH_HDRLEN + ARP_ETHIP_LEN };

/* ff:ff:ff:ff:ff:ff, where an ARP request goes. */
extern const uint8_t ether_broadcast[ND_MAC_LEN];

/* The 14-byte header: destination, source, EtherType. */
void ether_build(uint8_t buf[ETH_HDRLEN], const uint8_t dst[ND_MAC_LEN],
    const uint8_t src[ND_MAC_LEN], uint16_t type);

/*
 * The frame asking, to everyone on the link, who has the IPv4 address
 * target, from the host at mac and ip: Ethernet to the broadcast
 * address, then the request, its target hardware address zero (RFC 826:
 * "the one it is looking for").
 */
void arp_request_build(uint8_t frame[ARP_FRAME_LEN],
    const uint8_t mac[ND_MAC_LEN], const uint8_t ip[ND_IPV4_LEN],
    const uint8_t target[ND_IPV4_LEN]);

/*
 * Whether frame[0..n), as it came off an Ethernet, is an ARP reply
 * saying where target is: 0 with its hardware address in mac, else -1
 * (another frame, a request, a reply about someone else, or one too
 * short to hold what it claims).
 */
int arp_reply_parse(const uint8_t *frame, size_t n,
    const uint8_t target[ND_IPV4_LEN], uint8_t mac[ND_MAC_LEN]);

/*
 * A MAC address as typed: six bytes in hex, one or two digits each,
 * separated by colons or hyphens ("02:00:00:00:00:02",
 * "2-0-0-0-0-2").  Returns 0, or -1 with *why.
 */
int ether_parse(const char *s, uint8_t mac[ND_MAC_LEN], const char **why);

/* The other way, as tcpdump writes it: "02:00:00:00:00:02" into buf. */
const char *ether_text(const uint8_t mac[ND_MAC_LEN], char buf[ND_MAC_TEXT]);

#endif
