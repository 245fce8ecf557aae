/* The inputs of a run: paths as given, directories walked (recursively, in
 * name order) for files whose bytes look like a document, and "-" for
 * paths read from standard input, one a line. Paths are byte strings, not
 * necessarily UTF-8. Also the stable split of inputs into shards. */
#ifndef JX_INPUTS_H
#define JX_INPUTS_H

#include <glib.h>

/* The paths of args[0..n-1], in order: a folder gives the regular files
 * under it whose first bytes sniff as a document (links to folders not
 * followed), "-" the non-empty lines of stdin, anything else itself (a
 * path that cannot be read stays, for the run to report). Never fails.
 * Returns a new GPtrArray of g_free'd strings (transfer full). */
GPtrArray *jx_inputs_collect(char **args, int n);

/* Is path in shard k (0-based) of n? The same path is always in the same
 * shard, whatever else is in the run; n <= 1 holds everything. */
gboolean jx_inputs_in_shard(const char *path, guint k, guint n);

#endif
