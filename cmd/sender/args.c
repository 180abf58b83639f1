/*
 * Command-line parsing for the sender.  Every value is checked with
 * bounds before anything is opened; a bad one gets a message naming the
 * option and the value, on stderr, and exit status 2.
 */
#include <sys/types.h>
#include <netinet/in.h>

#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "cli.h"
#include "hex.h"
#include "icmp.h"
#include "ip6hdr.h"
#include "packet.h"
#include "parse.h"
#include "socks.h"

enum { OPT_SOURCE = 256, OPT_IPID, OPT_NOHDRINCL, OPT_TOS, OPT_DF, OPT_MF,
       OPT_RF, OPT_FRAGOFF, OPT_COLOR, OPT_COMPARE, OPT_PING, OPT_LINK,
       OPT_DSTMAC, OPT_DGRAM, OPT_HDRINCL };

static const char usage_text[] =
"usage: sender [-6hnq] [-c count] [-I icmp-id] [-i seconds] [-l layout]\n"
"              [-p hex] [-S seq] [-T ttl] [-W seconds] [-w file] [-x hex]\n"
"              [--df] [--frag-offset n] [--ip-id id] [--mf] [--no-hdrincl]\n"
"              [--rf] [--source addr] [--tos n] [--color[=when]]\n"
"              [--compare] [--dgram] [--dst-mac mac] [--hdrincl]\n"
"              [--link iface] [--ping]\n"
"              [destination]\n";

static const char *const help_text[] = {
"Send an ICMP echo request with a hand-built IPv4 header on a raw socket\n"
"(IP_HDRINCL), printing its bytes as the article does.\n"
"\n"
"  destination        IPv4 address or host name (default 127.0.0.1; with\n"
"                     -6, an IPv6 one, default ::1)\n"
"  -6                 the IPv6 twin: an ICMPv6 echo request (type 128) on\n"
"                     a raw ICMPv6 socket, which never takes a header:\n"
"                     the message alone goes, checksum 00 00, and the\n"
"                     kernel sums it over the pseudo-header (RFC 3542)\n"
"      --hdrincl      with -6, on Linux: the 40-byte IPv6 header built\n"
"                     here too and the checksum summed here, on an\n"
"                     IPPROTO_RAW socket (IPV6_HDRINCL); --source sets\n"
"                     its source (default ::1 for ::1, else needed)\n"
"      --dgram        the ping socket (SOCK_DGRAM, IPPROTO_ICMP; with -6,\n"
"                     IPPROTO_ICMPV6): no root needed where the system\n"
"                     allows it (Linux: net.ipv4.ping_group_range; macOS:\n"
"                     anyone).  The echo message alone goes; the bytes\n"
"                     written are printed, then what the kernel changed\n"
"                     (Linux: the identifier, to the socket's port, and\n"
"                     the checksum).  -l chooses whose rules -n prints\n"
"  -n, --dry-run      print the packet's bytes only; open no socket\n"
"      --compare      print the packet in every layout, one under the\n"
"                     other, marking the bytes that differ and saying\n"
"                     why; then each as handed to the kernel against\n"
"                     what goes on the wire.  Sends nothing\n"
"  -l, --layout L     byte layout of the header the kernel is handed:\n"
"                       linux   total length, checksum 0 (the kernel\n"
"                               fills them); id and source 0 by default\n"
"                       darwin  total length and fragment offset in a\n"
"                               Mac's byte order (little-endian, on any\n"
"                               host), as macOS wants; id 11, source\n"
"                               127.0.0.1, checksum computed\n"
"                       wire    every field in network order, checksums\n"
"                               valid: the bytes as tcpdump shows them\n"
"                       netbsd  as darwin, but in this machine's byte\n"
"                               order, as NetBSD wants\n"
"                     default: the layout of this system's kernel\n"
"      --source ADDR  source address (default 0 on linux, where the\n"
"                     kernel fills it; else 127.0.0.1 for a loopback\n"
"                     destination and 0 for any other)\n"
"  -T, --ttl N        time to live, 0-255 (default 64)\n"
"      --ip-id N      IP identification, 0-65535 (default 0 on linux,\n"
"                     where the kernel fills it; 11 otherwise)\n"
"      --tos N        type of service byte, 0-255 (default 0)\n"
"      --df, --mf, --rf  set the don't-fragment, more-fragments or\n"
"                     reserved flag\n"
"      --frag-offset N  fragment offset in 8-byte units, 0-8191, as the\n"
"                     header counts it (default 0); flags and offset\n"
"                     share the field darwin writes in host order\n"
"  -I, --icmp-id N    ICMP identifier, 0-65535 (default 0)\n"
"  -S, --seq N        ICMP sequence number of the first packet, 0-65535\n"
"                     (default 0); it goes up by one per packet\n"
,
"  -p, --payload HEX  bytes after the ICMP header, e.g. c0de\n"
"  -c, --count N      packets to send (default 1; 0: until interrupted)\n"
"  -i, --interval S   seconds between packets, fractions allowed\n"
"                     (default 1; 0: as fast as the socket takes them)\n"
"  -q, --quiet        no per-packet lines, only a closing summary (and\n"
"                     on a terminal, a count and rate once a second)\n"
"  -w, --write FILE   also write each packet to a pcap file (raw IP,\n"
"                     wire format: length, offset and checksum as the\n"
"                     kernel sends them; id and source as given, so 0\n"
"                     where the kernel fills in what it chooses); with\n"
"                     --link, the frames, in the interface's link type\n"
"  -x, --hex HEX      send these exact bytes instead of the built packet\n"
"      --ping         be a ping: each request carries its send time in\n"
"                     its first 8 payload bytes, a second raw socket\n"
"                     takes the replies, matched by ICMP id (default:\n"
"                     this process's id) and sequence; each reply is\n"
"                     printed with its round-trip time, then ping's\n"
"                     statistics.  Exit 0 if any reply came, 1 if none\n"
"                     If no raw socket can be opened, --ping takes a ping\n"
"                     socket instead (--dgram), and says so\n"
"  -W, --wait S       with --ping, how long to wait for replies after\n"
"                     the last request (default 2; fractions allowed)\n"
"      --link IFACE   one layer down: build the link header too and send\n"
"                     the whole frame on IFACE (a packet socket on Linux,\n"
"                     /dev/bpf elsewhere); the IPv4 header goes as built,\n"
"                     in wire layout, from IFACE's address by default.\n"
"                     Ethernet's destination is --dst-mac, else asked by\n"
"                     an ARP request built here (1 s for the reply)\n"
"      --dst-mac MAC  with --link, the frame's destination address, e.g.\n"
"                     02:00:00:00:00:02: no ARP\n"
"      --no-hdrincl   send the built header on a raw ICMP socket without\n"
"                     IP_HDRINCL: the kernel adds a header of its own in\n"
"                     front (IP | IP | ICMP), the first article's bug\n"
"      --color[=WHEN] colour the bytes the article colours: total length\n"
"                     cyan, id magenta, header checksum yellow, source\n"
"                     green, ICMP type bold red.  WHEN (after = or a\n"
"                     space): always (the default for a bare --color;\n"
"                     a word after it that is no WHEN stays the\n"
"                     destination), never, or auto: only when standard\n"
"                     output is a terminal and NO_COLOR is not set, as\n"
"                     without the option\n"
"  -h, --help         this help\n"
"\n"
"Needs root or CAP_NET_RAW unless -n is given (root for /dev/bpf).\n",
	NULL
};

static const struct option longopts[] = {
	{ "color", optional_argument, NULL, OPT_COLOR },
	{ "compare", no_argument, NULL, OPT_COMPARE },
	{ "count", required_argument, NULL, 'c' },
	{ "df", no_argument, NULL, OPT_DF },
	{ "dgram", no_argument, NULL, OPT_DGRAM },
	{ "frag-offset", required_argument, NULL, OPT_FRAGOFF },
	{ "dry-run", no_argument, NULL, 'n' },
	{ "dst-mac", required_argument, NULL, OPT_DSTMAC },
	{ "hdrincl", no_argument, NULL, OPT_HDRINCL },
	{ "help", no_argument, NULL, 'h' },
	{ "hex", required_argument, NULL, 'x' },
	{ "icmp-id", required_argument, NULL, 'I' },
	{ "interval", required_argument, NULL, 'i' },
	{ "ip-id", required_argument, NULL, OPT_IPID },
	{ "layout", required_argument, NULL, 'l' },
	{ "link", required_argument, NULL, OPT_LINK },
	{ "mf", no_argument, NULL, OPT_MF },
	{ "no-hdrincl", no_argument, NULL, OPT_NOHDRINCL },
	{ "payload", required_argument, NULL, 'p' },
	{ "ping", no_argument, NULL, OPT_PING },
	{ "quiet", no_argument, NULL, 'q' },
	{ "rf", no_argument, NULL, OPT_RF },
	{ "seq", required_argument, NULL, 'S' },
	{ "source", required_argument, NULL, OPT_SOURCE },
	{ "tos", required_argument, NULL, OPT_TOS },
	{ "ttl", required_argument, NULL, 'T' },
	{ "wait", required_argument, NULL, 'W' },
	{ "write", required_argument, NULL, 'w' },
	{ NULL, 0, NULL, 0 }
};

/*
 * -6, --hdrincl and --dgram: what they do not combine with, and why.
 * The IPv4 header's options have no IPv6 header to go in (but -T, the
 * hop limit); a ping socket takes an echo request alone, and its
 * kernel writes every header.
 */
static void
other_sockets(struct sender_opts *o, int have_frag)
{
	const char *what = o->dgram ? "--dgram" : "-6";
	if (o->hdrincl6 && !o->six)
		errx(2, "--hdrincl is -6's: an IPv4 header is the sender's "
		    "own without it (IP_HDRINCL)");
	if (o->hdrincl6 && o->dgram)
		errx(2, "--hdrincl builds the IPv6 header, and a ping socket "
		    "takes none: choose one of --hdrincl and --dgram");
	if (!o->six && !o->dgram)
		return;
	if (o->set.id >= 0 || o->set.tos >= 0 || have_frag || o->no_hdrincl)
		errx(2, "%s: --ip-id, --tos, --df, --mf, --rf, --frag-offset "
		    "and --no-hdrincl set IPv4 header fields, and %s", what,
		    o->dgram ? "a ping socket's kernel writes the header" :
		    "an IPv6 datagram has no such header");
	if (o->link != NULL)
		errx(2, "%s does not combine with --link (receiver -i %s "
		    "shows the whole frame)", what, o->six ? "lo -P icmp6" :
		    "lo");
	if (o->raw && (o->dgram || !o->hdrincl6))
		errx(2, "-x sends a whole datagram: with %s the kernel writes "
		    "the header%s", what, o->dgram ? "" :
		    " (add --hdrincl to write it yourself)");
	if (o->have_src && !o->hdrincl6)
		errx(2, "--source goes in a header of ours: with %s the kernel "
		    "chooses the source%s", what, o->six && !o->dgram ?
		    " (with -6, add --hdrincl)" : "");
	if (o->write_path != NULL && !o->hdrincl6)
		errx(2, "-w: with %s the kernel writes the header, so the "
		    "sender cannot know the datagram that went: capture with "
		    "'receiver%s -w FILE' or 'receiver -i lo -w FILE'", what,
		    o->six ? " -6" : "");
	if (o->have_layout && !o->dgram)
		errx(2, "-l chooses a byte order for IPv4 header fields; an "
		    "IPv6 datagram is in network order on every system");
	if (o->have_layout && !o->dry_run)
		errx(2, "--dgram -l chooses whose ping socket -n prints the "
		    "message for; a live one follows this system's kernel");
	if (o->dgram && o->have_layout && !sock_rules(o->layout)->ping)
		errx(2, "--dgram -l %s: %s has no ping socket (SOCK_DGRAM, "
		    "%s): the layouts with one are linux and darwin",
		    layout_name(o->layout), sock_rules(o->layout)->system,
		    o->six ? "IPPROTO_ICMPV6" : "IPPROTO_ICMP");
	if (o->compare && o->hdrincl6)
		errx(2, "--compare -6 shows what each kernel does to the "
		    "message it is handed: --hdrincl does not combine");
	/* The buffers hold IP_MAXLEN bytes: IPv4's limit, and with our
	 * own IPv6 header in front, 20 bytes less room for payload. */
	if (o->hdrincl6 && o->dlen + (o->ping ? PACKET_STAMP : 0) >
	    IP_MAXLEN - IP6HDR_LEN - ICMP_HDRLEN)
		errx(2, "payload is %zu bytes: with --hdrincl's 40-byte IPv6 "
		    "header, more than the %d this sender builds", o->dlen,
		    IP_MAXLEN - IP6HDR_LEN - ICMP_HDRLEN);
}

/* Hex bytes for option name into o->data, or exit 2. */
static void
hex_arg(const char *name, const char *arg, struct sender_opts *o,
    size_t max)
{
	const char *why, *s;
	size_t digits = 0;

	if (hex_parse(arg, o->data, max, &o->dlen, &why) == 0) {
		if (o->dlen == 0 && strcmp(name, "hex") == 0)
			errx(2, "hex is empty: give the bytes to send");
		return;
	}
	if (strcmp(why, HEX_TOO_MANY) != 0)
		errx(2, "%s is %s: %s", name, arg, why);
	for (s = arg; *s != '\0'; s++)
		digits += hex_digit((unsigned char)*s) >= 0;
	errx(2, "%s is %zu bytes: more than the %zu that fit in an IPv4 "
	    "datagram, the most the sender builds", name, digits / 2, max);
}

void
sender_args(int argc, char *argv[], struct sender_opts *o)
{
	const char *errstr;
	int c, have_fields = 0, have_payload = 0, have_id = 0, have_wait = 0;
	long frag = -1;
	uint16_t flags = 0;
	const char *source = NULL;

	memset(o, 0, sizeof(*o));
	o->layout = LAYOUT_NATIVE;
	o->count = 1;
	o->interval = 1;
	o->wait = 2;
	o->set.ttl = o->set.id = o->set.tos = -1;
	opterr = 0;
	cli_start(argc, argv);
	while ((c = getopt_long(argc, argv, ":6c:hI:i:l:np:qS:T:W:w:x:", longopts,
	    NULL)) != -1) {
		switch (c) {
		case '6':
			o->six = 1;
			break;
		case OPT_HDRINCL:
			o->hdrincl6 = 1;
			break;
		case OPT_DGRAM:
			o->dgram = 1;
			break;
		case 'c':
			o->count = cli_number("count", optarg, 0,
			    0xffffffffUL);
			break;
		case 'h':
			cli_help(usage_text, help_text);
			break;
		case 'I':
			o->icmp_id = (uint16_t)cli_number("icmp-id", optarg,
			    0, 65535);
			have_fields = have_id = 1;
			break;
		case 'i':
			o->interval = cli_seconds("interval", optarg, 3600);
			break;
		case 'l':
			o->layout = cli_layout(optarg);
			o->have_layout = 1;
			break;
		case 'n':
			o->dry_run = 1;
			break;
		case 'p':
			hex_arg("payload", optarg, o,
			    IP_MAXLEN - IPHDR_LEN - ICMP_HDRLEN);
			have_payload = 1;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'S':
			o->seq = (uint16_t)cli_number("seq", optarg, 0, 65535);
			have_fields = 1;
			break;
		case 'T':
			o->set.ttl = (long)cli_number("ttl", optarg, 0, 255);
			break;
		case 'W':
			o->wait = cli_seconds("wait", optarg, 3600);
			have_wait = 1;
			break;
		case 'w':
			o->write_path = cli_write_path(optarg);
			break;
		case 'x':
			hex_arg("hex", optarg, o, IP_MAXLEN);
			o->raw = 1;
			break;
		case OPT_IPID:
			o->set.id = (long)cli_number("ip-id", optarg, 0, 65535);
			break;
		case OPT_PING:
			o->ping = 1;
			break;
		case OPT_LINK:
			if (*optarg == '\0')
				errx(2, "link is empty: name an interface");
			o->link = optarg;
			break;
		case OPT_DSTMAC:
			if (ether_parse(optarg, o->dst_mac, &errstr) != 0)
				errx(2, "dst-mac is %s: %s", optarg, errstr);
			o->have_dst_mac = 1;
			break;
		case OPT_COMPARE:
			o->compare = 1;
			o->dry_run = 1;	/* it sends nothing */
			break;
		case OPT_COLOR:
			o->color = cli_color(optarg, argc, argv);
			break;
		case OPT_TOS:
			o->set.tos = (long)cli_number("tos", optarg, 0, 255);
			break;
		case OPT_DF:
			flags |= IP_FLAG_DF;
			break;
		case OPT_MF:
			flags |= IP_FLAG_MF;
			break;
		case OPT_RF:
			flags |= IP_FLAG_RF;
			break;
		case OPT_FRAGOFF:
			frag = (long)cli_number("frag-offset", optarg, 0,
			    IP_OFFMASK);
			break;
		case OPT_NOHDRINCL:
			o->no_hdrincl = 1;
			break;
		case OPT_SOURCE:
			source = optarg;	/* its family: -6 may come later */
			o->have_src = 1;
			break;
		default:
			cli_bad_option(c, argc, argv, usage_text);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		cli_extra(argv[1], usage_text);
	if (source != NULL && parse_ipaddr(source, o->six ? 16 : 4, 0, &o->src6,
	    &errstr) != 0)
		errx(2, "source is %s: %s", source, errstr);
	if (source != NULL && !o->six)
		memcpy(o->set.src, o->src6.b, 4);
	other_sockets(o, frag >= 0 || flags != 0);

	if (o->raw && (have_payload || have_fields || o->have_src ||
	    o->set.ttl >= 0 || o->set.id >= 0 || o->set.tos >= 0 ||
	    frag >= 0 || flags != 0))
		errx(2, "-x sends its bytes as given: it does not combine with "
		    "options that set fields (-p, -T, -I, -S, --ip-id, "
		    "--source, --tos, --df, --mf, --rf, --frag-offset)");
	if (o->compare && (o->raw || o->write_path != NULL ||
	    o->no_hdrincl))
		errx(2, "--compare builds the packet in every layout and "
		    "prints it: it does not combine with -x, -w or "
		    "--no-hdrincl");
	if (o->ping && (o->dry_run || o->raw || o->no_hdrincl))
		errx(2, "--ping sends the built request and waits for its "
		    "reply: it does not combine with -n, -x, --compare or "
		    "--no-hdrincl");
	if (have_wait && !o->ping)
		errx(2, "-W is how long --ping waits for replies: it needs "
		    "--ping");
	o->have_id = have_id;
	if (o->ping) {
		/* The send time goes first in the payload (packet.h); the
		 * id tells our replies from another ping's, as ping's pid
		 * does. */
		if (o->dlen + PACKET_STAMP >
		    IP_MAXLEN - IPHDR_LEN - ICMP_HDRLEN)
			errx(2, "payload is %zu bytes: with --ping's %d bytes "
			    "of send time, more than an IPv4 datagram holds, "
			    "the most the sender builds",
			    o->dlen, PACKET_STAMP);
		if (!have_id)
			o->icmp_id = (uint16_t)getpid();
	}
	if (o->have_dst_mac && o->link == NULL)
		errx(2, "--dst-mac is the destination of --link's frames: it "
		    "needs --link");
	if (o->link != NULL && (o->compare || o->no_hdrincl))
		errx(2, "--link sends a whole frame of its own: it does not "
		    "combine with --compare or --no-hdrincl");
	if (o->link != NULL && o->have_layout && o->layout != LAYOUT_WIRE)
		errx(2, "--link puts the datagram on the wire as built, so in "
		    "the wire layout: -l %s does not combine with it",
		    layout_name(o->layout));
	if (o->no_hdrincl && o->write_path != NULL)
		errx(2, "--no-hdrincl leaves the outer header to the kernel, so "
		    "-w cannot know it: capture with 'receiver -w' instead");
	if (o->dry_run && o->count == 0)
		errx(2, "count is 0 with -n: that would print forever");
	cli_check_write(o->write_path, NULL);
	/*
	 * Installed setuid, the program runs for users the owner never
	 * vetted: let them send the article's packet, but not traffic of
	 * their own making (ping refuses flood and preload so, ping(8)).
	 */
	if ((getuid() != geteuid() || getgid() != getegid()) &&
	    (o->raw || o->have_src || o->no_hdrincl || o->link != NULL))
		errx(2, "-x, --source, --no-hdrincl and --link forge traffic: "
		    "refused when running setuid (as uid %lu for uid %lu)",
		    (unsigned long)geteuid(), (unsigned long)getuid());

	if (argc == 1)
		o->dest_name = argv[0];
	o->set.off = (uint16_t)(flags | (frag >= 0 ? frag : 0));
	if (o->link != NULL)
		o->layout = LAYOUT_WIRE;	/* nobody turns it on the way */
}

const char *
sender_needs_raw(const struct sender_opts *o)
{
	if (o->hdrincl6)
		return "--hdrincl";
	if (o->have_src)
		return "--source";
	if (o->set.id >= 0 || o->set.tos >= 0 || o->set.off != 0)
		return "the IPv4 header's fields (--ip-id, --tos, --df, --mf, "
		    "--rf, --frag-offset)";
	if (o->write_path != NULL)
		return "-w, which needs the header the kernel would write";
	if (o->have_layout)
		return "-l";
	return NULL;
}

void
sender_resolve(struct sender_opts *o)
{
	const char *why;

	if (o->dest_name == NULL)
		return;
	if (parse_ipaddr(o->dest_name, o->six ? 16 : 4, 1, &o->dst6, &why) !=
	    0)
		errx(2, "destination is %s: %s", o->dest_name, why);
	if (!o->six)
		memcpy(o->set.dst, o->dst6.b, 4);
	o->have_dst = 1;
	/* ::1 may only be a loopback's source too (RFC 4291 2.5.3); any
	 * other needs one of this host's, which the kernel would choose. */
	if (o->hdrincl6 && !o->have_src && !o->raw &&
	    !IN6_IS_ADDR_LOOPBACK((const struct in6_addr *)(const void *)
	    o->dst6.b))
		errx(2, "--hdrincl writes the IPv6 source itself: give one of "
		    "this host's addresses with --source (the default, ::1, "
		    "is for ::1 alone)");
}
