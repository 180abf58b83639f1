/*
 * TCP: RFC 9293 3.1 (the header), 3.2 (options: maximum segment size),
 * RFC 7323 (window scale, timestamps), RFC 2018 (SACK).  Options are
 * named as tcpdump names them, so its list and ours read side by side.
 */
#include <stdio.h>

#include "nd.h"

enum tcp_offset {
	TCP_SPORT = 0, TCP_DPORT = 2, TCP_SEQ = 4, TCP_ACK = 8, TCP_OFF = 12,
	TCP_FLAGS = 13, TCP_WIN = 14, TCP_SUM = 16, TCP_URP = 18,
	TCP_HDRLEN = 20
};

static const struct tok tcp_flags[] = {
	{ 0x01, "FIN" }, { 0x02, "SYN" }, { 0x04, "RST" }, { 0x08, "PSH" },
	{ 0x10, "ACK" }, { 0x20, "URG" }, { 0x40, "ECE" }, { 0x80, "CWR" },
	{ 0, NULL }
};

/* Option kinds (IANA "TCP Option Kind Numbers"). */
enum {
	TCPOPT_EOL = 0, TCPOPT_NOP = 1, TCPOPT_MSS = 2, TCPOPT_WSCALE = 3,
	TCPOPT_SACKOK = 4, TCPOPT_SACK = 5, TCPOPT_TS = 8
};

/* tcpdump's names, then the words, then where each is defined. */
static const struct tok tcpopt_names[] = {
	{ TCPOPT_MSS, "mss" }, { TCPOPT_WSCALE, "wscale" },
	{ TCPOPT_SACKOK, "sackOK" }, { TCPOPT_SACK, "sack" },
	{ TCPOPT_TS, "TS" }, { 0, NULL }
};

static const struct tok tcpopt_words[] = {
	{ TCPOPT_MSS, "maximum segment size" },
	{ TCPOPT_WSCALE, "window scale" },
	{ TCPOPT_SACKOK, "SACK permitted" }, { TCPOPT_SACK, "SACK blocks" },
	{ TCPOPT_TS, "timestamps" }, { 0, NULL }
};

static const struct tok tcpopt_rfcs[] = {
	{ TCPOPT_MSS, "RFC 9293" }, { TCPOPT_WSCALE, "RFC 7323" },
	{ TCPOPT_SACKOK, "RFC 2018" }, { TCPOPT_SACK, "RFC 2018" },
	{ TCPOPT_TS, "RFC 7323" }, { 0, NULL }
};

/* The length byte a kind's RFC gives it; 0: SACK's 2 + 8 a block. */
static unsigned
tcpopt_len(unsigned kind)
{
	switch (kind) {
	case TCPOPT_MSS:
		return 4;
	case TCPOPT_WSCALE:
		return 3;
	case TCPOPT_SACKOK:
		return 2;
	case TCPOPT_TS:
		return 10;
	default:
		return 0;
	}
}

/* SACK blocks, each a left and a right edge (RFC 2018 3): "{l:r}".
 * The window is the option. */
static void
sack_option(struct nd *nd, const char *name, const char *words)
{
	char blocks[128];
	size_t used = 0, at;

	blocks[0] = '\0';
	for (at = 2; at + 8 <= nd->len && used < sizeof(blocks); at += 8)
		used += (size_t)snprintf(blocks + used, sizeof(blocks) - used,
		    "{%lu:%lu}", nd_u32(nd, at), nd_u32(nd, at + 4));
	nd_field(nd, COLOR_PLAIN, "  option", "%s %zu %s (%s, kind %u)", name,
	    (nd->len - 2) / 8, blocks, words, TCPOPT_SACK);
}

/* A window scale: the shift (RFC 7323 2.2); above 14 it is read as 14
 * (2.3). */
static void
wscale_option(struct nd *nd, const char *name, const char *words)
{
	unsigned shift = nd_u8(nd, 2);

	if (shift <= 14)
		nd_field(nd, COLOR_PLAIN, "  option", "%s %u (%s: x%lu, kind "
		    "%u)", name, shift, words, 1UL << shift, TCPOPT_WSCALE);
	else
		nd_field(nd, COLOR_PLAIN, "  option", "%s %u (%s: above 14, "
		    "which RFC 7323 reads as 14, x16384; kind %u)", name, shift,
		    words, TCPOPT_WSCALE);
}

/* One option, the window on it, its length byte within the options. */
static void
tcp_option(struct nd *nd)
{
	unsigned kind = nd_u8(nd, 0), want = tcpopt_len(kind);
	const char *name = tok_name(tcpopt_names, kind, NULL);
	const char *words = tok_name(tcpopt_words, kind, "");
	const char *rfc = tok_name(tcpopt_rfcs, kind, "");
	size_t len = nd->len;

	if (name == NULL) {
		nd_field(nd, COLOR_PLAIN, "  option", "kind %u (unknown here), "
		    "%zu bytes", kind, len);
		return;
	}
	if (want != 0 && len != want) {
		nd_field(nd, COLOR_PLAIN, "  option", "%s (%s, kind %u): "
		    "length %zu, where %s gives it %u; not read", name, words,
		    kind, len, rfc, want);
		return;
	}
	if (want == 0 && (len < 10 || (len - 2) % 8 != 0)) {
		nd_field(nd, COLOR_PLAIN, "  option", "%s (%s, kind %u): "
		    "length %zu, where %s gives it 2 + 8 per block; not read",
		    name, words, kind, len, rfc);
		return;
	}
	switch (kind) {
	case TCPOPT_MSS:
		nd_field(nd, COLOR_PLAIN, "  option", "%s %u (%s, kind %u)",
		    name, nd_u16(nd, 2), words, kind);
		break;
	case TCPOPT_WSCALE:
		wscale_option(nd, name, words);
		break;
	case TCPOPT_SACK:
		sack_option(nd, name, words);
		break;
	case TCPOPT_TS:
		nd_field(nd, COLOR_PLAIN, "  option", "%s val %lu ecr %lu (%s, "
		    "kind %u)", name, nd_u32(nd, 2), nd_u32(nd, 6), words,
		    kind);
		break;
	default:
		nd_field(nd, COLOR_PLAIN, "  option", "%s (%s, kind %u)", name,
		    words, kind);
	}
}

/*
 * The options after the fixed header, the window on them: a kind, then
 * for all but end of list (0) and no operation (1) a length counting
 * the kind and length bytes (RFC 9293 3.2).
 */
static void
tcp_options(struct nd *nd)
{
	struct nd_window w;
	size_t i = 0, n = nd->len;
	unsigned kind, len;

	nd_field(nd, COLOR_PLAIN, "TCP options", "%zu bytes", n);
	while (i < n) {
		kind = nd_u8(nd, i);
		if (kind == TCPOPT_EOL) {
			if (n - i > 1)
				nd_field(nd, COLOR_PLAIN, "  option", "eol "
				    "(end of list, kind 0); the %zu bytes "
				    "after it are padding", n - i - 1);
			else
				nd_field(nd, COLOR_PLAIN, "  option", "eol "
				    "(end of list, kind 0)");
			return;
		}
		if (kind == TCPOPT_NOP) {
			nd_field(nd, COLOR_PLAIN, "  option", "nop (no "
			    "operation, kind 1)");
			i++;
			continue;
		}
		if (n - i < 2) {
			nd_field(nd, COLOR_PLAIN, "  option", "kind %u: no "
			    "room for its length byte; not read", kind);
			return;
		}
		len = nd_u8(nd, i + 1);
		if (len < 2 || len > n - i) {
			nd_field(nd, COLOR_PLAIN, "  option", "kind %u: length "
			    "%u, outside 2 to the %zu bytes left; the rest is "
			    "not read", kind, len, n - i);
			return;
		}
		w = nd_push(nd, i, len);
		tcp_option(nd);
		nd_pop(nd, w);
		i += len;
	}
}

/* The segment, the window on it (RFC 9293 3.1). */
void
tcp_print(struct nd *nd)
{
	char names[128];
	size_t n = nd->len;
	unsigned hl;

	nd_field(nd, COLOR_PLAIN, "TCP ports", "%u -> %u",
	    nd_u16(nd, TCP_SPORT), nd_u16(nd, TCP_DPORT));
	if (nd_short(nd, TCP_HDRLEN)) {
		nd_field(nd, COLOR_PLAIN, "TCP", "only %zu bytes: shorter than "
		    "the 20-byte TCP header; the rest is not decoded", n);
		return;
	}
	hl = (nd_u8(nd, TCP_OFF) >> 4) * 4u;
	nd_field(nd, COLOR_PLAIN, "sequence", "%lu", nd_u32(nd, TCP_SEQ));
	nd_field(nd, COLOR_PLAIN, "acknowledgment", "%lu",
	    nd_u32(nd, TCP_ACK));
	nd_field(nd, COLOR_PLAIN, "data offset", "%u bytes of header (%u "
	    "words)%s", hl, hl / 4, hl < TCP_HDRLEN ? ": below the 20 a TCP "
	    "header needs" : hl > n ? ": more than the segment holds" : "");
	nd_field(nd, COLOR_PLAIN, "TCP flags", "%s", tok_flags(tcp_flags,
	    nd_u8(nd, TCP_FLAGS), "none", names, sizeof(names)));
	nd_field(nd, COLOR_PLAIN, "window", "%u", nd_u16(nd, TCP_WIN));
	transport_checksum(nd, "TCP checksum", n, TCP_SUM);
	nd_field(nd, COLOR_PLAIN, "urgent pointer", "%u", nd_u16(nd, TCP_URP));
	if (hl < TCP_HDRLEN || hl > n) {
		nd_field(nd, COLOR_PLAIN, "payload", "%zu bytes after the "
		    "fixed header, not placed: the data offset is wrong",
		    n - TCP_HDRLEN);
		return;
	}
	if (hl > TCP_HDRLEN) {
		struct nd_window w = nd_push(nd, TCP_HDRLEN, hl - TCP_HDRLEN);

		tcp_options(nd);
		nd_pop(nd, w);
	}
	nd_field(nd, COLOR_PLAIN, "payload", "%zu bytes", n - hl);
}
