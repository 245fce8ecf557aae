/* SQLite sink: one table per record type (sink/columns.h), created on first
 * use, with an index on doc. Each document's records go in one
 * transaction that first deletes what the database held for it, so a run
 * killed at any moment leaves whole documents, and a re-run replaces rows
 * instead of adding them. It writes from the records; it parses nothing. */
#ifndef JX_SQLITE_H
#define JX_SQLITE_H

#include <glib.h>

#include "rules/record.h"

typedef struct JxSqlite JxSqlite;

/* Opens (creating if need be) the database at path, with its tables and
 * their columns. Returns a handle to close with jx_sqlite_close (transfer
 * full), or NULL with *error set (JX_ERROR_IO) when the file cannot be
 * opened or the tables cannot be made. */
JxSqlite *jx_sqlite_open(const char *path, GError **error);
/* Closes and frees; NULL is ignored. */
void jx_sqlite_close(JxSqlite *db);

/* The document hashes the database holds: a new set (transfer full; keys
 * g_strdup'd char*, freed with the table). Empty when it cannot be read. */
GHashTable *jx_sqlite_known(JxSqlite *db);

/* Stores one document's records in one transaction, replacing what the
 * database held for the document (by hash, or by path for an unreadable
 * file). Returns FALSE with *error set (JX_ERROR_IO) when a write failed;
 * nothing of the document is stored then. */
gboolean jx_sqlite_put(JxSqlite *db, const JxRecords *records, GError **error);

/* Copies every document of the databases `in` (n paths) into `out` (created
 * if need be), replacing the rows of documents it already holds. Returns
 * FALSE with *error set (JX_ERROR_IO) when a database cannot be read or
 * written; the inputs merged before it stay merged. */
gboolean jx_sqlite_merge(const char *out, char **in, int n, GError **error);

#endif
