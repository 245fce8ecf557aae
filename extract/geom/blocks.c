#include "extract/geom/blocks.h"

#include "extract/geom/layout.h"

/* Lines closer than this many line heights are one band (table row). */
#define BAND_GAP 0.3

GArray *jx_blocks_new(void)
{
    return g_array_new(FALSE, FALSE, sizeof(JxPageBlock));
}

static int cmp_block(gconstpointer a, gconstpointer b)
{
    const JxPageBlock *x = a, *y = b;
    return (x->y > y->y) - (x->y < y->y);
}

JxTable *jx_blocks_grid_table(const JxGrid *grid, int page, JxCellReader read, gpointer ctx)
{
    JxTable *t = jx_table_new();
    for (guint i = 0; i < grid->cells->len; i++) {
        const JxGridCell *gc = &g_array_index(grid->cells, JxGridCell, i);
        unsigned flags = 0;
        gboolean edge = FALSE;
        char *text = read(gc, i, &flags, &edge, ctx);
        JxCell *c = jx_table_add_cell(t, gc->row, gc->col, gc->rowspan, gc->colspan, text);
        g_free(text);
        c->runs_to_edge = edge;
        c->flags = flags;
        c->page = page;
        c->x0 = gc->x0;
        c->y0 = gc->y0;
        c->x1 = gc->x1;
        c->y1 = gc->y1;
    }
    jx_table_finish(t);
    t->page_start = t->page_end = page;
    return t;
}

/* A table without ruling lines, from the layout of its text; with a
 * reader, each cell is read in its box. */
static JxTable *text_table(GPtrArray *lines, const JxTextTable *tt, int page, JxBoxReader read,
                           gpointer ctx)
{
    int nrows = 0, ncols = 0;
    gboolean touch = FALSE;
    GArray *cells = jx_layout_text_cells(lines, tt->first, tt->last, &nrows, &ncols, &touch);
    JxTable *t = jx_table_new();
    for (guint i = 0; i < cells->len; i++) {
        const JxTextCell *tc = &g_array_index(cells, JxTextCell, i);
        unsigned flags = JX_FLAG_BIT(JX_FLAG_COLUMN_INFERRED) |
                         (touch ? JX_FLAG_BIT(JX_FLAG_ROWS_INFERRED) : 0);
        char *text = read ? read(tc->x0, tc->y0, tc->x1, tc->y1, &flags, TRUE, ctx) : NULL;
        JxCell *c = jx_table_add_cell(t, tc->row, tc->col, tc->rowspan, tc->colspan,
                                      text ? text : tc->text);
        g_free(text);
        c->page = page;
        c->flags |= flags;
        c->x0 = tc->x0;
        c->y0 = tc->y0;
        c->x1 = tc->x1;
        c->y1 = tc->y1;
        c->runs_to_edge = tc->runs_to_edge;
    }
    jx_layout_text_cells_free(cells);
    jx_table_finish(t);
    t->page_start = t->page_end = page;
    return t;
}

/* The text of paragraph lines [a, b): the glyphs', or read in the box
 * round the lines. */
static char *paragraph_text(GPtrArray *lines, guint a, guint b, JxBoxReader read, gpointer ctx,
                            unsigned *flags)
{
    if (!read)
        return jx_layout_text(lines, a, b);
    const JxLine *first = g_ptr_array_index(lines, a);
    double x0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = first->y1;
    for (guint i = a; i < b; i++) {
        const JxLine *l = g_ptr_array_index(lines, i);
        x0 = MIN(x0, l->x0);
        x1 = MAX(x1, l->x1);
        y1 = MAX(y1, l->y1);
    }
    return read(x0, first->y0, x1, y1, flags, FALSE, ctx);
}

guint jx_blocks_from_layout(GArray *blocks, GPtrArray *glyphs, int page, JxBoxReader read,
                            gpointer ctx)
{
    GPtrArray *lines = jx_layout_lines(glyphs);
    GPtrArray *bands = jx_layout_bands(lines, BAND_GAP);
    GPtrArray *tts = jx_layout_text_tables(bands, lines, 3);
    guint next = 0;
    for (guint t = 0; t <= tts->len && !(read && tts->len == 0); t++) {
        const JxTextTable *tt = t < tts->len ? g_ptr_array_index(tts, t) : NULL;
        guint end = tt ? tt->first : lines->len;
        GArray *paras = jx_layout_paragraphs(lines, next, end);
        for (guint k = 0; k < paras->len; k++) {
            guint a = g_array_index(paras, guint, k);
            guint b = k + 1 < paras->len ? g_array_index(paras, guint, k + 1) : end;
            const JxLine *first = g_ptr_array_index(lines, a);
            JxPageBlock it = {first->y0, NULL, NULL, 0};
            it.text = paragraph_text(lines, a, b, read, ctx, &it.flags);
            g_array_append_val(blocks, it);
        }
        g_array_free(paras, TRUE);
        if (tt) {
            JxPageBlock it = {((JxLine *)g_ptr_array_index(lines, tt->first))->y0, NULL,
                              text_table(lines, tt, page, read, ctx), 0};
            g_array_append_val(blocks, it);
            next = tt->last + 1;
        }
    }
    guint ntables = tts->len;
    g_ptr_array_free(tts, TRUE);
    g_ptr_array_free(bands, TRUE);
    g_ptr_array_free(lines, TRUE);
    return ntables;
}

void jx_blocks_add_to_doc(JxDoc *doc, GArray *blocks, int page, unsigned flags)
{
    g_array_sort(blocks, cmp_block);
    for (guint i = 0; i < blocks->len; i++) {
        JxPageBlock *it = &g_array_index(blocks, JxPageBlock, i);
        if (it->table) {
            for (guint k = 0; k < it->table->cells->len; k++)
                ((JxCell *)g_ptr_array_index(it->table->cells, k))->flags |= flags;
            jx_doc_add_table(doc, it->table, page);
        } else {
            jx_doc_add_paragraph(doc, it->text, page)->flags = flags | it->flags;
            g_free(it->text);
        }
    }
    g_array_free(blocks, TRUE);
}

/* A cell of a page with a text layer: the glyphs that fell in it. */
static char *glyph_cell(const JxGridCell *gc, guint i, unsigned *flags,
                        gboolean *runs_to_edge, gpointer ctx)
{
    GPtrArray **per_cell = ctx;
    (void)flags;
    return jx_layout_cell_text(per_cell[i], gc->x1, runs_to_edge);
}

void jx_blocks_add_page(JxDoc *doc, GArray *glyphs, const GPtrArray *grids, int page,
                        unsigned flags)
{
    GArray *items = jx_blocks_new();
    GPtrArray *free_glyphs = g_ptr_array_new();
    GPtrArray ***per_cell = g_new0(GPtrArray **, grids->len + 1);
    for (guint t = 0; t < grids->len; t++) {
        const JxGrid *grid = g_ptr_array_index(grids, t);
        per_cell[t] = g_new0(GPtrArray *, grid->cells->len + 1);
        for (guint i = 0; i < grid->cells->len; i++)
            per_cell[t][i] = g_ptr_array_new();
    }
    for (guint i = 0; i < glyphs->len; i++) {
        JxGlyph *g = &g_array_index(glyphs, JxGlyph, i);
        double x = (g->x0 + g->x1) / 2, y = (g->y0 + g->y1) / 2;
        gboolean placed = FALSE;
        for (guint t = 0; t < grids->len && !placed; t++) {
            int k = jx_grid_cell_at(g_ptr_array_index(grids, t), x, y);
            if (k >= 0) {
                g_ptr_array_add(per_cell[t][k], g);
                placed = TRUE;
            }
        }
        if (!placed)
            g_ptr_array_add(free_glyphs, g);
    }
    for (guint t = 0; t < grids->len; t++) {
        const JxGrid *grid = g_ptr_array_index(grids, t);
        JxPageBlock it = {grid->ys[0], NULL,
                          jx_blocks_grid_table(grid, page, glyph_cell, per_cell[t]), 0};
        g_array_append_val(items, it);
        for (guint i = 0; i < grid->cells->len; i++)
            g_ptr_array_free(per_cell[t][i], TRUE);
        g_free(per_cell[t]);
    }
    g_free(per_cell);

    jx_blocks_from_layout(items, free_glyphs, page, NULL, NULL);
    jx_blocks_add_to_doc(doc, items, page, flags);
    g_ptr_array_free(free_glyphs, TRUE);
}
