#include "extract/ocr/unwrap.h"

#include <string.h>

/* Pieces of ink this high (points) or lower are one line whatever they look
 * like: 三 or 二 alone is three or two bars with blank rows between. */
#define ONE_LINE_PT 10.0

typedef struct {
    int y0, y1; /* rows [y0, y1) */
    int x0, x1; /* columns [x0, x1) of its ink */
} Line;

static gboolean row_has_ink(const guint8 *row, int x0, int x1)
{
    for (int x = x0; x < x1; x++)
        if (row[x] < 128)
            return TRUE;
    return FALSE;
}

gboolean jx_unwrap_lines(const guint8 *gray, int stride, int x0, int y0, int x1, int y1,
                         double scale, JxLineImage *out)
{
    GArray *lines = g_array_new(FALSE, FALSE, sizeof(Line));
    int tallest = 0;
    for (int y = y0; y < y1;) {
        while (y < y1 && !row_has_ink(gray + (gsize)y * (gsize)stride, x0, x1))
            y++;
        if (y == y1)
            break;
        Line l = {y, y, 0, 0};
        while (y < y1 && row_has_ink(gray + (gsize)y * (gsize)stride, x0, x1))
            y++;
        l.y1 = y;
        tallest = MAX(tallest, l.y1 - l.y0);
        g_array_append_val(lines, l);
    }
    /* pieces that together are no higher than one line are one line */
    int one = MAX(tallest * 13 / 10, (int)(ONE_LINE_PT * scale));
    guint n = 0;
    for (guint i = 0; i < lines->len; i++) {
        Line l = g_array_index(lines, Line, i);
        Line *last = n ? &g_array_index(lines, Line, n - 1) : NULL;
        if (last && l.y1 - last->y0 <= one)
            last->y1 = l.y1;
        else
            g_array_index(lines, Line, n++) = l;
    }
    /* what stands alone and is much lower than a line is a speck */
    tallest = 0;
    for (guint i = 0; i < n; i++)
        tallest = MAX(tallest, g_array_index(lines, Line, i).y1 - g_array_index(lines, Line, i).y0);
    guint kept = 0;
    for (guint i = 0; i < n; i++) {
        Line l = g_array_index(lines, Line, i);
        if ((l.y1 - l.y0) * 3 >= tallest)
            g_array_index(lines, Line, kept++) = l;
    }
    n = kept;
    g_array_set_size(lines, n);
    *out = (JxLineImage){NULL, 0, 0, (int)n, 0, 0};
    if (n == 0) {
        g_array_free(lines, TRUE);
        return FALSE;
    }
    int high = 0, wide = 0;
    for (guint i = 0; i < n; i++) {
        Line *l = &g_array_index(lines, Line, i);
        l->x0 = x1;
        l->x1 = x0;
        for (int y = l->y0; y < l->y1; y++) {
            const guint8 *row = gray + (gsize)y * (gsize)stride;
            for (int x = x0; x < x1; x++)
                if (row[x] < 128) {
                    l->x0 = MIN(l->x0, x);
                    l->x1 = MAX(l->x1, x + 1);
                }
        }
        /* faint ink at the ends (a point blurred lighter than 128) stays */
        int pad = MAX(1, (l->y1 - l->y0) / 8);
        l->x0 = MAX(x0, l->x0 - pad);
        l->x1 = MIN(x1, l->x1 + pad);
        high = MAX(high, l->y1 - l->y0);
        wide += l->x1 - l->x0;
    }
    out->high = high;
    out->right = g_array_index(lines, Line, n - 1).x1;
    if (n == 1) {
        g_array_free(lines, TRUE);
        return TRUE;
    }
    /* as far apart as characters are; a margin Tesseract likes */
    int gap = MAX(1, high / 16), margin = MAX(4, high / 3);
    out->w = wide + gap * (int)(n - 1) + 2 * margin;
    out->h = high + 2 * margin;
    out->gray = g_malloc((gsize)out->w * (gsize)out->h);
    memset(out->gray, 255, (gsize)out->w * (gsize)out->h);
    int at = margin;
    for (guint i = 0; i < n; i++) {
        const Line *l = &g_array_index(lines, Line, i);
        int top = margin + high - (l->y1 - l->y0); /* bottoms aligned */
        for (int y = l->y0; y < l->y1; y++)
            memcpy(out->gray + (gsize)(top + y - l->y0) * (gsize)out->w + at,
                   gray + (gsize)y * (gsize)stride + l->x0, (size_t)(l->x1 - l->x0));
        at += l->x1 - l->x0 + gap;
    }
    g_array_free(lines, TRUE);
    return TRUE;
}
