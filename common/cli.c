/*
 * Shared command-line helpers: the checks are parse.c's, the messages
 * and exit statuses are here, the same for sender and receiver.
 */
#include <sys/stat.h>

#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "parse.h"

void
cli_usage(const char *usage)
{
	fputs(usage, stderr);
	exit(2);
}

void
cli_bad_option(int c, int argc, char *const argv[], const char *usage)
{
	/* The word getopt stopped at: optind has passed it, by one, or
	 * (musl, a value missing at the end) by two. */
	int i = optind - 1 < argc ? optind - 1 : argc - 1;
	const char *word = i > 0 ? argv[i] : "";
	size_t len = strcspn(word, "=");

	if (optopt != 0 && strncmp(word, "--", 2) != 0)
		warnx("-%c: %s", optopt, c == ':' ? "needs a value" :
		    "not an option");
	else
		warnx("%.*s: %s", (int)len, word, c == ':' ?
		    "needs a value" : "not an option");
	cli_usage(usage);
}

void
cli_extra(const char *arg, const char *usage)
{
	warnx("%s: an argument too many", arg);
	cli_usage(usage);
}

void
cli_help(const char *usage, const char *const *help)
{
	printf("%s\n", usage);
	while (*help != NULL)
		fputs(*help++, stdout);
	exit(0);
}

unsigned long
cli_number(const char *name, const char *arg, unsigned long min,
    unsigned long max)
{
	unsigned long v;
	const char *errstr;

	if (parse_uint(arg, min, max, &v, &errstr) == 0)
		return v;
	if (strcmp(errstr, PARSE_OUT_OF_RANGE) == 0)
		errx(2, "%s is %s: %s %lu-%lu", name, arg, errstr, min, max);
	errx(2, "%s is %s: %s", name, arg, errstr);
}

double
cli_seconds(const char *name, const char *arg, double max)
{
	const char *errstr;
	double v;

	if (parse_seconds(arg, max, &v, &errstr) == 0)
		return v;
	if (strcmp(errstr, PARSE_OUT_OF_RANGE) == 0)
		errx(2, "%s is %s: %s 0-%g", name, arg, errstr, max);
	errx(2, "%s is %s: %s", name, arg, errstr);
}

const char *
cli_write_path(const char *arg)
{
	if (strcmp(arg, "-") == 0 || *arg == '\0')
		errx(2, "write is '%s': name a file (standard output carries "
		    "the text)", arg);
	return arg;
}

/* Whether path names the file st describes. */
static int
same_file(const char *path, const struct stat *st)
{
	struct stat w;

	return stat(path, &w) == 0 && w.st_dev == st->st_dev &&
	    w.st_ino == st->st_ino;
}

void
cli_check_write(const char *write_path, const char *read_path)
{
	struct stat st;

	if (write_path == NULL)
		return;
	if (fstat(STDOUT_FILENO, &st) == 0 && same_file(write_path, &st))
		errx(2, "write is %s: standard output goes there too, and "
		    "carries the text", write_path);
	if (read_path == NULL)
		return;
	if ((strcmp(read_path, "-") == 0 ? fstat(STDIN_FILENO, &st) :
	    stat(read_path, &st)) == 0 && same_file(write_path, &st))
		errx(2, "-r and -w both name %s: writing would empty it "
		    "before it is read", write_path);
}

enum layout
cli_layout(const char *arg)
{
	enum layout l;

	if (layout_from_name(arg, &l) != 0)
		errx(2, "layout is %s: not one of linux, darwin, wire, "
		    "netbsd", arg);
	return l;
}

/* argv in the order typed: its strings, which getopt_long never moves. */
static char **typed;
static int typed_count;

void
cli_start(int argc, char *argv[])
{
	if ((typed = calloc((size_t)argc + 1, sizeof(*typed))) == NULL)
		err(1, "calloc");
	memcpy(typed, argv, (size_t)argc * sizeof(*typed));
	typed_count = argc;
}

/*
 * The word typed after the option getopt_long just returned, when it is
 * a colour's WHEN: moved to argv[optind] and passed over, so that it is
 * no operand.  glibc and the BSDs have not yet moved the word (it is at
 * argv[optind]); musl has already put the operands skipped before the
 * option after it, so the word may be further on.  NULL for none.
 */
static const char *
take_when(int argc, char *argv[])
{
	enum color_when w;
	char *next = NULL;
	int i, j;

	for (i = 0; i + 1 < typed_count; i++)
		if (typed[i] == argv[optind - 1])
			next = typed[i + 1];
	if (next == NULL || color_parse(next, &w) != 0)
		return NULL;
	for (j = optind; j < argc && argv[j] != next; j++)
		continue;
	if (j == argc)
		return NULL;
	for (; j > optind; j--)
		argv[j] = argv[j - 1];
	argv[optind++] = next;
	return next;
}

enum color_when
cli_color(const char *arg, int argc, char *argv[])
{
	enum color_when w = COLOR_ALWAYS;

	if (arg == NULL)
		arg = take_when(argc, argv);
	if (arg != NULL && color_parse(arg, &w) != 0)
		errx(2, "color is %s: not one of auto, always, never", arg);
	return w;
}
