#include "extract/ofd/ofd_path.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extract/geom/ruling.h"

/* How far off the axis a straight piece may lean and still be a ruling
 * line, and the shortest piece kept (points). */
#define AXIS_TOL_PT 0.6
#define MIN_PIECE_PT 2.0
/* Segments closer than this along one line are one (points). */
#define JOIN_PT 0.6

JxOfdMatrix jx_ofd_matrix_identity(void)
{
    return (JxOfdMatrix){1, 0, 0, 1, 0, 0};
}

JxOfdMatrix jx_ofd_matrix_offset_scale(double dx, double dy, double s)
{
    return (JxOfdMatrix){s, 0, 0, s, dx * s, dy * s};
}

void jx_ofd_matrix_apply(const JxOfdMatrix *m, double x, double y, double *ox, double *oy)
{
    *ox = m->a * x + m->c * y + m->e;
    *oy = m->b * x + m->d * y + m->f;
}

JxOfdMatrix jx_ofd_matrix_then(const JxOfdMatrix *p, const JxOfdMatrix *q)
{
    return (JxOfdMatrix){
        p->a * q->a + p->b * q->c,        p->a * q->b + p->b * q->d,
        p->c * q->a + p->d * q->c,        p->c * q->b + p->d * q->d,
        p->e * q->a + p->f * q->c + q->e, p->e * q->b + p->f * q->d + q->f,
    };
}

gboolean jx_ofd_matrix_parse(const char *s, JxOfdMatrix *m)
{
    if (!s)
        return FALSE;
    double v[6];
    const char *p = s;
    for (int i = 0; i < 6; i++) {
        char *end;
        v[i] = g_ascii_strtod(p, &end);
        if (end == p || !isfinite(v[i]))
            return FALSE;
        p = end;
    }
    *m = (JxOfdMatrix){v[0], v[1], v[2], v[3], v[4], v[5]};
    return TRUE;
}

/* Tokens of AbbreviatedData: a command letter or a number. */
typedef struct {
    const char *p;
} Lexer;

static void skip_space(Lexer *lx)
{
    while (*lx->p && (g_ascii_isspace(*lx->p) || *lx->p == ','))
        lx->p++;
}

/* The next command letter, or 0 at the end (or before a number). */
static char next_command(Lexer *lx)
{
    skip_space(lx);
    char c = *lx->p;
    if (g_ascii_isalpha(c)) {
        lx->p++;
        return c;
    }
    return 0;
}

static gboolean next_numbers(Lexer *lx, double *out, int n)
{
    for (int i = 0; i < n; i++) {
        skip_space(lx);
        char *end;
        out[i] = g_ascii_strtod(lx->p, &end);
        if (end == lx->p || !isfinite(out[i]))
            return FALSE;
        lx->p = end;
    }
    return TRUE;
}

static void add_piece(double x0, double y0, double x1, double y1, GArray *hs, GArray *vs)
{
    double dx = fabs(x1 - x0), dy = fabs(y1 - y0);
    if (dy <= AXIS_TOL_PT && dx >= MIN_PIECE_PT) {
        double y = (y0 + y1) / 2;
        JxSeg s = {MIN(x0, x1), y, MAX(x0, x1), y};
        g_array_append_val(hs, s);
    } else if (dx <= AXIS_TOL_PT && dy >= MIN_PIECE_PT) {
        double x = (x0 + x1) / 2;
        JxSeg s = {x, MIN(y0, y1), x, MAX(y0, y1)};
        g_array_append_val(vs, s);
    }
}

/* A subpath as its corner points (page space) and whether it is made of
 * straight pieces only. */
typedef struct {
    GArray *pts; /* double pairs */
    gboolean straight;
} Sub;

/* The line along the middle of a thin filled axis-parallel rectangle. */
static void fill_sub(const Sub *s, GArray *hs, GArray *vs)
{
    guint n = s->pts->len / 2;
    const double *p = (const double *)(void *)s->pts->data;
    if (!s->straight || n < 4 || n > 5)
        return;
    double x0 = p[0], x1 = p[0], y0 = p[1], y1 = p[1];
    for (guint i = 1; i < n; i++) {
        x0 = MIN(x0, p[2 * i]);
        x1 = MAX(x1, p[2 * i]);
        y0 = MIN(y0, p[2 * i + 1]);
        y1 = MAX(y1, p[2 * i + 1]);
    }
    for (guint i = 0; i < n; i++) { /* every corner on the box: a rectangle */
        double x = p[2 * i], y = p[2 * i + 1];
        if ((fabs(x - x0) > AXIS_TOL_PT && fabs(x - x1) > AXIS_TOL_PT) ||
            (fabs(y - y0) > AXIS_TOL_PT && fabs(y - y1) > AXIS_TOL_PT))
            return;
    }
    double w = x1 - x0, h = y1 - y0;
    if (h <= JX_OFD_LINE_THICK_PT && w > h)
        add_piece(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2, hs, vs);
    else if (w <= JX_OFD_LINE_THICK_PT && h > w)
        add_piece((x0 + x1) / 2, y0, (x0 + x1) / 2, y1, hs, vs);
}

static void sub_end(Sub *s, gboolean fill, GArray *hs, GArray *vs)
{
    if (fill)
        fill_sub(s, hs, vs);
    g_array_set_size(s->pts, 0);
    s->straight = TRUE;
}

static void sub_point(Sub *s, double x, double y)
{
    g_array_append_val(s->pts, x);
    g_array_append_val(s->pts, y);
}

gsize jx_ofd_path_segments(const char *data, const JxOfdMatrix *m, gboolean stroke,
                           gboolean fill, gsize max_ops, GArray *hs, GArray *vs)
{
    if (!data)
        return 0;
    Lexer lx = {data};
    Sub sub = {g_array_new(FALSE, FALSE, sizeof(double)), TRUE};
    double cx = 0, cy = 0, sx = 0, sy = 0; /* current and subpath start, object space */
    gsize ops = 0;
    char cmd;
    while ((cmd = next_command(&lx)) != 0) {
        if (++ops > max_ops)
            break;
        double v[7], px, py, qx, qy;
        switch (cmd) {
        case 'S':
        case 'M':
            if (!next_numbers(&lx, v, 2))
                goto done;
            sub_end(&sub, fill, hs, vs);
            cx = sx = v[0];
            cy = sy = v[1];
            jx_ofd_matrix_apply(m, cx, cy, &px, &py);
            sub_point(&sub, px, py);
            break;
        case 'L':
            if (!next_numbers(&lx, v, 2))
                goto done;
            jx_ofd_matrix_apply(m, cx, cy, &px, &py);
            jx_ofd_matrix_apply(m, v[0], v[1], &qx, &qy);
            if (stroke)
                add_piece(px, py, qx, qy, hs, vs);
            if (sub.pts->len == 0)
                sub_point(&sub, px, py);
            sub_point(&sub, qx, qy);
            cx = v[0];
            cy = v[1];
            break;
        case 'Q':
        case 'B':
        case 'A': {
            int n = cmd == 'Q' ? 4 : cmd == 'B' ? 6 : 7;
            if (!next_numbers(&lx, v, n))
                goto done;
            cx = v[n - 2];
            cy = v[n - 1];
            jx_ofd_matrix_apply(m, cx, cy, &px, &py);
            sub_point(&sub, px, py);
            sub.straight = FALSE;
            break;
        }
        case 'C':
        case 'Z':
            jx_ofd_matrix_apply(m, cx, cy, &px, &py);
            jx_ofd_matrix_apply(m, sx, sy, &qx, &qy);
            if (stroke)
                add_piece(px, py, qx, qy, hs, vs);
            sub_end(&sub, fill, hs, vs);
            cx = sx;
            cy = sy;
            break;
        default:
            goto done; /* not an OFD path operator */
        }
    }
done:
    sub_end(&sub, fill, hs, vs); /* an open filled subpath closes itself */
    g_array_free(sub.pts, TRUE);
    return ops;
}

static int cmp_h(const void *a, const void *b)
{
    const JxSeg *s = a, *t = b;
    if (s->y0 != t->y0)
        return s->y0 < t->y0 ? -1 : 1;
    return (s->x0 > t->x0) - (s->x0 < t->x0);
}

static int cmp_v(const void *a, const void *b)
{
    const JxSeg *s = a, *t = b;
    if (s->x0 != t->x0)
        return s->x0 < t->x0 ? -1 : 1;
    return (s->y0 > t->y0) - (s->y0 < t->y0);
}

/* Joins, along one line, what overlaps or touches: segments sorted by
 * position then start, each merged into the one before when on its line. */
static void merge(GArray *segs, gboolean vertical)
{
    if (segs->len < 2)
        return;
    /* positions rounded to the join tolerance first, so sorting is a total order */
    for (guint i = 0; i < segs->len; i++) {
        JxSeg *s = &g_array_index(segs, JxSeg, i);
        if (vertical)
            s->x0 = s->x1 = round(s->x0 / JOIN_PT) * JOIN_PT;
        else
            s->y0 = s->y1 = round(s->y0 / JOIN_PT) * JOIN_PT;
    }
    qsort(segs->data, segs->len, sizeof(JxSeg), vertical ? cmp_v : cmp_h);
    guint out = 0;
    for (guint i = 0; i < segs->len; i++) {
        JxSeg s = g_array_index(segs, JxSeg, i);
        JxSeg *last = out ? &g_array_index(segs, JxSeg, out - 1) : NULL;
        if (last && (vertical ? last->x0 == s.x0 : last->y0 == s.y0) &&
            (vertical ? s.y0 <= last->y1 + JOIN_PT : s.x0 <= last->x1 + JOIN_PT)) {
            if (vertical)
                last->y1 = MAX(last->y1, s.y1);
            else
                last->x1 = MAX(last->x1, s.x1);
            continue;
        }
        g_array_index(segs, JxSeg, out++) = s;
    }
    g_array_set_size(segs, out);
}

void jx_ofd_segs_merge(GArray *hsegs, GArray *vsegs)
{
    merge(hsegs, FALSE);
    merge(vsegs, TRUE);
}
