#include "extract/ocr/orient.h"

#include <string.h>

#include "extract/ocr/glyph.h"
#include "extract/ocr/ocr.h"
#include "extract/geom/ruling.h"

typedef struct {
    int x0, y0, x1, y1; /* pixels */
} Box;

/* An upright page's cells read with a mean confidence above this (67 to 95
 * on corpus/scanned; turned ones 25 to 49); under it, the other turns are
 * tried. */
#define UPRIGHT_CONF 60
/* Another turn wins only when it reads this much surer than none. */
#define TURN_MARGIN 10
/* The lines read: the longest single lines of text (at least LINE_RATIO
 * times as long as high, level or upright), one to a cell. */
#define SAMPLES 3
#define LINE_RATIO 2.5

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
static int turned_confidence(const guint8 *gray, int stride, const Box *boxes, guint n, int turn)
{
    int sum = 0;
    for (guint i = 0; i < n; i++) {
        const Box *b = &boxes[i];
        int w = 0, h = 0, conf = 0;
        guint8 *img = jx_orient_turn_rect(gray, stride, b->x0, b->y0, b->x1, b->y1, turn, &w, &h);
        char *text = jx_ocr_rect(img, w, h, w, 0, 0, w, h, FALSE, &conf, NULL, NULL);
        sum += text && *text ? conf : 0;
        g_free(text);
        g_free(img);
    }
    return sum / (int)n;
}

static int longer_first(gconstpointer a, gconstpointer b)
{
    const Box *p = a, *q = b;
    return MAX(q->x1 - q->x0, q->y1 - q->y0) - MAX(p->x1 - p->x0, p->y1 - p->y0);
}

/* Is a box of text [x0,x1) x [y0,y1) one line, level or upright? */
static gboolean one_line(const int b[4])
{
    const double s = JX_OCR_SCALE;
    int lo = MIN(b[2] - b[0], b[3] - b[1]), hi = MAX(b[2] - b[0], b[3] - b[1]);
    return hi >= lo * LINE_RATIO && lo >= 5 * s && lo <= 20 * s;
}

/* A line no longer than LINE_LONGEST line heights (from its start) with a
 * margin m, inside [0,w) x [0,h). */
#define LINE_LONGEST 20
static Box line_box(const int b[4], int m, int w, int h)
{
    int lo = MIN(b[2] - b[0], b[3] - b[1]);
    Box box = {MAX(b[0] - m, 0), MAX(b[1] - m, 0), MIN(MIN(b[2], b[0] + LINE_LONGEST * lo) + m, w),
               MIN(MIN(b[3], b[1] + LINE_LONGEST * lo) + m, h)};
    return box;
}

/* Lines of a page without ruling lines: its longest words (Leptonica's,
 * extract/ocr/ocr.h), found on the page as it is and, when none is a line,
 * turned by 90 degrees (a page fed in sideways has its lines upright, and
 * the word finder joins glyphs side by side only). Into found. */
static void word_lines(const guint8 *gray, int w, int h, GArray *found)
{
    int m = (int)(2 * JX_OCR_SCALE);
    GArray *words = g_array_new(FALSE, FALSE, sizeof(JxInk));
    for (int turn = 0; turn <= 90 && found->len == 0; turn += 90) {
        int tw = w, th = h;
        guint8 *turned = turn ? jx_orient_turn_rect(gray, w, 0, 0, w, h, turn, &tw, &th) : NULL;
        g_array_set_size(words, 0);
        jx_ocr_word_boxes(turned ? turned : gray, tw, th, tw, 0, 0, tw, th, words);
        g_free(turned);
        for (guint i = 0; i < words->len; i++) {
            const JxInk *wd = &g_array_index(words, JxInk, i);
            int b[4] = {wd->x, wd->y, wd->x + wd->w, wd->y + wd->h};
            if (turn) { /* back: (u, v) of the turned page was (v, h - 1 - u) */
                int t[4] = {wd->y, h - (wd->x + wd->w), wd->y + wd->h, h - wd->x};
                memcpy(b, t, sizeof b);
            }
            if (one_line(b)) {
                Box box = line_box(b, m, w, h);
                g_array_append_val(found, box);
            }
        }
    }
    g_array_free(words, TRUE);
}

/* The lines to read (at most SAMPLES) into out; how many. */
static guint sample_lines(const guint8 *gray, int w, int h, const GPtrArray *grids, Box *out)
{
    const double s = JX_OCR_SCALE;
    int m = (int)(2 * s); /* a margin round the text */
    GArray *found = g_array_new(FALSE, FALSE, sizeof(Box));
    for (guint t = 0; t < grids->len; t++) {
        const JxGrid *grid = g_ptr_array_index(grids, t);
        for (guint i = 0; i < grid->cells->len; i++) {
            const JxGridCell *gc = &g_array_index(grid->cells, JxGridCell, i);
            int in[4], b[4];
            if (!jx_ruling_inside(gc->x0, gc->y0, gc->x1, gc->y1, s, w, h, in) ||
                !jx_ocr_text_box(gray, w, in[0], in[1], in[2], in[3], b))
                continue;
            if (!one_line(b))
                continue;
            Box box = {MAX(b[0] - m, in[0]), MAX(b[1] - m, in[1]), MIN(b[2] + m, in[2]),
                       MIN(b[3] + m, in[3])};
            g_array_append_val(found, box);
        }
    }
    if (grids->len == 0)
        word_lines(gray, w, h, found);
    g_array_sort(found, longer_first);
    guint n = MIN(found->len, SAMPLES);
    for (guint k = 0; k < n; k++)
        out[k] = g_array_index(found, Box, k);
    g_array_free(found, TRUE);
    return n;
}

int jx_orient_page(const guint8 *gray, int w, int h, const GPtrArray *grids)
{
    Box boxes[SAMPLES];
    guint n = sample_lines(gray, w, h, grids, boxes);
    if (n == 0)
        return 0;
    int best = 0, upright = turned_confidence(gray, w, boxes, n, 0), best_conf = upright;
    for (int turn = 90; upright < UPRIGHT_CONF && turn < 360; turn += 90) {
        int conf = turned_confidence(gray, w, boxes, n, turn);
        if (conf > best_conf) {
            best = turn;
            best_conf = conf;
        }
    }
    return best_conf >= upright + TURN_MARGIN ? best : 0;
}
