#include "extract/geom/ruling.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MIN_LEN_PT 12.0   /* a ruling line is at least this long */
#define MAX_THICK_PT 3.0  /* ... and at most this thick (else: a fill) */
#define SNAP_PT 2.5       /* lines this close are one */
#define MIN_TABLE_PT 40.0 /* a table is this wide, and has a rule this long */
#define MIN_TABLE_H_PT 14.0 /* ... and this high */

/* A run of ink along pixel line b (a row for horizontal lines, a column
 * for vertical ones), from a0 to a1. */
typedef struct {
    int a0, a1, b;
} Piece;

/* A segment being grown from the pieces of consecutive pixel lines. */
typedef struct {
    int a0, a1;       /* extent along the line, in pixels */
    int b0, b1;       /* first and last pixel line */
    gboolean open;
} Run;

/* Grows the pieces (in order of b) of consecutive pixel lines that overlap
 * into segments, and appends those thin enough to be lines to out as JxSeg
 * (vertical: b is x). */
static void join_pieces(const GArray *pieces, double scale, gboolean vertical, GArray *out)
{
    int max_thick = MAX(1, (int)ceil(MAX_THICK_PT * scale));
    GArray *runs = g_array_new(FALSE, FALSE, sizeof(Run));
    guint first_open = 0;
    for (guint k = 0; k < pieces->len;) {
        int b = g_array_index(pieces, Piece, k).b;
        for (; k < pieces->len && g_array_index(pieces, Piece, k).b == b; k++) {
            const Piece *p = &g_array_index(pieces, Piece, k);
            gboolean joined = FALSE; /* to a run of the line before that overlaps */
            for (guint i = first_open; i < runs->len && !joined; i++) {
                Run *r = &g_array_index(runs, Run, i);
                if (r->open && r->b1 == b - 1 && p->a0 <= r->a1 && p->a1 >= r->a0) {
                    r->a0 = MIN(r->a0, p->a0);
                    r->a1 = MAX(r->a1, p->a1);
                    r->b1 = b;
                    joined = TRUE;
                }
            }
            if (!joined) {
                Run r = {p->a0, p->a1, b, b, TRUE};
                g_array_append_val(runs, r);
            }
        }
        /* runs that did not go on in this line are closed */
        for (guint i = first_open; i < runs->len; i++) {
            Run *r = &g_array_index(runs, Run, i);
            if (r->open && r->b1 < b)
                r->open = FALSE;
        }
        while (first_open < runs->len && !g_array_index(runs, Run, first_open).open)
            first_open++;
    }
    for (guint i = 0; i < runs->len; i++) {
        const Run *r = &g_array_index(runs, Run, i);
        if (r->b1 - r->b0 + 1 > max_thick)
            continue; /* a filled area, not a line */
        double mid = (r->b0 + r->b1 + 1) / 2.0 / scale;
        double lo = r->a0 / scale, hi = (r->a1 + 1) / scale;
        JxSeg s = vertical ? (JxSeg){mid, lo, mid, hi} : (JxSeg){lo, mid, hi, mid};
        g_array_append_val(out, s);
    }
    g_array_free(runs, TRUE);
}

static int cmp_piece(gconstpointer a, gconstpointer b)
{
    const Piece *x = a, *y = b;
    return x->b != y->b ? (x->b > y->b) - (x->b < y->b) : (x->a0 > y->a0) - (x->a0 < y->a0);
}

void jx_ruling_find(const guint8 *img, int w, int h, int stride, int bpp, int channel,
                    int dark, double scale, GArray *hsegs, GArray *vsegs)
{
    /* A run at least L long holds one pixel of every L-th: only those are
     * looked at, and a run is grown from each one that is ink. Text and
     * paper cost 1/L of a full scan. */
    const int L = (int)ceil(MIN_LEN_PT * scale);
#define INK(x, y) (img[(gsize)(y) * (gsize)stride + (gsize)(x) * (gsize)bpp + (gsize)channel] < dark)
    GArray *hp = g_array_new(FALSE, FALSE, sizeof(Piece)), *vp = g_array_new(FALSE, FALSE, sizeof(Piece));
    for (int y = 0; y < h; y++) /* along each row, every L-th pixel */
        for (int x = L - 1; x < w; x += L) {
            if (!INK(x, y))
                continue;
            int a0 = x, a1 = x;
            while (a0 > 0 && INK(a0 - 1, y))
                a0--;
            while (a1 + 1 < w && INK(a1 + 1, y))
                a1++;
            if (a1 - a0 + 1 >= L) {
                Piece p = {a0, a1, y};
                g_array_append_val(hp, p);
            }
            x = a1; /* the next run starts after a white pixel */
        }
    int *done = g_new(int, w); /* the last row of the run grown in each column */
    for (int x = 0; x < w; x++)
        done[x] = -1;
    for (int y = L - 1; y < h; y += L) /* down each column, every L-th row */
        for (int x = 0; x < w; x++) {
            if (y <= done[x] || !INK(x, y))
                continue;
            int a0 = y, a1 = y;
            while (a0 > 0 && INK(x, a0 - 1))
                a0--;
            while (a1 + 1 < h && INK(x, a1 + 1))
                a1++;
            done[x] = a1;
            if (a1 - a0 + 1 >= L) {
                Piece p = {a0, a1, x};
                g_array_append_val(vp, p);
            }
        }
#undef INK
    g_free(done);
    g_array_sort(vp, cmp_piece); /* column by column */
    join_pieces(hp, scale, FALSE, hsegs);
    join_pieces(vp, scale, TRUE, vsegs);
    g_array_free(hp, TRUE);
    g_array_free(vp, TRUE);
}

gboolean jx_ruling_inside(double x0, double y0, double x1, double y1, double scale, int w,
                          int h, int px[4])
{
    int inset = (int)ceil(JX_RULING_REACH_PT * scale);
    px[0] = MAX((int)(x0 * scale) + inset, 0);
    px[1] = MAX((int)(y0 * scale) + inset, 0);
    px[2] = MIN((int)(x1 * scale) - inset, w);
    px[3] = MIN((int)(y1 * scale) - inset, h);
    return px[2] - px[0] >= 4 && px[3] - px[1] >= 4;
}

/* Is column `at` (vertical) or row `at` of [a0, a1) mostly not paper, as
 * a ruling line is? */
static gboolean ruled(const guint8 *gray, int stride, gboolean vertical, int at, int a0, int a1)
{
    int n = 0;
    for (int a = a0; a < a1; a++)
        n += gray[vertical ? (gsize)a * (gsize)stride + (gsize)at
                           : (gsize)at * (gsize)stride + (gsize)a] < 192;
    return a1 > a0 && n * 5 >= (a1 - a0) * 3;
}

int jx_ruling_inner_edge(const guint8 *gray, int stride, gboolean vertical, int line, int step,
                         int reach, int bare, int a0, int a1, int limit)
{
    int inner = line + step * reach;
    for (int at = inner; at != line - step * (reach + 1); at -= step)
        if (at >= 0 && at < limit && ruled(gray, stride, vertical, at, a0, a1))
            return step > 0 ? MIN(at + 2, inner) : MAX(at - 1, inner);
    return line + step * bare;
}

/* ---------- grids ---------- */

static int uf_find(int *parent, int i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

static void uf_union(int *parent, int a, int b)
{
    a = uf_find(parent, a);
    b = uf_find(parent, b);
    if (a != b)
        parent[MAX(a, b)] = MIN(a, b);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorted positions with those closer than SNAP_PT merged (their mean). */
static GArray *cluster(GArray *pos)
{
    g_array_sort(pos, cmp_double);
    GArray *out = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint i = 0; i < pos->len;) {
        double sum = 0;
        guint j = i;
        while (j < pos->len &&
               g_array_index(pos, double, j) - g_array_index(pos, double, i) <= SNAP_PT)
            sum += g_array_index(pos, double, j++);
        double mean = sum / (j - i);
        g_array_append_val(out, mean);
        i = j;
    }
    return out;
}

/* Does a segment of the list run along `at` (x for vertical lists, y for
 * horizontal ones) over most of [lo, hi]? */
static gboolean covered(const GArray *segs, const int *members, int n, gboolean vertical,
                        double at, double lo, double hi)
{
    double need = (hi - lo) * 0.6, got = 0;
    for (int k = 0; k < n; k++) {
        const JxSeg *s = &g_array_index(segs, JxSeg, members[k]);
        double pos = vertical ? s->x0 : s->y0;
        if (fabs(pos - at) > SNAP_PT)
            continue;
        double a = vertical ? s->y0 : s->x0, b = vertical ? s->y1 : s->x1;
        got += MAX(0.0, MIN(b, hi) - MAX(a, lo));
    }
    return got >= need;
}

static void grid_free(gpointer p)
{
    JxGrid *g = p;
    g_free(g->xs);
    g_free(g->ys);
    g_free(g->at);
    g_array_free(g->cells, TRUE);
    g_free(g);
}

/* A merged cell is a rectangle. Where the grid squares joined for want of
 * a line make some other shape, a line is missing (a seal or a stain over
 * it) rather than drawn so: such a shape is cut into its runs along each
 * row (open_right: no line between a square and the next). */
static void rectangles(int *parent, const gboolean *open_right, int nrows, int ncols)
{
    int n = nrows * ncols;
    int *root = g_new(int, n), *r0 = g_new(int, n), *r1 = g_new(int, n), *c0 = g_new(int, n),
        *c1 = g_new(int, n), *size = g_new0(int, n);
    for (int i = 0; i < n; i++) {
        root[i] = uf_find(parent, i);
        r0[i] = c0[i] = G_MAXINT;
        r1[i] = c1[i] = -1;
    }
    for (int i = 0; i < n; i++) {
        int k = root[i], r = i / ncols, c = i % ncols;
        r0[k] = MIN(r0[k], r);
        r1[k] = MAX(r1[k], r);
        c0[k] = MIN(c0[k], c);
        c1[k] = MAX(c1[k], c);
        size[k]++;
    }
    for (int i = 0; i < n; i++) {
        int k = root[i];
        if (size[k] == (r1[k] - r0[k] + 1) * (c1[k] - c0[k] + 1))
            continue; /* a rectangle: as found */
        gboolean run = i % ncols > 0 && open_right[i - 1];
        parent[i] = run ? parent[i - 1] : i; /* the run's first square */
    }
    g_free(root);
    g_free(r0);
    g_free(r1);
    g_free(c0);
    g_free(c1);
    g_free(size);
}

static JxGrid *build_grid(const GArray *hs, const int *hm, int nh,
                          const GArray *vs, const int *vm, int nv)
{
    GArray *xpos = g_array_new(FALSE, FALSE, sizeof(double));
    GArray *ypos = g_array_new(FALSE, FALSE, sizeof(double));
    double minx = G_MAXDOUBLE, maxx = -G_MAXDOUBLE, miny = G_MAXDOUBLE, maxy = -G_MAXDOUBLE;
    for (int k = 0; k < nh; k++) {
        const JxSeg *s = &g_array_index(hs, JxSeg, hm[k]);
        g_array_append_val(ypos, s->y0);
        minx = MIN(minx, s->x0);
        maxx = MAX(maxx, s->x1);
    }
    for (int k = 0; k < nv; k++) {
        const JxSeg *s = &g_array_index(vs, JxSeg, vm[k]);
        g_array_append_val(xpos, s->x0);
        miny = MIN(miny, s->y0);
        maxy = MAX(maxy, s->y1);
    }
    /* open sides: the extent of the other direction's lines closes them */
    g_array_append_val(xpos, minx);
    g_array_append_val(xpos, maxx);
    g_array_append_val(ypos, miny);
    g_array_append_val(ypos, maxy);
    GArray *xs = cluster(xpos), *ys = cluster(ypos);
    g_array_free(xpos, TRUE);
    g_array_free(ypos, TRUE);
    int ncols = (int)xs->len - 1, nrows = (int)ys->len - 1;
    if (ncols < 1 || nrows < 1 || ncols * nrows < 2) {
        g_array_free(xs, TRUE);
        g_array_free(ys, TRUE);
        return NULL;
    }
    double *X = (double *)xs->data, *Y = (double *)ys->data;
    if (X[ncols] - X[0] < MIN_TABLE_PT || Y[nrows] - Y[0] < MIN_TABLE_H_PT) {
        g_array_free(xs, TRUE);
        g_array_free(ys, TRUE);
        return NULL; /* smaller than a table can be */
    }
    int n = nrows * ncols;
    int *parent = g_new(int, n);
    for (int i = 0; i < n; i++)
        parent[i] = i;
    gboolean *open_right = g_new0(gboolean, n);
    for (int r = 0; r < nrows; r++)
        for (int c = 0; c < ncols; c++) {
            if (c + 1 < ncols && !covered(vs, vm, nv, TRUE, X[c + 1], Y[r], Y[r + 1])) {
                uf_union(parent, r * ncols + c, r * ncols + c + 1);
                open_right[r * ncols + c] = TRUE;
            }
            if (r + 1 < nrows && !covered(hs, hm, nh, FALSE, Y[r + 1], X[c], X[c + 1]))
                uf_union(parent, r * ncols + c, (r + 1) * ncols + c);
        }
    rectangles(parent, open_right, nrows, ncols);
    g_free(open_right);
    JxGrid *g = g_new0(JxGrid, 1);
    g->nrows = nrows;
    g->ncols = ncols;
    g->xs = (double *)g_array_free(xs, FALSE);
    g->ys = (double *)g_array_free(ys, FALSE);
    g->cells = g_array_new(FALSE, FALSE, sizeof(JxGridCell));
    g->at = g_new(int, n);
    int *cell_of_root = g_new(int, n);
    for (int i = 0; i < n; i++)
        cell_of_root[i] = -1;
    for (int i = 0; i < n; i++) { /* row-major: a cell starts at its top-left */
        int root = uf_find(parent, i), r = i / ncols, c = i % ncols;
        if (cell_of_root[root] < 0) {
            JxGridCell cell = {r, c, 1, 1, 0, 0, 0, 0};
            cell_of_root[root] = (int)g->cells->len;
            g_array_append_val(g->cells, cell);
        }
        JxGridCell *cell = &g_array_index(g->cells, JxGridCell, cell_of_root[root]);
        cell->rowspan = MAX(cell->rowspan, r - cell->row + 1);
        cell->colspan = MAX(cell->colspan, c - cell->col + 1);
        g->at[i] = cell_of_root[root];
    }
    for (guint i = 0; i < g->cells->len; i++) {
        JxGridCell *cell = &g_array_index(g->cells, JxGridCell, i);
        cell->x0 = g->xs[cell->col];
        cell->x1 = g->xs[cell->col + cell->colspan];
        cell->y0 = g->ys[cell->row];
        cell->y1 = g->ys[cell->row + cell->rowspan];
    }
    g_free(cell_of_root);
    g_free(parent);
    return g;
}

static int cmp_grid_top(gconstpointer a, gconstpointer b)
{
    const JxGrid *x = *(JxGrid *const *)a, *y = *(JxGrid *const *)b;
    return (x->ys[0] > y->ys[0]) - (x->ys[0] < y->ys[0]);
}

GPtrArray *jx_ruling_grids(const GArray *hs, const GArray *vs)
{
    int nh = (int)hs->len, nv = (int)vs->len, n = nh + nv;
    GPtrArray *grids = g_ptr_array_new_with_free_func(grid_free);
    if (nh < 2 || nv < 2)
        return grids;
    int *parent = g_new(int, n);
    for (int i = 0; i < n; i++)
        parent[i] = i;
    for (int i = 0; i < nh; i++) {
        const JxSeg *h = &g_array_index(hs, JxSeg, i);
        for (int j = 0; j < nv; j++) {
            const JxSeg *v = &g_array_index(vs, JxSeg, j);
            if (v->x0 >= h->x0 - SNAP_PT && v->x0 <= h->x1 + SNAP_PT &&
                h->y0 >= v->y0 - SNAP_PT && h->y0 <= v->y1 + SNAP_PT)
                uf_union(parent, i, nh + j);
        }
    }
    int *hm = g_new(int, MAX(nh, 1)), *vm = g_new(int, MAX(nv, 1));
    for (int root = 0; root < n; root++) {
        if (uf_find(parent, root) != root)
            continue;
        int ch = 0, cv = 0;
        for (int i = 0; i < nh; i++)
            if (uf_find(parent, i) == root)
                hm[ch++] = i;
        for (int j = 0; j < nv; j++)
            if (uf_find(parent, nh + j) == root)
                vm[cv++] = j;
        if (ch < 2 || cv < 2)
            continue; /* a rule under a heading, a box: no table */
        double longest = 0;
        for (int k = 0; k < ch; k++) {
            const JxSeg *sg = &g_array_index(hs, JxSeg, hm[k]);
            longest = MAX(longest, sg->x1 - sg->x0);
        }
        if (longest < MIN_TABLE_PT)
            continue; /* strokes of a large bold glyph, not a table */
        JxGrid *g = build_grid(hs, hm, ch, vs, vm, cv);
        if (g)
            g_ptr_array_add(grids, g);
    }
    g_free(hm);
    g_free(vm);
    g_free(parent);
    g_ptr_array_sort(grids, cmp_grid_top);
    return grids;
}

static int locate(const double *bounds, int n, double v)
{
    if (v < bounds[0] || v > bounds[n])
        return -1;
    int lo = 0, hi = n - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (bounds[mid] <= v)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

int jx_grid_cell_at(const JxGrid *g, double x, double y)
{
    int c = locate(g->xs, g->ncols, x), r = locate(g->ys, g->nrows, y);
    return (c < 0 || r < 0) ? -1 : g->at[r * g->ncols + c];
}
