/*
 * The way into the printers: the link type chooses the first, as
 * tcpdump's print.c table does (link types: tcpdump.org's
 * linktypes.html).  A frame with a link header begins with a line
 * naming its link type; a datagram alone (LINKTYPE_RAW, IPV4, IPV6) has
 * no link header to name, and begins with its own first field.
 */
#include "dissect.h"
#include "nd.h"

/*
 * LINKTYPE_RAW holds either IP version: the first four bits say which
 * (RFC 791, RFC 8200).  Any other value is IPv4's to call wrong, as
 * raw IPv4 socket data always was.
 */
static void
raw_print(struct nd *nd)
{
	if (nd_has(nd, 0, 1) && nd_u8(nd, 0) >> 4 == 6)
		ip6_print(nd);
	else
		ip_print(nd);
}

/* Each link type's printer, and whether the frame has a link header. */
static const struct link {
	nd_printer *print;
	uint32_t linktype;
	int header;
} links[] = {
	{ null_print, LINKTYPE_NULL, 1 },
	{ ether_print, LINKTYPE_EN10MB, 1 },
	{ loop_print, LINKTYPE_LOOP, 1 },
	{ sll_print, LINKTYPE_LINUX_SLL, 1 },
	{ sll2_print, LINKTYPE_LINUX_SLL2, 1 },
	{ raw_print, LINKTYPE_RAW, 0 },
	{ ip_print, LINKTYPE_IPV4, 0 },
	{ ip6_print, LINKTYPE_IPV6, 0 },
};

void
dissect_frame(const struct frame *f)
{
	const char *name = linktype_name(f->linktype);
	const struct link *k = NULL;
	struct nd nd = {
		.frame = f,
		.p = f->data,
		.len = f->caplen,
		.layout = f->layout,
		.whole = frame_whole(f),
	};
	size_t i;

	for (i = 0; i < sizeof(links) / sizeof(links[0]) && k == NULL; i++)
		if (links[i].linktype == f->linktype)
			k = &links[i];
	if (k == NULL)
		nd_field(&nd, COLOR_PLAIN, "link type", "%lu: not one these "
		    "printers read; %zu bytes not decoded",
		    (unsigned long)f->linktype, f->caplen);
	else if (k->header)
		nd_field(&nd, COLOR_PLAIN, "link type", "%lu (%s)",
		    (unsigned long)f->linktype, name != NULL ? name : "?");
	if (k != NULL)
		k->print(&nd);
	nd_flush();	/* the lines, handed to out.c */
}
