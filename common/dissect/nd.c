/*
 * The printers' one way out (nd_field), their tables and their address
 * texts.  Only this file touches the output buffer (out.h).
 *
 * A field line is built in place in room taken once for a frame, not
 * once a line; the value is formatted by hand for the few conversions
 * the printers use (%u, %lu, %zu, %x, %02x, %04x, %s, %c), since a flood
 * of frames is many lines and printf's general machinery was most of
 * their cost.  Any other conversion is handed to vsnprintf, so every
 * format printf knows works, and the compiler checks each one
 * (nd.h's format attribute).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "nd.h"
#include "out.h"
#include "parse.h"

/* The label column: two spaces, then 17 for the label. */
enum { INDENT = 2, LABEL_WIDTH = 17, LINE_MAX = 1024 };

static char *room, *cur, *lim;

void
nd_flush(void)
{
	if (room != NULL)
		out_wrote((size_t)(cur - room));
	room = cur = lim = NULL;
}

static void
room_take(void)
{
	nd_flush();
	room = cur = out_room(OUT_ROOM);
	lim = room + OUT_ROOM;
}

/*
 * The line builders: each writes at p, never past end, and returns where
 * it stopped, so that the cursor stays in a register.  Byte loops: the
 * runs are a few bytes long, and a memcpy of unknown length measured
 * slower.
 */
static char *
put_str(char *p, const char *end, const char *s)
{
	char c;

	while ((c = *s++) != '\0' && p < end)
		*p++ = c;
	return p;
}

/* The digits written in place, from the last: no copy. */
static char *
put_dec(char *p, const char *end, unsigned long long v)
{
	unsigned long long t = v;
	size_t n = 1;
	char *q;

	while (t >= 10) {
		t /= 10;
		n++;
	}
	if (n > (size_t)(end - p))
		return p;	/* no room: the line is cut, as put_str cuts */
	q = p + n;
	do
		*--q = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	return p + n;
}

/* At least width hex digits, zero-padded. */
static char *
put_hex(char *p, const char *end, unsigned v, int width)
{
	static const char digits[] = "0123456789abcdef";
	char d[8];
	int n = width, i;

	while (n < 8 && v >> (4 * n) != 0)
		n++;
	if (n > end - p)
		return p;
	for (i = n - 1; i >= 0; i--, v >>= 4)
		d[i] = digits[v & 0x0f];
	for (i = 0; i < n; i++)
		*p++ = d[i];
	return p;
}

/*
 * fmt formatted at p, no further than end, by hand; NULL when it holds a
 * conversion this does not know (the caller then asks vsnprintf).
 * clang-tidy 14 takes *ap for uninitialised in the va_arg calls,
 * wrongly: nd_field starts it before the call.
 */
static char *
format(char *p, const char *end, const char *fmt, va_list *ap)
{
	const char *f;
	char c;

	for (f = fmt; (c = *f) != '\0'; f++) {
		if (c != '%') {
			if (p < end)
				*p++ = c;
			continue;
		}
		c = *++f;
		if (c == 'u') {
			p = put_dec(p, end, va_arg(*ap, unsigned));	/* NOLINT(clang-analyzer-valist.Uninitialized) */
		} else if (c == 's') {
			p = put_str(p, end, va_arg(*ap, const char *));	/* NOLINT(clang-analyzer-valist.Uninitialized) */
		} else if ((c == 'l' || c == 'z') && f[1] == 'u') {
			/* The same type where size_t is unsigned long. */
			p = put_dec(p, end, c == 'l' ?	/* NOLINT(bugprone-branch-clone,clang-analyzer-valist.Uninitialized) */
			    va_arg(*ap, unsigned long) : va_arg(*ap, size_t));	/* NOLINT(clang-analyzer-valist.Uninitialized) */
			f++;
		} else if (c == 'x') {
			p = put_hex(p, end, va_arg(*ap, unsigned), 1);	/* NOLINT(clang-analyzer-valist.Uninitialized) */
		} else if (c == '0' && f[1] >= '1' && f[1] <= '8' &&
		    f[2] == 'x') {
			p = put_hex(p, end, va_arg(*ap, unsigned), f[1] - '0');	/* NOLINT(clang-analyzer-valist.Uninitialized) */
			f += 2;
		} else if (c == 'c') {
			if (p < end)
				*p++ = (char)va_arg(*ap, int);	/* NOLINT(clang-analyzer-valist.Uninitialized) */
		} else if (c == '%') {
			if (p < end)
				*p++ = '%';
		} else {
			return NULL;
		}
	}
	return p;
}

/*
 * The indent and the label at start, the label in its class's colour,
 * padded to LABEL_WIDTH; returns where the value begins.  Without
 * colour the padding is written first and the label over it: one fixed
 * copy, no loop.
 */
static char *
put_label(char *start, const char *end, enum color_class c,
    const char *label)
{
	static const char blank[INDENT + LABEL_WIDTH] = {
		' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ',
		' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ',
	};
	char *p, *text;
	ptrdiff_t width;

	memcpy(start, blank, sizeof(blank));
	if (!color_on || c == COLOR_PLAIN) {
		p = put_str(start + INDENT, end, label);
		return p < start + sizeof(blank) ? start + sizeof(blank) : p;
	}
	p = put_str(start + INDENT, end, color_sgr(c));
	text = p;
	p = put_str(p, end, label);
	width = p - text;
	p = put_str(p, end, COLOR_RESET);
	while (width++ < LABEL_WIDTH && p < end)
		*p++ = ' ';
	return p;
}

void
nd_field(struct nd *nd, enum color_class c, const char *label,
    const char *fmt, ...)
{
	char *line, *value, *p;
	const char *end;
	va_list ap;

	if (nd->trunc)
		return;
	if (cur == NULL || lim - cur < LINE_MAX)
		room_take();
	line = cur;
	end = line + LINE_MAX - 1;	/* room for '\n' */
	value = put_label(line, end, c, label);
	va_start(ap, fmt);
	p = format(value, end, fmt, &ap);
	va_end(ap);
	if (p == NULL) {	/* from the start, by the C library */
		int n;

		va_start(ap, fmt);
		n = vsnprintf(value, (size_t)(end - value) + 1, fmt, ap);	/* NOLINT(clang-analyzer-valist.Uninitialized) */
		va_end(ap);
		if (n < 0)
			n = 0;	/* an encoding error: the value left out */
		p = line + (value - line) + (n < end - value ? n : end - value);
	}
	*p++ = '\n';
	cur = p;
}

const char *
nd_color(enum color_class c)
{
	return color_on ? color_sgr(c) : "";
}

const char *
nd_color_end(enum color_class c)
{
	return color_on && c != COLOR_PLAIN ? COLOR_RESET : "";
}

const char *
tok_name(const struct tok *t, unsigned v, const char *dflt)
{
	for (; t->name != NULL; t++)
		if (t->value == v)
			return t->name;
	return dflt;
}

const char *
tok_flags(const struct tok *t, unsigned v, const char *none, char *buf,
    size_t size)
{
	char *p = buf;
	const char *end = buf + (size - 1);

	for (; t->name != NULL; t++)
		if (v & t->value) {
			if (p > buf)
				p = put_str(p, end, ", ");
			p = put_str(p, end, t->name);
		}
	*p = '\0';
	return p > buf ? buf : none;
}

uint16_t
nd_sum_add(uint16_t a, uint16_t b)
{
	uint32_t s = (uint32_t)a + b;

	return (uint16_t)((s & 0xffff) + (s >> 16));
}

const char *
nd_ipv4(struct nd *nd, size_t off, char buf[ND_IPV4_TEXT])
{
	const uint8_t *a = nd_bytes(nd, off, ND_IPV4_LEN);

	return a != NULL ? ipv4_text(a, buf) : "";
}

const char *
nd_mac(struct nd *nd, size_t off, char buf[ND_MAC_TEXT])
{
	static const char digits[] = "0123456789abcdef";
	const uint8_t *a = nd_bytes(nd, off, ND_MAC_LEN);
	size_t i;

	if (a == NULL)
		return "";
	for (i = 0; i < 6; i++) {
		buf[3 * i] = digits[a[i] >> 4];
		buf[3 * i + 1] = digits[a[i] & 0x0f];
		buf[3 * i + 2] = i < 5 ? ':' : '\0';
	}
	return buf;
}

/*
 * RFC 5952 4: hex digits in lower case without leading zeros; the
 * longest run of two or more zero groups, the first of equal runs, as
 * "::"; and (5) an IPv4-mapped address ends in dotted decimal.
 */
const char *
nd_ipv6(struct nd *nd, size_t off, char buf[ND_IPV6_TEXT])
{
	static const uint8_t mapped[12] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
	};
	const uint8_t *a = nd_bytes(nd, off, ND_IPV6_LEN);
	const char *end = buf + (ND_IPV6_TEXT - 1);
	int i, run = 0, best = -1, bestlen = 1, groups = 8;
	char *p = buf;

	if (a == NULL)
		return "";
	if (memcmp(a, mapped, sizeof(mapped)) == 0)
		groups = 6;
	for (i = 0; i < groups; i++) {
		run = get16(a + 2 * (size_t)i) == 0 ? run + 1 : 0;
		if (run > bestlen) {
			bestlen = run;
			best = i - run + 1;
		}
	}
	for (i = 0; i < groups; i++) {
		if (i == best) {
			p = put_str(p, end, "::");
			i += bestlen - 1;
			continue;
		}
		if (i > 0 && i != best + bestlen)
			p = put_str(p, end, ":");
		p = put_hex(p, end, get16(a + 2 * (size_t)i), 1);
	}
	if (groups == 6) {
		if (best + bestlen != groups)
			p = put_str(p, end, ":");
		for (i = 12; i < 16; i++) {
			if (i > 12)
				p = put_str(p, end, ".");
			p = put_dec(p, end, a[i]);
		}
	}
	*p = '\0';
	return buf;
}
