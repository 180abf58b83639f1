/*
 * Socket options for the receiver.  Sources: socket(7) (SO_RCVBUF, which
 * Linux doubles for bookkeeping and caps at net.core.rmem_max); RFC 3542
 * (-6: a raw IPv6 socket, its ICMP6_FILTER, and the control messages
 * that say what its datagrams' headers said).  A
 * failure is said here, with this system's hint (../hints.h): rawsock.h
 * answers with errno.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include <err.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "../hints.h"
#include "rawsock.h"
#include "sock.h"

/* 4 MiB holds some 50,000 small datagrams while we write to a slow file. */
enum { RCVBUF_WANTED = 4 << 20 };

/* The echo reply, alone, through ICMP6_FILTER (RFC 4443 4.2). */
static const uint8_t echo_reply6[] = { 129 };

/*
 * -6: socket(AF_INET6, SOCK_RAW, next header).  Its datagrams come
 * without their header; the kernel is asked for what the header said
 * (the hop limit, the destination and the interface), which the source
 * rebuilds it from.
 */
static int
open6(const struct receiver_opts *o, const char *self)
{
	int fd;

	if ((fd = rawsock_open_as(AF_INET6, SOCK_RAW, o->protocol)) == -1) {
		if (errno == EPERM || errno == EACCES)
			errx(1, "socket: %s: a raw socket needs " HINT_PRIVILEGE,
			    strerror(errno), self);
		if (errno == EAFNOSUPPORT)
			errx(1, "socket AF_INET6: %s: this system has no IPv6 "
			    "(or it is turned off)", strerror(errno));
		err(1, "socket AF_INET6");
	}
	rawsock_ancillary(fd, AF_INET6);
	(void)rawsock_rcvbuf(fd, RCVBUF_WANTED);
	rawsock_timestamps(fd);
	if (rawsock_set_nonblocking(fd) == -1)
		err(1, "fcntl O_NONBLOCK");
	/* Every system has ICMP6_FILTER, and Linux and macOS hand a raw
	 * ICMPv6 socket this host's echo requests too (socks.c). */
	if (o->only_replies && rawsock_icmp6_pass(fd, echo_reply6,
	    sizeof(echo_reply6)) != 0)
		err(1, "setsockopt ICMP6_FILTER");
	return fd;
}

int
sock_open(const struct receiver_opts *o, const char *self)
{
	int fd;

	if (o->six)
		return open6(o, self);
	if ((fd = rawsock_open(o->protocol, 0, self)) == -1) {
		if (errno == EPERM || errno == EACCES)
			errx(1, "socket: %s: a raw socket needs " HINT_PRIVILEGE,
			    strerror(errno), self);
		err(1, "socket");
	}
	if (HINT_RAW_NO_TCP_UDP &&
	    (o->protocol == IPPROTO_TCP || o->protocol == IPPROTO_UDP))
		warnx("this kernel never delivers %s to a raw socket (BSD "
		    "kernels, macOS included, keep them for their own "
		    "stack): nothing will arrive", o->protocol ==
		    IPPROTO_TCP ? "TCP" : "UDP");
	(void)rawsock_rcvbuf(fd, RCVBUF_WANTED);
	rawsock_timestamps(fd);	/* each datagram's arrival, for -w and -d */
	if (rawsock_set_nonblocking(fd) == -1)
		err(1, "fcntl O_NONBLOCK");
	if (!o->only_replies)
		return fd;
	switch (rawsock_icmp_pass(fd, ICMP_PASS_ECHOREPLY)) {
	case -1:
		warnx("--only-replies: not needed here: this kernel answers "
		    "echo requests itself and never delivers them to a raw "
		    "socket");
		break;
	case RAWSOCK_FAILED:
		err(1, "setsockopt ICMP_FILTER");
	}
	return fd;
}

int
sock_rcvbuf(int fd)
{
	int size = 0;
	socklen_t len = sizeof(size);

	if (getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, &len) == -1)
		return 0;
	return size;
}
