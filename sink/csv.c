#include "sink/csv.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "common/error.h"
#include "sink/columns.h"
#include "sink/json.h"

struct JxCsv {
    FILE *f[JX_RECORD_COUNT]; /* by JxRecordKind */
    GArray *values;           /* JxColumnValue: the row being written */
    const JxDocInfo *doc;     /* ... of this document */
};

void jx_csv_field(GString *o, const char *s)
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

static void put_value(GString *o, const JxColumnValue *c)
{
    switch (c->type) {
    case JX_COLUMN_NULL: break;
    case JX_COLUMN_TEXT: jx_csv_field(o, c->text); break;
    case JX_COLUMN_BOOL: g_string_append(o, c->i ? "true" : "false"); break;
    case JX_COLUMN_INT: g_string_append_printf(o, "%" G_GINT64_FORMAT, c->i); break;
    case JX_COLUMN_REAL: jx_json_append_number(o, c->d); break;
    }
}

JxCsv *jx_csv_open(const char *dir, GError **error)
{
    g_return_val_if_fail(dir != NULL, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);
    if (g_mkdir_with_parents(dir, 0777) != 0) {
        g_set_error(error, JX_ERROR, JX_ERROR_IO, "cannot create %s: %s", dir, g_strerror(errno));
        return NULL;
    }
    JxCsv *c = g_new0(JxCsv, 1);
    c->values = g_array_new(FALSE, FALSE, sizeof(JxColumnValue));
    for (int i = 0; i < JX_RECORD_COUNT; i++) {
        const JxRecordType *t = jx_record_type(i);
        char *name = g_strdup_printf("%s.csv", t->table);
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
        char *header = jx_column_list(t, ",");
        fprintf(c->f[i], "%s\r\n", header);
        g_free(header);
    }
    return c;
}

static gboolean put_row(const JxRecordType *t, const void *rec, gpointer ctx, GError **error)
{
    JxCsv *c = ctx;
    jx_column_values_append(c->values, t, rec, c->doc);
    GString *row = g_string_new(NULL);
    for (guint k = 0; k < c->values->len; k++) {
        if (k)
            g_string_append_c(row, ',');
        put_value(row, &g_array_index(c->values, JxColumnValue, k));
    }
    jx_column_values_clear(c->values);
    g_string_append(row, "\r\n");
    gboolean ok = fwrite(row->str, 1, row->len, c->f[t->kind]) == row->len;
    if (!ok)
        g_set_error(error, JX_ERROR, JX_ERROR_IO, "CSV write failed: %s", g_strerror(errno));
    g_string_free(row, TRUE);
    return ok;
}

gboolean jx_csv_put(JxCsv *c, const JxRecords *r, GError **error)
{
    g_return_val_if_fail(c != NULL && r != NULL, FALSE);
    g_return_val_if_fail(error == NULL || *error == NULL, FALSE);
    c->doc = &r->document;
    return jx_records_foreach(r, put_row, c, error);
}

gboolean jx_csv_close(JxCsv *c, GError **error)
{
    g_return_val_if_fail(c != NULL, FALSE);
    gboolean ok = TRUE;
    for (int i = 0; i < JX_RECORD_COUNT; i++)
        if (c->f[i] && fclose(c->f[i]) != 0)
            ok = FALSE;
    if (!ok)
        g_set_error(error, JX_ERROR, JX_ERROR_IO, "CSV files could not be written whole");
    g_array_free(c->values, TRUE);
    g_free(c);
    return ok;
}
