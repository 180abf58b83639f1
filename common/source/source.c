/*
 * What every source shares: the count of frames, and the calls through
 * its operations.
 */
#include <stddef.h>

#include "sig.h"
#include "source.h"

enum source_rc
source_next(struct source *s, struct frame *f)
{
	enum source_rc rc;

	if (sig_stop || source_done(s))
		return SOURCE_END;
	if ((rc = s->ops->next(s, f)) == SOURCE_FRAME)
		f->number = ++s->yielded;
	return rc;
}

int
source_drops(struct source *s, unsigned long long *drops)
{
	if (s->ops->drops == NULL)
		return -1;
	return s->ops->drops(s, drops);
}

void
source_close(struct source *s)
{
	if (s != NULL)
		s->ops->close(s);
}
