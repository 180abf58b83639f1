/*
 * Option values for both programs' command lines: each checked, and a bad
 * one reported as "NAME is VALUE: REASON" with exit status 2, in the
 * manner of OpenBSD ping.
 */
#ifndef CLI_H
#define CLI_H

#include "color.h"
#include "iphdr.h"

/* Print usage on stderr and exit 2. */
void cli_usage(const char *usage);

/*
 * What getopt_long (run with opterr 0 and an optstring starting ':')
 * refused, said in one line, then the usage; exit 2.  c is what it
 * returned ('?' or ':'), argv and optind as it left them.
 */
void cli_bad_option(int c, int argc, char *const argv[], const char *usage);

/* An argument left over after the options, named, then the usage. */
void cli_extra(const char *arg, const char *usage);

/* Print usage and help (its parts in turn, to a NULL: C11 promises
 * string literals of 4095 bytes, no more) on stdout and exit 0. */
void cli_help(const char *usage, const char *const *help);

/*
 * A whole number in [min, max] for option name, or exit 2; a value
 * outside says the range: "ttl is 256: out of range 0-255".
 */
unsigned long cli_number(const char *name, const char *arg,
    unsigned long min, unsigned long max);

/* Seconds in [0, max], fractions allowed, for option name, or exit 2
 * (the range said as cli_number says it). */
double cli_seconds(const char *name, const char *arg, double max);

/* A file for -w: not "-", since stdout carries the text; or exit 2. */
const char *cli_write_path(const char *arg);

/*
 * Before anything is opened: the -w file must not be the file standard
 * output goes to, nor read_path (NULL: none; "-": standard input) --
 * compared by device and inode, so /tmp/./f and /tmp/f are one file,
 * and /dev/stdout is standard output.  Exit 2 if it is.
 */
void cli_check_write(const char *write_path, const char *read_path);

/* A layout name, or exit 2. */
enum layout cli_layout(const char *arg);

/*
 * Before getopt_long: note argv's order as typed (getopt_long may move
 * the operands to the end as it goes), for cli_color.
 */
void cli_start(int argc, char *argv[]);

/*
 * --color's WHEN, or exit 2 for a word that is none: arg as getopt_long
 * left it in optarg ("--color=never"); for a bare --color (arg NULL),
 * the word typed after it when that is auto, always or never
 * ("--color never"), taken so that it is no operand, else always.
 */
enum color_when cli_color(const char *arg, int argc, char *argv[]);

#endif
