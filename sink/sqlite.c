#include "sink/sqlite.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "sink/columns.h"

#define NTABLES JX_RECORD_COUNT

struct JxSqlite {
    sqlite3 *db;
    sqlite3_stmt *insert[NTABLES]; /* per table (JxRecordKind), prepared once */
    sqlite3_stmt *erase[NTABLES];
    sqlite3_stmt *erase_unread[2]; /* documents/errors of an unreadable file */
    GArray *values;                /* JxColumnValue: the row being written */
    const JxDocInfo *doc;          /* ... of this document */
    guint written;                 /* its records written so far */
};

static gboolean fail(JxSqlite *s, GError **error, const char *what)
{
    g_set_error(error, JX_ERROR, JX_ERROR_IO, "sqlite: %s: %s", what, sqlite3_errmsg(s->db));
    return FALSE;
}

static gboolean exec(JxSqlite *s, const char *sql, GError **error)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        g_set_error(error, JX_ERROR, JX_ERROR_IO, "sqlite: %s", msg ? msg : "error");
        sqlite3_free(msg);
        return FALSE;
    }
    return TRUE;
}

static gboolean create_tables(JxSqlite *s, GError **error)
{
    GString *sql = g_string_new("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    for (int i = 0; i < NTABLES; i++) {
        const JxRecordType *t = jx_record_type(i);
        char *cols = jx_column_list(t, ", ");
        g_string_append_printf(sql, "CREATE TABLE IF NOT EXISTS %s (%s", t->table, cols);
        g_string_append_printf(sql, "); CREATE INDEX IF NOT EXISTS %s_doc ON %s (doc);",
                               t->table, t->table);
        g_free(cols);
    }
    g_string_append(sql, "CREATE INDEX IF NOT EXISTS documents_source ON documents (source);");
    gboolean ok = exec(s, sql->str, error);
    g_string_free(sql, TRUE);
    /* a database made by an older jixiao gets the columns added since */
    for (int i = 0; ok && i < NTABLES; i++) {
        const JxRecordType *t = jx_record_type(i);
        GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
        jx_column_names(t, names);
        for (guint c = 0; c < names->len; c++) {
            char *add = g_strdup_printf("ALTER TABLE %s ADD COLUMN %s", t->table,
                                        (char *)g_ptr_array_index(names, c));
            sqlite3_exec(s->db, add, NULL, NULL, NULL); /* "duplicate column": already there */
            g_free(add);
        }
        g_ptr_array_free(names, TRUE);
    }
    return ok;
}

static gboolean prepare(JxSqlite *s, GError **error)
{
    for (int i = 0; i < NTABLES; i++) {
        const JxRecordType *t = jx_record_type(i);
        char *cols = jx_column_list(t, ", ");
        GString *sql = g_string_new(NULL);
        g_string_append_printf(sql, "INSERT INTO %s (%s) VALUES (", t->table, cols);
        for (guint c = 0; c < jx_column_count(t); c++)
            g_string_append(sql, c ? ", ?" : "?");
        g_string_append(sql, ")");
        g_free(cols);
        int rc = sqlite3_prepare_v2(s->db, sql->str, -1, &s->insert[i], NULL);
        g_string_free(sql, TRUE);
        if (rc != SQLITE_OK)
            return fail(s, error, "prepare");
        char *del = g_strdup_printf("DELETE FROM %s WHERE doc = ?", t->table);
        rc = sqlite3_prepare_v2(s->db, del, -1, &s->erase[i], NULL);
        g_free(del);
        if (rc != SQLITE_OK)
            return fail(s, error, "prepare");
    }
    if (sqlite3_prepare_v2(s->db, "DELETE FROM documents WHERE doc IS NULL AND source = ?", -1,
                           &s->erase_unread[0], NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "DELETE FROM errors WHERE doc IS NULL AND source = ?", -1,
                           &s->erase_unread[1], NULL) != SQLITE_OK)
        return fail(s, error, "prepare");
    return TRUE;
}

JxSqlite *jx_sqlite_open(const char *path, GError **error)
{
    g_return_val_if_fail(path != NULL, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);
    JxSqlite *s = g_new0(JxSqlite, 1);
    s->values = g_array_new(FALSE, FALSE, sizeof(JxColumnValue));
    if (sqlite3_open(path, &s->db) != SQLITE_OK) {
        fail(s, error, path);
        jx_sqlite_close(s);
        return NULL;
    }
    sqlite3_busy_timeout(s->db, 10000);
    if (!create_tables(s, error) || !prepare(s, error)) {
        jx_sqlite_close(s);
        return NULL;
    }
    return s;
}

void jx_sqlite_close(JxSqlite *s)
{
    if (!s)
        return;
    for (gsize i = 0; i < G_N_ELEMENTS(s->insert); i++) {
        sqlite3_finalize(s->insert[i]);
        sqlite3_finalize(s->erase[i]);
    }
    sqlite3_finalize(s->erase_unread[0]);
    sqlite3_finalize(s->erase_unread[1]);
    sqlite3_close(s->db);
    g_array_free(s->values, TRUE);
    g_free(s);
}

GHashTable *jx_sqlite_known(JxSqlite *s)
{
    g_return_val_if_fail(s != NULL, NULL);
    GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT doc FROM documents WHERE doc IS NOT NULL", -1, &st,
                           NULL) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW)
            g_hash_table_add(set, g_strdup((const char *)sqlite3_column_text(st, 0)));
        sqlite3_finalize(st);
    }
    return set;
}

static void bind(sqlite3_stmt *st, int i, const JxColumnValue *c)
{
    switch (c->type) {
    case JX_COLUMN_NULL: sqlite3_bind_null(st, i); break;
    case JX_COLUMN_TEXT: sqlite3_bind_text(st, i, c->text, -1, SQLITE_TRANSIENT); break;
    case JX_COLUMN_INT: sqlite3_bind_int64(st, i, c->i); break;
    case JX_COLUMN_BOOL: sqlite3_bind_int(st, i, (int)c->i); break;
    case JX_COLUMN_REAL: sqlite3_bind_double(st, i, c->d); break;
    }
}

static gboolean run(JxSqlite *s, sqlite3_stmt *st, GError **error)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE || fail(s, error, "write");
}

/* Deletes what the database holds for this document. */
static gboolean erase(JxSqlite *s, const JxDocInfo *d, GError **error)
{
    if (!d->sha256) { /* an unreadable file: known by its path only */
        char *valid = d->source ? g_utf8_make_valid(d->source, -1) : g_strdup("");
        gboolean ok = TRUE;
        for (int k = 0; ok && k < 2; k++) {
            sqlite3_bind_text(s->erase_unread[k], 1, valid, -1, SQLITE_TRANSIENT);
            ok = run(s, s->erase_unread[k], error);
        }
        g_free(valid);
        return ok;
    }
    for (int i = 0; i < NTABLES; i++) {
        sqlite3_bind_text(s->erase[i], 1, d->sha256, -1, SQLITE_TRANSIENT);
        if (!run(s, s->erase[i], error))
            return FALSE;
    }
    return TRUE;
}

/* Test hook: JIXIAO_TEST_KILL_IN_PUT=N kills the process in the middle of
 * the N-th document's transaction, to test that nothing half-written
 * survives. */
static void test_kill(void)
{
#ifdef JX_TEST_HOOKS
    static int count = 0;
    const char *n = g_getenv("JIXIAO_TEST_KILL_IN_PUT");
    if (n && ++count == atoi(n))
        raise(SIGKILL);
#endif
}

static gboolean put_record(const JxRecordType *t, const void *rec, gpointer ctx, GError **error)
{
    JxSqlite *s = ctx;
    sqlite3_stmt *st = s->insert[t->kind];
    jx_column_values_append(s->values, t, rec, s->doc);
    for (guint c = 0; c < s->values->len; c++)
        bind(st, (int)c + 1, &g_array_index(s->values, JxColumnValue, c));
    gboolean ok = run(s, st, error);
    jx_column_values_clear(s->values);
    if (s->written++ == 1)
        test_kill();
    return ok;
}

gboolean jx_sqlite_put(JxSqlite *s, const JxRecords *r, GError **error)
{
    g_return_val_if_fail(s != NULL && r != NULL, FALSE);
    g_return_val_if_fail(error == NULL || *error == NULL, FALSE);
    s->doc = &r->document;
    s->written = 0;
    gboolean ok = exec(s, "BEGIN IMMEDIATE", error) && erase(s, &r->document, error) &&
                  jx_records_foreach(r, put_record, s, error);
    if (ok)
        ok = exec(s, "COMMIT", error);
    else
        exec(s, "ROLLBACK", NULL);
    return ok;
}

gboolean jx_sqlite_merge(const char *out, char **in, int n, GError **error)
{
    g_return_val_if_fail(out != NULL && (in != NULL || n == 0) && n >= 0, FALSE);
    JxSqlite *s = jx_sqlite_open(out, error);
    if (!s)
        return FALSE;
    gboolean ok = TRUE;
    for (int k = 0; ok && k < n; k++) {
        char *q = sqlite3_mprintf("ATTACH DATABASE %Q AS part", in[k]);
        ok = exec(s, q, error) && exec(s, "BEGIN IMMEDIATE", error);
        sqlite3_free(q);
        for (int i = 0; ok && i < NTABLES; i++) {
            const char *table = jx_record_type(i)->table;
            char *sql = g_strdup_printf(
                "DELETE FROM main.%s WHERE doc IN (SELECT doc FROM part.documents);"
                "DELETE FROM main.%s WHERE doc IS NULL AND %s;"
                "INSERT INTO main.%s SELECT * FROM part.%s;",
                table, table,
                i == JX_RECORD_DOCUMENT || i == JX_RECORD_ERROR
                    ? "source IN (SELECT source FROM part.documents WHERE doc IS NULL)" : "0",
                table, table);
            ok = exec(s, sql, error);
            g_free(sql);
        }
        ok = ok ? exec(s, "COMMIT", error) : (exec(s, "ROLLBACK", NULL), FALSE);
        exec(s, "DETACH DATABASE part", NULL);
    }
    jx_sqlite_close(s);
    return ok;
}
