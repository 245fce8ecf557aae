#include "extract/glyph.h"

static gboolean column_ink(const guint8 *gray, int stride, int x, int t, int b)
{
    for (int y = t; y < b; y++)
        if (gray[(gsize)y * (gsize)stride + (gsize)x] < 128)
            return TRUE;
    return FALSE;
}

gunichar jx_glyph_relation(const guint8 *gray, int stride, int l, int t, int r, int b)
{
    /* the box may reach into the next glyph: its first run of inked columns */
    int x = l;
    while (x < r && !column_ink(gray, stride, x, t, b))
        x++;
    l = x;
    while (x < r && column_ink(gray, stride, x, t, b))
        x++;
    r = x;
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
