/*
 * Command-line parsing for the receiver: values checked with bounds,
 * a bad one named on stderr with exit status 2.
 */
#include <ctype.h>
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "args.h"
#include "cli.h"
#include "ip6hdr.h"
#include "parse.h"

enum { OPT_ONLY_REPLIES = 256, OPT_COLOR };

static const char usage_text[] =
"usage: receiver [-6dhq] [-B KiB] [-c count] [-i interface] [-l layout]\n"
"                [-P protocol] [-r file] [-t seconds] [-w file]\n"
"                [--color[=when]] [--only-replies]\n";

static const char *const help_text[] = {
"Print every ICMP datagram a raw socket delivers, IP header included, as\n"
"hex (Go's \"% X\"), each after a line 'waiting to receive', as the\n"
"article does.\n"
"\n"
"  -6                 a raw IPv6 socket, ICMPv6 unless -P says another\n"
"                     next header.  It hands over the message alone, no\n"
"                     IPv6 header (RFC 3542): the hex has none; -d and\n"
"                     -w show one rebuilt from the sender's address and\n"
"                     the control messages (IPV6_PKTINFO, IPV6_HOPLIMIT)\n"
"  -c, --count N      exit after N datagrams (default 0: never)\n"
"  -t, --timeout S    exit with status 1 if no datagram comes for S\n"
"                     seconds (fractions allowed)\n"
"  -d, --decode       under each datagram, its fields in words, checksums\n"
"                     verified, quirks of the byte layout explained\n"
"  -l, --layout L     how to read the header fields: linux, darwin (total\n"
"                     length and offset in a Mac's order, little-endian,\n"
"                     header length left out of the total, as macOS\n"
"                     delivers them), wire, or netbsd (as darwin, in this\n"
"                     machine's order); default: this system's raw\n"
"                     socket, or wire with -r\n"
"  -P, --protocol P   the raw socket's protocol: icmp (the default), a\n"
"                     name the C library knows, in any case (tcp, UDP,\n"
"                     Gre, ...) or a number, 1-254.  Linux hands a raw\n"
"                     socket a copy of every datagram of its protocol;\n"
"                     BSD kernels, macOS included, never deliver TCP or\n"
"                     UDP to one.  icmp6 (58) needs -6, or -i, where it\n"
"                     keeps IPv6 datagrams of next header 58\n"
"  -q, --quiet        no 'waiting to receive' lines: one line a datagram\n"
"                     (and with stdout to a file and stderr on a\n"
"                     terminal, a count and rate there once a second)\n"
,
"  -w, --write FILE   also write each frame to a capture: pcap, or pcapng\n"
"                     for a name ending in .pcapng; the source's link\n"
"                     type and time precision are kept\n"
"  -r, --read FILE    read frames from FILE (- for standard input)\n"
"                     instead of a socket: pcap or pcapng of any link\n"
"                     type tcpdump or Wireshark writes for Ethernet,\n"
"                     loopback, cooked or raw IP; or lines of hex bytes\n"
"                     as sender and receiver print them, or another\n"
"                     tool's hex dump; needs no privileges\n"
"  -i, --interface I  frames at the link layer from interface I instead\n"
"                     of a raw IP socket, link header and all (Linux: a\n"
"                     packet socket's TPACKET_V3 ring; macOS and the\n"
"                     BSDs: /dev/bpf).  -P is then a kernel filter, and\n"
"                     -P all takes every frame: ARP, IPv6, anything\n"
"  -B, --buffer-size K  with -i, the kernel's buffer in KiB (default\n"
"                     4096; tcpdump's -B)\n"
"      --only-replies deliver echo replies only.  Linux hands a raw ICMP\n"
"                     socket a copy of every ICMP datagram before its own\n"
"                     ICMP code answers, so a ping to this host shows the\n"
"                     request too; this sets ICMP_FILTER to drop the\n"
"                     request.  Other kernels answer requests themselves\n"
"                     and never deliver them: there it is not needed.\n"
"                     With -6, ICMP6_FILTER passes echo replies alone\n"
"                     on every system\n"
"      --color[=WHEN] colour the bytes the article colours, and their\n"
"                     names under -d: total length cyan, id magenta,\n"
"                     header checksum yellow, source green, ICMP type\n"
"                     bold red.  WHEN (after = or a space): always\n"
"                     (the default for a bare --color), never, or auto:\n"
"                     only when standard output is a terminal and\n"
"                     NO_COLOR is not set, as without the option\n"
"  -h, --help         this help\n"
"\n"
"At exit (count reached, timeout or Ctrl-C) a summary goes to stderr.\n"
"Needs root or CAP_NET_RAW unless -r is given.\n",
	NULL
};

static const struct option longopts[] = {
	{ "color", optional_argument, NULL, OPT_COLOR },
	{ "count", required_argument, NULL, 'c' },
	{ "decode", no_argument, NULL, 'd' },
	{ "buffer-size", required_argument, NULL, 'B' },
	{ "help", no_argument, NULL, 'h' },
	{ "interface", required_argument, NULL, 'i' },
	{ "layout", required_argument, NULL, 'l' },
	{ "only-replies", no_argument, NULL, OPT_ONLY_REPLIES },
	{ "protocol", required_argument, NULL, 'P' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "read", required_argument, NULL, 'r' },
	{ "timeout", required_argument, NULL, 't' },
	{ "write", required_argument, NULL, 'w' },
	{ NULL, 0, NULL, 0 }
};

/* -P as typed, for the messages that name it. */
static const char *protocol_typed = "icmp";

/*
 * -P: a name getprotobyname(3) knows, in any case, or a number.  0 is
 * no protocol a raw socket receives (Linux refuses to open one), and
 * Linux delivers nothing to one of protocol 255 (IPPROTO_RAW, raw(7)):
 * it only sends.
 */
static int
protocol_arg(const char *arg)
{
	const char *errstr;
	unsigned long n;
	long named;

	protocol_typed = arg;
	if (strcmp(arg, "all") == 0)
		return -1;	/* every frame: -i only, checked below */
	/* tcpdump's name for it; /etc/protocols says ipv6-icmp. */
	if (strcasecmp(arg, "icmp6") == 0 || strcasecmp(arg, "icmpv6") == 0)
		return IP6_NEXT_ICMPV6;
	if (isdigit((unsigned char)arg[0]) || (arg[0] == '-' &&
	    isdigit((unsigned char)arg[1]))) {
		if (parse_uint(arg, 0, 255, &n, &errstr) != 0 ||
		    (n != 0 && n != 255))
			n = cli_number("protocol", arg, 1, 254);
	} else if ((named = parse_protocol_name(arg)) < 0) {
		errx(2, "protocol is %s: not a protocol name this system "
		    "knows (getprotobyname) or a number 1-254", arg);
	} else if (named > 255) {
		errx(2, "protocol is %s: that names protocol %ld, which no "
		    "IPv4 header can carry (its field holds 0-255)", arg,
		    named);
	} else
		n = (unsigned long)named;
	if (n == 0 || n == 255)
		errx(2, "protocol is %s: a raw socket of protocol %lu "
		    "receives nothing%s", arg, n, n == 255 ? " (it only sends)" :
		    "");
	return (int)n;
}

/*
 * -6: a raw IPv6 socket, ICMPv6 unless -P.  What it cannot be combined
 * with, each refusal with its reason.
 */
static void
six_args(struct receiver_opts *o, int have_layout, int have_protocol)
{
	if (o->interface != NULL)
		errx(2, "-6 opens a raw IPv6 socket: -i captures an "
		    "interface's frames, of either IP version (-i %s -P icmp6 "
		    "keeps ICMPv6)", o->interface);
	if (o->read_path != NULL)
		errx(2, "-6 opens a raw IPv6 socket: -r reads a file, whose "
		    "frames say their own IP version");
	if (have_layout)
		errx(2, "-l says how a system lays out the IPv4 header a raw "
		    "socket hands over: a raw IPv6 socket hands over no "
		    "header (RFC 3542 3)");
	if (!have_protocol)
		o->protocol = IP6_NEXT_ICMPV6;
	else if (o->protocol == 1)
		errx(2, "protocol is %s: ICMP is IPv4's; IPv6 has its own, "
		    "ICMPv6 (-P icmp6, the default with -6)", protocol_typed);
}

/* What -i cannot be combined with, each refusal with its reason. */
static void
interface_args(const struct receiver_opts *o, int have_layout)
{
	if (o->read_path != NULL)
		errx(2, "-i and -r are two sources: give one");
	if (o->only_replies)
		errx(2, "--only-replies filters a raw ICMP socket: with -i, "
		    "-P picks what the kernel passes");
	if (have_layout)
		errx(2, "-l reads a raw IP socket's datagrams as a system "
		    "lays them out: frames from -i are as on the wire");
	if (o->interface[0] == '\0' || strlen(o->interface) >= 16)
		errx(2, "interface is '%s': not an interface name (1 to 15 "
		    "characters)", o->interface);
}

void
receiver_args(int argc, char *argv[], struct receiver_opts *o)
{
	int c, have_layout = 0, have_protocol = 0;

	memset(o, 0, sizeof(*o));
	o->timeout_ms = -1;
	o->protocol = 1;
	o->layout = LAYOUT_NATIVE;
	opterr = 0;
	cli_start(argc, argv);
	while ((c = getopt_long(argc, argv, ":6B:c:dhi:l:P:qr:t:w:", longopts,
	    NULL)) != -1) {
		switch (c) {
		case '6':
			o->six = 1;
			break;
		case 'B':
			o->bufsize = (size_t)cli_number("buffer size", optarg,
			    1, 1048576) * 1024;
			break;
		case 'i':
			o->interface = optarg;
			break;
		case 'c':
			o->count = cli_number("count", optarg, 0, 0xffffffffUL);
			break;
		case 'd':
			o->decode = 1;
			break;
		case 'h':
			cli_help(usage_text, help_text);
			break;
		case 'l':
			o->layout = cli_layout(optarg);
			have_layout = 1;
			break;
		case 'P':
			o->protocol = protocol_arg(optarg);
			have_protocol = 1;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'r':
			o->read_path = optarg;
			break;
		case 't':
			/* poll(2) takes whole milliseconds in an int. */
			o->timeout_ms = (int)(cli_seconds("timeout", optarg,
			    86400) * 1000 + 0.5);
			break;
		case 'w':
			o->write_path = cli_write_path(optarg);
			break;
		case OPT_ONLY_REPLIES:
			o->only_replies = 1;
			break;
		case OPT_COLOR:
			o->color = cli_color(optarg, argc, argv);
			break;
		default:
			cli_bad_option(c, argc, argv, usage_text);
		}
	}
	if (optind != argc)
		cli_extra(argv[optind], usage_text);
	if (o->six)
		six_args(o, have_layout, have_protocol);
	if (o->interface != NULL)
		interface_args(o, have_layout);
	else if (o->protocol == -1)
		errx(2, "-P all takes every frame of an interface: it needs "
		    "-i (a raw IP socket has one protocol)");
	else if (o->bufsize != 0)
		errx(2, "-B sizes an interface's buffer: it needs -i");
	if (o->read_path != NULL && o->timeout_ms >= 0)
		errx(2, "-t waits on a socket: it does not apply to -r");
	if (o->only_replies && o->protocol != (o->six ? IP6_NEXT_ICMPV6 : 1))
		errx(2, "--only-replies keeps %s echo replies: it does not "
		    "apply to -P %s (protocol %d)", o->six ? "ICMPv6" : "ICMP",
		    protocol_typed, o->protocol);
	if (!o->six && o->interface == NULL && o->read_path == NULL &&
	    o->protocol == IP6_NEXT_ICMPV6)
		errx(2, "protocol is %s: ICMPv6 travels in IPv6 datagrams: "
		    "-6 opens a raw IPv6 socket for it (-i -P %s keeps an "
		    "interface's)", protocol_typed, protocol_typed);
	if (o->read_path != NULL && o->protocol != 1)
		errx(2, "-P picks a socket's protocol: it does not apply to "
		    "-r");
	if (o->read_path != NULL && o->only_replies)
		errx(2, "--only-replies filters a socket: it does not apply "
		    "to -r");
	if (o->read_path != NULL && o->write_path != NULL &&
	    strcmp(o->read_path, o->write_path) == 0 &&
	    strcmp(o->read_path, "-") != 0)
		errx(2, "-r and -w both name %s: writing would empty it "
		    "before it is read", o->read_path);
	cli_check_write(o->write_path, o->read_path);
	if ((o->read_path != NULL || o->interface != NULL) && !have_layout)
		o->layout = LAYOUT_WIRE;	/* files and frames: the wire */
}
