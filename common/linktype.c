/*
 * The link types this reads and writes, by name: the one list the file
 * readers, the printers and the writers all consult.  Numbers and names
 * from tcpdump.org's link-layer header types (linktypes.html).
 */
#include <stdio.h>

#include "frame.h"

static const struct {
	uint32_t type;
	const char *name;
} linktypes[] = {
	{ LINKTYPE_NULL, "BSD loopback" },
	{ LINKTYPE_EN10MB, "Ethernet" },
	{ LINKTYPE_RAW, "raw IP" },
	{ LINKTYPE_LOOP, "OpenBSD loopback" },
	{ LINKTYPE_LINUX_SLL, "Linux cooked" },
	{ LINKTYPE_IPV4, "raw IPv4" },
	{ LINKTYPE_IPV6, "raw IPv6" },
	{ LINKTYPE_LINUX_SLL2, "Linux cooked v2" },
};

enum { NLINKTYPES = sizeof(linktypes) / sizeof(linktypes[0]) };

const char *
linktype_name(uint32_t linktype)
{
	size_t i;

	for (i = 0; i < NLINKTYPES; i++)
		if (linktypes[i].type == linktype)
			return linktypes[i].name;
	return NULL;
}

const char *
linktype_list(void)
{
	static char list[256];
	size_t i, at = 0;
	int n;

	if (list[0] != '\0')
		return list;
	for (i = 0; i < NLINKTYPES && at < sizeof(list); i++) {
		n = snprintf(list + at, sizeof(list) - at, "%s%s %u",
		    i == 0 ? "" : ", ", linktypes[i].name,
		    (unsigned)linktypes[i].type);
		if (n < 0)
			break;
		at += (size_t)n;
	}
	return list;
}
