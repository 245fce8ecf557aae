/* The inputs of a run: paths as given, directories walked (recursively, in
 * name order) for documents, and "-" for paths read from standard input,
 * one a line. Paths are byte strings, not necessarily UTF-8. What a walk
 * passes over is kept with its reason, so that a run can account for every
 * file it met. Also the stable split of inputs into shards. */
#ifndef JX_INPUTS_H
#define JX_INPUTS_H

#include <glib.h>

typedef struct {
    GPtrArray *paths;    /* char*: the files to read, in order */
    GPtrArray *skipped;  /* char*: "path: reason" for each file a walk passed over
                            (not a document, a link not followed) */
    GPtrArray *unread;   /* char*: "path: reason" for each folder that could not be read */
} JxInputs;

/* The inputs of args[0..n-1], in order. A folder gives the files under it
 * whose name says a document format (.pdf .docx .xlsx .xls .ofd .html .htm
 * .wps .et, any case) or whose first bytes sniff as one; links to files
 * are followed, links to folders and links that lead nowhere (loops
 * included) are not (skipped); other files are skipped; a folder that
 * cannot be opened (or lies 64 levels down) is unread. "-" gives the
 * non-empty lines of stdin; anything else itself (a path that cannot be
 * read stays, for the run to report; a named folder that cannot be opened
 * is unread). Never fails. Returns a new JxInputs (transfer full: free with
 * jx_inputs_free). */
JxInputs *jx_inputs_collect(char **args, int n);

/* Frees in and its arrays; NULL is allowed. */
void jx_inputs_free(JxInputs *in);

/* Does the name (the last part of a path) say a document format? */
gboolean jx_inputs_named_document(const char *path);

/* Is path in shard k (0-based) of n? The same path is always in the same
 * shard, whatever else is in the run; n <= 1 holds everything. */
gboolean jx_inputs_in_shard(const char *path, guint k, guint n);

/* A stem for the files made of path, unique in a run: "report" for
 * dir/report.pdf, then "report-2" for another report.docx (used: the set
 * of stems given so far, char* it owns; the new one is added). Returns a
 * new string (transfer full). */
char *jx_inputs_stem(GHashTable *used, const char *path);

#endif
