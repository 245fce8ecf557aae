#include "extract/layout.h"

#include <math.h>
#include <string.h>

#define SAME_LINE 0.45   /* centres closer than this many glyph heights */
#define WORD_GAP 0.3     /* a gap this many heights wide is a space */
#define PARA_GAP 0.8     /* a gap this many line heights starts a paragraph */
#define COLUMN_GAP 1.5   /* a gap this many heights wide separates columns */

static double height(const JxGlyph *g)
{
    return MAX(g->y1 - g->y0, 1.0);
}

static int cmp_yc(gconstpointer a, gconstpointer b)
{
    const JxGlyph *x = *(JxGlyph *const *)a, *y = *(JxGlyph *const *)b;
    double p = x->y0 + x->y1, q = y->y0 + y->y1;
    if (p != q)
        return (p > q) - (p < q);
    return (x->x0 > y->x0) - (x->x0 < y->x0);
}

static int cmp_x(gconstpointer a, gconstpointer b)
{
    const JxGlyph *x = *(JxGlyph *const *)a, *y = *(JxGlyph *const *)b;
    return (x->x0 > y->x0) - (x->x0 < y->x0);
}

static int cmp_line_y(gconstpointer a, gconstpointer b)
{
    const JxLine *x = *(JxLine *const *)a, *y = *(JxLine *const *)b;
    return (x->y0 > y->y0) - (x->y0 < y->y0);
}

static void line_free(gpointer p)
{
    JxLine *l = p;
    g_ptr_array_free(l->glyphs, TRUE);
    g_free(l);
}

GPtrArray *jx_layout_lines(GPtrArray *glyphs)
{
    GPtrArray *lines = g_ptr_array_new_with_free_func(line_free);
    g_ptr_array_sort(glyphs, cmp_yc);
    JxLine *cur = NULL;
    double cur_yc = 0, cur_h = 0;
    for (guint i = 0; i < glyphs->len; i++) {
        JxGlyph *g = g_ptr_array_index(glyphs, i);
        double yc = (g->y0 + g->y1) / 2, h = height(g);
        if (!cur || fabs(yc - cur_yc) > SAME_LINE * MAX(h, cur_h)) {
            cur = g_new0(JxLine, 1);
            cur->glyphs = g_ptr_array_new();
            cur->x0 = cur->y0 = G_MAXDOUBLE;
            cur->x1 = cur->y1 = -G_MAXDOUBLE;
            g_ptr_array_add(lines, cur);
            cur_yc = yc;
            cur_h = h;
        }
        g_ptr_array_add(cur->glyphs, g);
        cur->x0 = MIN(cur->x0, g->x0);
        cur->y0 = MIN(cur->y0, g->y0);
        cur->x1 = MAX(cur->x1, g->x1);
        cur->y1 = MAX(cur->y1, g->y1);
    }
    for (guint i = 0; i < lines->len; i++)
        g_ptr_array_sort(((JxLine *)g_ptr_array_index(lines, i))->glyphs, cmp_x);
    g_ptr_array_sort(lines, cmp_line_y);
    return lines;
}

static void append_line(GString *o, const JxLine *l, guint from, guint to)
{
    for (guint i = from; i < to; i++) {
        const JxGlyph *g = g_ptr_array_index(l->glyphs, i);
        if (i > from) {
            const JxGlyph *p = g_ptr_array_index(l->glyphs, i - 1);
            if (g->x0 - p->x1 > WORD_GAP * MAX(height(g), height(p)))
                g_string_append_c(o, ' ');
        }
        g_string_append_unichar(o, g->c);
    }
}

char *jx_layout_text(GPtrArray *lines, guint from, guint to)
{
    GString *o = g_string_new(NULL);
    for (guint i = from; i < to && i < lines->len; i++) {
        const JxLine *l = g_ptr_array_index(lines, i);
        if (o->len)
            g_string_append_c(o, '\n');
        append_line(o, l, 0, l->glyphs->len);
    }
    return g_string_free(o, FALSE);
}

char *jx_layout_glyph_text(GPtrArray *glyphs)
{
    GPtrArray *lines = jx_layout_lines(glyphs);
    char *t = jx_layout_text(lines, 0, lines->len);
    g_ptr_array_free(lines, TRUE);
    return t;
}

static gboolean latin(gunichar c)
{
    return c < 128 && g_ascii_isalpha(c);
}

static gboolean reaches(const JxLine *l, double right)
{
    const JxGlyph *end = g_ptr_array_index(l->glyphs, l->glyphs->len - 1);
    return right - l->x1 < 1.5 * height(end);
}

char *jx_layout_cell_text(GPtrArray *glyphs, double right, gboolean *runs_to_edge)
{
    GPtrArray *lines = jx_layout_lines(glyphs);
    GString *o = g_string_new(NULL);
    *runs_to_edge = lines->len > 0 && reaches(g_ptr_array_index(lines, lines->len - 1), right);
    for (guint i = 0; i < lines->len; i++) {
        const JxLine *l = g_ptr_array_index(lines, i);
        if (i > 0) {
            const JxLine *p = g_ptr_array_index(lines, i - 1);
            const JxGlyph *end = g_ptr_array_index(p->glyphs, p->glyphs->len - 1);
            const JxGlyph *start = g_ptr_array_index(l->glyphs, 0);
            if (!reaches(p, right))
                g_string_append_c(o, '\n');
            else if (latin(end->c) && latin(start->c))
                g_string_append_c(o, ' ');
        }
        append_line(o, l, 0, l->glyphs->len);
    }
    g_ptr_array_free(lines, TRUE);
    return g_string_free(o, FALSE);
}

GArray *jx_layout_paragraphs(GPtrArray *lines, guint from, guint to)
{
    GArray *starts = g_array_new(FALSE, FALSE, sizeof(guint));
    for (guint i = from; i < to; i++) {
        if (i == from) {
            g_array_append_val(starts, i);
            continue;
        }
        const JxLine *p = g_ptr_array_index(lines, i - 1), *l = g_ptr_array_index(lines, i);
        double lh = MAX(p->y1 - p->y0, l->y1 - l->y0);
        if (l->y0 - p->y1 > PARA_GAP * lh)
            g_array_append_val(starts, i);
    }
    return starts;
}

GArray *jx_layout_chunks(const JxLine *line, double gap)
{
    GArray *starts = g_array_new(FALSE, FALSE, sizeof(guint));
    for (guint i = 0; i < line->glyphs->len; i++) {
        const JxGlyph *g = g_ptr_array_index(line->glyphs, i);
        if (i > 0) {
            const JxGlyph *p = g_ptr_array_index(line->glyphs, i - 1);
            if (g->x0 - p->x1 <= gap * MAX(height(g), height(p)))
                continue;
        }
        g_array_append_val(starts, i);
    }
    return starts;
}

/* ---------- tables without ruling lines ---------- */

static void text_table_free(gpointer p)
{
    JxTextTable *t = p;
    g_free(t->xs);
    g_free(t);
}

/* Column boundaries of lines [first, last]: x ranges that no chunk of the
 * tabular lines covers (allowing one line in ten to span them). */
static JxTextTable *columns_of(GPtrArray *lines, guint first, guint last, const gboolean *tabular)
{
    double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
    int ntab = 0;
    for (guint i = first; i <= last; i++) {
        const JxLine *l = g_ptr_array_index(lines, i);
        lo = MIN(lo, l->x0);
        hi = MAX(hi, l->x1);
        ntab += tabular[i];
    }
    int width = (int)ceil(hi - lo) + 1;
    if (width < 3 || width > 20000)
        return NULL;
    int *cover = g_new0(int, width);
    for (guint i = first; i <= last; i++) {
        if (!tabular[i])
            continue;
        const JxLine *l = g_ptr_array_index(lines, i);
        GArray *ch = jx_layout_chunks(l, COLUMN_GAP);
        for (guint k = 0; k < ch->len; k++) {
            guint a = g_array_index(ch, guint, k);
            guint b = k + 1 < ch->len ? g_array_index(ch, guint, k + 1) : l->glyphs->len;
            const JxGlyph *g0 = g_ptr_array_index(l->glyphs, a);
            const JxGlyph *g1 = g_ptr_array_index(l->glyphs, b - 1);
            for (int x = (int)floor(g0->x0 - lo); x <= (int)ceil(g1->x1 - lo) && x < width; x++)
                if (x >= 0)
                    cover[x]++;
        }
        g_array_free(ch, TRUE);
    }
    int allowed = ntab / 10;
    GArray *xs = g_array_new(FALSE, FALSE, sizeof(double));
    g_array_append_val(xs, lo);
    for (int x = 0; x < width;) {
        if (cover[x] > allowed) {
            x++;
            continue;
        }
        int start = x;
        while (x < width && cover[x] <= allowed)
            x++;
        if (start > 0 && x < width && x - start >= 3) {
            double mid = lo + (start + x) / 2.0;
            g_array_append_val(xs, mid);
        }
    }
    g_array_append_val(xs, hi);
    g_free(cover);
    if (xs->len < 4) { /* fewer than three columns */
        g_array_free(xs, TRUE);
        return NULL;
    }
    JxTextTable *t = g_new0(JxTextTable, 1);
    t->first = first;
    t->last = last;
    t->ncols = (int)xs->len - 1;
    t->xs = (double *)g_array_free(xs, FALSE);
    return t;
}

GPtrArray *jx_layout_text_tables(GPtrArray *lines, int min_rows)
{
    GPtrArray *tables = g_ptr_array_new_with_free_func(text_table_free);
    guint n = lines->len;
    gboolean *tabular = g_new0(gboolean, MAX(n, 1));
    for (guint i = 0; i < n; i++) {
        GArray *ch = jx_layout_chunks(g_ptr_array_index(lines, i), COLUMN_GAP);
        tabular[i] = ch->len >= 3;
        g_array_free(ch, TRUE);
    }
    for (guint i = 0; i < n;) {
        if (!tabular[i]) {
            i++;
            continue;
        }
        /* a run of tabular lines; up to two wrapped lines may sit between */
        guint last = i, rows = 1;
        for (guint j = i + 1; j < n && j <= last + 3; j++)
            if (tabular[j]) {
                last = j;
                rows++;
            }
        if ((int)rows >= min_rows) {
            JxTextTable *t = columns_of(lines, i, last, tabular);
            if (t)
                g_ptr_array_add(tables, t);
        }
        i = last + 1;
    }
    g_free(tabular);
    return tables;
}
