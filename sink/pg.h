/* PostgreSQL sink: the tables and columns of the SQLite sink (sink/columns.h),
 * typed, in one database that many writers share at once. Table creation
 * runs under an advisory lock, so workers starting together do not race;
 * each document's records go in one transaction that takes an advisory
 * lock on the document's hash, deletes what the database held for it and
 * inserts its rows, so two writers storing one document leave one copy and
 * a writer killed at any moment leaves whole documents. Values travel as
 * query parameters, never in the SQL text. It parses nothing. */
#ifndef JX_PG_H
#define JX_PG_H

#include <glib.h>

#include "rules/record.h"

typedef struct JxPg JxPg;

/* TRUE when target names a PostgreSQL database by URI: it starts with
 * postgresql:// or postgres://. */
gboolean jx_pg_is_uri(const char *target);

/* Connects to the database conninfo names (a postgresql:// URI or a
 * "host=... dbname=..." string, as libpq takes them) and makes its tables
 * and columns if need be. Returns a handle to close with jx_pg_close
 * (transfer full), or NULL with *error set (JX_ERROR_IO) when it cannot
 * connect or the tables cannot be made. */
JxPg *jx_pg_open(const char *conninfo, GError **error);
/* Disconnects and frees; NULL is ignored. */
void jx_pg_close(JxPg *pg);

/* What the database is, for messages: "postgresql database NAME on HOST",
 * without the password (owned by pg, valid until jx_pg_close). */
const char *jx_pg_name(JxPg *pg);

/* The document hashes the database holds: a new set (transfer full; keys
 * g_strdup'd char*, freed with the table). NULL with *error set
 * (JX_ERROR_IO) when they cannot be read. */
GHashTable *jx_pg_known(JxPg *pg, GError **error);

/* Stores one document's records in one transaction, replacing what the
 * database held for the document (by hash, or by path for an unreadable
 * file). Returns FALSE with *error set (JX_ERROR_IO) when a write failed;
 * nothing of the document is stored then. */
gboolean jx_pg_put(JxPg *pg, const JxRecords *records, GError **error);

#endif
