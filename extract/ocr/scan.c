#include "extract/ocr/scan.h"

#include <math.h>
#include <string.h>

#include "common/error.h"
#include "extract/geom/blocks.h"
#include "extract/geom/layout.h"
#include "extract/geom/ruling.h"
#include "extract/ocr/deskew.h"
#include "extract/ocr/glyph.h"
#include "extract/ocr/ocr.h"
#include "extract/ocr/orient.h"
#include "extract/ocr/unwrap.h"

/* A page that is a picture, as an 8-bit gray image at JX_OCR_SCALE. */
typedef struct {
    const guint8 *gray;
    int w, h;
} PageImage;

/* Dark pixels in a rectangle of a gray image. */
static int ink(const guint8 *gray, int stride, int x0, int y0, int x1, int y1)
{
    int n = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            n += gray[(gsize)y * (gsize)stride + (gsize)x] < 128;
    return n;
}

/* A copy of [x0,x1) x [y0,y1) of a gray image in a white frame m pixels
 * wide, *w x *h. */
static guint8 *white_framed(const guint8 *gray, int stride, int x0, int y0, int x1, int y1, int m,
                            int *w, int *h)
{
    *w = x1 - x0 + 2 * m;
    *h = y1 - y0 + 2 * m;
    guint8 *out = g_malloc((gsize)*w * (gsize)*h);
    memset(out, 255, (gsize)*w * (gsize)*h);
    for (int y = y0; y < y1; y++)
        memcpy(out + (gsize)(y - y0 + m) * (gsize)*w + m, gray + (gsize)y * (gsize)stride + x0,
               (gsize)(x1 - x0));
    return out;
}

/* OCR of one rectangle (points) of the page image; flags go to *flags. A
 * cell (runs_to_edge not NULL) has its lines read as one (extract/ocr/unwrap.h)
 * and says whether its last line reaches its right edge; a band of page
 * text is read as a block. Alone, a cell of one line is read on a white
 * image of its own, not as a rectangle of the page: a cell found from its
 * words has its text close to its edges, and Tesseract given such a
 * rectangle may read nothing (财政资金零损失 with 5 px to spare). */
static char *ocr_box(const guint8 *gray, int w, int h, double x0, double y0, double x1,
                     double y1, unsigned *flags, gboolean *runs_to_edge, gboolean alone)
{
    const double s = JX_OCR_SCALE;
    int inset = (int)ceil(JX_RULING_REACH_PT * s), in[4];
    if (!jx_ruling_inside(x0, y0, x1, y1, s, w, h, in))
        return g_strdup("");
    int ix0 = in[0], iy0 = in[1], ix1 = in[2], iy1 = in[3];
    int bare = runs_to_edge ? inset : 0; /* a band of page text has no lines round it */
    int px0 = MAX(jx_ruling_inner_edge(gray, w, TRUE, (int)(x0 * s), 1, inset, bare, iy0, iy1,
                                       w), 0);
    int px1 = MIN(jx_ruling_inner_edge(gray, w, TRUE, (int)(x1 * s), -1, inset, bare, iy0, iy1,
                                       w), w);
    int py0 = MAX(jx_ruling_inner_edge(gray, w, FALSE, (int)(y0 * s), 1, inset, bare, ix0, ix1,
                                       h), 0);
    int py1 = MIN(jx_ruling_inner_edge(gray, w, FALSE, (int)(y1 * s), -1, inset, bare, ix0, ix1,
                                       h), h);
    int edge = px1, box[4];
    if (px1 - px0 < 4 || py1 - py0 < 4 || ink(gray, w, px0, py0, px1, py1) < 12 ||
        !jx_ocr_text_box(gray, w, px0, py0, px1, py1, box))
        return g_strdup(""); /* an empty cell (or dirt only): nothing to read */
    /* the text with a margin, clear of specks elsewhere in the cell */
    int m = (int)(2 * s);
    px0 = MAX(px0, box[0] - m);
    py0 = MAX(py0, box[1] - m);
    px1 = MIN(px1, box[2] + m);
    py1 = MIN(py1, box[3] + m);
    int conf = 0, least = 0;
    char *text;
    JxLineImage one = {0};
    if (runs_to_edge && jx_unwrap_lines(gray, w, px0, py0, px1, py1, s, &one))
        *runs_to_edge = edge - one.right < 2 * one.high; /* 1.5 glyph boxes */
    if (alone && !one.gray) /* one line: on a white image of its own */
        one.gray = white_framed(gray, w, px0, py0, px1, py1, (int)(10 * s), &one.w, &one.h);
    if (one.gray) /* two lines or more laid out as one (read as one), or framed */
        text = jx_ocr_rect(one.gray, one.w, one.h, one.w, 0, 0, one.w, one.h, one.lines > 1,
                           &conf, &least, NULL);
    else
        text = jx_ocr_rect(gray, w, h, w, px0, py0, px1, py1, FALSE, &conf, &least, NULL);
    g_free(one.gray);
    *flags |= JX_FLAG_BIT(JX_FLAG_OCR);
    /* a word Tesseract was unsure of makes the cell unsure, however sure
     * of the others it was (one misread character in a long text) */
    if (text && *text && (conf < JX_OCR_LOW_CONF || least < JX_OCR_LOW_CONF))
        *flags |= JX_FLAG_BIT(JX_FLAG_OCR_LOW_CONF);
    return text ? text : g_strdup("");
}

/* A cell of a page that is a picture: OCR of its box. */
static char *ocr_cell(const JxGridCell *gc, guint i, unsigned *flags, gboolean *runs_to_edge,
                      gpointer ctx)
{
    const PageImage *img = ctx;
    (void)i;
    *flags |= JX_FLAG_BIT(JX_FLAG_OCR);
    return ocr_box(img->gray, img->w, img->h, gc->x0, gc->y0, gc->x1, gc->y1, flags,
                   runs_to_edge, FALSE);
}

/* Points round a box of text found from its word boxes: OCR wants a
 * margin, and a cell's side without a ruling line loses JX_RULING_REACH_PT
 * (jx_ruling_inner_edge). */
#define WORDS_PAD_PT 3.0

/* The text in a box (points) of a picture page, read by OCR: a
 * JxBoxReader (extract/geom/blocks.h) on a PageImage. */
static char *image_text(double x0, double y0, double x1, double y1, unsigned *flags,
                        gboolean cell, gpointer ctx)
{
    const PageImage *img = ctx;
    gboolean edge = FALSE; /* a cell's edge is its column's (extract/geom/layout.h) */
    return ocr_box(img->gray, img->w, img->h, x0 - WORDS_PAD_PT, y0 - WORDS_PAD_PT,
                   x1 + WORDS_PAD_PT, y1 + WORDS_PAD_PT, flags, cell ? &edge : NULL, TRUE);
}

/* The page rendered at s pixels per point into a w x h 8-bit gray image,
 * turned by angle degrees (clockwise) about its centre, which stays at the
 * image's centre (turned 90 or 270, the image is as wide as the page is
 * high). Gray is the red channel: a red seal over the table fades out,
 * black ink stays dark. */
static guint8 *render_gray(JxScanDraw draw, gpointer page, double s, int w, int h,
                           double angle)
{
    gboolean sideways = (long)lround(angle / 90) % 2 != 0;
    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(surf);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_translate(cr, w / 2.0, h / 2.0);
    cairo_rotate(cr, angle * G_PI / 180);
    cairo_translate(cr, -(sideways ? h : w) / 2.0, -(sideways ? w : h) / 2.0);
    cairo_scale(cr, s, s);
    draw(cr, page);
    cairo_destroy(cr);
    cairo_surface_flush(surf);
    const guint8 *px = cairo_image_surface_get_data(surf);
    int stride = cairo_image_surface_get_stride(surf);
    guint8 *gray = g_malloc((gsize)w * (gsize)h);
    for (int y = 0; y < h; y++) {
        const guint32 *row = (const guint32 *)(px + (gsize)y * (gsize)stride);
        for (int x = 0; x < w; x++)
            gray[(gsize)y * w + x] = (guint8)((row[x] >> 16) & 0xFF);
    }
    cairo_surface_destroy(surf);
    return gray;
}

/* Paper is this long (points) or shorter, and longer than the other: A5
 * to A3 and their kin. A scan whose page is not (its image declared at 72
 * dpi makes an A4 page 3508 pt long; at 600, 280 pt) is taken to be A4. */
#define PAPER_MIN_PT 560.0
#define PAPER_MAX_PT 1700.0
#define A4_LONG_PT 842.0

/* Pixels per page point to render a picture page at: JX_OCR_SCALE, or
 * what makes an odd-sized page as many pixels as A4 at JX_OCR_SCALE, and
 * never more than JX_SCAN_MAX_PIXELS pixels (a square A3 page). The
 * OCR then works in pixels at JX_OCR_SCALE, whatever the page claims. */
static double picture_scale(double pw, double ph)
{
    double longer = MAX(pw, ph);
    double scale = longer >= PAPER_MIN_PT && longer <= PAPER_MAX_PT
                       ? JX_OCR_SCALE
                       : JX_OCR_SCALE * A4_LONG_PT / longer;
    if (pw > 0 && ph > 0 && pw * ph * scale * scale > JX_SCAN_MAX_PIXELS)
        scale = sqrt(JX_SCAN_MAX_PIXELS / (pw * ph));
    return scale;
}

/* A picture page rendered at scale pixels per page point, turned
 * clockwise by turn degrees and then back by its lean, into *w x *h
 * pixels; the grids of its ruling lines (in points at JX_OCR_SCALE) go to
 * *grids, the angle it was turned by in all (turn and lean) to *angle. */
static guint8 *page_picture(JxScanDraw draw, gpointer page, double scale, double pw,
                            double ph, int turn, int *w, int *h, GPtrArray **grids,
                            double *angle)
{
    gboolean sideways = turn % 180 != 0;
    *w = (int)ceil((sideways ? ph : pw) * scale);
    *h = (int)ceil((sideways ? pw : ph) * scale);
    guint8 *gray = render_gray(draw, page, scale, *w, *h, turn);
    /* a scan leans: turn it back, so ruling lines run level */
    double lean = jx_deskew_angle(gray, *w, *h, *w);
    *angle = turn;
    if (fabs(lean) >= JX_DESKEW_MIN) {
        g_free(gray);
        gray = render_gray(draw, page, scale, *w, *h, turn + lean);
        *angle = turn + lean;
    }
    GArray *hs = g_array_new(FALSE, FALSE, sizeof(JxSeg)), *vs = g_array_new(FALSE, FALSE, sizeof(JxSeg));
    jx_ruling_find(gray, *w, *h, *w, 1, 0, JX_RULING_DARK_SCAN, JX_OCR_SCALE, hs, vs);
    *grids = jx_ruling_grids(hs, vs);
    g_array_free(hs, TRUE);
    g_array_free(vs, TRUE);
    return gray;
}

/* The text of a picture page outside its ruled tables (rows covered),
 * into items (JxPageBlock): runs of inked rows, and in them the words that Leptonica
 * finds. Where the words line up as a table (extract/geom/layout.h), its cells
 * and the paragraphs around it are read box by box; else each run is
 * read as one. */
static void page_text(GArray *items, PageImage *img, const gboolean *covered, int pageno)
{
    const double s = JX_OCR_SCALE;
    const guint8 *gray = img->gray;
    int w = img->w, h = img->h;
    GArray *inked = g_array_new(FALSE, FALSE, sizeof(int)); /* top, bottom pairs */
    GArray *words = g_array_new(FALSE, FALSE, sizeof(JxInk));
    int gap = (int)(8 * s);
    for (int y = 0; y < h;) {
        while (y < h && (covered[y] || ink(gray, w, 0, y, w, y + 1) == 0))
            y++;
        int top = y, blank = 0;
        while (y < h && !covered[y] && blank < gap) {
            blank = ink(gray, w, 0, y, w, y + 1) ? 0 : blank + 1;
            y++;
        }
        if (y - blank - top > 6) {
            int bottom = y - blank;
            g_array_append_val(inked, top);
            g_array_append_val(inked, bottom);
            jx_ocr_word_boxes(gray, w, h, w, 0, top - 4, w, bottom + 4, words);
        }
    }
    guint nwords = jx_glyph_words(gray, w, w, (JxInk *)(void *)words->data, words->len);
    JxGlyph *boxes = g_new(JxGlyph, MAX(nwords, 1));
    GPtrArray *at = g_ptr_array_sized_new(nwords);
    for (guint i = 0; i < nwords; i++) {
        const JxInk *wd = &g_array_index(words, JxInk, i);
        boxes[i] = (JxGlyph){0x25A1, wd->x / s, wd->y / s, (wd->x + wd->w) / s,
                             (wd->y + wd->h) / s, FALSE}; /* □: OCR gives the text */
        g_ptr_array_add(at, &boxes[i]);
    }
    if (jx_blocks_from_layout(items, at, pageno, image_text, img) == 0) {
        for (guint i = 0; i < inked->len; i += 2) {
            int top = g_array_index(inked, int, i), bottom = g_array_index(inked, int, i + 1);
            unsigned flags = 0;
            char *text = ocr_box(gray, w, h, 0, (top - 4) / s, w / s, (bottom + 4) / s, &flags,
                                 NULL, FALSE);
            if (text && *text) {
                JxPageBlock it = {top / s, text, NULL, flags};
                g_array_append_val(items, it);
            } else {
                g_free(text);
            }
        }
    }
    g_ptr_array_free(at, TRUE);
    g_free(boxes);
    g_array_free(words, TRUE);
    g_array_free(inked, TRUE);
}

/* The ruled tables first, each cell read on its own; then the text
 * between them (page_text). */
/* No ink on the gray picture: a handful of dark pixels at most. */
static gboolean no_ink(const guint8 *gray, int w, int h)
{
    gsize dark = 0;
    for (gsize i = 0; i < (gsize)w * (gsize)h && dark < 16; i++)
        dark += gray[i] < 128;
    return dark < 16;
}

gboolean jx_scan_page(JxDoc *doc, int pageno, double pw, double ph, JxScanDraw draw,
                      gpointer page, gboolean *blank, GError **error)
{
    g_return_val_if_fail(doc != NULL && draw != NULL && blank != NULL, FALSE);
    *blank = FALSE;
    const double s = JX_OCR_SCALE, scale = picture_scale(pw, ph);
    if (pw <= 0 || ph <= 0 || pw * scale > 20000 || ph * scale > 20000) {
        g_set_error(error, JX_ERROR, JX_ERROR_TOO_LARGE,
                    "a picture page of %g x %g points cannot be rendered", pw, ph);
        return FALSE;
    }
    int w = 0, h = 0;
    GPtrArray *grids = NULL;
    double angle = 0;
    guint8 *gray = page_picture(draw, page, scale, pw, ph, 0, &w, &h, &grids, &angle);
    *blank = no_ink(gray, w, h);
    if (*blank || !jx_ocr_available(error)) {
        g_free(gray);
        g_ptr_array_free(grids, TRUE);
        return *blank;
    }
    /* fed into the scanner sideways or upside down: turned upright */
    int turn = jx_orient_page(gray, w, h, grids);
    if (turn) {
        g_free(gray);
        g_ptr_array_free(grids, TRUE);
        gray = page_picture(draw, page, scale, pw, ph, turn, &w, &h, &grids, &angle);
    }
    /* boxes are pixels at s: points of the page drawn as it was read */
    jx_doc_set_view(doc, pageno, angle, scale / s);

    GArray *items = jx_blocks_new();
    gboolean *covered = g_new0(gboolean, h);
    PageImage img = {gray, w, h};
    for (guint t = 0; t < grids->len; t++) {
        const JxGrid *grid = g_ptr_array_index(grids, t);
        JxPageBlock it = {grid->ys[0], NULL, jx_blocks_grid_table(grid, pageno, ocr_cell, &img), 0};
        g_array_append_val(items, it);
        for (int y = (int)(grid->ys[0] * s); y < MIN((int)(grid->ys[grid->nrows] * s) + 1, h); y++)
            if (y >= 0)
                covered[y] = TRUE;
    }
    page_text(items, &img, covered, pageno);
    g_free(covered);
    jx_blocks_add_to_doc(doc, items, pageno, JX_FLAG_BIT(JX_FLAG_OCR));
    g_ptr_array_free(grids, TRUE);
    g_free(gray);
    return TRUE;
}
