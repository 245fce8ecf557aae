#include "sink/csv.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "common/error.h"
#include "sink/columns.h"
#include "sink/json.h"

struct JxCsv {
    FILE *f[8];
    int n;
};

static void field(GString *o, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        g_string_append(o, s);
        return;
    }
    g_string_append_c(o, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            g_string_append_c(o, '"');
        g_string_append_c(o, *p);
    }
    g_string_append_c(o, '"');
}

static void value(GString *o, JsonNode *n)
{
    if (!n || JSON_NODE_HOLDS_NULL(n))
        return;
    if (JSON_NODE_HOLDS_VALUE(n)) {
        GType t = json_node_get_value_type(n);
        if (t == G_TYPE_STRING)
            field(o, json_node_get_string(n));
        else if (t == G_TYPE_BOOLEAN)
            g_string_append(o, json_node_get_boolean(n) ? "true" : "false");
        else if (t == G_TYPE_INT64)
            g_string_append_printf(o, "%" G_GINT64_FORMAT, json_node_get_int(n));
        else
            jx_json_append_number(o, json_node_get_double(n));
        return;
    }
    char *j = json_to_string(n, FALSE);
    field(o, j);
    g_free(j);
}

JxCsv *jx_csv_open(const char *dir, GError **error)
{
    if (g_mkdir_with_parents(dir, 0777) != 0) {
        g_set_error(error, JX_ERROR, JX_ERROR_IO, "cannot create %s: %s", dir, g_strerror(errno));
        return NULL;
    }
    JxCsv *c = g_new0(JxCsv, 1);
    const JxTableSpec *t = jx_tables(&c->n);
    for (int i = 0; i < c->n; i++) {
        char *name = g_strdup_printf("%s.csv", t[i].table);
        char *path = g_build_filename(dir, name, NULL);
        c->f[i] = fopen(path, "w");
        g_free(name);
        if (!c->f[i]) {
            g_set_error(error, JX_ERROR, JX_ERROR_IO, "cannot write %s: %s", path, g_strerror(errno));
            g_free(path);
            jx_csv_close(c, NULL);
            return NULL;
        }
        g_free(path);
        GString *h = g_string_new(NULL);
        for (int k = 0; k < t[i].ncols; k++) {
            if (k)
                g_string_append_c(h, ',');
            g_string_append(h, t[i].cols[k].name);
        }
        g_string_append(h, "\r\n");
        fwrite(h->str, 1, h->len, c->f[i]);
        g_string_free(h, TRUE);
    }
    return c;
}

static gboolean put_row(JsonObject *rec, const JxTableSpec *t, guint index, gpointer ctx,
                        GError **error)
{
    JxCsv *c = ctx;
    (void)index;
    if (!t)
        return TRUE;
    GString *row = g_string_new(NULL);
    for (int k = 0; k < t->ncols; k++) {
        if (k)
            g_string_append_c(row, ',');
        value(row, jx_column_node(rec, &t->cols[k]));
    }
    g_string_append(row, "\r\n");
    int n;
    gboolean ok = fwrite(row->str, 1, row->len, c->f[t - jx_tables(&n)]) == row->len;
    if (!ok)
        g_set_error(error, JX_ERROR, JX_ERROR_IO, "CSV write failed: %s", g_strerror(errno));
    g_string_free(row, TRUE);
    return ok;
}

gboolean jx_csv_put(JxCsv *c, const char *jsonl, gsize len, GError **error)
{
    return jx_records_foreach(jsonl, len, put_row, c, error);
}

gboolean jx_csv_close(JxCsv *c, GError **error)
{
    gboolean ok = TRUE;
    for (int i = 0; i < c->n; i++)
        if (c->f[i] && fclose(c->f[i]) != 0)
            ok = FALSE;
    if (!ok)
        g_set_error(error, JX_ERROR, JX_ERROR_IO, "CSV files could not be written whole");
    g_free(c);
    return ok;
}
