#include "extract/ocr/glyph.h"

#include <math.h>
#include <stdlib.h>

static gboolean column_ink(const guint8 *gray, int stride, int x, int t, int b)
{
    for (int y = t; y < b; y++)
        if (gray[(gsize)y * (gsize)stride + (gsize)x] < 128)
            return TRUE;
    return FALSE;
}

/* The box may reach into the next glyph: [*l, *r) becomes its first run
 * of inked columns. OCR's box may also start inside the glyph: the run
 * goes on left a few columns (as far as GROW_PX) while they hold ink. */
#define GROW_PX 3
static void first_inked_run(const guint8 *gray, int stride, int *l, int *r, int t, int b)
{
    int x = *l;
    while (x < *r && !column_ink(gray, stride, x, t, b))
        x++;
    if (x == *l) /* the box starts in ink */
        for (int k = 0; k < GROW_PX && x > 0 && column_ink(gray, stride, x - 1, t, b); k++)
            x--;
    *l = x;
    while (x < *r && column_ink(gray, stride, x, t, b))
        x++;
    *r = x;
}

gunichar jx_glyph_relation(const guint8 *gray, int stride, int l, int t, int r, int b)
{
    first_inked_run(gray, stride, &l, &r, t, b);
    int w = r - l, h = b - t, bars = 0, narrow = 0, top = -1, last = -1;
    double x_at[256];
    if (w < 4 || h < 6 || h > 256)
        return 0;
    for (int y = 0; y < h; y++) {
        const guint8 *row = gray + (gsize)(t + y) * (gsize)stride + l;
        int x0 = -1, x1 = -1, n = 0;
        double sum = 0;
        for (int x = 0; x < w; x++)
            if (row[x] < 128) {
                x0 = x0 < 0 ? x : x0;
                x1 = x;
                n++;
                sum += x;
            }
        x_at[y] = n ? sum / n : -1;
        if (n == 0)
            continue;
        if ((x1 - x0 + 1) * 10 >= w * 7) {
            bars += y >= h / 2 && (last < 0 || y > last);
        } else if ((x1 - x0 + 1) * 2 <= w && !bars) {
            narrow++;
            top = top < 0 ? y : top;
            last = y;
        }
    }
    if (!bars || narrow < 3 || (last - top + 1) * 4 < h)
        return 0;
    double tip = x_at[(top + last) / 2], end = x_at[top];
    if (tip < 0 || end < 0)
        return 0;
    if (tip - end > w / 5.0)
        return 0x2265; /* ≥: the chevron points right */
    if (end - tip > w / 5.0)
        return 0x2264;
    return 0;
}

gboolean jx_glyph_divide(const guint8 *gray, int stride, int l, int t, int r, int b)
{
    first_inked_run(gray, stride, &l, &r, t, b);
    int w = r - l, runs = 0, x0[3] = {0}, x1[3] = {0};
    gboolean inked_above = FALSE;
    if (w < 4 || b - t < 6)
        return FALSE;
    for (int y = t; y < b; y++) {
        const guint8 *row = gray + (gsize)y * (gsize)stride;
        int a = -1, z = -1;
        for (int x = l; x < r; x++)
            if (row[x] < 128) {
                a = a < 0 ? x : a;
                z = x + 1;
            }
        if (a >= 0 && !inked_above) { /* a new run of inked rows */
            if (++runs > 3)
                return FALSE;
            x0[runs - 1] = a;
            x1[runs - 1] = z;
        } else if (a >= 0) {
            x0[runs - 1] = MIN(x0[runs - 1], a);
            x1[runs - 1] = MAX(x1[runs - 1], z);
        }
        inked_above = a >= 0;
    }
    if (runs != 3)
        return FALSE;
    /* a dot, a bar across the glyph, a dot; the dots over the bar's middle */
    int bar = x1[1] - x0[1];
    double mid = (x0[1] + x1[1]) / 2.0;
    if (bar * 10 < w * 8)
        return FALSE;
    for (int k = 0; k < 3; k += 2)
        if ((x1[k] - x0[k]) * 5 > bar * 2 || fabs((x0[k] + x1[k]) / 2.0 - mid) * 4 > bar)
            return FALSE;
    return TRUE;
}

gboolean jx_glyph_divide_between(const guint8 *gray, int stride, const int a[4], const int b[4])
{
    int t = MIN(a[1], b[1]), bot = MAX(a[3], b[3]), high = bot - t;
    if (a[3] <= b[1] || b[3] <= a[1])
        return FALSE; /* not on one line */
    int from = a[2] + 1;
    if ((a[2] - a[0]) * 4 > (a[3] - a[1]) * 5) { /* wider than a glyph: its last inked run */
        int x = a[2];
        while (x > a[0] && !column_ink(gray, stride, x - 1, a[1], a[3]))
            x--;
        while (x > a[0] && column_ink(gray, stride, x - 1, a[1], a[3]))
            x--;
        if ((x - a[0]) * 4 >= (a[3] - a[1]) * 3)
            from = x;
    }
    if (b[0] - from < high / 2)
        return FALSE;
    return jx_glyph_divide(gray, stride, from, t, b[0], bot);
}

/* A piece this many pixels across is a stroke of text, not a speck (at
 * JX_OCR_SCALE: 2.3 pt; dirt is smaller, characters larger). */
#define STROKE_PX 8
/* A speck this close to a stroke belongs to it. */
#define NEAR_PX 6

/* Is the speck s the point after the digit-like stroke d (narrower than
 * high, as digits are and ideographs are not)? It sits on d's baseline,
 * within half d's height after it. */
static gboolean point_after_digit(const JxInk *d, const JxInk *s)
{
    int gap = s->x - (d->x + d->w);
    return d->h >= STROKE_PX && d->w * 4 <= d->h * 3 && s->w * 3 <= d->h && s->h * 3 <= d->h &&
           gap >= 0 && gap * 2 <= d->h && ABS((s->y + s->h) - (d->y + d->h)) * 8 <= d->h;
}

gboolean jx_glyph_text_extent(const JxInk *ink, int n, int box[4])
{
    int x0 = G_MAXINT, y0 = G_MAXINT, x1 = -1, y1 = -1;
    for (int pass = 0; pass < 2; pass++) /* strokes, then the specks beside them */
        for (int i = 0; i < n; i++) {
            const JxInk *p = &ink[i];
            gboolean stroke = MAX(p->w, p->h) >= STROKE_PX;
            if (stroke != (pass == 0))
                continue;
            if (pass == 1) {
                gboolean near = x1 >= 0 && p->x + p->w >= x0 - NEAR_PX && p->x <= x1 + NEAR_PX &&
                                p->y + p->h >= y0 - NEAR_PX && p->y <= y1 + NEAR_PX;
                for (int j = 0; j < n && !near; j++)
                    near = point_after_digit(&ink[j], p);
                if (!near)
                    continue;
            }
            x0 = MIN(x0, p->x);
            y0 = MIN(y0, p->y);
            x1 = MAX(x1, p->x + p->w);
            y1 = MAX(y1, p->y + p->h);
        }
    if (x1 < 0)
        return FALSE;
    box[0] = x0;
    box[1] = y0;
    box[2] = x1;
    box[3] = y1;
    return TRUE;
}

static int cmp_int(gconstpointer a, gconstpointer b)
{
    return *(const int *)a - *(const int *)b;
}

/* A speck of dirt is smaller than this part of a line both ways. */
#define SPECK_PART 0.4
/* A font's glyph box reaches above and below its ink by about this part
 * of the ink's height (CJK ink fills some 0.9 of the em). */
#define INK_TO_BOX 8

/* Rows [*top, *bottom) holding ink in columns [l, r). */
static void ink_rows(const guint8 *gray, int stride, int l, int r, int t, int b, int *top,
                     int *bottom)
{
    *top = b;
    *bottom = t;
    for (int y = t; y < b; y++)
        for (int x = l; x < r; x++)
            if (gray[(gsize)y * (gsize)stride + (gsize)x] < 128) {
                *top = MIN(*top, y);
                *bottom = y + 1;
                break;
            }
}

/* Ink in columns [l, r) of the line ending at row b only low and narrow,
 * as a full-width mark's: ，。、 and the dots of ；：. */
static gboolean low_mark(const guint8 *gray, int stride, int l, int r, int b, int line)
{
    int t = b - line, top, bottom; /* t: where the line's top would be */
    ink_rows(gray, stride, l, r, MAX(t, 0), b, &top, &bottom);
    return r > l && (r - l) * 10 <= line * 4 && bottom > top && (top - t) * 20 >= line * 7 &&
           (bottom - t) * 10 >= line * 7;
}

/* A full-width mark leaves half its em blank: ，。、；： the right half,
 * their ink narrow and low. On the page that blank is as wide as a gap
 * between columns, so a word that ends with such a mark (the last run of
 * its inked columns, or ink just after it that the word finder left out)
 * grows by half a line over it. (“ leaves the left half, but the first
 * stroke of 坚 is as narrow and as high: not told apart.) */
static void punctuation_blank(const guint8 *gray, int stride, int width, JxInk *wd, int line)
{
    int b = wd->y + wd->h, t = MAX(b - line, wd->y), x = wd->x + wd->w - 1;
    while (x > wd->x && !column_ink(gray, stride, x, t, b)) /* the last run */
        x--;
    int r = x + 1;
    while (x > wd->x && column_ink(gray, stride, x, t, b))
        x--;
    if (x > wd->x && low_mark(gray, stride, x + 1, r, b, line)) {
        wd->w += line / 2;
        return;
    }
    int end = MIN(wd->x + wd->w + line, width), l = wd->x + wd->w; /* within a line after */
    while (l < end && !column_ink(gray, stride, l, t, b))
        l++;
    r = l;
    while (r < end && column_ink(gray, stride, r, t, b))
        r++;
    if (r < end && low_mark(gray, stride, l, r, b, line))
        wd->w = r + line / 2 - wd->x;
}

guint jx_glyph_words(const guint8 *gray, int stride, int width, JxInk *words, guint n)
{
    if (n == 0)
        return 0;
    int *hs = g_new(int, n), m = 0;
    for (guint i = 0; i < n; i++) /* dirt is everywhere on some scans: not counted */
        if (words[i].h >= 2 * STROKE_PX)
            hs[m++] = words[i].h;
    if (m == 0) {
        g_free(hs);
        return 0;
    }
    qsort(hs, (size_t)m, sizeof *hs, cmp_int);
    int line = hs[m / 2];
    g_free(hs);
    guint kept = 0;
    for (guint i = 0; i < n; i++) {
        JxInk wd = words[i];
        if (MAX(wd.w, wd.h) < SPECK_PART * line)
            continue;
        punctuation_blank(gray, stride, width, &wd, line);
        if (wd.h * 2 < line) {
            wd.y -= (line - wd.h) / 2;
            wd.h = line;
        }
        wd.y -= line / INK_TO_BOX;
        wd.h += 2 * (line / INK_TO_BOX);
        words[kept++] = wd;
    }
    return kept;
}
