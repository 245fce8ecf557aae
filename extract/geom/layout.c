#include "extract/geom/layout.h"

#include <math.h>
#include <string.h>

#define SAME_LINE 0.45   /* centres closer than this many glyph heights */
#define WORD_GAP 0.3     /* a gap this many heights wide is a space */
#define LATIN_GAP 0.08   /* ... this wide, between Latin glyphs the producer spaced */
#define PARA_GAP 0.8     /* a gap this many line heights starts a paragraph */

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

/* Latin script, digits and ASCII marks: where words are spaced narrowly. */
static gboolean spaced_script(gunichar c)
{
    return (c > ' ' && c < 0x7f) || (c >= 0xc0 && c < 0x250);
}

static gboolean space_between(const JxGlyph *p, const JxGlyph *g)
{
    double gap = g->x0 - p->x1, h = MAX(height(g), height(p));
    if (gap > WORD_GAP * h)
        return TRUE;
    return g->word_start && gap > LATIN_GAP * h && spaced_script(p->c) && spaced_script(g->c);
}

static void append_line(GString *o, const JxLine *l, guint from, guint to)
{
    for (guint i = from; i < to; i++) {
        const JxGlyph *g = g_ptr_array_index(l->glyphs, i);
        if (i > from && space_between(g_ptr_array_index(l->glyphs, i - 1), g))
            g_string_append_c(o, ' ');
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

/* Part of a number: a number wrapped in a narrow cell joins without a space. */
static gboolean numeric(gunichar c)
{
    return g_ascii_isdigit(c) || c == '.' || c == ',' || c == '%';
}

static gboolean latin(gunichar c)
{
    return c < 128 && g_ascii_isalpha(c);
}

/* Whether a cell's lines, wrapped at its edge, were broken at a space:
 * between Latin letters always; in a cell without Han letters (where lines
 * break only at spaces) between any Latin-script glyphs but the parts of a
 * number and after a hyphen or slash. */
static gboolean wrapped_at_space(gunichar end, gunichar start, gboolean han)
{
    if (latin(end) && latin(start))
        return TRUE;
    return !han && spaced_script(end) && spaced_script(start) &&
           !(numeric(end) && numeric(start)) && end != '-' && end != '/';
}

static gboolean any_han(GPtrArray *glyphs)
{
    for (guint i = 0; i < glyphs->len; i++)
        if (g_unichar_get_script(((const JxGlyph *)g_ptr_array_index(glyphs, i))->c) ==
            G_UNICODE_SCRIPT_HAN)
            return TRUE;
    return FALSE;
}

static gboolean reaches(const JxLine *l, double right)
{
    const JxGlyph *end = g_ptr_array_index(l->glyphs, l->glyphs->len - 1);
    return right - l->x1 < 1.5 * height(end);
}

char *jx_layout_cell_text(GPtrArray *glyphs, double right, gboolean *runs_to_edge)
{
    gboolean han = any_han(glyphs);
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
            else if (wrapped_at_space(end->c, start->c, han))
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
    double right = -G_MAXDOUBLE, h = 0; /* of what came before: in a band,
                                          * glyphs of several lines interleave */
    for (guint i = 0; i < line->glyphs->len; i++) {
        const JxGlyph *g = g_ptr_array_index(line->glyphs, i);
        if (i == 0 || g->x0 - right > gap * MAX(height(g), h))
            g_array_append_val(starts, i);
        right = MAX(right, g->x1);
        h = height(g);
    }
    return starts;
}

static void band_free(gpointer p)
{
    JxBand *b = p;
    g_ptr_array_free(b->line.glyphs, TRUE);
    g_free(b);
}

GPtrArray *jx_layout_bands(GPtrArray *lines, double gap)
{
    GPtrArray *bands = g_ptr_array_new_with_free_func(band_free);
    JxBand *cur = NULL;
    for (guint i = 0; i < lines->len; i++) {
        const JxLine *l = g_ptr_array_index(lines, i);
        double lh = l->y1 - l->y0;
        const JxLine *prev = i > 0 ? g_ptr_array_index(lines, i - 1) : NULL;
        double ph = prev ? prev->y1 - prev->y0 : lh;
        /* a gap, or a change of size (a title over a table), ends a band */
        if (!cur || l->y0 - cur->line.y1 > gap * lh || fabs(lh - ph) > 0.3 * MAX(lh, ph)) {
            cur = g_new0(JxBand, 1);
            cur->line.glyphs = g_ptr_array_new();
            cur->line.x0 = cur->line.y0 = G_MAXDOUBLE;
            cur->line.x1 = cur->line.y1 = -G_MAXDOUBLE;
            cur->first = i;
            g_ptr_array_add(bands, cur);
        }
        cur->last = i;
        for (guint k = 0; k < l->glyphs->len; k++)
            g_ptr_array_add(cur->line.glyphs, g_ptr_array_index(l->glyphs, k));
        cur->line.x0 = MIN(cur->line.x0, l->x0);
        cur->line.y0 = MIN(cur->line.y0, l->y0);
        cur->line.x1 = MAX(cur->line.x1, l->x1);
        cur->line.y1 = MAX(cur->line.y1, l->y1);
    }
    for (guint i = 0; i < bands->len; i++)
        g_ptr_array_sort(((JxBand *)g_ptr_array_index(bands, i))->line.glyphs, cmp_x);
    return bands;
}

/* ---------- tables without ruling lines ---------- */

GPtrArray *jx_layout_text_tables(GPtrArray *bands, int min_rows)
{
    GPtrArray *tables = g_ptr_array_new_with_free_func(g_free);
    guint n = bands->len;
    gboolean *tabular = g_new0(gboolean, MAX(n, 1));
    for (guint i = 0; i < n; i++) {
        GArray *ch = jx_layout_chunks(&((JxBand *)g_ptr_array_index(bands, i))->line,
                                      JX_LAYOUT_COLUMN_GAP);
        tabular[i] = ch->len >= 3;
        g_array_free(ch, TRUE);
    }
    for (guint i = 0; i < n;) {
        if (!tabular[i]) {
            i++;
            continue;
        }
        /* a run of tabular bands; up to two others (a row spanning the
         * table, a section heading) may sit between them */
        guint last = i, rows = 1;
        for (guint j = i + 1; j < n && j <= last + 3; j++)
            if (tabular[j]) {
                last = j;
                rows++;
            }
        if ((int)rows >= min_rows) {
            JxTextTable *t = g_new0(JxTextTable, 1);
            t->first = ((JxBand *)g_ptr_array_index(bands, i))->first;
            t->last = ((JxBand *)g_ptr_array_index(bands, last))->last;
            g_ptr_array_add(tables, t);
        }
        i = last + 1;
    }
    g_free(tabular);
    return tables;
}

/* A piece of one line between wide gaps, placed in columns. */
typedef struct {
    GPtrArray *glyphs;
    double x0, y0, x1, y1;
    int c0, c1;
} Piece;

/* A column's text block: pieces of consecutive lines stacked in it. */
typedef struct {
    GPtrArray *glyphs;
    double x0, y0, x1, y1;
    int c0, c1;
    int r0, r1;
} Block;

static int cmp_double_asc(gconstpointer a, gconstpointer b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Column starts: left edges where pieces of at least two lines start. */
static GArray *column_starts(GArray *pieces)
{
    GArray *x0s = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint i = 0; i < pieces->len; i++)
        g_array_append_val(x0s, g_array_index(pieces, Piece, i).x0);
    g_array_sort(x0s, cmp_double_asc);
    GArray *starts = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint i = 0; i < x0s->len;) {
        guint j = i;
        while (j < x0s->len && g_array_index(x0s, double, j) - g_array_index(x0s, double, i) <= 3.0)
            j++;
        if (j - i >= 2 || starts->len == 0)
            g_array_append_val(starts, g_array_index(x0s, double, i));
        i = j;
    }
    g_array_free(x0s, TRUE);
    return starts;
}

static int start_col(const GArray *starts, double x)
{
    int c = 0;
    for (guint k = 0; k < starts->len; k++)
        if (g_array_index(starts, double, k) <= x + 1.5)
            c = (int)k;
    return c;
}

/* A gap between two text blocks of one column. */
typedef struct {
    double lo, hi;
    gboolean used;
} Gap;

static int cmp_gap_end(gconstpointer a, gconstpointer b)
{
    const Gap *x = a, *y = b;
    return (x->hi > y->hi) - (x->hi < y->hi);
}

static int cmp_block(gconstpointer a, gconstpointer b)
{
    const Block *x = a, *y = b;
    if (x->c0 != y->c0)
        return x->c0 - y->c0;
    return (x->y0 > y->y0) - (x->y0 < y->y0);
}

/* A merged cell shows its text centred on the rows it spans; a plain cell,
 * centred on its own row. So among the spans of empty rows around a cell
 * in its column, the one whose centre is nearest the text's is its span. */
static void centre_spans(GArray *cells, const GArray *bounds, int nr, int nc)
{
    if (nr < 2 || cells->len == 0)
        return;
    double top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE;
    for (guint i = 0; i < cells->len; i++) {
        const JxTextCell *c = &g_array_index(cells, JxTextCell, i);
        top = MIN(top, c->y0);
        bottom = MAX(bottom, c->y1);
    }
    double *edge = g_new(double, nr + 1); /* row r spans edge[r]..edge[r+1] */
    edge[0] = top;
    edge[nr] = bottom;
    for (int r = 1; r < nr; r++)
        edge[r] = g_array_index(bounds, double, r - 1);
    gboolean *used = g_new0(gboolean, (gsize)nr * nc);
    for (guint i = 0; i < cells->len; i++) {
        const JxTextCell *c = &g_array_index(cells, JxTextCell, i);
        for (int r = c->row; r < c->row + c->rowspan && r < nr; r++)
            for (int k = c->col; k < c->col + c->colspan && k < nc; k++)
                used[r * nc + k] = TRUE;
    }
    for (guint i = 0; i < cells->len; i++) {
        JxTextCell *c = &g_array_index(cells, JxTextCell, i);
        if (c->colspan != 1)
            continue;
        int up = c->row, down = c->row + c->rowspan - 1;
        while (up > 0 && !used[(up - 1) * nc + c->col])
            up--;
        while (down + 1 < nr && !used[(down + 1) * nc + c->col])
            down++;
        double centre = (c->y0 + c->y1) / 2;
        int best_a = c->row, best_b = c->row + c->rowspan - 1;
        double best = fabs((edge[best_a] + edge[best_b + 1]) / 2 - centre);
        /* a wider span must centre the text clearly better */
        double margin = 0.2 * (edge[best_b + 1] - edge[best_a]);
        for (int a = up; a <= c->row; a++)
            for (int b = c->row + c->rowspan - 1; b <= down; b++) {
                double d = fabs((edge[a] + edge[b + 1]) / 2 - centre);
                if (d + margin < best) {
                    best = d;
                    best_a = a;
                    best_b = b;
                }
            }
        for (int r = best_a; r <= best_b; r++)
            used[r * nc + c->col] = TRUE;
        c->row = best_a;
        c->rowspan = best_b - best_a + 1;
    }
    g_free(used);
    g_free(edge);
}

GArray *jx_layout_text_cells(GPtrArray *lines, guint first, guint last, int *nrows, int *ncols)
{
    /* 1. pieces of lines, and the columns their left edges make */
    GArray *pieces = g_array_new(FALSE, FALSE, sizeof(Piece));
    for (guint i = first; i <= last; i++) {
        const JxLine *l = g_ptr_array_index(lines, i);
        GArray *ch = jx_layout_chunks(l, JX_LAYOUT_COLUMN_GAP);
        for (guint k = 0; k < ch->len; k++) {
            guint a = g_array_index(ch, guint, k);
            guint b = k + 1 < ch->len ? g_array_index(ch, guint, k + 1) : l->glyphs->len;
            Piece p = {g_ptr_array_new(), G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE, 0, 0};
            for (guint j = a; j < b; j++) { /* its own extent, not the line's */
                JxGlyph *g = g_ptr_array_index(l->glyphs, j);
                g_ptr_array_add(p.glyphs, g);
                p.x0 = MIN(p.x0, g->x0);
                p.y0 = MIN(p.y0, g->y0);
                p.x1 = MAX(p.x1, g->x1);
                p.y1 = MAX(p.y1, g->y1);
            }
            g_array_append_val(pieces, p);
        }
        g_array_free(ch, TRUE);
    }
    GArray *starts = column_starts(pieces);
    int nc = (int)starts->len;
    double right = -G_MAXDOUBLE;
    for (guint i = 0; i < pieces->len; i++) {
        Piece *p = &g_array_index(pieces, Piece, i);
        p->c0 = start_col(starts, p->x0);
        p->c1 = MAX(p->c0, start_col(starts, p->x1 - 3.0));
        right = MAX(right, p->x1);
    }

    /* 2. in each column, pieces of consecutive lines stack into blocks */
    GArray *blocks = g_array_new(FALSE, FALSE, sizeof(Block));
    for (guint i = 0; i < pieces->len; i++) {
        Piece *p = &g_array_index(pieces, Piece, i);
        Block *into = NULL;
        for (guint k = 0; k < blocks->len && !into; k++) {
            Block *b = &g_array_index(blocks, Block, k);
            double lh = p->y1 - p->y0;
            if (b->c0 == p->c0 && p->y0 - b->y1 <= 0.35 * lh && p->y0 >= b->y0)
                into = b;
        }
        if (!into) {
            Block b = {g_ptr_array_new(), p->x0, p->y0, p->x1, p->y1, p->c0, p->c1, 0, 0};
            g_array_append_val(blocks, b);
            into = &g_array_index(blocks, Block, blocks->len - 1);
        }
        for (guint j = 0; j < p->glyphs->len; j++)
            g_ptr_array_add(into->glyphs, g_ptr_array_index(p->glyphs, j));
        into->x0 = MIN(into->x0, p->x0);
        into->x1 = MAX(into->x1, p->x1);
        into->y1 = MAX(into->y1, p->y1);
        into->c1 = MAX(into->c1, p->c1);
        g_ptr_array_free(p->glyphs, TRUE);
    }
    g_array_free(pieces, TRUE);
    g_array_sort(blocks, cmp_block);

    /* 3. row boundaries: where the gaps between blocks of two or more
     * columns line up, and more columns have a gap than a block across */
    GArray *cand = g_array_new(FALSE, FALSE, sizeof(Gap));
    for (guint k = 1; k < blocks->len; k++) {
        const Block *a = &g_array_index(blocks, Block, k - 1), *b = &g_array_index(blocks, Block, k);
        if (a->c0 == b->c0 && b->y0 > a->y1) {
            Gap gp = {a->y1, b->y0, FALSE};
            g_array_append_val(cand, gp);
        }
    }
    g_array_sort(cand, cmp_gap_end);
    GArray *bounds = g_array_new(FALSE, FALSE, sizeof(double));
    /* interval stabbing: a boundary in the gap that ends first, supported
     * by every gap it lies in; a long gap (an empty cell) is used once */
    for (guint i = 0; i < cand->len; i++) {
        Gap *earliest = &g_array_index(cand, Gap, i);
        if (earliest->used)
            continue;
        double hi = earliest->hi, lo = earliest->lo;
        int support = 0;
        for (guint j = i; j < cand->len; j++) {
            Gap *gp = &g_array_index(cand, Gap, j);
            if (!gp->used && gp->lo < hi) {
                gp->used = TRUE;
                lo = MAX(lo, gp->lo);
                support++;
            }
        }
        double y = (lo + hi) / 2;
        /* a tall cell of the row above ends inside the gap: the boundary
         * goes below it */
        for (guint k = 0; k < blocks->len; k++) {
            const Block *b = &g_array_index(blocks, Block, k);
            if (b->y0 < y && b->y1 > y && b->y1 < hi)
                y = b->y1 + 0.1;
        }
        int across = 0, gaps = 0;
        for (int c = 0; c < nc; c++) {
            gboolean crossed = FALSE, above = FALSE, below = FALSE;
            for (guint k = 0; k < blocks->len; k++) {
                const Block *b = &g_array_index(blocks, Block, k);
                if (c < b->c0 || c > b->c1)
                    continue;
                if (b->y0 < y - 0.5 && b->y1 > y + 0.5)
                    crossed = TRUE;
                else if (b->y1 <= y + 0.5)
                    above = TRUE;
                else
                    below = TRUE;
            }
            if (crossed)
                across++;
            else if (above && below)
                gaps++;
        }
        if (support >= 2 && support > across && gaps > across)
            g_array_append_val(bounds, y);
    }
    g_array_sort(bounds, cmp_double_asc);
    g_array_free(cand, TRUE);

    /* 4. blocks to cells: the rows and columns they cover */
    int nr = (int)bounds->len + 1;
    GArray *cells = g_array_new(FALSE, FALSE, sizeof(JxTextCell));
    for (guint k = 0; k < blocks->len; k++) {
        Block *b = &g_array_index(blocks, Block, k);
        int r0 = 0, r1 = 0;
        for (guint i = 0; i < bounds->len; i++) {
            double y = g_array_index(bounds, double, i);
            if (b->y0 > y + 0.5)
                r0 = (int)i + 1;
            if (b->y1 > y + 0.5)
                r1 = (int)i + 1;
        }
        r1 = MAX(r1, r0);
        double edge = b->c1 + 1 < nc ? g_array_index(starts, double, b->c1 + 1) - 2.0 : right;
        JxTextCell cell = {r0, b->c0, r1 - r0 + 1, b->c1 - b->c0 + 1,
                           b->x0, b->y0, b->x1, b->y1, NULL, FALSE};
        cell.text = jx_layout_cell_text(b->glyphs, edge, &cell.runs_to_edge);
        g_ptr_array_free(b->glyphs, TRUE);
        /* two blocks in one cell: one text */
        gboolean merged = FALSE;
        for (guint i = 0; i < cells->len && !merged; i++) {
            JxTextCell *o = &g_array_index(cells, JxTextCell, i);
            if (o->row == cell.row && o->col == cell.col) {
                char *t = g_strconcat(o->text, "\n", cell.text, NULL);
                g_free(o->text);
                o->text = t;
                o->rowspan = MAX(o->rowspan, cell.rowspan);
                o->x0 = MIN(o->x0, cell.x0);
                o->y0 = MIN(o->y0, cell.y0);
                o->x1 = MAX(o->x1, cell.x1);
                o->y1 = MAX(o->y1, cell.y1);
                g_free(cell.text);
                merged = TRUE;
            }
        }
        if (!merged)
            g_array_append_val(cells, cell);
    }
    g_array_free(blocks, TRUE);
    centre_spans(cells, bounds, nr, nc);
    g_array_free(bounds, TRUE);
    g_array_free(starts, TRUE);
    *nrows = nr;
    *ncols = nc;
    return cells;
}

void jx_layout_text_cells_free(GArray *cells)
{
    for (guint i = 0; i < cells->len; i++)
        g_free(g_array_index(cells, JxTextCell, i).text);
    g_array_free(cells, TRUE);
}
