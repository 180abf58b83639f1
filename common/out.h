/*
 * Standard output that is checked: a full disk or a closed pipe is a
 * failure to report, not something to lose quietly.
 */
#ifndef OUT_H
#define OUT_H

/* Bytes of text written at once to a file or a pipe. */
enum { OUT_BUFSIZE = 65536 };

/*
 * First thing in main: descriptors 0-2 held open (on /dev/null if they
 * were closed), a closed pipe made the end of the reader's interest (no
 * SIGPIPE), and output to a file or pipe buffered in OUT_BUFSIZE blocks.
 */
void out_init(void);

/*
 * Flush stdout; on failure report it and exit 1 (EPIPE: exit quietly).
 * A write cut short by a stop signal returns, for the loop to stop.
 */
void out_flush(void);

/*
 * The last flush, at exit.  After a stop signal it does not wait for a
 * stalled reader: what cannot be written at once is left, with a note.
 */
void out_final(void);

#endif
