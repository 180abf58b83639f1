/*
 * The colour of color.h.  Where the fields are: RFC 791 3.1 (total
 * length at bytes 2-3, identification 4-5, header checksum 10-11, source
 * address 12-15; the ICMP type is the first byte after the header, RFC
 * 792, unless the datagram is a later fragment).
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "color.h"
#include "out.h"

int color_on;

static const char *const sgr[] = {
	[COLOR_PLAIN] = "",
	[COLOR_LEN] = "\033[36m",
	[COLOR_ID] = "\033[35m",
	[COLOR_SUM] = "\033[33m",
	[COLOR_SRC] = "\033[32m",
	[COLOR_TYPE] = "\033[1;31m",
};

int
color_parse(const char *arg, enum color_when *w)
{
	if (strcmp(arg, "auto") == 0)
		*w = COLOR_AUTO;
	else if (strcmp(arg, "always") == 0)
		*w = COLOR_ALWAYS;
	else if (strcmp(arg, "never") == 0)
		*w = COLOR_NEVER;
	else
		return -1;
	return 0;
}

void
color_init(enum color_when w)
{
	const char *no = getenv("NO_COLOR");

	if (w == COLOR_AUTO)
		color_on = isatty(STDOUT_FILENO) && (no == NULL || *no == '\0');
	else
		color_on = w == COLOR_ALWAYS;
}

const char *
color_sgr(enum color_class c)
{
	return sgr[c];
}

/*
 * The class of byte i; f and have as ip_parse_prefix left them: a field
 * is coloured when all its bytes are there, as -d names it then.
 */
static enum color_class
class_of(size_t i, const struct ip_fields *f, size_t have)
{
	if ((i == 2 || i == 3) && have >= 4)
		return COLOR_LEN;
	if ((i == 4 || i == 5) && have >= 6)
		return COLOR_ID;
	if ((i == 10 || i == 11) && have >= 12)
		return COLOR_SUM;
	if (i >= 12 && i < 16 && have >= 16)
		return COLOR_SRC;
	if (i == f->hlen && have >= IPHDR_LEN && f->hlen >= IPHDR_LEN &&
	    f->proto == IPPROTO_ICMP && (f->off & IP_OFFMASK) == 0)
		return COLOR_TYPE;
	return COLOR_PLAIN;
}

enum color_class
color_class_at(const uint8_t *b, size_t n, enum layout l, size_t i)
{
	struct ip_fields f;
	size_t have = 0;

	memset(&f, 0, sizeof(f));
	if (n > 0 && b[0] >> 4 == 4)
		have = ip_parse_prefix(b, n, l, &f);
	return i < n ? class_of(i, &f, have) : COLOR_PLAIN;
}

void
color_hex_print(const uint8_t *b, size_t n, enum hex_case c, enum layout l)
{
	struct ip_fields f;
	enum color_class now, prev = COLOR_PLAIN;
	size_t i, have = 0;
	char pair[3];

	if (!color_on) {
		hex_print(b, n, c);
		return;
	}
	memset(&f, 0, sizeof(f));
	if (n > 0 && b[0] >> 4 == 4)
		have = ip_parse_prefix(b, n, l, &f);
	for (i = 0; i < n; i++) {
		now = class_of(i, &f, have);
		if (now != prev && prev != COLOR_PLAIN)
			out_str(COLOR_RESET);
		if (i > 0)
			out_bytes(" ", 1);
		if (now != prev && now != COLOR_PLAIN)
			out_str(sgr[now]);
		(void)hex_format(pair, b + i, 1, c);
		out_bytes(pair, 2);
		prev = now;
	}
	if (prev != COLOR_PLAIN)
		out_str(COLOR_RESET);
	out_bytes("\n", 1);
}
