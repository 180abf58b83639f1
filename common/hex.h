/*
 * Bytes as hex text, the way Go's fmt prints a byte slice with "% x"
 * (lower case, the sender's line) and "% X" (upper case, the
 * receiver's): two digits a byte, one space between bytes.
 */
#ifndef HEX_H
#define HEX_H

#include <stddef.h>
#include <stdint.h>

enum hex_case { HEX_LOWER, HEX_UPPER };

/* Characters hex_format writes for n bytes (no newline, no NUL). */
#define HEX_TEXT_LEN(n) ((n) == 0 ? 0 : 3 * (n) - 1)

/* Write b[0..n) as text into out and return HEX_TEXT_LEN(n), its
 * length; out must hold 3 * n chars (the last one is scratch). */
size_t hex_format(char *out, const uint8_t *b, size_t n, enum hex_case c);

/* Print b[0..n) and a newline on standard output (out.h). */
void hex_print(const uint8_t *b, size_t n, enum hex_case c);

/*
 * Parse hex text such as "c0de" or "45 00 00 1c" into out (at most max
 * bytes).  Digits come in pairs; white space may separate the pairs.
 * Returns 0, or -1 with *why saying what is wrong.
 */
#define HEX_TOO_MANY "too many bytes"
int hex_parse(const char *s, uint8_t *out, size_t max, size_t *n,
    const char **why);

/* The value of hex digit c, or -1. */
int hex_digit(int c);

#endif
