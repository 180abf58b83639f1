/*
 * Colour, as the article colours its screenshots: the bytes that differ
 * between systems each in a colour of their own, the same colour on the
 * field's name under -d.  ANSI SGR sequences (ECMA-48 8.3.117); the
 * palette, fixed:
 *
 *   total length     cyan       ESC [36m
 *   identification   magenta    ESC [35m   (the article's pink)
 *   header checksum  yellow     ESC [33m
 *   source address   green      ESC [32m
 *   ICMP type        bold red   ESC [1;31m (08 request, 00 reply)
 *
 * each run of a field's bytes closed by ESC [0m.
 */
#ifndef COLOR_H
#define COLOR_H

#include <stddef.h>
#include <stdint.h>

#include "hex.h"
#include "iphdr.h"

enum color_when { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* The classes of field, each its colour; -d's printers name the class
 * of each line they print (dissect/nd.h). */
enum color_class {
	COLOR_PLAIN, COLOR_LEN, COLOR_ID, COLOR_SUM, COLOR_SRC, COLOR_TYPE
};

#define COLOR_RESET "\033[0m"

/* Whether output is coloured: set once by color_init. */
extern int color_on;

/* "auto", "always" or "never" (--color's argument); -1 for another. */
int color_parse(const char *arg, enum color_when *w);

/*
 * Decide: always, never, or (auto) only when standard output is a
 * terminal and NO_COLOR is unset or empty (no-color.org).
 */
void color_init(enum color_when w);

/* The escape that starts a class ("" for plain). */
const char *color_sgr(enum color_class c);

/*
 * The class of byte i of the datagram b[0..n) as layout l lays it out,
 * as color_hex_print colours it: for a caller that prints the bytes
 * its own way (sender --compare).
 */
enum color_class color_class_at(const uint8_t *b, size_t n, enum layout l,
    size_t i);

/*
 * hex_print, and when colour is on, each field's bytes in its colour,
 * the fields found as layout l lays out a header: a run of one field's
 * bytes is wrapped in its escape and COLOR_RESET, the spaces between
 * fields plain.
 */
void color_hex_print(const uint8_t *b, size_t n, enum hex_case c,
    enum layout l);

#endif
