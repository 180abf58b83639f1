/*
 * Standard output, buffered by us and written with write(2): checked (a
 * full disk or a closed pipe is a failure to report, not something to
 * lose quietly) and giving way to a stop signal even when the reader
 * has stalled, which stdio cannot promise (its flush retries a write cut
 * short, and blocks again).
 */
#ifndef OUT_H
#define OUT_H

#include <stddef.h>

/* Bytes of text written at once to a file or a pipe. */
enum { OUT_BUFSIZE = 65536 };

/*
 * First thing in main: descriptors 0-2 held open (on /dev/null if they
 * were closed), a closed pipe made the end of the reader's interest (no
 * SIGPIPE).  To a pipe or socket, standard output is made non-blocking
 * (put back at exit), so that a wait for the reader is one sig.h can
 * end; to a terminal, each line goes out at once.
 */
void out_init(void);

/* Text goes nowhere (the fuzzers). */
void out_discard(void);

void out_bytes(const char *p, size_t n);

/*
 * Text written in place: out_room gives room for n bytes (at most
 * OUT_ROOM), and out_wrote says how many were used.  Nothing else may
 * be written between the two.
 */
enum { OUT_ROOM = OUT_BUFSIZE / 4 };
char *out_room(size_t n);
void out_wrote(size_t n);
void out_str(const char *s);
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
void out_printf(const char *fmt, ...);

/*
 * Write what is buffered.  On failure report it and exit 1 (EPIPE: exit
 * 0 quietly).  A stop signal ends the wait for a stalled reader: the
 * rest stays buffered, and the loop sees sig_stop.
 */
void out_flush(void);

/*
 * The last flush, at exit.  After a stop signal it does not wait for a
 * stalled reader: what cannot be written at once is left, with a note.
 */
void out_final(void);

#endif
