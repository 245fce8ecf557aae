#include "extract/pdf/crosspage.h"

#include <math.h>
#include <string.h>

#include "common/edits.h"

#define SAME_X 3.0 /* points */

static gboolean blank(const char *s)
{
    for (; *s; s++)
        if (!g_ascii_isspace(*s))
            return FALSE;
    return TRUE;
}

/* Page numbers and the like: "- 3 -", "第3页", "3/8". */
static gboolean page_furniture(const char *text)
{
    int digits = 0, other = 0;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isdigit(c))
            digits++;
        else if (!g_unichar_isspace(c) && c != '-' && c != '/' && c != 0x2014 &&
                 c != 0x7B2C && c != 0x9875 && c != 0x5171) /* — 第 页 共 */
            other++;
    }
    return digits > 0 && digits <= 4 && other == 0;
}

static gboolean has_boxes(const JxTable *t)
{
    for (guint i = 0; i < t->cells->len; i++) {
        const JxCell *c = g_ptr_array_index(t->cells, i);
        if (c->x1 > c->x0)
            return TRUE;
    }
    return FALSE;
}

static void outer_edges(const JxTable *t, double *x0, double *x1)
{
    *x0 = G_MAXDOUBLE;
    *x1 = -G_MAXDOUBLE;
    for (guint i = 0; i < t->cells->len; i++) {
        const JxCell *c = g_ptr_array_index(t->cells, i);
        *x0 = MIN(*x0, c->x0);
        *x1 = MAX(*x1, c->x1);
    }
}

static int cmp_double(gconstpointer a, gconstpointer b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The column edges of both tables, those closer than SAME_X merged. */
static GArray *union_edges(const JxTable *a, const JxTable *b)
{
    GArray *all = g_array_new(FALSE, FALSE, sizeof(double));
    const JxTable *ts[2] = {a, b};
    for (int k = 0; k < 2; k++)
        for (guint i = 0; i < ts[k]->cells->len; i++) {
            const JxCell *c = g_ptr_array_index(ts[k]->cells, i);
            g_array_append_val(all, c->x0);
            g_array_append_val(all, c->x1);
        }
    g_array_sort(all, cmp_double);
    GArray *edges = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint i = 0; i < all->len; i++) {
        double x = g_array_index(all, double, i);
        if (!edges->len || x - g_array_index(edges, double, edges->len - 1) > SAME_X)
            g_array_append_val(edges, x);
    }
    g_array_free(all, TRUE);
    return edges;
}

static int edge_index(const GArray *edges, double x)
{
    int best = 0;
    for (guint i = 1; i < edges->len; i++)
        if (fabs(g_array_index(edges, double, i) - x) <
            fabs(g_array_index(edges, double, best) - x))
            best = (int)i;
    return best;
}

/* Puts the cells of t on the columns of `edges`. */
static void remap(JxTable *t, const GArray *edges)
{
    for (guint i = 0; i < t->cells->len; i++) {
        JxCell *c = g_ptr_array_index(t->cells, i);
        int c0 = edge_index(edges, c->x0), c1 = edge_index(edges, c->x1);
        c->col = c0;
        c->colspan = MAX(c1 - c0, 1);
    }
    jx_table_finish(t);
}

/* A number and nothing else ("4", "2.5", "95%", "1,200")? */
static gboolean numeric(const char *s)
{
    int digits = 0;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isdigit(c))
            digits++;
        else if (!g_unichar_isspace(c) && !(c < 0x80 && strchr(".,%+-", (int)c)) && c != 0xFF05) /* ％ */
            return FALSE;
    }
    return digits > 0;
}

/* Is b's first row the rest of a's last row? Each filled cell of it must
 * sit under a cell of that row whose text ran to the edge (or was empty),
 * and at least one under text that ran to the edge. One may sit under text
 * that stopped short when two others go on: a line that ends with a
 * full-width ；, or OCR that lost its last glyph, stops short of the edge.
 * Or, where the row's text stopped short everywhere (a line broken before
 * an opening bracket): it is the rest when every number of the row above
 * (its weight and score) stands over a blank, and it fills fewer cells,
 * each under text. A number under a number is never the rest of it (4 over
 * 2 is two rows' weights, not 42): such a row is not a continuation. */
static gboolean split_row(const JxTable *a, const JxTable *b)
{
    int last = a->nrows - 1, filled = 0, continued = 0, stopped = 0;
    for (guint i = 0; i < b->cells->len; i++) {
        const JxCell *cb = g_ptr_array_index(b->cells, i);
        if (cb->row != 0 || blank(cb->text))
            continue;
        filled++;
        const JxCell *ca = jx_table_cell_at(a, last, cb->col);
        if (!ca || ca->col != cb->col)
            return FALSE;
        if (numeric(ca->text) && numeric(cb->text))
            return FALSE;
        if (ca->runs_to_edge && !blank(ca->text))
            continued++;
        else if (!blank(ca->text))
            stopped++;
    }
    if (filled > 0 && continued > 0 && (stopped == 0 || (stopped == 1 && continued >= 2)))
        return TRUE;
    int numbers = 0, over_blank = 0;
    for (guint i = 0; i < a->cells->len; i++) {
        const JxCell *ca = g_ptr_array_index(a->cells, i);
        if (ca->row + ca->rowspan - 1 != last || !numeric(ca->text))
            continue;
        numbers++;
        const JxCell *cb = jx_table_cell_at(b, 0, ca->col);
        if (!cb || blank(cb->text))
            over_blank++;
    }
    return filled > 0 && continued + stopped == filled && numbers > 0 && over_blank == numbers &&
           filled <= numbers;
}

/* Drops b's first row (cells that span on lose a row). */
static void drop_first_row(JxTable *b)
{
    for (guint i = b->cells->len; i > 0; i--) {
        JxCell *cb = g_ptr_array_index(b->cells, i - 1);
        if (cb->row == 0 && cb->rowspan == 1)
            g_ptr_array_remove_index(b->cells, i - 1);
        else if (cb->row == 0)
            cb->rowspan--; /* a merged cell that went on below the cut row */
        else
            cb->row--;
    }
    jx_table_finish(b);
}

/* The same header text? Read by OCR, two prints of one header differ by a
 * misread character or a speck (一级指标 / 一级指 `标, 复核得分 / 夏核得分):
 * at most 3 characters in 10 may differ. */
static gboolean same_header(const JxCell *a, const JxCell *b)
{
    if (!((a->flags | b->flags) & JX_FLAG_BIT(JX_FLAG_OCR)))
        return strcmp(a->text, b->text) == 0;
    int longer = 0;
    int d = jx_edits(a->text, b->text, &longer);
    return d * 10 <= longer * 3;
}

/* Does b open with the header row of a, repeated on the new page? Each
 * cell must sit under one of a's first row; read by OCR, one in four may
 * read differently (复核得簿 for 复核得分) when the others are the same. */
static gboolean repeats_header(const JxTable *a, const JxTable *b)
{
    int filled = 0, same = 0, ocr = 0;
    for (guint i = 0; i < b->cells->len; i++) {
        const JxCell *cb = g_ptr_array_index(b->cells, i);
        if (cb->row != 0)
            continue;
        const JxCell *ca = jx_table_cell_at(a, 0, cb->col);
        if (!ca || ca->row != 0 || ca->col != cb->col)
            return FALSE;
        ocr |= (ca->flags | cb->flags) & JX_FLAG_BIT(JX_FLAG_OCR);
        filled += !blank(cb->text);
        same += !blank(cb->text) && same_header(ca, cb);
        if (blank(cb->text) != blank(ca->text))
            return FALSE;
    }
    return filled > 0 && (same == filled || (ocr && same >= 2 && (filled - same) * 4 <= filled));
}

/* b's first row is the rest of a's last row: its texts go there, and the
 * row leaves b. */
static void join_row(JxTable *a, JxTable *b)
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
        ca->flags |= JX_FLAG_BIT(JX_FLAG_CROSS_PAGE);
        ca->runs_to_edge = cb->runs_to_edge;
        if (cb->rowspan > 1) { /* a merged cell going on below: its text moved up */
            g_free(cb->text);
            cb->text = g_strdup("");
        }
    }
    drop_first_row(b);
}

/* a := a then b, one table; b is left empty. */
static void append(JxTable *a, JxTable *b)
{
    int offset = a->nrows;
    while (b->cells->len) {
        JxCell *c = g_ptr_array_steal_index(b->cells, 0);
        c->row += offset;
        g_ptr_array_add(a->cells, c);
    }
    a->page_end = MAX(a->page_end, b->page_end);
    jx_table_finish(a);
}

static gboolean continues(const JxTable *a, const JxTable *b)
{
    if (b->page_start != a->page_end + 1 || !has_boxes(a) || !has_boxes(b))
        return FALSE;
    double a0, a1, b0, b1;
    outer_edges(a, &a0, &a1);
    outer_edges(b, &b0, &b1);
    return fabs(a0 - b0) <= SAME_X && fabs(a1 - b1) <= SAME_X;
}

void jx_crosspage_join(JxDoc *doc)
{
    JxTable *prev = NULL;
    for (guint i = 0; i < doc->blocks->len; i++) {
        JxBlock *blk = g_ptr_array_index(doc->blocks, i);
        if (blk->kind == JX_BLOCK_PARAGRAPH) {
            if (!page_furniture(blk->text))
                prev = NULL;
            continue;
        }
        JxTable *t = blk->table;
        if (prev && continues(prev, t)) {
            GArray *edges = union_edges(prev, t);
            remap(prev, edges);
            remap(t, edges);
            g_array_free(edges, TRUE);
            if (t->nrows > 1 && repeats_header(prev, t))
                drop_first_row(t); /* the header repeated on the new page */
            if (t->nrows > 0 && split_row(prev, t))
                join_row(prev, t);
            append(prev, t);
            jx_table_free(t);
            g_free(g_ptr_array_steal_index(doc->blocks, i));
            i--; /* the next block moved here; prev goes on */
            continue;
        }
        prev = t;
    }
}
