/*
 * Other tools' hex dumps, read back (hextext.h).  The layouts, as the
 * tools print them (their manuals, and their output on the files in
 * test/fixtures/hex/):
 *
 *   tcpdump -x, -X  a tab, "0x0010:", two spaces, 2-byte groups ("4500"),
 *                   the last maybe one byte; -X adds two spaces and the
 *                   text.  A line of its own (time, addresses) before each
 *                   packet.  -xx and -XX show the link-layer header too.
 *   xxd             "00000010: ", 2-byte groups (-g1: single bytes), two
 *                   spaces, the text; with -a, '*' for repeated zero lines.
 *   tshark -x       "0010", two spaces, single bytes, three spaces, the
 *                   text; a blank line after each frame.  When a frame
 *                   has more than one source of bytes (reassembly) each
 *                   gets a heading, "Frame (36 bytes):" first.
 *   hexdump -C      "00000010", two spaces, single bytes with one more
 *                   space after the eighth, the text between '|'; '*'
 *                   for repeated lines; the length alone on the last line.
 *   od -Ax -tx1     "000010", single bytes after one space each; -tx1z
 *                   adds the text between '>' and '<'; '*' for repeated
 *                   lines (unless -v); the length alone on the last line.
 *
 * Single bytes and 2-byte groups in memory order are read; wider groups
 * are refused, and so are od's and hexdump's 2-byte words (od -x,
 * hexdump without -C): they are printed in a machine's byte order, which
 * the text cannot tell, as are xxd -e's.  The text column never gives
 * bytes; where it lines up with them it is checked against them, which
 * also catches words printed little-endian.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "hex.h"
#include "hextext.h"

/* What one line is. */
enum line_kind {
	L_OTHER,	/* no dump's: a hex line, or other text */
	L_BLANK,
	L_DATA,		/* offset and bytes */
	L_END,		/* an offset alone: where od's and hexdump's dumps end */
	L_STAR,		/* '*': lines like the one before it, left out */
	L_TITLE,	/* tshark's "Frame (36 bytes):" */
	L_BAD		/* shaped like a dump line, but wrong: d->why */
};

struct line {
	enum line_kind kind;
	enum dump_tool tool;
	unsigned long offset;	/* L_DATA, L_END; L_TITLE: the byte count */
	size_t n;
	uint8_t b[DUMP_LINE_BYTES];
	char title[DUMP_TITLE_MAX];
};

static const char *const tool_dump[] = {
	[TOOL_TCPDUMP] = "a tcpdump dump",
	[TOOL_XXD] = "an xxd dump",
	[TOOL_TSHARK] = "a tshark -x or hexdump -C dump",
	[TOOL_OD] = "an od dump",
};

static enum dump_step
bad(struct dump *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	/* clang-tidy 14 reports ap as uninitialised here, wrongly. */
	(void)vsnprintf(d->why, sizeof(d->why), fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized) */
	va_end(ap);
	d->open = d->star = d->titled = 0;
	return DUMP_BAD;
}

static int
blank(int c)
{
	return c == ' ' || c == '\t';
}

/* How many hex digits start at p. */
static size_t
hex_run(const char *p, const char *end)
{
	const char *q = p;

	while (q < end && hex_digit((unsigned char)*q) >= 0)
		q++;
	return (size_t)(q - p);
}

/* How much of p (at most max characters) a message quotes: the line
 * has no NUL at its end. */
static int
quote(const char *p, const char *end, size_t max)
{
	return (int)((size_t)(end - p) < max ? (size_t)(end - p) : max);
}

static size_t
spaces(const char *p, const char *end)
{
	const char *q = p;

	while (q < end && *q == ' ')
		q++;
	return (size_t)(q - p);
}

/* "Frame (36 bytes):" or "Reassembled IPv4 (40 bytes):", tshark -x. */
static int
title(const char *p, const char *end, struct line *l)
{
	const char *q = end, *name_end;
	unsigned long n = 0;
	size_t k;

	if (end - p < 2 || end[-1] != ':' || end[-2] != ')')
		return 0;
	q = end - 2;
	if (q - p > 5 && memcmp(q - 5, "bytes", 5) == 0)
		q -= 5;
	else if (q - p > 4 && memcmp(q - 4, "byte", 4) == 0)
		q -= 4;
	else
		return 0;
	if (q - p < 1 || q[-1] != ' ')
		return 0;
	q--;
	for (k = 0; q - p > 0 && q[-1] >= '0' && q[-1] <= '9'; k++)
		q--;
	if (k == 0 || k > 9 || q - p < 3 || q[-1] != '(' || q[-2] != ' ')
		return 0;
	name_end = q - 2;
	for (; q < end && *q >= '0' && *q <= '9'; q++)
		n = n * 10 + (unsigned long)(*q - '0');
	k = (size_t)(name_end - p);
	if (k >= sizeof(l->title))
		k = sizeof(l->title) - 1;
	memcpy(l->title, p, k);
	l->title[k] = '\0';
	l->offset = n;
	return 1;
}

/* The text column t[0..) beside the line's bytes from the first-th on:
 * each character is '.' or the byte itself (tcpdump shows a space as
 * '.', the others as ' '). */
static int
text_matches(struct dump *d, const char *t, const struct line *l,
    size_t first)
{
	size_t i;

	for (i = first; i < l->n; i++, t++)
		if (*t != '.' && (l->b[i] < 0x20 || l->b[i] > 0x7e ||
		    (unsigned char)*t != l->b[i])) {
			(void)bad(d, "the text column shows '%c' for the byte "
			    "at offset 0x%lx, which is %02x: the hex and the "
			    "text disagree (words printed little-endian, as by "
			    "xxd -e?)", *t, l->offset + (unsigned long)i,
			    l->b[i]);
			return 0;
		}
	return 1;
}

/*
 * The bytes from p on: groups of hex digits one space apart (hexdump -C:
 * two after the eighth byte), then perhaps two or more spaces and the
 * text.
 */
static enum line_kind
hex_area(struct dump *d, const char *p, const char *end, struct line *l)
{
	size_t run, g, G = 0, k, i, t;
	int short_group = 0, gap = 0;

	l->n = 0;
	for (;;) {
		run = hex_run(p, end);
		if (run == 0 || run % 2 != 0) {
			(void)bad(d, "'%.*s' is not whole bytes in hex",
			    quote(p, end, run + 1), p);
			return L_BAD;
		}
		g = run / 2;
		if (G == 0) {
			G = g;
			if (G > 2) {
				(void)bad(d, "groups of %zu bytes: this reads "
				    "single bytes and 2-byte groups (xxd -g1, "
				    "or its default -g2)", G);
				return L_BAD;
			}
			if (G == 2 && (l->tool == TOOL_OD ||
			    l->tool == TOOL_TSHARK)) {
				(void)bad(d, "groups of %zu bytes: such words "
				    "are printed in one machine's byte order "
				    "(od -x, hexdump without -C, xxd -e); "
				    "dump single bytes (od -Ax -tx1, "
				    "hexdump -C, xxd -g1)", G);
				return L_BAD;
			}
		} else if (g > G || short_group) {
			(void)bad(d, "a group of %zu bytes among groups of "
			    "%zu", g, G);
			return L_BAD;
		}
		short_group = g < G;
		if (l->n + g > DUMP_LINE_BYTES) {
			(void)bad(d, "more than %d bytes on one line",
			    DUMP_LINE_BYTES);
			return L_BAD;
		}
		for (i = 0; i < g; i++)
			l->b[l->n++] = (uint8_t)(hex_digit((unsigned char)p[2 * i])
			    << 4 | hex_digit((unsigned char)p[2 * i + 1]));
		p += run;
		k = spaces(p, end);
		if (p + k == end)
			return L_DATA;
		if (k == 1 && hex_digit((unsigned char)p[1]) >= 0) {
			p++;
			continue;
		}
		/* hexdump -C's wider gap in the middle: never tshark's,
		 * whose gaps before the text are wider still. */
		if (k == 2 && l->tool == TOOL_TSHARK && l->n == 8 && !gap &&
		    hex_run(p + 2, end) == 2 && (end - p == 4 || p[4] == ' ')) {
			gap = 1;
			p += 2;
			continue;
		}
		break;
	}
	if (k < 2) {
		(void)bad(d, "'%.*s' follows the bytes: neither more of "
		    "them nor a text column two spaces on",
		    quote(p + k, end, 12), p + k);
		return L_BAD;
	}
	/* The text: between '|' or '>' '<', or bare. */
	p += k;
	t = (size_t)(end - p);
	if (t == l->n + 2 && ((p[0] == '|' && end[-1] == '|') ||
	    (p[0] == '>' && end[-1] == '<')))
		return text_matches(d, p + 1, l, 0) ? L_DATA : L_BAD;
	if (t > l->n) {
		(void)bad(d, "'%.*s' after the %zu bytes is longer than "
		    "their text column", quote(p, end, 20), p, l->n);
		return L_BAD;
	}
	/* Shorter: its first characters were spaces, counted as the gap,
	 * so the bytes they stand for are spaces; anything else is bytes
	 * after a wide gap, which no dump prints. */
	for (i = 0; i < l->n - t; i++)
		if (l->b[i] != 0x20) {
			(void)bad(d, "'%.*s' after the %zu bytes is neither "
			    "more of them (one space apart) nor their text "
			    "column", quote(p, end, 20), p, l->n);
			return L_BAD;
		}
	return text_matches(d, p, l, l->n - t) ? L_DATA : L_BAD;
}

/*
 * What the line s[0..len) is.  The offset decides the layout: "0x" and
 * ':' tcpdump's, eight digits and ':' xxd's, two spaces and a byte
 * tshark's and hexdump's, six or seven digits and one space od's.  Our
 * own hex lines print bytes apart, so none of these is one of them;
 * hex written in words ("4500001c 00000000") is not either.
 */
static enum line_kind
classify(struct dump *d, const char *s, size_t len, struct line *l)
{
	const char *p = s, *end = s + len, *q;
	size_t digits, k, i;
	unsigned long off = 0;
	int ox = 0;

	while (end > p && end[-1] == '\r')
		end--;
	while (p < end && blank(*p))
		p++;
	if (p == end)
		return L_BLANK;
	if (*p == '*') {
		for (q = p + 1; q < end && blank(*q); q++)
			;
		return q == end ? L_STAR : L_OTHER;
	}
	if (title(p, end, l))
		return L_TITLE;
	if (end - p > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		ox = 1;
		p += 2;
	}
	digits = hex_run(p, end);
	if (digits < 3 || digits > 8)
		return L_OTHER;
	for (i = 0; i < digits; i++)
		off = off << 4 | (unsigned long)hex_digit((unsigned char)p[i]);
	l->offset = off;
	p += digits;
	k = spaces(p, end);
	if (k == 0 && p < end && *p == ':' && (ox || digits == 8)) {
		/* tcpdump: "0x0010:  4500"; xxd: "00000010: 4500" */
		l->tool = ox ? TOOL_TCPDUMP : TOOL_XXD;
		k = spaces(++p, end);
		if (k < 1 || k > 2 || p + k == end ||
		    hex_digit((unsigned char)p[k]) < 0) {
			(void)bad(d, "no bytes after the offset");
			return L_BAD;
		}
		return hex_area(d, p + k, end, l);
	}
	if (ox)
		return L_OTHER;
	if (p + k == end)
		return digits >= 6 ? L_END : L_OTHER;
	if (k == 2 && hex_run(p + k, end) == 2)
		l->tool = TOOL_TSHARK;
	else if ((k == 1 && digits >= 6 && digits <= 7 &&
	    hex_run(p + k, end) > 0) || hex_run(p + k, end) == 2)
		/* od's offset (od -x is refused by hex_area()), or an
		 * offset of any width or spacing, then bytes: text2pcap's
		 * form.  Read as single bytes, never the offset as bytes. */
		l->tool = TOOL_OD;
	else
		return L_OTHER;
	return hex_area(d, p + k, end, l);
}

/* Bytes of one line onto the datagram. */
static void
append(struct dump *d, const struct line *l, unsigned long lineno,
    uint8_t *buf, size_t cap)
{
	if (d->len < cap)
		memcpy(buf + d->len, l->b, l->n < cap - d->len ? l->n :
		    (size_t)(cap - d->len));
	d->len += l->n;
	d->last = l->n;
	d->last_line = lineno;
}

/* After '*': the last line again until offset. */
static int
repeat(struct dump *d, unsigned long offset, uint8_t *buf, size_t cap)
{
	unsigned long long from = d->len - d->last;

	if (offset <= d->len || (offset - d->len) % d->last != 0) {
		(void)bad(d, "after the '*' line, offset 0x%lx is not a whole "
		    "number of %zu-byte lines on from 0x%llx", offset,
		    d->last, d->len);
		return 0;
	}
	while (d->len < offset) {
		if (d->len + d->last > cap) {
			d->len = offset;
			break;
		}
		memcpy(buf + d->len, buf + from, d->last);
		d->len += d->last;
	}
	d->star = 0;
	return 1;
}

static enum dump_step
finish(struct dump *d)
{
	d->open = 0;
	if (d->star)
		return bad(d, "a '*' line not followed by the offset where "
		    "the repeated lines end");
	if (d->titled) {
		d->titled = 0;
		if (d->title_bytes != d->len)
			return bad(d, "the heading \"%s (%lu bytes)\" does not "
			    "match the %llu bytes under it", d->title,
			    d->title_bytes, d->len);
	}
	return DUMP_DONE;
}

static enum dump_step
start(struct dump *d, const struct line *l, unsigned long lineno,
    uint8_t *buf, size_t cap)
{
	if (l->offset != 0)
		return bad(d, "offset 0x%lx with no line at offset 0 before "
		    "it: the start of the dump is missing", l->offset);
	d->open = 1;
	d->tool = l->tool;
	d->len = 0;
	d->star = 0;
	d->first_line = lineno;
	d->foreign = d->titled && strcmp(d->title, "Frame") != 0;
	append(d, l, lineno, buf, cap);
	return DUMP_MORE;
}

static enum dump_step
more(struct dump *d, const struct line *l, unsigned long lineno,
    uint8_t *buf, size_t cap)
{
	if (l->offset == 0 && !d->star)
		return finish(d) == DUMP_DONE ? DUMP_DONE_KEEP : DUMP_BAD;
	if (l->tool != d->tool)
		return bad(d, "a line of %s inside %s", tool_dump[l->tool],
		    tool_dump[d->tool]);
	if (d->star && !repeat(d, l->offset, buf, cap))
		return DUMP_BAD;
	if (l->offset != d->len)
		return bad(d, "offset 0x%lx where 0x%llx was due: %s",
		    l->offset, d->len, d->tool == TOOL_OD ? "a line is "
		    "missing, or the offsets are not in hex (od -Ax)" :
		    "a line is missing or out of place");
	append(d, l, lineno, buf, cap);
	return DUMP_MORE;
}

enum dump_step
dump_line(struct dump *d, const char *s, size_t len, int whole,
    unsigned long lineno, uint8_t *buf, size_t cap)
{
	struct line l;
	enum line_kind kind;

	memset(&l, 0, sizeof l);	/* clang-analyzer can't follow l.n */
	kind = classify(d, s, len, &l);
	if (!whole && kind != L_OTHER && kind != L_BLANK)
		return bad(d, "longer than %d characters: too long for a "
		    "dump line", DUMP_LINE_MAX);
	if (kind == L_BAD)
		return DUMP_BAD;
	if (!d->open) {
		switch (kind) {
		case L_DATA:
			return start(d, &l, lineno, buf, cap);
		case L_TITLE:
			d->titled = 1;
			d->title_bytes = l.offset;
			memcpy(d->title, l.title, sizeof(d->title));
			return DUMP_MORE;
		case L_STAR:
			return bad(d, "a '*' line (lines repeated) with no "
			    "dump line before it");
		default:	/* a lone number is a hex line of our own */
			d->titled = 0;
			return DUMP_NOT;
		}
	}
	switch (kind) {
	case L_DATA:
		return more(d, &l, lineno, buf, cap);
	case L_END:
		d->last_line = lineno;
		if (d->star && !repeat(d, l.offset, buf, cap))
			return DUMP_BAD;
		if (l.offset != d->len)
			return bad(d, "the dump says it ends at 0x%lx, but its "
			    "lines hold 0x%llx bytes", l.offset, d->len);
		return finish(d);
	case L_STAR:
		if (d->star)
			return bad(d, "two '*' lines in a row");
		d->star = 1;
		d->last_line = lineno;
		return DUMP_MORE;
	case L_BLANK:
		return finish(d);
	default:
		return finish(d) == DUMP_DONE ? DUMP_DONE_KEEP : DUMP_BAD;
	}
}

enum dump_step
dump_end(struct dump *d)
{
	return d->open ? finish(d) : DUMP_NOT;
}
