#include "extract/doc.h"

JxDoc *jx_doc_new(const char *format)
{
    JxDoc *doc = g_new0(JxDoc, 1);
    doc->blocks = g_ptr_array_new();
    doc->format = format;
    doc->text_source = "native";
    doc->pages_without_text = g_array_new(FALSE, FALSE, sizeof(int));
    doc->pages_garbled = g_array_new(FALSE, FALSE, sizeof(int));
    doc->notes = g_ptr_array_new_with_free_func(g_free);
    doc->views = g_array_new(FALSE, FALSE, sizeof(JxPageView));
    return doc;
}

static void block_free(JxBlock *b)
{
    g_free(b->text);
    if (b->table)
        jx_table_free(b->table);
    g_free(b);
}

void jx_doc_free(JxDoc *doc)
{
    if (!doc)
        return;
    for (guint i = 0; i < doc->blocks->len; i++)
        block_free(g_ptr_array_index(doc->blocks, i));
    g_ptr_array_free(doc->blocks, TRUE);
    g_array_free(doc->pages_without_text, TRUE);
    g_array_free(doc->pages_garbled, TRUE);
    g_ptr_array_unref(doc->notes);
    g_array_free(doc->views, TRUE);
    g_free(doc);
}

void jx_doc_set_view(JxDoc *doc, int page, double angle, double scale)
{
    for (guint i = 0; i < doc->views->len; i++)
        if (g_array_index(doc->views, JxPageView, i).page == page)
            g_array_remove_index(doc->views, i--);
    if (angle == 0 && scale == 1)
        return;
    JxPageView v = {page, angle, scale};
    g_array_append_val(doc->views, v);
}

JxPageView jx_doc_view(const JxDoc *doc, int page)
{
    for (guint i = 0; i < doc->views->len; i++)
        if (g_array_index(doc->views, JxPageView, i).page == page)
            return g_array_index(doc->views, JxPageView, i);
    return (JxPageView){page, 0, 1};
}

JxBlock *jx_doc_add_paragraph(JxDoc *doc, const char *text, int page)
{
    JxBlock *b = g_new0(JxBlock, 1);
    b->kind = JX_BLOCK_PARAGRAPH;
    b->page = page;
    b->text = g_strdup(text);
    g_ptr_array_add(doc->blocks, b);
    return b;
}

void jx_doc_add_table(JxDoc *doc, JxTable *table, int page)
{
    JxBlock *b = g_new0(JxBlock, 1);
    b->kind = JX_BLOCK_TABLE;
    b->page = page;
    b->table = table;
    g_ptr_array_add(doc->blocks, b);
}

static void cell_free(gpointer p)
{
    JxCell *c = p;
    g_free(c->text);
    g_free(c);
}

JxTable *jx_table_new(void)
{
    JxTable *t = g_new0(JxTable, 1);
    t->cells = g_ptr_array_new_with_free_func(cell_free);
    return t;
}

void jx_table_free(JxTable *t)
{
    if (!t)
        return;
    g_ptr_array_free(t->cells, TRUE);
    g_free(t->grid);
    g_free(t);
}

JxCell *jx_table_add_cell(JxTable *t, int row, int col, int rowspan,
                          int colspan, const char *text)
{
    JxCell *c = g_new0(JxCell, 1);
    c->row = row;
    c->col = col;
    c->rowspan = MAX(rowspan, 1);
    c->colspan = MAX(colspan, 1);
    c->text = g_strdup(text ? text : "");
    g_ptr_array_add(t->cells, c);
    return c;
}

void jx_table_finish(JxTable *t)
{
    int nr = 0, nc = 0;
    for (guint i = 0; i < t->cells->len; i++) {
        JxCell *c = g_ptr_array_index(t->cells, i);
        nr = MAX(nr, c->row + c->rowspan);
        nc = MAX(nc, c->col + c->colspan);
    }
    t->nrows = nr;
    t->ncols = nc;
    g_free(t->grid);
    t->grid = g_new(int, (gsize)MAX(nr * nc, 1));
    for (int i = 0; i < nr * nc; i++)
        t->grid[i] = -1;
    for (guint i = 0; i < t->cells->len; i++) {
        JxCell *c = g_ptr_array_index(t->cells, i);
        for (int r = c->row; r < c->row + c->rowspan; r++)
            for (int k = c->col; k < c->col + c->colspan; k++)
                if (t->grid[r * nc + k] < 0)
                    t->grid[r * nc + k] = (int)i;
    }
}

JxCell *jx_table_cell_at(const JxTable *t, int row, int col)
{
    if (!t->grid || row < 0 || col < 0 || row >= t->nrows || col >= t->ncols)
        return NULL;
    int i = t->grid[row * t->ncols + col];
    return i < 0 ? NULL : g_ptr_array_index(t->cells, i);
}
