/* SQLite sink: one table per record type (sink/columns.h), created on first
 * use, with an index on doc. Each document's records go in one
 * transaction that first deletes what the database held for it, so a run
 * killed at any moment leaves whole documents, and a re-run replaces rows
 * instead of adding them. */
#ifndef JX_SQLITE_H
#define JX_SQLITE_H

#include <glib.h>

typedef struct JxSqlite JxSqlite;

JxSqlite *jx_sqlite_open(const char *path, GError **error);
void jx_sqlite_close(JxSqlite *db);

/* The document hashes the database holds (a set of g_strdup'd strings). */
GHashTable *jx_sqlite_known(JxSqlite *db);

/* Stores one document's JSON Lines (its document record first). */
gboolean jx_sqlite_put(JxSqlite *db, const char *jsonl, gsize len, GError **error);

/* Copies every document of the databases `in` into `out` (created if need
 * be), replacing the rows of documents it already holds. */
gboolean jx_sqlite_merge(const char *out, char **in, int n, GError **error);

#endif
