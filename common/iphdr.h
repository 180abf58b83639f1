/*
 * The 20-byte IPv4 header (RFC 791, section 3.1), built into and parsed
 * out of a plain byte buffer, in the byte layout a given kernel's raw
 * socket speaks.
 */
#ifndef IPHDR_H
#define IPHDR_H

#include <stddef.h>
#include <stdint.h>

enum {
	IPHDR_LEN = 20,		/* the header without options: IHL 5 */
	IP_MAXLEN = 65535	/* total length is a 16-bit field */
};

/* Where each field starts, as in RFC 791's picture. */
enum ip_offset {
	IPH_VHL = 0,		/* version (high 4 bits), IHL (low 4 bits) */
	IPH_TOS = 1,
	IPH_LEN = 2,		/* total length */
	IPH_ID = 4,		/* identification */
	IPH_OFF = 6,		/* flags (3 bits), fragment offset (13 bits) */
	IPH_TTL = 8,
	IPH_PROTO = 9,
	IPH_SUM = 10,		/* header checksum */
	IPH_SRC = 12,
	IPH_DST = 16
};

enum { IP_FLAG_RF = 0x8000, IP_FLAG_DF = 0x4000, IP_FLAG_MF = 0x2000,
       IP_OFFMASK = 0x1fff };

/*
 * Whose raw socket a header is laid out for.  What each one means lives
 * in one table, struct layout_rules in iphdr.c; nothing else asks which
 * layout it has.
 *  LAYOUT_LINUX   Linux: network order; total length and checksum left 0.
 *  LAYOUT_DARWIN  macOS on any Mac, so little-endian on every host this
 *                 program runs on: the article's "host order".
 *  LAYOUT_WIRE    every field in network order: the bytes on the wire,
 *                 as in a capture file; what FreeBSD 11+ and OpenBSD want.
 *  LAYOUT_NETBSD  NetBSD and DragonFly: the darwin rules, but in the byte
 *                 order of the host running this program, as a live
 *                 socket there really is (darwin's bytes on a
 *                 little-endian host).
 */
enum layout { LAYOUT_LINUX, LAYOUT_DARWIN, LAYOUT_WIRE, LAYOUT_NETBSD,
	      LAYOUT_COUNT };

/* The layout of the kernel this program was built for: the one #ifdef
 * that chooses among the rules. */
#if defined(__linux__)
#define LAYOUT_NATIVE LAYOUT_LINUX
#elif defined(__APPLE__)
#define LAYOUT_NATIVE LAYOUT_DARWIN
#elif defined(__NetBSD__) || defined(__DragonFly__)
#define LAYOUT_NATIVE LAYOUT_NETBSD
#else
#define LAYOUT_NATIVE LAYOUT_WIRE
#endif

/* The byte order of a 16-bit header field. */
enum order {
	ORDER_NETWORK,		/* big-endian, as RFC 791 has it */
	ORDER_LITTLE,		/* little-endian: a Mac's host order */
	ORDER_HOST		/* this machine's own order */
};

/* A 16-bit field at p in byte order o (the printers read a layout's
 * total length and fragment offset so). */
uint16_t get16_order(const uint8_t *p, enum order o);

/* One row per layout: every per-OS rule there is. */
struct layout_rules {
	const char *name;	/* as given to -l */
	const char *system;	/* whose kernel, for messages */
	enum order len_off;	/* ip_len and ip_off, sent and received */
	enum order quoted_len;	/* ip_len of the header an ICMP error
				 * quotes, as delivered (its ip_off stays
				 * in network order) */
	int quoted_len_after_sum; /* the kernel checked the ICMP checksum
				 * over the wire bytes, then turned that
				 * quoted ip_len: the checksum covers it in
				 * network order, not as delivered */
	int rx_len_excludes_header; /* delivered ip_len leaves out the
				 * header's own length */
	int kernel_sets_len_sum; /* the kernel always writes total length
				 * and checksum: the sender leaves them 0 */
	int sender_fills_id_src; /* the article fills id and source by
				 * hand (else 0: the kernel fills them) */
	int needs_hdrincl;	/* IPPROTO_RAW needs IP_HDRINCL asked for */
};

const struct layout_rules *layout_rules(enum layout l);

/* A byte order in words: "network order", "little-endian" or "this
 * machine's order (big-endian)", and so on. */
const char *order_words(enum order o);

struct ip_fields {
	unsigned version;	/* 4 */
	unsigned hlen;		/* header length in bytes: IHL * 4 */
	uint8_t tos;
	uint16_t len;		/* total length, header included */
	uint16_t id;
	uint16_t off;		/* flags and fragment offset, as one value */
	uint8_t ttl;
	uint8_t proto;
	uint16_t sum;
	uint8_t src[4];
	uint8_t dst[4];
};

/* A layout's name ("linux", "darwin", ...) to the layout; -1 for any
 * other name. */
int layout_from_name(const char *name, enum layout *l);
const char *layout_name(enum layout l);

/*
 * The article's echo request header for this layout: version 4, IHL 5,
 * TTL 64, protocol ICMP, destination 127.0.0.1; id and source 0 on Linux
 * (the kernel fills them), 11 and 127.0.0.1 elsewhere (the article's).
 */
void ip_defaults(struct ip_fields *f, enum layout l);

/*
 * The flags and fragment offset field (RFC 791) of a header built for
 * layout built, as a kernel of layout reader reads the same two bytes:
 * off again where both use one byte order, the bytes turned around
 * where they do not (darwin's DF, 00 40, read by Linux as offset 64).
 */
uint16_t ip_off_as_read(uint16_t off, enum layout built, enum layout reader);

/*
 * The flags and fragment offset field in words, into buf: "DF, offset
 * 0", "no flags, offset 64 (512 bytes)" (the offset counts 8-byte
 * units, RFC 791).  Returns buf.
 */
enum { IP_OFF_WORDS = 48 };
const char *ip_off_words(uint16_t off, char buf[IP_OFF_WORDS]);

/*
 * Write the 20-byte header f into buf as layout l wants it.  f->len is
 * the real total length; the Linux layout writes 0 there and in the
 * checksum, the others write it and compute the checksum over the header
 * exactly as written.
 */
void ip_build(uint8_t buf[IPHDR_LEN], const struct ip_fields *f,
    enum layout l);

/*
 * Read the header at the start of buf[0..n) as layout l delivers it.
 * Checks, in order: 20 bytes present, version 4, IHL at least 5, the
 * whole header within n.  Returns 0, or -1 with *why naming the reason.
 * f->len is the value as stored (see ip_wire_len).
 */
int ip_parse(const uint8_t *buf, size_t n, enum layout l,
    struct ip_fields *f, const char **why);

/*
 * Whatever whole fields the first n bytes hold (n may be under 20, the
 * IHL may say more than n): every field whose bytes are all present is
 * set, read as layout l delivers it.  Returns how many of the 20 fixed
 * header bytes were there.
 */
size_t ip_parse_prefix(const uint8_t *buf, size_t n, enum layout l,
    struct ip_fields *f);

/*
 * The same for the header that the ICMP error m[0..n) quotes (RFC 792),
 * at m + 8, as a layout-l socket delivers it: its total length in the
 * order ip_quoted_len_turned says.  n counts the whole message.
 */
int ip_parse_quoted(const uint8_t *m, size_t n, enum layout l,
    struct ip_fields *f, const char **why);

/*
 * Whether a layout-l kernel turned the total length of the header quoted
 * by the ICMP message m[0..n) (the bytes present) to host order before
 * delivering it: xnu does, in the errors it hands its protocols (not in
 * a redirect).  The quoted_len_after_sum rule says whether the ICMP
 * checksum was checked before.
 */
int ip_quoted_len_turned(const uint8_t *m, size_t n, enum layout l);

/*
 * Put that length back in network order, in place, where the kernel
 * turned it: the message as it was on the wire.  Nothing otherwise.
 */
void ip_quoted_to_wire(uint8_t *m, size_t n, enum layout l);

/* What a stored total length says, given the n bytes that came with it. */
enum len_form {
	LEN_AS_IS,		/* the total length, header included */
	LEN_HEADER_LEFT_OUT,	/* delivered without the header's length */
	LEN_SENDING_FORM,	/* a header-excluding layout's datagram as
				 * handed to the kernel: the whole length */
	LEN_LEFT_FOR_KERNEL	/* 0, for a kernel that always fills it */
};

/*
 * The datagram's real total length in bytes, header included, from the
 * parsed header f of a datagram of n bytes in layout l; *form says how
 * the field was read.  May exceed n (cut short) or 65535 (damaged).
 */
unsigned long ip_wire_len(const struct ip_fields *f, size_t n, enum layout l,
    enum len_form *form);

/*
 * Turn a datagram as received on a layout-l socket into wire format in
 * place: network byte order, total length counting the header, and an
 * ICMP error's quoted total length as ip_quoted_to_wire puts it.  One in
 * sending form goes through ip_sent_to_wire.  Does nothing to what
 * ip_parse would reject.
 */
void ip_to_wire(uint8_t *buf, size_t n, enum layout l);

/*
 * Turn a datagram as handed to a layout-l kernel for sending into what
 * that kernel puts on the wire, in place: total length n (Linux fills it
 * in, the others refuse any other value), fragment offset in network
 * order, header checksum recomputed (every kernel fills it in).  Id and
 * source, filled in by kernels only when 0, stay as they are: the sender
 * cannot know what the kernel will choose.
 */
void ip_sent_to_wire(uint8_t *buf, size_t n, enum layout l);

#endif
