#include "sink/tables.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include "common/error.h"
#include "sink/csv.h"
#include "sink/json.h"

static gboolean has_box(const JxCell *c)
{
    return c->x1 > c->x0 && c->y1 > c->y0;
}

static void append_box(GString *o, gboolean set, double x0, double y0, double x1, double y1)
{
    if (!set) {
        g_string_append(o, "null");
        return;
    }
    const double v[4] = {x0, y0, x1, y1};
    for (int i = 0; i < 4; i++) {
        g_string_append_c(o, i ? ',' : '[');
        /* two decimals are finer than any printed stroke */
        jx_json_append_number(o, (double)(gint64)(v[i] * 100 + (v[i] < 0 ? -0.5 : 0.5)) / 100);
    }
    g_string_append_c(o, ']');
}

static void table_json(GString *o, const JxTable *t, int index)
{
    gboolean box = FALSE;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    for (guint i = 0; i < t->cells->len; i++) {
        const JxCell *c = g_ptr_array_index(t->cells, i);
        if (!has_box(c) || c->page != t->page_start)
            continue;
        if (!box) {
            x0 = c->x0, y0 = c->y0, x1 = c->x1, y1 = c->y1;
            box = TRUE;
        }
        x0 = MIN(x0, c->x0), y0 = MIN(y0, c->y0), x1 = MAX(x1, c->x1), y1 = MAX(y1, c->y1);
    }
    unsigned flags = 0;
    for (guint i = 0; i < t->cells->len; i++)
        flags |= ((const JxCell *)g_ptr_array_index(t->cells, i))->flags;

    JxJson j;
    jx_json_begin(&j, o);
    jx_json_int(&j, "table", TRUE, index);
    jx_json_int(&j, "page", t->page_start > 0, t->page_start);
    jx_json_int(&j, "page_end", t->page_end > 0, t->page_end);
    jx_json_key(&j, "box");
    append_box(o, box, x0, y0, x1, y1);
    jx_json_int(&j, "rows", TRUE, t->nrows);
    jx_json_int(&j, "cols", TRUE, t->ncols);
    jx_json_key(&j, "flags");
    jx_json_append_flags(o, flags);
    jx_json_key(&j, "cells");
    g_string_append_c(o, '[');
    for (guint i = 0; i < t->cells->len; i++) {
        const JxCell *c = g_ptr_array_index(t->cells, i);
        if (i)
            g_string_append_c(o, ',');
        JxJson cj;
        jx_json_begin(&cj, o);
        jx_json_int(&cj, "row", TRUE, c->row);
        jx_json_int(&cj, "col", TRUE, c->col);
        jx_json_int(&cj, "rowspan", TRUE, c->rowspan);
        jx_json_int(&cj, "colspan", TRUE, c->colspan);
        jx_json_str(&cj, "text", c->text);
        jx_json_int(&cj, "page", c->page > 0, c->page);
        jx_json_key(&cj, "box");
        append_box(o, has_box(c), c->x0, c->y0, c->x1, c->y1);
        jx_json_end(&cj);
    }
    g_string_append_c(o, ']');
    jx_json_end(&j);
}

void jx_tables_json(GString *out, const char *source, const JxDoc *doc)
{
    JxJson j;
    jx_json_begin(&j, out);
    jx_json_str(&j, "source", source);
    jx_json_str(&j, "format", doc->format);
    jx_json_int(&j, "pages", doc->pages > 0, doc->pages);
    jx_json_key(&j, "tables");
    g_string_append_c(out, '[');
    int n = 0;
    for (guint b = 0; b < doc->blocks->len; b++) {
        const JxBlock *blk = g_ptr_array_index(doc->blocks, b);
        if (blk->kind != JX_BLOCK_TABLE)
            continue;
        if (n)
            g_string_append_c(out, ',');
        table_json(out, blk->table, n++);
    }
    g_string_append_c(out, ']');
    jx_json_end(&j);
    g_string_append_c(out, '\n');
}

static void table_csv(GString *o, const JxTable *t)
{
    for (int r = 0; r < t->nrows; r++) {
        for (int c = 0; c < t->ncols; c++) {
            if (c)
                g_string_append_c(o, ',');
            const JxCell *cell = jx_table_cell_at(t, r, c);
            if (cell && cell->row == r && cell->col == c)
                jx_csv_field(o, cell->text);
        }
        g_string_append(o, "\r\n");
    }
}

gboolean jx_tables_csv(const char *dir, const char *stem, const JxDoc *doc, int *written,
                       GError **error)
{
    *written = 0;
    if (g_mkdir_with_parents(dir, 0777) != 0) {
        g_set_error(error, JX_ERROR, JX_ERROR_IO, "%s: %s", dir, g_strerror(errno));
        return FALSE;
    }
    GString *o = g_string_new(NULL);
    gboolean ok = TRUE;
    for (guint b = 0; b < doc->blocks->len && ok; b++) {
        const JxBlock *blk = g_ptr_array_index(doc->blocks, b);
        if (blk->kind != JX_BLOCK_TABLE)
            continue;
        g_string_truncate(o, 0);
        table_csv(o, blk->table);
        char *name = g_strdup_printf("%s-t%d.csv", stem, *written + 1);
        char *path = g_build_filename(dir, name, NULL);
        GError *e = NULL;
        if (g_file_set_contents(path, o->str, (gssize)o->len, &e)) {
            (*written)++;
        } else {
            g_set_error(error, JX_ERROR, JX_ERROR_IO, "%s", e->message);
            g_error_free(e);
            ok = FALSE;
        }
        g_free(path);
        g_free(name);
    }
    g_string_free(o, TRUE);
    return ok;
}
