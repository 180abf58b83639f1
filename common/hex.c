/*
 * Hex text in and out.  Output goes through a table into one buffer and
 * out.c's buffer, not printf per byte: a flood of datagrams is mostly
 * this.
 */
#include <string.h>

#include "hex.h"
#include "out.h"

static const char digits[2][16] = {
	[HEX_LOWER] = "0123456789abcdef",
	[HEX_UPPER] = "0123456789ABCDEF",
};

/* "00 " to "ff " (and "FF "): one 3-byte copy a byte. */
static char pairs[2][256][3];

size_t
hex_format(char *out, const uint8_t *b, size_t n, enum hex_case c)
{
	char *p = out;
	size_t i;
	int k, v;

	if (n == 0)
		return 0;
	if (pairs[c][0][2] != ' ')
		for (k = 0; k < 2; k++)
			for (v = 0; v < 256; v++) {
				pairs[k][v][0] = digits[k][v >> 4];
				pairs[k][v][1] = digits[k][v & 0x0f];
				pairs[k][v][2] = ' ';
			}
	for (i = 0; i < n; i++, p += 3)
		memcpy(p, pairs[c][b[i]], 3);
	return (size_t)(p - out) - 1;	/* no space after the last */
}

void
hex_print(const uint8_t *b, size_t n, enum hex_case c)
{
	enum { CHUNK = 4096 };
	char *p;

	/* Most datagrams: the line written in place in the output buffer. */
	if (n > 0 && 3 * n <= OUT_ROOM) {
		p = out_room(3 * n);
		(void)hex_format(p, b, n, c);
		p[3 * n - 1] = '\n';	/* over the last byte's space */
		out_wrote(3 * n);
		return;
	}
	char line[1 + HEX_TEXT_LEN(CHUNK) + 1];
	size_t i, k, len;

	for (i = 0; i < n; i += k) {
		k = n - i < CHUNK ? n - i : CHUNK;
		len = 0;
		if (i > 0)
			line[len++] = ' ';
		len += hex_format(line + len, b + i, k, c);
		if (i + k == n)
			line[len++] = '\n';
		out_bytes(line, len);
	}
	if (n == 0)
		out_bytes("\n", 1);
}

int
hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
hex_parse(const char *s, uint8_t *out, size_t max, size_t *n,
    const char **why)
{
	size_t len = 0;
	int hi;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		if ((hi = hex_digit((unsigned char)*s)) < 0) {
			*why = "not a hex digit in the bytes";
			return -1;
		}
		if (hex_digit((unsigned char)s[1]) < 0) {
			*why = s[1] == '\0' || s[1] == ' ' || s[1] == '\t' ?
			    "odd number of hex digits" :
			    "not a hex digit in the bytes";
			return -1;
		}
		if (len == max) {
			*why = HEX_TOO_MANY;
			return -1;
		}
		out[len++] = (uint8_t)(hi << 4 | hex_digit((unsigned char)s[1]));
		s += 2;
	}
	*n = len;
	return 0;
}
