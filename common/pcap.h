/*
 * Classic libpcap capture files ("savefiles"): writing raw IPv4
 * datagrams, and reading records back.
 */
#ifndef PCAP_H
#define PCAP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum {
	PCAP_FILEHDR_LEN = 24,
	PCAP_RECHDR_LEN = 16,
	LINKTYPE_EN10MB = 1,	/* Ethernet: tcpdump -i lo on Linux */
	LINKTYPE_RAW = 101,	/* the datagram alone, from its IP header */
	LINKTYPE_LINUX_SLL = 113,	/* tcpdump -i any */
	LINKTYPE_IPV4 = 228,	/* the datagram alone, IPv4 only */
	PCAP_MAXREC = 262144	/* tcpdump's largest snapshot length */
};

/* Create path with a LINKTYPE_RAW file header; exit 1 on failure. */
FILE *pcap_create(const char *path);

/* Append one record holding b[0..n), stamped with the current time. */
void pcap_put(FILE *f, const char *path, const uint8_t *b, size_t n);

/* Flush and close, reporting any write error; exit 1 on one. */
void pcap_close(FILE *f, const char *path);

/* Whether the 4 bytes at p are a pcap magic number, in either order. */
int pcap_is_magic(const uint8_t p[4]);

struct pcap_in {
	FILE *f;
	int big_endian;		/* the file's byte order, from its magic */
	uint32_t snaplen;
	uint32_t linktype;
	unsigned long record;	/* records read so far */
};

/*
 * Take the 24-byte file header (already read) of a capture on f.
 * Returns 0, or -1 with *why.
 */
int pcap_in_open(struct pcap_in *in, FILE *f,
    const uint8_t hdr[PCAP_FILEHDR_LEN], const char **why);

/*
 * Read the next record into buf (cap bytes, at least PCAP_MAXREC).
 * Returns 1 with *n set, 0 at a clean end of file, -1 with *why when the
 * file is damaged (nothing more can be trusted after that).
 */
int pcap_in_next(struct pcap_in *in, uint8_t *buf, size_t cap, size_t *n,
    const char **why);

#endif
