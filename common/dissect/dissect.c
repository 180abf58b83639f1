/*
 * The way into the printers: the link type chooses the first, as
 * tcpdump's print.c table does (link types: tcpdump.org's
 * linktypes.html).  A frame with a link header begins with a line
 * naming its link type; a datagram alone (LINKTYPE_RAW, IPV4, IPV6) has
 * no link header to name, and begins with its own first field.
 */
#include "capture.h"
#include "dissect.h"
#include "nd.h"

/*
 * For now, until their printers come: an Ethernet or Linux cooked
 * header passed over to the IPv4 datagram it carries, as the file
 * reader used to strip it.
 */
static void
strip_print(struct nd *nd)
{
	size_t off = nd->frame->linktype == LINKTYPE_EN10MB ? 12 : 14;
	unsigned type = nd_u16(nd, off);

	if (type == ET_VLAN && off == 12) {
		off += 4;
		type = nd_u16(nd, off);
	}
	if (!nd_short(nd, off + 2) && type == ET_IPV4) {
		(void)nd_push(nd, off + 2, nd->len);
		ip_print(nd);
	}
}

/* Each link type's printer, and whether the frame has a link header. */
static const struct link {
	nd_printer *print;
	uint32_t linktype;
	int header;
} links[] = {
	{ strip_print, LINKTYPE_EN10MB, 0 },
	{ strip_print, LINKTYPE_LINUX_SLL, 0 },
	{ ip_print, LINKTYPE_RAW, 0 },
	{ ip_print, LINKTYPE_IPV4, 0 },
};

void
dissect_frame(const struct frame *f)
{
	const char *name = capture_linktype_name(f->linktype);
	const struct link *k = NULL;
	struct nd nd = {
		.frame = f,
		.p = f->data,
		.len = f->caplen,
		.layout = f->layout,
		.whole = frame_whole(f),
	};
	size_t i;

	for (i = 0; i < sizeof(links) / sizeof(links[0]); i++)
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
