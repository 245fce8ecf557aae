#include "extract/office/sheet.h"

#include "common/error.h"

/* Stub: the XLSX work replaces it (one table a sheet, no splitting). */
typedef struct {
    guint32 row, col;
    char *text;
} SheetCell;

struct JxSheet {
    char *name;
    gboolean hidden;
    GArray *cells; /* SheetCell */
};

static void clear_cell(gpointer p)
{
    g_free(((SheetCell *)p)->text);
}

JxSheet *jx_sheet_new(const char *name, gboolean hidden)
{
    JxSheet *s = g_new0(JxSheet, 1);
    s->name = g_strdup(name ? name : "");
    s->hidden = hidden;
    s->cells = g_array_new(FALSE, FALSE, sizeof(SheetCell));
    g_array_set_clear_func(s->cells, clear_cell);
    return s;
}

void jx_sheet_free(JxSheet *s)
{
    if (!s)
        return;
    g_array_free(s->cells, TRUE);
    g_free(s->name);
    g_free(s);
}

gboolean jx_sheet_set(JxSheet *s, guint32 row, guint32 col, const char *text)
{
    if (row >= JX_SHEET_MAX_ROWS || col >= JX_SHEET_MAX_COLS || s->cells->len >= JX_SHEET_MAX_CELLS)
        return FALSE;
    SheetCell c = {row, col, g_strdup(text ? text : "")};
    g_array_append_val(s->cells, c);
    return TRUE;
}

gboolean jx_sheet_merge(JxSheet *s, guint32 r0, guint32 c0, guint32 r1, guint32 c1)
{
    (void)s;
    return r0 <= r1 && c0 <= c1 && r1 < JX_SHEET_MAX_ROWS && c1 < JX_SHEET_MAX_COLS;
}

void jx_sheet_hide_row(JxSheet *s, guint32 row)
{
    (void)s;
    (void)row;
}

void jx_sheet_hide_col(JxSheet *s, guint32 col)
{
    (void)s;
    (void)col;
}

gboolean jx_sheet_to_doc(const JxSheet *s, JxDoc *doc, GError **error)
{
    (void)error;
    if (s->hidden || s->cells->len == 0)
        return TRUE;
    JxTable *t = jx_table_new();
    for (guint i = 0; i < s->cells->len; i++) {
        const SheetCell *c = &g_array_index(s->cells, SheetCell, i);
        jx_table_add_cell(t, (int)c->row, (int)c->col, 1, 1, c->text);
    }
    jx_table_finish(t);
    jx_doc_add_table(doc, t, 0);
    return TRUE;
}
