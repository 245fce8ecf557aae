#include "sink/pg.h"

#include <libpq-fe.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "common/error.h"
#include "sink/columns.h"
#include "sink/json.h"

#define NTABLES JX_RECORD_COUNT
/* advisory lock keys (two int4s): 'jx' then what the lock guards */
#define LOCK_SPACE 27256
#define LOCK_DDL_SPACE 27257

struct JxPg {
    PGconn *conn;
    int nparams[NTABLES];  /* columns of each table (JxRecordKind) */
    GArray *values;        /* JxColumnValue: the row being written */
    GPtrArray *texts;      /* char*: its values as text, owned */
    const JxDocInfo *doc;  /* ... of this document */
    guint written;         /* its records written so far */
    char *name;            /* jx_pg_name */
};

gboolean jx_pg_is_uri(const char *target)
{
    return target && (g_str_has_prefix(target, "postgresql://") ||
                      g_str_has_prefix(target, "postgres://"));
}

/* Sets *error from the connection's message (trailing newline cut). */
static gboolean fail(JxPg *p, GError **error, const char *what)
{
    char *msg = g_strchomp(g_strdup(p->conn ? PQerrorMessage(p->conn) : "out of memory"));
    g_set_error(error, JX_ERROR, JX_ERROR_IO, "postgresql: %s: %s", what, msg);
    g_free(msg);
    return FALSE;
}

/* Takes res (PQclear'd here): TRUE when its status is want. */
static gboolean check(JxPg *p, PGresult *res, ExecStatusType want, GError **error,
                      const char *what)
{
    gboolean ok = res && PQresultStatus(res) == want;
    if (!ok) {
        const char *msg = res ? PQresultErrorMessage(res) : "";
        if (msg && *msg) {
            char *m = g_strchomp(g_strdup(msg));
            g_set_error(error, JX_ERROR, JX_ERROR_IO, "postgresql: %s: %s", what, m);
            g_free(m);
        } else {
            fail(p, error, what);
        }
    }
    PQclear(res);
    return ok;
}

static gboolean exec(JxPg *p, const char *sql, GError **error)
{
    return check(p, PQexec(p->conn, sql), PGRES_COMMAND_OK, error, sql);
}

static const char *sql_type(JxColumnType t)
{
    switch (t) {
    case JX_COLUMN_INT: return "bigint";
    case JX_COLUMN_REAL: return "double precision";
    case JX_COLUMN_BOOL: return "boolean";
    case JX_COLUMN_NULL:
    case JX_COLUMN_TEXT: break;
    }
    return "text";
}

/* "table"."column" pairs the database holds in the current schema. */
static GHashTable *existing_columns(JxPg *p, GError **error)
{
    PGresult *res = PQexec(p->conn, "SELECT table_name, column_name FROM information_schema.columns"
                                    " WHERE table_schema = current_schema()");
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        check(p, res, PGRES_TUPLES_OK, error, "reading the columns");
        return NULL;
    }
    GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (int i = 0; i < PQntuples(res); i++)
        g_hash_table_add(set, g_strdup_printf("%s.%s", PQgetvalue(res, i, 0), PQgetvalue(res, i, 1)));
    PQclear(res);
    return set;
}

/* The tables, their indexes, and any column an older jixiao did not make,
 * in one transaction under the DDL lock: writers starting at once take
 * turns, and each finds what the one before made. */
static gboolean create_tables(JxPg *p, GError **error)
{
    if (!exec(p, "SET client_min_messages = warning", error) || !exec(p, "BEGIN", error))
        return FALSE;
    gboolean ok = check(p, PQexec(p->conn, "SELECT pg_advisory_xact_lock(" G_STRINGIFY(LOCK_DDL_SPACE) ", 0)"),
                        PGRES_TUPLES_OK, error, "the table lock");
    for (int i = 0; ok && i < NTABLES; i++) {
        const JxRecordType *t = jx_record_type(i);
        GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
        GArray *types = g_array_new(FALSE, FALSE, sizeof(JxColumnType));
        jx_column_names(t, names);
        jx_column_types(t, types);
        GString *sql = g_string_new(NULL);
        g_string_append_printf(sql, "CREATE TABLE IF NOT EXISTS \"%s\" (", t->table);
        for (guint c = 0; c < names->len; c++)
            g_string_append_printf(sql, "%s\"%s\" %s", c ? ", " : "",
                                   (char *)g_ptr_array_index(names, c),
                                   sql_type(g_array_index(types, JxColumnType, c)));
        g_string_append_printf(sql, "); CREATE INDEX IF NOT EXISTS \"%s_doc\" ON \"%s\" (doc)",
                               t->table, t->table);
        ok = exec(p, sql->str, error);
        g_string_free(sql, TRUE);
        GHashTable *have = ok ? existing_columns(p, error) : NULL;
        ok = have != NULL;
        for (guint c = 0; ok && c < names->len; c++) {
            const char *name = g_ptr_array_index(names, c);
            char *key = g_strdup_printf("%s.%s", t->table, name);
            if (!g_hash_table_contains(have, key)) { /* made by an older jixiao */
                char *add = g_strdup_printf("ALTER TABLE \"%s\" ADD COLUMN IF NOT EXISTS \"%s\" %s",
                                            t->table, name,
                                            sql_type(g_array_index(types, JxColumnType, c)));
                ok = exec(p, add, error);
                g_free(add);
            }
            g_free(key);
        }
        if (have)
            g_hash_table_destroy(have);
        p->nparams[i] = (int)names->len;
        g_ptr_array_free(names, TRUE);
        g_array_free(types, TRUE);
    }
    ok = ok && exec(p, "CREATE INDEX IF NOT EXISTS documents_source ON documents (source)", error);
    if (ok)
        return exec(p, "COMMIT", error);
    exec(p, "ROLLBACK", NULL);
    return FALSE;
}

/* The statements of a put, prepared once per connection: ins_<table>,
 * del_<table>, del_unread_documents, del_unread_errors, lock. */
static gboolean prepare(JxPg *p, GError **error)
{
    gboolean ok = TRUE;
    for (int i = 0; ok && i < NTABLES; i++) {
        const JxRecordType *t = jx_record_type(i);
        GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
        jx_column_names(t, names);
        GString *sql = g_string_new(NULL);
        g_string_append_printf(sql, "INSERT INTO \"%s\" (", t->table);
        for (guint c = 0; c < names->len; c++)
            g_string_append_printf(sql, "%s\"%s\"", c ? ", " : "", (char *)g_ptr_array_index(names, c));
        g_string_append(sql, ") VALUES (");
        for (guint c = 0; c < names->len; c++)
            g_string_append_printf(sql, "%s$%u", c ? ", " : "", c + 1);
        g_string_append(sql, ")");
        char *name = g_strdup_printf("ins_%s", t->table);
        ok = check(p, PQprepare(p->conn, name, sql->str, 0, NULL), PGRES_COMMAND_OK, error, name);
        g_free(name);
        g_string_free(sql, TRUE);
        g_ptr_array_free(names, TRUE);
        name = g_strdup_printf("del_%s", t->table);
        char *del = g_strdup_printf("DELETE FROM \"%s\" WHERE doc = $1", t->table);
        ok = ok && check(p, PQprepare(p->conn, name, del, 0, NULL), PGRES_COMMAND_OK, error, name);
        g_free(del);
        g_free(name);
    }
    return ok &&
           check(p, PQprepare(p->conn, "del_unread_documents",
                              "DELETE FROM documents WHERE doc IS NULL AND source = $1", 0, NULL),
                 PGRES_COMMAND_OK, error, "prepare") &&
           check(p, PQprepare(p->conn, "del_unread_errors",
                              "DELETE FROM errors WHERE doc IS NULL AND source = $1", 0, NULL),
                 PGRES_COMMAND_OK, error, "prepare") &&
           check(p, PQprepare(p->conn, "lock", "SELECT pg_advisory_xact_lock(" G_STRINGIFY(LOCK_SPACE) ", hashtext($1))",
                              0, NULL),
                 PGRES_COMMAND_OK, error, "prepare");
}

JxPg *jx_pg_open(const char *conninfo, GError **error)
{
    g_return_val_if_fail(conninfo != NULL, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);
    JxPg *p = g_new0(JxPg, 1);
    p->values = g_array_new(FALSE, FALSE, sizeof(JxColumnValue));
    p->texts = g_ptr_array_new_with_free_func(g_free);
    p->conn = PQconnectdb(conninfo);
    if (!p->conn || PQstatus(p->conn) != CONNECTION_OK) {
        fail(p, error, "cannot connect");
        jx_pg_close(p);
        return NULL;
    }
    if (!exec(p, "SET client_encoding = 'UTF8'", error) || !create_tables(p, error) ||
        !prepare(p, error)) {
        jx_pg_close(p);
        return NULL;
    }
    return p;
}

void jx_pg_close(JxPg *p)
{
    if (!p)
        return;
    PQfinish(p->conn);
    g_free(p->name);
    g_array_free(p->values, TRUE);
    g_ptr_array_free(p->texts, TRUE);
    g_free(p);
}

const char *jx_pg_name(JxPg *p)
{
    g_return_val_if_fail(p != NULL, NULL);
    if (!p->name) {
        const char *host = PQhost(p->conn);
        p->name = g_strdup_printf("postgresql database %s on %s", PQdb(p->conn),
                                  host && *host ? host : "localhost");
    }
    return p->name;
}

GHashTable *jx_pg_known(JxPg *p, GError **error)
{
    g_return_val_if_fail(p != NULL, NULL);
    PGresult *res = PQexec(p->conn, "SELECT doc FROM documents WHERE doc IS NOT NULL");
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        check(p, res, PGRES_TUPLES_OK, error, "reading the documents");
        return NULL;
    }
    GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (int i = 0; i < PQntuples(res); i++)
        g_hash_table_add(set, g_strdup(PQgetvalue(res, i, 0)));
    PQclear(res);
    return set;
}

/* One statement's run with one text parameter. */
static gboolean run1(JxPg *p, const char *stmt, const char *param, ExecStatusType want,
                     GError **error)
{
    const char *params[1] = {param};
    return check(p, PQexecPrepared(p->conn, stmt, 1, params, NULL, NULL, 0), want, error, stmt);
}

/* Takes the document's lock and deletes what the database holds for it. */
static gboolean erase(JxPg *p, const JxDocInfo *d, GError **error)
{
    if (!d->sha256) { /* an unreadable file: known by its path only */
        char *valid = d->source ? g_utf8_make_valid(d->source, -1) : g_strdup("");
        char *key = g_strconcat("source:", valid, NULL);
        gboolean ok = run1(p, "lock", key, PGRES_TUPLES_OK, error) &&
                      run1(p, "del_unread_documents", valid, PGRES_COMMAND_OK, error) &&
                      run1(p, "del_unread_errors", valid, PGRES_COMMAND_OK, error);
        g_free(key);
        g_free(valid);
        return ok;
    }
    if (!run1(p, "lock", d->sha256, PGRES_TUPLES_OK, error))
        return FALSE;
    for (int i = 0; i < NTABLES; i++) {
        char *name = g_strdup_printf("del_%s", jx_record_type(i)->table);
        gboolean ok = run1(p, name, d->sha256, PGRES_COMMAND_OK, error);
        g_free(name);
        if (!ok)
            return FALSE;
    }
    return TRUE;
}

/* Test hook: JIXIAO_TEST_KILL_IN_PUT=N kills the process in the middle of
 * the N-th document's transaction, as the SQLite sink's does. */
static void test_kill(void)
{
#ifdef JX_TEST_HOOKS
    static int count = 0;
    const char *n = g_getenv("JIXIAO_TEST_KILL_IN_PUT");
    if (n && ++count == atoi(n))
        raise(SIGKILL);
#endif
}

/* A column value as PostgreSQL's text input takes it (owned by p->texts),
 * or NULL for null. */
static const char *as_text(JxPg *p, const JxColumnValue *c)
{
    char *s = NULL;
    GString *num;
    switch (c->type) {
    case JX_COLUMN_NULL: return NULL;
    case JX_COLUMN_TEXT: return c->text;
    case JX_COLUMN_BOOL: return c->i ? "t" : "f";
    case JX_COLUMN_INT: s = g_strdup_printf("%" G_GINT64_FORMAT, c->i); break;
    case JX_COLUMN_REAL:
        num = g_string_new(NULL);
        jx_json_append_number(num, c->d);
        s = g_string_free(num, FALSE);
        break;
    }
    g_ptr_array_add(p->texts, s);
    return s;
}

static gboolean put_record(const JxRecordType *t, const void *rec, gpointer ctx, GError **error)
{
    JxPg *p = ctx;
    jx_column_values_append(p->values, t, rec, p->doc);
    int n = (int)p->values->len;
    const char **params = g_new0(const char *, n > 0 ? n : 1);
    for (int c = 0; c < n; c++)
        params[c] = as_text(p, &g_array_index(p->values, JxColumnValue, c));
    char *name = g_strdup_printf("ins_%s", t->table);
    gboolean ok = n == p->nparams[t->kind] &&
                  check(p, PQexecPrepared(p->conn, name, n, params, NULL, NULL, 0),
                        PGRES_COMMAND_OK, error, name);
    if (n != p->nparams[t->kind])
        g_set_error(error, JX_ERROR, JX_ERROR_IO, "postgresql: %s: %d values for %d columns",
                    name, n, p->nparams[t->kind]);
    g_free(name);
    g_free(params);
    jx_column_values_clear(p->values);
    g_ptr_array_set_size(p->texts, 0);
    if (p->written++ == 1)
        test_kill();
    return ok;
}

gboolean jx_pg_put(JxPg *p, const JxRecords *r, GError **error)
{
    g_return_val_if_fail(p != NULL && r != NULL, FALSE);
    g_return_val_if_fail(error == NULL || *error == NULL, FALSE);
    p->doc = &r->document;
    p->written = 0;
    gboolean ok = exec(p, "BEGIN", error) && erase(p, &r->document, error) &&
                  jx_records_foreach(r, put_record, p, error);
    if (ok)
        ok = exec(p, "COMMIT", error);
    else
        exec(p, "ROLLBACK", NULL);
    return ok;
}
