/*
 * Shared command-line helpers: the checks are parse.c's, the messages
 * and exit statuses are here, the same for sender and receiver.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "parse.h"

void
cli_usage(const char *usage)
{
	fputs(usage, stderr);
	exit(2);
}

void
cli_help(const char *usage, const char *help)
{
	printf("%s\n%s", usage, help);
	exit(0);
}

unsigned long
cli_number(const char *name, const char *arg, unsigned long max)
{
	unsigned long v;
	const char *errstr;

	if (parse_uint(arg, 0, max, &v, &errstr) != 0)
		errx(2, "%s is %s: %s", name, arg, errstr);
	return v;
}

double
cli_seconds(const char *name, const char *arg, double max)
{
	const char *errstr;
	double v;

	if (parse_seconds(arg, max, &v, &errstr) != 0)
		errx(2, "%s is %s: %s", name, arg, errstr);
	return v;
}

const char *
cli_write_path(const char *arg)
{
	if (strcmp(arg, "-") == 0 || *arg == '\0')
		errx(2, "write is '%s': name a file (standard output carries "
		    "the text)", arg);
	return arg;
}

enum layout
cli_layout(const char *arg)
{
	enum layout l;

	if (layout_from_name(arg, &l) != 0)
		errx(2, "layout is %s: not one of linux, darwin, wire, netbsd", arg);
	return l;
}
