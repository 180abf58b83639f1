/*
 * Ethernet II headers and ARP for IPv4 (ether.h).  Sources: RFC 894
 * (IPv4 over Ethernet: destination, source, EtherType 0x0800); RFC 826
 * (ARP: the message, and "the target hardware address is left empty" in
 * a request); the IANA "ARP Parameters" registry (hardware type 1,
 * operations 1 and 2).  Every field is written and read one byte at a
 * time (bytes.h): nothing here is laid over the buffer as a struct.
 */
#include <string.h>

#include "bytes.h"
#include "ether.h"
#include "hex.h"

const uint8_t ether_broadcast[ND_MAC_LEN] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff
};

void
ether_build(uint8_t buf[ETH_HDRLEN], const uint8_t dst[ND_MAC_LEN],
    const uint8_t src[ND_MAC_LEN], uint16_t type)
{
	memcpy(buf + ETH_DST, dst, ND_MAC_LEN);
	memcpy(buf + ETH_SRC, src, ND_MAC_LEN);
	put16(buf + ETH_TYPE, type);
}

void
arp_request_build(uint8_t frame[ARP_FRAME_LEN], const uint8_t mac[ND_MAC_LEN],
    const uint8_t ip[ND_IPV4_LEN], const uint8_t target[ND_IPV4_LEN])
{
	uint8_t *arp = frame + ETH_HDRLEN;

	ether_build(frame, ether_broadcast, mac, ET_ARP);
	put16(arp + ARP_HRD, ARP_HRD_ETHER);
	put16(arp + ARP_PRO, ET_IPV4);
	arp[ARP_HLN] = ND_MAC_LEN;
	arp[ARP_PLN] = ND_IPV4_LEN;
	put16(arp + ARP_OP, ARP_OP_REQUEST);
	memcpy(arp + ARP_SHA, mac, ND_MAC_LEN);
	memcpy(arp + ARP_SPA, ip, ND_IPV4_LEN);
	memset(arp + ARP_THA, 0, ND_MAC_LEN);
	memcpy(arp + ARP_TPA, target, ND_IPV4_LEN);
}

int
arp_reply_parse(const uint8_t *frame, size_t n,
    const uint8_t target[ND_IPV4_LEN], uint8_t mac[ND_MAC_LEN])
{
	const uint8_t *arp = frame + ETH_HDRLEN;

	/* Enough bytes, then the kind of message, then whose answer. */
	if (n < ARP_FRAME_LEN || get16(frame + ETH_TYPE) != ET_ARP)
		return -1;
	if (get16(arp + ARP_HRD) != ARP_HRD_ETHER ||
	    get16(arp + ARP_PRO) != ET_IPV4 || arp[ARP_HLN] != ND_MAC_LEN ||
	    arp[ARP_PLN] != ND_IPV4_LEN || get16(arp + ARP_OP) != ARP_OP_REPLY)
		return -1;
	if (memcmp(arp + ARP_SPA, target, ND_IPV4_LEN) != 0)
		return -1;
	memcpy(mac, arp + ARP_SHA, ND_MAC_LEN);
	return 0;
}

int
ether_parse(const char *s, uint8_t mac[ND_MAC_LEN], const char **why)
{
	const char *p = s;
	int i, d, v, digits;

	for (i = 0; i < ND_MAC_LEN; i++) {
		if (i > 0) {
			if (*p != ':' && *p != '-')
				goto bad;
			p++;
		}
		for (v = 0, digits = 0; digits < 3 &&
		    (d = hex_digit((unsigned char)*p)) >= 0; p++, digits++)
			v = v * 16 + d;
		if (digits < 1 || digits > 2)
			goto bad;
		mac[i] = (uint8_t)v;
	}
	if (*p == '\0')
		return 0;
bad:
	*why = "not a MAC address: six bytes in hex, separated by colons "
	    "(02:00:00:00:00:02)";
	return -1;
}

const char *
ether_text(const uint8_t mac[ND_MAC_LEN], char buf[ND_MAC_TEXT])
{
	static const char digit[] = "0123456789abcdef";
	char *q = buf;
	int i;

	for (i = 0; i < ND_MAC_LEN; i++) {
		if (i > 0)
			*q++ = ':';
		*q++ = digit[mac[i] >> 4];
		*q++ = digit[mac[i] & 0x0f];
	}
	*q = '\0';
	return buf;
}
