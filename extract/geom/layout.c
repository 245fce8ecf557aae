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

static guint chunk_count(const JxLine *l)
{
    GArray *ch = jx_layout_chunks(l, JX_LAYOUT_COLUMN_GAP);
    guint n = ch->len;
    g_array_free(ch, TRUE);
    return n;
}

/* A unit of the search for tables: a band (a row set apart by padding),
 * or one line of a band whose lines split into pieces on their own (a
 * table whose rows touch: no padding, one band). */
typedef struct {
    guint first, last;
    gboolean tabular; /* splits into pieces: a band into three, a line into two */
    gboolean wide;    /* into three or more */
} Unit;

static GArray *table_units(GPtrArray *bands, GPtrArray *lines)
{
    GArray *units = g_array_new(FALSE, FALSE, sizeof(Unit));
    for (guint i = 0; i < bands->len; i++) {
        const JxBand *b = g_ptr_array_index(bands, i);
        guint split = 0, n = b->last - b->first + 1;
        for (guint k = b->first; lines && n >= 3 && k <= b->last; k++)
            split += chunk_count(g_ptr_array_index(lines, k)) >= 2;
        if (n >= 3 && 2 * split >= n) {
            for (guint k = b->first; k <= b->last; k++) {
                const JxLine *l = g_ptr_array_index(lines, k);
                guint c = chunk_count(l);
                /* a short line among them is a cell's wrapped tail */
                gboolean part = c >= 2 || l->x1 - l->x0 < 0.4 * (b->line.x1 - b->line.x0);
                Unit u = {k, k, part, c >= 3};
                g_array_append_val(units, u);
            }
        } else {
            gboolean t = chunk_count(&b->line) >= 3;
            Unit u = {b->first, b->last, t, t};
            g_array_append_val(units, u);
        }
    }
    return units;
}

GPtrArray *jx_layout_text_tables(GPtrArray *bands, GPtrArray *lines, int min_rows)
{
    GPtrArray *tables = g_ptr_array_new_with_free_func(g_free);
    GArray *units = table_units(bands, lines);
    guint n = units->len;
    for (guint i = 0; i < n;) {
        if (!g_array_index(units, Unit, i).tabular) {
            i++;
            continue;
        }
        /* a run of tabular units; up to three others (a row spanning the
         * table, a section heading, a wrapped line) may sit between them */
        guint last = i, wide = g_array_index(units, Unit, i).wide;
        for (guint j = i + 1; j < n && j <= last + 3; j++)
            if (g_array_index(units, Unit, j).tabular) {
                last = j;
                wide += g_array_index(units, Unit, j).wide;
            }
        if ((int)wide >= min_rows) {
            JxTextTable *t = g_new0(JxTextTable, 1);
            t->first = g_array_index(units, Unit, i).first;
            t->last = g_array_index(units, Unit, last).last;
            g_ptr_array_add(tables, t);
        }
        i = last + 1;
    }
    g_array_free(units, TRUE);
    return tables;
}

/* A piece of one line between wide gaps, placed in columns. */
typedef struct {
    GPtrArray *glyphs;
    double x0, y0, x1, y1;
    guint line; /* index among the table's lines */
    int c0, c1;
} Piece;

/* Glyphs [a, b) of `glyphs` as a piece of line `line`, its extent theirs
 * (not the line's). */
static Piece piece_of(GPtrArray *glyphs, guint a, guint b, guint line)
{
    Piece p = {g_ptr_array_new(), G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE, line, 0, 0};
    for (guint j = a; j < b; j++) {
        JxGlyph *g = g_ptr_array_index(glyphs, j);
        g_ptr_array_add(p.glyphs, g);
        p.x0 = MIN(p.x0, g->x0);
        p.y0 = MIN(p.y0, g->y0);
        p.x1 = MAX(p.x1, g->x1);
        p.y1 = MAX(p.y1, g->y1);
    }
    return p;
}

/* A cell's text: pieces of consecutive lines stacked in one column, each
 * but the last filling the column's width (a wrapped line). */
typedef struct {
    GPtrArray *glyphs;
    double x0, y0, x1, y1;
    int c0, c1;
    guint first, last; /* lines */
    double lx0, lx1;   /* its last piece's extent */
    double room;       /* the width its columns' text takes */
} Block;

static int cmp_double_asc(gconstpointer a, gconstpointer b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* A stretch of x over which the same number of pieces lie. */
typedef struct {
    double x0, x1;
    int n;
} Stretch;

/* The most pieces over the stretches from i on, walking by `step` while
 * no stretch holds fewer than n pieces. */
static int peak(const GArray *st, int i, int step, int n)
{
    int best = 0;
    for (int k = i; k >= 0 && k < (int)st->len; k += step) {
        int m = g_array_index(st, Stretch, k).n;
        if (m < n)
            break;
        best = MAX(best, m);
    }
    return best;
}

/* Column separators from where text is not: over the pieces of lines
 * [from, to), the number of pieces over each x (a profile), and a
 * separator in each valley of it that few lines cross (a cell spanning
 * columns, at most a third of the lines) and whose sides stand at least
 * twice as high, and two lines high at least (one line of text, a header
 * word set apart, makes no column of its own). Centred, left- and
 * right-aligned columns alike leave such
 * a valley between them. Appends the separators' x to seps (GArray of
 * double). */
static void valley_seps(const GArray *pieces, guint from, guint to, double h, GArray *seps)
{
    GArray *xs = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint i = 0; i < pieces->len; i++) {
        const Piece *p = &g_array_index(pieces, Piece, i);
        if (p->line < from || p->line >= to)
            continue;
        g_array_append_val(xs, p->x0);
        g_array_append_val(xs, p->x1);
    }
    g_array_sort(xs, cmp_double_asc);
    guint ne = 0; /* distinct edges */
    for (guint i = 0; i < xs->len; i++)
        if (ne == 0 || g_array_index(xs, double, i) > g_array_index(xs, double, ne - 1) + 0.01)
            g_array_index(xs, double, ne++) = g_array_index(xs, double, i);
    g_array_set_size(xs, ne);
    int *diff = g_new0(int, ne + 1);
    for (guint i = 0; i < pieces->len; i++) {
        const Piece *p = &g_array_index(pieces, Piece, i);
        if (p->line < from || p->line >= to)
            continue;
        guint a = 0, b = ne - 1;
        while (a + 1 < ne && g_array_index(xs, double, a + 1) <= p->x0 + 0.01)
            a++;
        while (b > 0 && g_array_index(xs, double, b - 1) >= p->x1 - 0.01)
            b--;
        diff[a]++;
        diff[b]--;
    }
    GArray *st = g_array_new(FALSE, FALSE, sizeof(Stretch));
    int n = 0;
    for (guint k = 0; k + 1 < ne; k++) {
        n += diff[k];
        Stretch *last = st->len ? &g_array_index(st, Stretch, st->len - 1) : NULL;
        if (last && last->n == n)
            last->x1 = g_array_index(xs, double, k + 1);
        else {
            Stretch s = {g_array_index(xs, double, k), g_array_index(xs, double, k + 1), n};
            g_array_append_val(st, s);
        }
    }
    g_free(diff);
    g_array_free(xs, TRUE);
    int few = (int)MAX(1, (to - from) / 3);
    for (int i = 1; i + 1 < (int)st->len; i++) {
        const Stretch *s = &g_array_index(st, Stretch, i);
        if (s->n > few || s->x1 - s->x0 < 0.3 * h || g_array_index(st, Stretch, i - 1).n <= s->n ||
            g_array_index(st, Stretch, i + 1).n <= s->n)
            continue;
        int side = MIN(peak(st, i - 1, -1, s->n), peak(st, i + 1, 1, s->n));
        if (2 * s->n > side || side < 2)
            continue;
        double x = (s->x0 + s->x1) / 2;
        g_array_append_val(seps, x);
    }
    g_array_free(st, TRUE);
}

static int col_at(const GArray *seps, double x)
{
    int c = 0;
    while (c < (int)seps->len && g_array_index(seps, double, c) < x)
        c++;
    return c;
}

/* Lines of the table looked at together for its separators: a window
 * of them, moved by half its height, and the whole table. */
#define SEP_WINDOW 8

/* The table's column separators (GArray of double, ascending, transfer
 * full): the valleys of the whole table and of each window, those of one
 * gap made one, and a separator between two pieces of one line that no
 * valley parts. */
static GArray *column_seps(const GArray *pieces, guint nlines, double h)
{
    GArray *all = g_array_new(FALSE, FALSE, sizeof(double));
    valley_seps(pieces, 0, nlines, h, all);
    for (guint a = 0; nlines > SEP_WINDOW && a < nlines; a += SEP_WINDOW / 2)
        valley_seps(pieces, a, MIN(a + SEP_WINDOW, nlines), h, all);
    g_array_sort(all, cmp_double_asc);
    /* one separator for those of one gap */
    GArray *seps = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint i = 0; i < all->len;) {
        guint j = i;
        double sum = 0;
        while (j < all->len && g_array_index(all, double, j) - g_array_index(all, double, i) < h) {
            sum += g_array_index(all, double, j);
            j++;
        }
        double x = sum / (j - i);
        g_array_append_val(seps, x);
        i = j;
    }
    g_array_free(all, TRUE);
    /* pieces of one line are in different columns: where no valley parts
     * two of them, their gap does */
    GArray *more = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint i = 1; i < pieces->len; i++) {
        const Piece *a = &g_array_index(pieces, Piece, i - 1), *b = &g_array_index(pieces, Piece, i);
        if (a->line == b->line && col_at(seps, a->x1) >= col_at(seps, b->x0)) {
            double x = (a->x1 + b->x0) / 2;
            g_array_append_val(more, x);
        }
    }
    g_array_append_vals(seps, more->data, more->len);
    g_array_sort(seps, cmp_double_asc);
    g_array_free(more, TRUE);
    return seps;
}


/* Pieces cut where a column separator runs between two of their glyphs
 * set wider apart than a word space (0.6 of the glyph height h): text of
 * two columns set closer than a column gap (a cell filled to its padding)
 * is parted where the other lines part those columns. Replaces *pieces,
 * order kept. */
static void cut_at_seps(GArray **pieces, const GArray *seps, double h)
{
    GArray *out = g_array_new(FALSE, FALSE, sizeof(Piece));
    for (guint i = 0; i < (*pieces)->len; i++) {
        Piece *p = &g_array_index(*pieces, Piece, i);
        guint from = 0;
        for (guint j = 1; j < p->glyphs->len; j++) {
            const JxGlyph *a = g_ptr_array_index(p->glyphs, j - 1), *b = g_ptr_array_index(p->glyphs, j);
            if (col_at(seps, a->x1) < col_at(seps, b->x0) && b->x0 - a->x1 > 0.6 * h) {
                Piece q = piece_of(p->glyphs, from, j, p->line);
                g_array_append_val(out, q);
                from = j;
            }
        }
        if (from == 0) {
            g_array_append_val(out, *p);
            continue;
        }
        Piece q = piece_of(p->glyphs, from, p->glyphs->len, p->line);
        g_array_append_val(out, q);
        g_ptr_array_free(p->glyphs, TRUE);
    }
    g_array_free(*pieces, TRUE);
    *pieces = out;
}

/* The spacing of the lines of one cell (*spacing: the least gaps between
 * a piece and the one above it in its column) and whether the table's
 * rows stand further apart than that (returned: most such gaps are wider
 * by a quarter of a line, cell padding), or only as far (rows that
 * touch: cells tell apart by their wrapping). */
static gboolean row_padding(const GArray *pieces, double h, double *spacing)
{
    GArray *gaps = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint i = 0; i < pieces->len; i++) {
        const Piece *p = &g_array_index(pieces, Piece, i);
        double best = G_MAXDOUBLE;
        for (guint k = 0; k < i; k++) {
            const Piece *q = &g_array_index(pieces, Piece, k);
            if (q->line < p->line && q->c0 == p->c0 && q->x0 < p->x1 && p->x0 < q->x1 &&
                p->y0 - q->y1 > -0.5 * h)
                best = MIN(best, p->y0 - q->y1);
        }
        if (best < G_MAXDOUBLE)
            g_array_append_val(gaps, best);
    }
    gboolean padded = FALSE;
    *spacing = 0.2 * h;
    if (gaps->len >= 4) {
        g_array_sort(gaps, cmp_double_asc);
        *spacing = MIN(g_array_index(gaps, double, gaps->len / 10), 0.35 * h);
        padded = g_array_index(gaps, double, gaps->len / 2) > *spacing + 0.25 * h;
    }
    g_array_free(gaps, TRUE);
    return padded;
}

/* A gap between two text blocks of one column, in line gaps: gap j lies
 * between the table's lines j and j + 1. */
typedef struct {
    guint lo, hi;
    gboolean used;
} Gap;

static int cmp_gap_end(gconstpointer a, gconstpointer b)
{
    const Gap *x = a, *y = b;
    return (x->hi > y->hi) - (x->hi < y->hi);
}

/* Whether piece p is where block b's text wrapped on: what room b's last
 * line left in its columns is too narrow for p's first character. A
 * column under two characters wide holds no wrapped digits, only upright
 * characters (a label set one to a line). */
static gboolean wraps(const Block *b, const Piece *p, double h)
{
    const JxGlyph *g = g_ptr_array_index(p->glyphs, 0);
    if (b->room < 1.8 * h && g->c < 0x2E80)
        return FALSE;
    return b->room - (b->lx1 - b->lx0) < g->x1 - g->x0 + 0.6 * h;
}

/* Whether piece p lines up under block b's last line as its text's next
 * line: the same left edge, centre or right edge, within tol. */
static gboolean aligned(const Block *b, const Piece *p, double tol)
{
    return fabs(p->x0 - b->lx0) < tol || fabs(p->x1 - b->lx1) < tol ||
           fabs(p->x0 + p->x1 - b->lx0 - b->lx1) < 2 * tol;
}

static int cmp_block(gconstpointer a, gconstpointer b)
{
    const Block *x = a, *y = b;
    if (x->c0 != y->c0)
        return x->c0 - y->c0;
    return (x->first > y->first) - (x->first < y->first);
}

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


/* Row boundaries, as line gaps (GArray of guint, ascending): where the
 * gaps between blocks of two or more columns line up, and more columns
 * have a gap there than a block across it. */
static GArray *row_bounds(const GArray *blocks, int nc)
{
    GArray *cand = g_array_new(FALSE, FALSE, sizeof(Gap));
    for (guint k = 1; k < blocks->len; k++) {
        const Block *a = &g_array_index(blocks, Block, k - 1), *b = &g_array_index(blocks, Block, k);
        if (a->c0 == b->c0 && b->first > a->last) {
            Gap gp = {a->last, b->first - 1, FALSE};
            g_array_append_val(cand, gp);
        }
    }
    g_array_sort(cand, cmp_gap_end);
    GArray *bounds = g_array_new(FALSE, FALSE, sizeof(guint));
    /* interval stabbing: a boundary in the gap that ends first, supported
     * by every gap it lies in; a long gap (an empty cell) is used once */
    for (guint i = 0; i < cand->len; i++) {
        Gap *earliest = &g_array_index(cand, Gap, i);
        if (earliest->used)
            continue;
        guint hi = earliest->hi, lo = earliest->lo;
        int support = 0;
        for (guint j = i; j < cand->len; j++) {
            Gap *gp = &g_array_index(cand, Gap, j);
            if (!gp->used && gp->lo <= hi) {
                gp->used = TRUE;
                lo = MAX(lo, gp->lo);
                support++;
            }
        }
        guint y = lo;
        /* a tall cell of the row above ends inside the gap: the boundary
         * goes below it */
        for (guint k = 0; k < blocks->len; k++) {
            const Block *b = &g_array_index(blocks, Block, k);
            if (b->first <= y && b->last > y && b->last <= hi)
                y = b->last;
        }
        int across = 0, gaps = 0;
        for (int c = 0; c < nc; c++) {
            gboolean crossed = FALSE, above = FALSE, below = FALSE;
            for (guint k = 0; k < blocks->len; k++) {
                const Block *b = &g_array_index(blocks, Block, k);
                if (c < b->c0 || c > b->c1)
                    continue;
                if (b->first <= y && b->last > y)
                    crossed = TRUE;
                else if (b->last <= y)
                    above = TRUE;
                else
                    below = TRUE;
            }
            if (crossed)
                across++;
            else if (above && below)
                gaps++;
        }
        gboolean dup = FALSE;
        for (guint k = 0; k < bounds->len; k++)
            dup |= g_array_index(bounds, guint, k) == y;
        if ((support >= 2 || gaps >= 3) && support > across && gaps > across && !dup)
            g_array_append_val(bounds, y);
    }
    g_array_free(cand, TRUE);
    for (guint i = 1; i < bounds->len; i++) /* few: insertion sort */
        for (guint k = i; k > 0 && g_array_index(bounds, guint, k - 1) > g_array_index(bounds, guint, k); k--) {
            guint t = g_array_index(bounds, guint, k);
            g_array_index(bounds, guint, k) = g_array_index(bounds, guint, k - 1);
            g_array_index(bounds, guint, k - 1) = t;
        }
    return bounds;
}

GArray *jx_layout_text_cells(GPtrArray *lines, guint first, guint last, int *nrows, int *ncols,
                             gboolean *rows_touch)
{
    /* 1. pieces of lines */
    GArray *pieces = g_array_new(FALSE, FALSE, sizeof(Piece));
    GArray *hs = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint i = first; i <= last; i++) {
        const JxLine *l = g_ptr_array_index(lines, i);
        GArray *ch = jx_layout_chunks(l, JX_LAYOUT_COLUMN_GAP);
        for (guint k = 0; k < ch->len; k++) {
            guint a = g_array_index(ch, guint, k);
            guint b = k + 1 < ch->len ? g_array_index(ch, guint, k + 1) : l->glyphs->len;
            Piece p = piece_of(l->glyphs, a, b, i - first);
            double ph = p.y1 - p.y0;
            g_array_append_val(hs, ph);
            g_array_append_val(pieces, p);
        }
        g_array_free(ch, TRUE);
    }
    g_array_sort(hs, cmp_double_asc);
    double h = hs->len ? MAX(g_array_index(hs, double, hs->len / 2), 1.0) : 10.0;
    g_array_free(hs, TRUE);

    /* 2. columns from where text is not; each column's text extent */
    GArray *seps = column_seps(pieces, last - first + 1, h);
    cut_at_seps(&pieces, seps, h);
    int nc = (int)seps->len + 1;
    double *cx0 = g_new(double, nc), *cx1 = g_new(double, nc);
    for (int c = 0; c < nc; c++) {
        cx0[c] = c > 0 ? g_array_index(seps, double, c - 1) : -G_MAXDOUBLE;
        cx1[c] = c + 1 < nc ? g_array_index(seps, double, c) : G_MAXDOUBLE;
    }
    double right = -G_MAXDOUBLE;
    double *ex0 = g_new(double, nc), *ex1 = g_new(double, nc);
    for (int c = 0; c < nc; c++) {
        ex0[c] = G_MAXDOUBLE;
        ex1[c] = -G_MAXDOUBLE;
    }
    for (guint i = 0; i < pieces->len; i++) {
        Piece *p = &g_array_index(pieces, Piece, i);
        p->c0 = col_at(seps, p->x0);
        ex0[p->c0] = MIN(ex0[p->c0], p->x0);
        right = MAX(right, p->x1);
    }
    /* a piece reaches into the columns whose text it overlaps */
    for (guint i = 0; i < pieces->len; i++) {
        Piece *p = &g_array_index(pieces, Piece, i);
        p->c1 = p->c0;
        for (int c = p->c0 + 1; c < nc; c++)
            if ((ex0[c] < G_MAXDOUBLE ? ex0[c] : cx0[c]) < p->x1 - 0.5)
                p->c1 = c;
        ex1[p->c1] = MAX(ex1[p->c1], p->x1);
    }
    for (int c = 0; c < nc; c++) /* a column only crossed: its bounds */
        if (ex0[c] > ex1[c]) {
            ex0[c] = cx0[c];
            ex1[c] = cx1[c];
        }
    g_free(cx0);
    g_free(cx1);

    /* 3. in each column, a piece joins the block above it when no more
     * than a line's spacing lies between and, unless padding sets the
     * table's rows apart, that block's last line fills the column (its
     * text wraps on) */
    double spacing = 0;
    gboolean padded = row_padding(pieces, h, &spacing);
    GArray *blocks = g_array_new(FALSE, FALSE, sizeof(Block));
    for (guint i = 0; i < pieces->len; i++) {
        Piece *p = &g_array_index(pieces, Piece, i);
        Block *into = NULL;
        for (guint k = 0; k < blocks->len && !into; k++) {
            Block *b = &g_array_index(blocks, Block, k);
            double gap = p->y0 - b->y1;
            if (p->line > b->last && b->c0 <= p->c1 && p->c0 <= b->c1 &&
                gap <= spacing + 0.15 * h && (padded || wraps(b, p, h)) &&
                /* where padding sets rows apart, within a character (an
                 * OCR word box starts at the ink: a bracket's half a
                 * character in); where rows touch, within half of one */
                aligned(b, p, padded ? h : 0.5 * h))
                into = b;
        }
        if (!into) {
            Block b = {g_ptr_array_new(), p->x0, p->y0, p->x1, p->y1, p->c0, p->c1, p->line,
                       p->line, 0, 0, 0};
            g_array_append_val(blocks, b);
            into = &g_array_index(blocks, Block, blocks->len - 1);
        }
        for (guint j = 0; j < p->glyphs->len; j++)
            g_ptr_array_add(into->glyphs, g_ptr_array_index(p->glyphs, j));
        into->x0 = MIN(into->x0, p->x0);
        into->x1 = MAX(into->x1, p->x1);
        into->y1 = MAX(into->y1, p->y1);
        into->c1 = MAX(into->c1, p->c1);
        into->last = p->line;
        into->lx0 = p->x0;
        into->lx1 = p->x1;
        into->room = ex1[p->c1] - ex0[p->c0];
        g_ptr_array_free(p->glyphs, TRUE);
    }
    g_array_free(pieces, TRUE);
    g_array_sort(blocks, cmp_block);

    /* 4. row boundaries, at the middle of their line gaps */
    GArray *gaps = row_bounds(blocks, nc);
    GArray *bounds = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint i = 0; i < gaps->len; i++) {
        guint j = g_array_index(gaps, guint, i);
        const JxLine *a = g_ptr_array_index(lines, first + j), *b = g_ptr_array_index(lines, first + j + 1);
        double y = (a->y1 + b->y0) / 2;
        g_array_append_val(bounds, y);
    }

    /* 5. blocks to cells: the rows and columns they cover */
    int nr = (int)gaps->len + 1;
    GArray *cells = g_array_new(FALSE, FALSE, sizeof(JxTextCell));
    for (guint k = 0; k < blocks->len; k++) {
        Block *b = &g_array_index(blocks, Block, k);
        int r0 = 0, r1 = 0;
        for (guint i = 0; i < gaps->len; i++) {
            guint j = g_array_index(gaps, guint, i);
            r0 += b->first > j;
            r1 += b->last > j;
        }
        double edge = b->c1 + 1 < nc ? MAX(ex1[b->c1], b->x1) : right;
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
                o->colspan = MAX(o->colspan, cell.colspan);
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
    g_array_free(gaps, TRUE);
    centre_spans(cells, bounds, nr, nc);
    g_array_free(bounds, TRUE);
    g_array_free(seps, TRUE);
    g_free(ex0);
    g_free(ex1);
    *nrows = nr;
    *ncols = nc;
    *rows_touch = !padded;
    return cells;
}

void jx_layout_text_cells_free(GArray *cells)
{
    for (guint i = 0; i < cells->len; i++)
        g_free(g_array_index(cells, JxTextCell, i).text);
    g_array_free(cells, TRUE);
}
