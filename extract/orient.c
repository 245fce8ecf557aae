#include "extract/orient.h"

#include "extract/ocr.h"

/* An upright page's cells read with a mean confidence above this (67 to 95
 * on corpus/scanned; turned ones 25 to 49); under it, the other turns are
 * tried. */
#define UPRIGHT_CONF 60
/* Another turn wins only when it reads this much surer than none. */
#define TURN_MARGIN 10

guint8 *jx_orient_turn_rect(const guint8 *gray, int stride, int x0, int y0, int x1, int y1,
                            int turn, int *ow, int *oh)
{
    int w = x1 - x0, h = y1 - y0;
    gboolean sideways = turn == 90 || turn == 270;
    *ow = sideways ? h : w;
    *oh = sideways ? w : h;
    guint8 *out = g_malloc((gsize)MAX(w, 1) * (gsize)MAX(h, 1));
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int u = x, v = y; /* where (x, y) goes */
            if (turn == 90) {
                u = h - 1 - y;
                v = x;
            } else if (turn == 180) {
                u = w - 1 - x;
                v = h - 1 - y;
            } else if (turn == 270) {
                u = y;
                v = w - 1 - x;
            }
            out[(gsize)v * (gsize)*ow + (gsize)u] = gray[(gsize)(y0 + y) * (gsize)stride + (gsize)(x0 + x)];
        }
    return out;
}

/* Mean OCR confidence of the boxes turned by turn. */
static int turned_confidence(const guint8 *gray, int stride, const JxBox *boxes, guint n,
                             int turn)
{
    int sum = 0;
    for (guint i = 0; i < n; i++) {
        const JxBox *b = &boxes[i];
        int w = 0, h = 0, conf = 0;
        guint8 *img = jx_orient_turn_rect(gray, stride, b->x0, b->y0, b->x1, b->y1, turn, &w, &h);
        char *text = jx_ocr_rect(img, w, h, w, 0, 0, w, h, FALSE, &conf, NULL);
        sum += text && *text ? conf : 0;
        g_free(text);
        g_free(img);
    }
    return sum / (int)n;
}

int jx_orient_page(const guint8 *gray, int stride, const JxBox *boxes, guint n)
{
    if (n == 0)
        return 0;
    int best = 0, upright = turned_confidence(gray, stride, boxes, n, 0), best_conf = upright;
    for (int turn = 90; upright < UPRIGHT_CONF && turn < 360; turn += 90) {
        int conf = turned_confidence(gray, stride, boxes, n, turn);
        if (conf > best_conf) {
            best = turn;
            best_conf = conf;
        }
    }
    return best_conf >= upright + TURN_MARGIN ? best : 0;
}
