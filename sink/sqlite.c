#include "sink/sqlite.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "sink/columns.h"

struct JxSqlite {
    sqlite3 *db;
    sqlite3_stmt *insert[8]; /* per table, prepared once */
    sqlite3_stmt *erase[8];
    sqlite3_stmt *erase_unread[2]; /* documents/errors of an unreadable file */
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
    int n;
    const JxTableSpec *t = jx_tables(&n);
    GString *sql = g_string_new("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    for (int i = 0; i < n; i++) {
        g_string_append_printf(sql, "CREATE TABLE IF NOT EXISTS %s (", t[i].table);
        for (int c = 0; c < t[i].ncols; c++)
            g_string_append_printf(sql, "%s%s", c ? ", " : "", t[i].cols[c].name);
        g_string_append_printf(sql, "); CREATE INDEX IF NOT EXISTS %s_doc ON %s (doc);",
                               t[i].table, t[i].table);
    }
    g_string_append(sql, "CREATE INDEX IF NOT EXISTS documents_source ON documents (source);");
    gboolean ok = exec(s, sql->str, error);
    g_string_free(sql, TRUE);
    /* a database made by an older jixiao gets the columns added since */
    for (int i = 0; ok && i < n; i++)
        for (int c = 0; c < t[i].ncols; c++) {
            char *add = g_strdup_printf("ALTER TABLE %s ADD COLUMN %s", t[i].table, t[i].cols[c].name);
            sqlite3_exec(s->db, add, NULL, NULL, NULL); /* "duplicate column": already there */
            g_free(add);
        }
    return ok;
}

static gboolean prepare(JxSqlite *s, GError **error)
{
    int n;
    const JxTableSpec *t = jx_tables(&n);
    for (int i = 0; i < n; i++) {
        GString *sql = g_string_new(NULL);
        g_string_append_printf(sql, "INSERT INTO %s (", t[i].table);
        for (int c = 0; c < t[i].ncols; c++)
            g_string_append_printf(sql, "%s%s", c ? ", " : "", t[i].cols[c].name);
        g_string_append(sql, ") VALUES (");
        for (int c = 0; c < t[i].ncols; c++)
            g_string_append(sql, c ? ", ?" : "?");
        g_string_append(sql, ")");
        int rc = sqlite3_prepare_v2(s->db, sql->str, -1, &s->insert[i], NULL);
        g_string_free(sql, TRUE);
        if (rc != SQLITE_OK)
            return fail(s, error, "prepare");
        char *del = g_strdup_printf("DELETE FROM %s WHERE doc = ?", t[i].table);
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
    JxSqlite *s = g_new0(JxSqlite, 1);
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
    g_free(s);
}

GHashTable *jx_sqlite_known(JxSqlite *s)
{
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

static void bind(sqlite3_stmt *st, int i, JsonNode *n)
{
    if (!n || JSON_NODE_HOLDS_NULL(n)) {
        sqlite3_bind_null(st, i);
    } else if (JSON_NODE_HOLDS_VALUE(n)) {
        GType t = json_node_get_value_type(n);
        if (t == G_TYPE_STRING)
            sqlite3_bind_text(st, i, json_node_get_string(n), -1, SQLITE_TRANSIENT);
        else if (t == G_TYPE_INT64)
            sqlite3_bind_int64(st, i, json_node_get_int(n));
        else if (t == G_TYPE_BOOLEAN)
            sqlite3_bind_int(st, i, json_node_get_boolean(n));
        else
            sqlite3_bind_double(st, i, json_node_get_double(n));
    } else { /* lists stay JSON text */
        char *j = json_to_string(n, FALSE);
        sqlite3_bind_text(st, i, j, -1, g_free);
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
static gboolean erase(JxSqlite *s, JsonObject *first, GError **error)
{
    const char *doc = json_object_get_string_member_with_default(first, "doc", NULL);
    if (json_node_is_null(json_object_get_member(first, "doc")))
        doc = NULL;
    if (!doc) { /* an unreadable file: known by its path only */
        const char *src = json_object_get_string_member_with_default(first, "source", "");
        for (int k = 0; k < 2; k++) {
            sqlite3_bind_text(s->erase_unread[k], 1, src, -1, SQLITE_TRANSIENT);
            if (!run(s, s->erase_unread[k], error))
                return FALSE;
        }
        return TRUE;
    }
    int n;
    jx_tables(&n);
    for (int i = 0; i < n; i++) {
        sqlite3_bind_text(s->erase[i], 1, doc, -1, SQLITE_TRANSIENT);
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

static gboolean put_record(JsonObject *rec, const JxTableSpec *t, guint index, gpointer ctx,
                           GError **error)
{
    JxSqlite *s = ctx;
    if (index == 0 && !erase(s, rec, error)) /* the document record comes first */
        return FALSE;
    if (!t)
        return TRUE;
    int n;
    sqlite3_stmt *st = s->insert[t - jx_tables(&n)];
    for (int c = 0; c < t->ncols; c++)
        bind(st, c + 1, jx_column_node(rec, &t->cols[c]));
    gboolean ok = run(s, st, error);
    if (index == 1)
        test_kill();
    return ok;
}

gboolean jx_sqlite_put(JxSqlite *s, const char *jsonl, gsize len, GError **error)
{
    if (len == 0)
        return TRUE;
    gboolean ok = exec(s, "BEGIN IMMEDIATE", error) &&
                  jx_records_foreach(jsonl, len, put_record, s, error);
    if (ok)
        ok = exec(s, "COMMIT", error);
    else
        exec(s, "ROLLBACK", NULL);
    return ok;
}

gboolean jx_sqlite_merge(const char *out, char **in, int n, GError **error)
{
    JxSqlite *s = jx_sqlite_open(out, error);
    if (!s)
        return FALSE;
    int ntables;
    const JxTableSpec *t = jx_tables(&ntables);
    gboolean ok = TRUE;
    for (int k = 0; ok && k < n; k++) {
        char *q = sqlite3_mprintf("ATTACH DATABASE %Q AS part", in[k]);
        ok = exec(s, q, error) && exec(s, "BEGIN IMMEDIATE", error);
        sqlite3_free(q);
        for (int i = 0; ok && i < ntables; i++) {
            char *sql = g_strdup_printf(
                "DELETE FROM main.%s WHERE doc IN (SELECT doc FROM part.documents);"
                "DELETE FROM main.%s WHERE doc IS NULL AND %s;"
                "INSERT INTO main.%s SELECT * FROM part.%s;",
                t[i].table, t[i].table,
                strcmp(t[i].table, "documents") == 0 || strcmp(t[i].table, "errors") == 0
                    ? "source IN (SELECT source FROM part.documents WHERE doc IS NULL)" : "0",
                t[i].table, t[i].table);
            ok = exec(s, sql, error);
            g_free(sql);
        }
        ok = ok ? exec(s, "COMMIT", error) : (exec(s, "ROLLBACK", NULL), FALSE);
        exec(s, "DETACH DATABASE part", NULL);
    }
    jx_sqlite_close(s);
    return ok;
}
