#include "extract/crosspage.h"

#include <math.h>
#include <string.h>

#define SAME_X 2.5 /* points */

/* Left edge of each grid column, from the cells that start there. */
static double *column_edges(const JxTable *t)
{
    double *x = g_new(double, t->ncols + 1);
    for (int c = 0; c <= t->ncols; c++)
        x[c] = NAN;
    for (guint i = 0; i < t->cells->len; i++) {
        const JxCell *cell = g_ptr_array_index(t->cells, i);
        if (isnan(x[cell->col]))
            x[cell->col] = cell->x0;
        if (isnan(x[cell->col + cell->colspan]))
            x[cell->col + cell->colspan] = cell->x1;
    }
    return x;
}

static gboolean same_columns(const JxTable *a, const JxTable *b)
{
    if (a->ncols != b->ncols)
        return FALSE;
    double *xa = column_edges(a), *xb = column_edges(b);
    gboolean same = TRUE;
    for (int c = 0; c <= a->ncols && same; c++)
        if (!isnan(xa[c]) && !isnan(xb[c]) && fabs(xa[c] - xb[c]) > SAME_X)
            same = FALSE;
    g_free(xa);
    g_free(xb);
    return same;
}

/* Page numbers and the like: "- 3 -", "第3页", "3/8". */
static gboolean page_furniture(const char *text)
{
    int digits = 0, other = 0;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isdigit(c))
            digits++;
        else if (!g_unichar_isspace(c) && !strchr("-/", (int)(c < 128 ? c : 0)) &&
                 c != 0x2014 && c != 0x7B2C && c != 0x9875 && c != 0x5171) /* — 第 页 共 */
            other++;
    }
    return digits > 0 && digits <= 4 && other == 0;
}

static gboolean blank(const char *s)
{
    for (; *s; s++)
        if (!g_ascii_isspace(*s))
            return FALSE;
    return TRUE;
}

/* Is b's first row the rest of a's last row? Each filled cell of it must
 * sit under a cell of that row whose text ran to the edge (or was empty),
 * and at least one under text that ran to the edge. */
static gboolean split_row(const JxTable *a, const JxTable *b)
{
    int last = a->nrows - 1, filled = 0, continued = 0;
    for (guint i = 0; i < b->cells->len; i++) {
        const JxCell *cb = g_ptr_array_index(b->cells, i);
        if (cb->row != 0 || blank(cb->text))
            continue;
        filled++;
        const JxCell *ca = jx_table_cell_at(a, last, cb->col);
        if (!ca || ca->col != cb->col)
            return FALSE;
        if (ca->runs_to_edge && !blank(ca->text))
            continued++;
        else if (!blank(ca->text))
            return FALSE;
    }
    return filled > 0 && continued > 0;
}

/* Appends b's first row to a's last row, then drops that row from b. */
static void join(JxTable *a, JxTable *b)
{
    int last = a->nrows - 1;
    for (guint i = 0; i < b->cells->len; i++) {
        JxCell *cb = g_ptr_array_index(b->cells, i);
        if (cb->row != 0 || blank(cb->text))
            continue;
        JxCell *ca = jx_table_cell_at(a, last, cb->col);
        char *t = g_strconcat(ca->text, cb->text, NULL); /* it ran to the edge */
        g_free(ca->text);
        ca->text = t;
        ca->marks |= JX_MARK_CROSS_PAGE;
        ca->runs_to_edge = cb->runs_to_edge;
    }
    for (guint i = b->cells->len; i > 0; i--) {
        JxCell *cb = g_ptr_array_index(b->cells, i - 1);
        if (cb->row == 0 && cb->rowspan == 1) {
            g_ptr_array_remove_index(b->cells, i - 1);
            continue;
        }
        if (cb->row == 0)
            cb->rowspan--; /* a merged cell that went on below the cut row */
        else
            cb->row--;
    }
    jx_table_finish(b);
}

void jx_crosspage_join(JxDoc *doc)
{
    JxTable *prev = NULL;
    for (guint i = 0; i < doc->blocks->len; i++) {
        JxBlock *b = g_ptr_array_index(doc->blocks, i);
        if (b->kind == JX_BLOCK_PARAGRAPH) {
            if (!page_furniture(b->text))
                prev = NULL;
            continue;
        }
        JxTable *t = b->table;
        if (prev && t->page_start == prev->page_end + 1 && same_columns(prev, t) &&
            prev->nrows > 0 && t->nrows > 0 && split_row(prev, t))
            join(prev, t);
        prev = t;
    }
}
