/*
 * The rows of rows.h.
 */
#include <string.h>

#include "hex.h"
#include "out.h"
#include "rows.h"

void
line_set(struct line *r, const uint8_t *b, size_t n, size_t msg)
{
	size_t i;

	for (i = 0; i < n; i++)
		r->b[i] = b[i];
	r->n = n;
	r->msg = msg;
	r->color = NULL;
}

void
line_unknown(struct line *r, size_t off, size_t len)
{
	size_t i;

	for (i = off; i < off + len && i < r->n; i++)
		r->b[i] = LINE_UNKNOWN;
}

/* The colour of byte i: the line's own rule, else the IPv4 header's
 * fields, with the bytes a kernel chooses read as 0, and the type. */
static enum color_class
class_at(const struct line *r, size_t i)
{
	static uint8_t hdr[IPHDR_LEN];
	size_t k;

	if (r->color != NULL)
		return r->color(r, i);
	if (r->b[i] & LINE_BLANK)
		return COLOR_PLAIN;
	if (i == r->msg)
		return COLOR_TYPE;
	if (i > r->msg || r->msg != IPHDR_LEN)
		return COLOR_PLAIN;
	for (k = 0; k < IPHDR_LEN; k++)
		hdr[k] = (r->b[k] & (LINE_UNKNOWN | LINE_BLANK)) ? 0 :
		    (uint8_t)r->b[k];
	return color_class_at(hdr, IPHDR_LEN, LAYOUT_WIRE, i);
}

static void
color_start(enum color_class c)
{
	if (color_on && c != COLOR_PLAIN)
		out_str(color_sgr(c));
}

static void
color_end(enum color_class c)
{
	if (color_on && c != COLOR_PLAIN)
		out_str(COLOR_RESET);
}

void
line_colored(enum color_class c, const char *text)
{
	color_start(c);
	out_str(text);
	color_end(c);
}

void
line_pairs(const struct line *r, size_t from, size_t n)
{
	enum color_class now, prev = COLOR_PLAIN;
	char pair[3];
	size_t i;

	/* The spaces between fields plain, as color_hex_print has them. */
	for (i = from; i < from + n && i < r->n; i++) {
		now = class_at(r, i);
		if (now != prev)
			color_end(prev);
		if (i > from)
			out_bytes(" ", 1);
		if (now != prev)
			color_start(now);
		if (r->b[i] & LINE_BLANK) {
			pair[0] = pair[1] = ' ';
		} else if (r->b[i] & LINE_UNKNOWN) {
			pair[0] = pair[1] = '.';
		} else {
			uint8_t v = (uint8_t)r->b[i];

			(void)hex_format(pair, &v, 1, HEX_LOWER);
		}
		out_bytes(pair, 2);
		prev = now;
	}
	color_end(prev);
}

void
line_print(const char *label, const struct line *r)
{
	out_printf("%-*s", LINE_LABEL, label);
	line_pairs(r, 0, r->n);
	out_str("\n");
}

void
line_ruler(size_t n)
{
	size_t i;

	out_printf("%-*s", LINE_LABEL, "byte");
	for (i = 0; i < n; i++)
		out_printf(i > 0 ? "%3zu" : "%2zu", i);
	out_str("\n");
}

/* Whether byte i differs among the rows. */
static int
differs_at(const struct line *const *r, size_t rows, size_t i)
{
	size_t k;

	for (k = 1; k < rows; k++) {
		if (i >= r[0]->n || i >= r[k]->n ||
		    ((r[0]->b[i] | r[k]->b[i]) & LINE_BLANK))
			continue;
		if (r[k]->b[i] != r[0]->b[i])
			return 1;
	}
	return 0;
}

void
line_marks(const char *label, const struct line *const *rows, size_t k)
{
	size_t i, n = 0, last = 0;

	for (i = 0; i < k; i++)
		n = rows[i]->n > n ? rows[i]->n : n;
	for (i = 0; i < n; i++)
		if (differs_at(rows, k, i))
			last = i + 1;
	out_printf("%-*s", LINE_LABEL, label);
	if (last == 0) {
		out_str("none\n");
		return;
	}
	for (i = 0; i < last; i++)
		out_str(i > 0 ? (differs_at(rows, k, i) ? " ^^" : "   ") :
		    (differs_at(rows, k, i) ? "^^" : "  "));
	out_str("\n");
}
