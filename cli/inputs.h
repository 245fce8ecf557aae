/* The inputs of a run: paths as given, directories walked (recursively, in
 * name order) for files whose bytes look like a document, and "-" for
 * paths read from standard input, one a line. Paths are byte strings, not
 * necessarily UTF-8. Also the stable split of inputs into shards. */
#ifndef JX_INPUTS_H
#define JX_INPUTS_H

#include <glib.h>

/* Returns a new GPtrArray of paths (g_free'd strings), in order. */
GPtrArray *jx_inputs_collect(char **args, int n);

/* Is path in shard k (0-based) of n? The same path is always in the same
 * shard, whatever else is in the run. */
gboolean jx_inputs_in_shard(const char *path, guint k, guint n);

#endif
