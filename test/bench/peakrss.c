/*
 * Run a command and print its peak resident set size in KiB (getrusage
 * of the child, ru_maxrss), its output left as it is.
 *
 *   peakrss COMMAND [ARG...]
 */
#include <sys/resource.h>
#include <sys/wait.h>

#include <err.h>
#include <stdio.h>
#include <unistd.h>

int
main(int argc, char *argv[])
{
	struct rusage ru;
	pid_t pid;
	int status;

	if (argc < 2)
		errx(2, "usage: peakrss command [arg ...]");
	if ((pid = fork()) == -1)
		err(1, "fork");
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		err(127, "%s", argv[1]);
	}
	if (wait4(pid, &status, 0, &ru) == -1)
		err(1, "wait4");
	fprintf(stderr, "peakrss %ld\n", ru.ru_maxrss);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
