/*
 * Standard output that is checked: a full disk or a closed pipe is a
 * failure to report, not something to lose quietly.
 */
#ifndef OUT_H
#define OUT_H

/*
 * Before any output: a closed pipe becomes the end of the reader's
 * interest (no SIGPIPE), and output to a file or pipe is buffered in
 * large blocks.
 */
void out_init(void);

/* Flush stdout; on failure report it and exit 1 (EPIPE: exit quietly). */
void out_flush(void);

#endif
