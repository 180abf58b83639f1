/*
 * Rows of bytes for --compare (compare.c, compare_socks.c): a label in
 * 14 columns, then the bytes as hex pairs in the article's colours,
 * ".." for a byte a kernel chooses as it sends, blanks to line a
 * message up under the same message in a whole datagram; a ruler of
 * byte offsets above, counted from 0, and "^^" under each byte where
 * rows differ.
 */
#ifndef SENDER_ROWS_H
#define SENDER_ROWS_H

#include <stddef.h>

#include "color.h"
#include "iphdr.h"

/* A byte a kernel (or the replier) chooses: ".."; a blank: "  ". */
enum { LINE_UNKNOWN = 0x100, LINE_BLANK = 0x200 };

/* The width of a row's label: the bytes start in column 15. */
enum { LINE_LABEL = 14 };

struct line {
	unsigned b[IP_MAXLEN];	/* a byte, LINE_UNKNOWN or LINE_BLANK */
	size_t n;
	size_t msg;		/* where the ICMP message starts: after an
				 * IPv4 header (20), blanks, or nothing */
	/* Each byte's colour; NULL: an IPv4 header's fields at RFC 791's
	 * offsets (color.c's classes) and the ICMP type at msg. */
	enum color_class (*color)(const struct line *r, size_t i);
};

/* n bytes b into r, the message at msg; every byte known. */
void line_set(struct line *r, const uint8_t *b, size_t n, size_t msg);

/* Bytes [off, off + len) of r made LINE_UNKNOWN. */
void line_unknown(struct line *r, size_t off, size_t len);

/* r's bytes [from, from + n) as coloured hex pairs, no newline. */
void line_pairs(const struct line *r, size_t from, size_t n);

/* A row: the label, then r's bytes. */
void line_print(const char *label, const struct line *r);

/* The offsets 0 to n - 1, labelled "byte". */
void line_ruler(size_t n);

/* "^^" under each byte where one of rows[1..k) differs from rows[0]
 * (blanks compared with nothing); "none" when none does. */
void line_marks(const char *label, const struct line *const *rows, size_t k);

/* A field's name (its colour class c) in colour, when colour is on. */
void line_colored(enum color_class c, const char *text);

#endif
