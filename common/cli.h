/*
 * Option values for both programs' command lines: each checked, and a bad
 * one reported as "NAME is VALUE: REASON" with exit status 2, in the
 * manner of OpenBSD ping.
 */
#ifndef CLI_H
#define CLI_H

#include "iphdr.h"

/* Print usage on stderr and exit 2. */
void cli_usage(const char *usage);

/* Print usage and help on stdout and exit 0 (-h, --help). */
void cli_help(const char *usage, const char *help);

/* A whole number in [0, max] for option name, or exit 2. */
unsigned long cli_number(const char *name, const char *arg,
    unsigned long max);

/* Seconds in [0, max], fractions allowed, for option name, or exit 2. */
double cli_seconds(const char *name, const char *arg, double max);

/* A file for -w: not "-", since stdout carries the text; or exit 2. */
const char *cli_write_path(const char *arg);

/* A layout name, or exit 2. */
enum layout cli_layout(const char *arg);

#endif
