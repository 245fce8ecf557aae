#include "extract/pdf/pdf.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <poppler.h>

#include "common/error.h"
#include "extract/pdf/crosspage.h"
#include "extract/geom/layout.h"
#include "extract/ocr/deskew.h"
#include "extract/ocr/glyph.h"
#include "extract/ocr/ocr.h"
#include "extract/ocr/orient.h"
#include "extract/ocr/unwrap.h"
#include "extract/geom/ruling.h"

/* Lines closer than this many line heights are one band (table row). */
#define BAND_GAP 0.3

/* A block of a page before it goes into the document, kept for sorting. */
typedef struct {
    double y;
    char *text;     /* paragraph, or NULL */
    JxTable *table; /* table, or NULL */
} Item;

/* A page that is a picture, as an 8-bit gray image at JX_OCR_SCALE. */
typedef struct {
    const guint8 *gray;
    int w, h;
} PageImage;

/* The text in a box (points) of a picture page, read by OCR (below). */
static char *image_text(const PageImage *img, double x0, double y0, double x1, double y1,
                        unsigned *flags, gboolean cell);

static int cmp_item(gconstpointer a, gconstpointer b)
{
    const Item *x = a, *y = b;
    return (x->y > y->y) - (x->y < y->y);
}

static gboolean garbled_char(gunichar c)
{
    return (c >= 0xE000 && c <= 0xF8FF) || c == 0xFFFD || (c < 0x20 && c != '\n') ||
           (c >= 0xF0000);
}

/* How the page shows its text: 0 upright, or 90/180/270 when it reads
 * downwards, right to left, upwards (a /Rotate page, a sideways table). */
typedef struct {
    int angle;
    double w, h; /* the page as shown */
} Turn;

/* Maps a point of the page as shown to the upright page. */
static void turn_point(const Turn *t, double x, double y, double *u, double *v)
{
    switch (t->angle) {
    case 90: *u = y; *v = t->w - x; break;
    case 180: *u = t->w - x; *v = t->h - y; break;
    case 270: *u = t->h - y; *v = x; break;
    default: *u = x; *v = y;
    }
}

static void turn_glyph(const Turn *t, JxGlyph *g)
{
    double u0, v0, u1, v1;
    turn_point(t, g->x0, g->y0, &u0, &v0);
    turn_point(t, g->x1, g->y1, &u1, &v1);
    g->x0 = MIN(u0, u1);
    g->x1 = MAX(u0, u1);
    g->y0 = MIN(v0, v1);
    g->y1 = MAX(v0, v1);
}

/* The dominant direction from each glyph to the next within a word. */
static int reading_angle(const GArray *glyphs, const GArray *word_starts)
{
    int votes[4] = {0, 0, 0, 0};
    for (guint i = 1; i < glyphs->len; i++) {
        if (g_array_index(word_starts, gboolean, i))
            continue;
        const JxGlyph *a = &g_array_index(glyphs, JxGlyph, i - 1);
        const JxGlyph *b = &g_array_index(glyphs, JxGlyph, i);
        double dx = (b->x0 + b->x1 - a->x0 - a->x1) / 2, dy = (b->y0 + b->y1 - a->y0 - a->y1) / 2;
        if (fabs(dx) >= fabs(dy))
            votes[dx >= 0 ? 0 : 2]++;
        else
            votes[dy >= 0 ? 1 : 3]++;
    }
    int best = 0;
    for (int k = 1; k < 4; k++)
        if (votes[k] > votes[best])
            best = k;
    return best * 90;
}

/* The page as glyphs with boxes, turned upright; counts unreadable ones
 * in *bad and sets *turn. */
static GArray *page_glyphs(PopplerPage *page, double pw, double ph, guint *bad, Turn *turn)
{
    GArray *glyphs = g_array_new(FALSE, FALSE, sizeof(JxGlyph));
    GArray *word_start = g_array_new(FALSE, FALSE, sizeof(gboolean));
    char *text = poppler_page_get_text(page);
    PopplerRectangle *rects = NULL;
    guint nrects = 0;
    if (text && poppler_page_get_text_layout(page, &rects, &nrects)) {
        guint k = 0;
        gboolean after_space = TRUE;
        for (const char *p = text; *p && k < nrects; p = g_utf8_next_char(p), k++) {
            gunichar c = g_utf8_get_char(p);
            if (g_unichar_isspace(c)) {
                after_space = TRUE;
                continue;
            }
            if (garbled_char(c))
                (*bad)++;
            JxGlyph g = {c, MIN(rects[k].x1, rects[k].x2), MIN(rects[k].y1, rects[k].y2),
                         MAX(rects[k].x1, rects[k].x2), MAX(rects[k].y1, rects[k].y2)};
            g_array_append_val(glyphs, g);
            g_array_append_val(word_start, after_space);
            after_space = FALSE;
        }
    }
    *turn = (Turn){reading_angle(glyphs, word_start), pw, ph};
    if (turn->angle)
        for (guint i = 0; i < glyphs->len; i++)
            turn_glyph(turn, &g_array_index(glyphs, JxGlyph, i));
    g_array_free(word_start, TRUE);
    g_free(rects);
    g_free(text);
    return glyphs;
}

/* A rendering surface kept from page to page while the size stays. */
typedef struct {
    cairo_surface_t *surface;
    int w, h;
} Raster;

static cairo_surface_t *raster_surface(Raster *r, int w, int h)
{
    if (!r->surface || r->w != w || r->h != h) {
        if (r->surface)
            cairo_surface_destroy(r->surface);
        r->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
        r->w = w;
        r->h = h;
    }
    return r->surface;
}

static void raster_clear(Raster *r)
{
    if (r->surface)
        cairo_surface_destroy(r->surface);
}

/* Ruling lines of the page, from a gray rendering at JX_PDF_RULING_SCALE,
 * turned upright as the glyphs are. */
static GPtrArray *page_grids(PopplerPage *page, const Turn *turn, Raster *ras)
{
    double scale = JX_PDF_RULING_SCALE;
    gboolean sideways = turn->angle == 90 || turn->angle == 270;
    double pw = sideways ? turn->h : turn->w, ph = sideways ? turn->w : turn->h;
    int w = (int)ceil(pw * scale), h = (int)ceil(ph * scale);
    GArray *hs = g_array_new(FALSE, FALSE, sizeof(JxSeg));
    GArray *vs = g_array_new(FALSE, FALSE, sizeof(JxSeg));
    if (w > 0 && h > 0 && w <= 20000 && h <= 20000) {
        cairo_surface_t *s = raster_surface(ras, w, h);
        cairo_t *cr = cairo_create(s);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_scale(cr, scale, scale);
        if (turn->angle) { /* the same map as turn_point */
            cairo_matrix_t m;
            if (turn->angle == 90)
                cairo_matrix_init(&m, 0, -1, 1, 0, 0, turn->w);
            else if (turn->angle == 180)
                cairo_matrix_init(&m, -1, 0, 0, -1, turn->w, turn->h);
            else
                cairo_matrix_init(&m, 0, 1, -1, 0, turn->h, 0);
            cairo_transform(cr, &m);
        }
        poppler_page_render(page, cr);
        cairo_destroy(cr);
        cairo_surface_flush(s);
        /* xRGB in native order: green is byte 1 on little-endian machines */
        int green = G_BYTE_ORDER == G_LITTLE_ENDIAN ? 1 : 2;
        jx_ruling_find(cairo_image_surface_get_data(s), w, h,
                       cairo_image_surface_get_stride(s), 4, green, JX_RULING_DARK, scale, hs,
                       vs);
    }
    GPtrArray *grids = jx_ruling_grids(hs, vs);
    g_array_free(hs, TRUE);
    g_array_free(vs, TRUE);
    return grids;
}

/* Reads the text of cell i of a grid (a new string) and its flags. */
typedef char *(*CellReader)(const JxGridCell *gc, guint i, unsigned *flags,
                            gboolean *runs_to_edge, gpointer ctx);

/* A table on the grid's cells, each filled by the reader. */
static JxTable *grid_table(const JxGrid *grid, int page, CellReader read, gpointer ctx)
{
    JxTable *t = jx_table_new();
    for (guint i = 0; i < grid->cells->len; i++) {
        const JxGridCell *gc = &g_array_index(grid->cells, JxGridCell, i);
        unsigned flags = 0;
        gboolean edge = FALSE;
        char *text = read(gc, i, &flags, &edge, ctx);
        JxCell *c = jx_table_add_cell(t, gc->row, gc->col, gc->rowspan, gc->colspan, text);
        g_free(text);
        c->runs_to_edge = edge;
        c->flags = flags;
        c->page = page;
        c->x0 = gc->x0;
        c->y0 = gc->y0;
        c->x1 = gc->x1;
        c->y1 = gc->y1;
    }
    jx_table_finish(t);
    t->page_start = t->page_end = page;
    return t;
}

/* A cell of a page with a text layer: the glyphs that fell in it. */
static char *glyph_cell(const JxGridCell *gc, guint i, unsigned *flags,
                        gboolean *runs_to_edge, gpointer ctx)
{
    GPtrArray **per_cell = ctx;
    (void)flags;
    return jx_layout_cell_text(per_cell[i], gc->x1, runs_to_edge);
}

/* A table without ruling lines, from the layout of its text; on a
 * picture page (img not NULL) each cell is read by OCR in its box. */
static JxTable *text_table(GPtrArray *lines, const JxTextTable *tt, int page,
                           const PageImage *img)
{
    int nrows = 0, ncols = 0;
    GArray *cells = jx_layout_text_cells(lines, tt->first, tt->last, &nrows, &ncols);
    JxTable *t = jx_table_new();
    for (guint i = 0; i < cells->len; i++) {
        const JxTextCell *tc = &g_array_index(cells, JxTextCell, i);
        unsigned flags = JX_FLAG_BIT(JX_FLAG_COLUMN_INFERRED);
        char *read = img ? image_text(img, tc->x0, tc->y0, tc->x1, tc->y1, &flags, TRUE) : NULL;
        JxCell *c = jx_table_add_cell(t, tc->row, tc->col, tc->rowspan, tc->colspan,
                                      read ? read : tc->text);
        g_free(read);
        c->page = page;
        c->flags |= flags;
        c->x0 = tc->x0;
        c->y0 = tc->y0;
        c->x1 = tc->x1;
        c->y1 = tc->y1;
        c->runs_to_edge = tc->runs_to_edge;
    }
    jx_layout_text_cells_free(cells);
    jx_table_finish(t);
    t->page_start = t->page_end = page;
    return t;
}

/* Text outside ruled tables (glyphs, reordered) into items: tables drawn
 * without lines (rows are bands of lines that cell padding sets apart),
 * and paragraphs around them. On a picture page (img not NULL) the glyphs
 * are word boxes and the text is read by OCR, box by box; when they make
 * no table nothing is read (the caller reads the page in bands). Returns
 * how many such tables. */
static guint layout_items(GArray *items, GPtrArray *glyphs, int pageno, const PageImage *img)
{
    GPtrArray *lines = jx_layout_lines(glyphs);
    GPtrArray *bands = jx_layout_bands(lines, BAND_GAP);
    GPtrArray *tts = jx_layout_text_tables(bands, 3);
    guint next = 0;
    for (guint t = 0; t <= tts->len && !(img && tts->len == 0); t++) {
        const JxTextTable *tt = t < tts->len ? g_ptr_array_index(tts, t) : NULL;
        guint end = tt ? tt->first : lines->len;
        GArray *paras = jx_layout_paragraphs(lines, next, end);
        for (guint k = 0; k < paras->len; k++) {
            guint a = g_array_index(paras, guint, k);
            guint b = k + 1 < paras->len ? g_array_index(paras, guint, k + 1) : end;
            const JxLine *first = g_ptr_array_index(lines, a);
            Item it = {first->y0, NULL, NULL};
            if (img) {
                double x0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = first->y1;
                for (guint i = a; i < b; i++) {
                    const JxLine *l = g_ptr_array_index(lines, i);
                    x0 = MIN(x0, l->x0);
                    x1 = MAX(x1, l->x1);
                    y1 = MAX(y1, l->y1);
                }
                unsigned flags = 0;
                it.text = image_text(img, x0, first->y0, x1, y1, &flags, FALSE);
            } else {
                it.text = jx_layout_text(lines, a, b);
            }
            g_array_append_val(items, it);
        }
        g_array_free(paras, TRUE);
        if (tt) {
            Item it = {((JxLine *)g_ptr_array_index(lines, tt->first))->y0, NULL,
                       text_table(lines, tt, pageno, img)};
            g_array_append_val(items, it);
            next = tt->last + 1;
        }
    }
    guint ntables = tts->len;
    g_ptr_array_free(tts, TRUE);
    g_ptr_array_free(bands, TRUE);
    g_ptr_array_free(lines, TRUE);
    return ntables;
}

/* The blocks of a page into the document, top to bottom; every cell of
 * its tables gets `flags`. Takes the items' texts and tables, frees items. */
static void add_items(JxDoc *doc, GArray *items, int pageno, unsigned flags)
{
    g_array_sort(items, cmp_item);
    for (guint i = 0; i < items->len; i++) {
        Item *it = &g_array_index(items, Item, i);
        if (it->table) {
            for (guint k = 0; k < it->table->cells->len; k++)
                ((JxCell *)g_ptr_array_index(it->table->cells, k))->flags |= flags;
            jx_doc_add_table(doc, it->table, pageno);
        } else {
            jx_doc_add_paragraph(doc, it->text, pageno)->flags = flags;
            g_free(it->text);
        }
    }
    g_array_free(items, TRUE);
}

/* ---------- pages without a text layer: OCR ---------- */

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
    int conf = 0;
    char *text;
    JxLineImage one = {0};
    if (runs_to_edge && jx_unwrap_lines(gray, w, px0, py0, px1, py1, s, &one))
        *runs_to_edge = edge - one.right < 2 * one.high; /* 1.5 glyph boxes */
    if (alone && !one.gray) /* one line: on a white image of its own */
        one.gray = white_framed(gray, w, px0, py0, px1, py1, (int)(10 * s), &one.w, &one.h);
    if (one.gray) /* two lines or more laid out as one (read as one), or framed */
        text = jx_ocr_rect(one.gray, one.w, one.h, one.w, 0, 0, one.w, one.h, one.lines > 1,
                           &conf, NULL);
    else
        text = jx_ocr_rect(gray, w, h, w, px0, py0, px1, py1, FALSE, &conf, NULL);
    g_free(one.gray);
    *flags |= JX_FLAG_BIT(JX_FLAG_OCR);
    if (text && *text && conf < JX_OCR_LOW_CONF)
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

static char *image_text(const PageImage *img, double x0, double y0, double x1, double y1,
                        unsigned *flags, gboolean cell)
{
    gboolean edge = FALSE; /* a cell's edge is its column's (extract/geom/layout.h) */
    return ocr_box(img->gray, img->w, img->h, x0 - WORDS_PAD_PT, y0 - WORDS_PAD_PT,
                   x1 + WORDS_PAD_PT, y1 + WORDS_PAD_PT, flags, cell ? &edge : NULL, TRUE);
}

/* The page rendered at s pixels per point into a w x h 8-bit gray image,
 * turned by angle degrees (clockwise) about its centre, which stays at the
 * image's centre (turned 90 or 270, the image is as wide as the page is
 * high). Gray is the red channel: a red seal over the table fades out,
 * black ink stays dark. */
static guint8 *render_gray(PopplerPage *page, double s, int w, int h, double angle)
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
    poppler_page_render(page, cr);
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
 * what makes an odd-sized page as many pixels as A4 at JX_OCR_SCALE. The
 * OCR then works in pixels at JX_OCR_SCALE, whatever the page claims. */
static double picture_scale(double pw, double ph)
{
    double longer = MAX(pw, ph);
    if (longer >= PAPER_MIN_PT && longer <= PAPER_MAX_PT)
        return JX_OCR_SCALE;
    return JX_OCR_SCALE * A4_LONG_PT / longer;
}

/* A picture page rendered at scale pixels per page point, turned
 * clockwise by turn degrees and then back by its lean, into *w x *h
 * pixels; the grids of its ruling lines (in points at JX_OCR_SCALE) go to
 * *grids. */
static guint8 *page_picture(PopplerPage *page, double scale, double pw, double ph, int turn,
                            int *w, int *h, GPtrArray **grids)
{
    gboolean sideways = turn % 180 != 0;
    *w = (int)ceil((sideways ? ph : pw) * scale);
    *h = (int)ceil((sideways ? pw : ph) * scale);
    guint8 *gray = render_gray(page, scale, *w, *h, turn);
    /* a scan leans: turn it back, so ruling lines run level */
    double lean = jx_deskew_angle(gray, *w, *h, *w);
    if (fabs(lean) >= JX_DESKEW_MIN) {
        g_free(gray);
        gray = render_gray(page, scale, *w, *h, turn + lean);
    }
    GArray *hs = g_array_new(FALSE, FALSE, sizeof(JxSeg)), *vs = g_array_new(FALSE, FALSE, sizeof(JxSeg));
    jx_ruling_find(gray, *w, *h, *w, 1, 0, JX_RULING_DARK_SCAN, JX_OCR_SCALE, hs, vs);
    *grids = jx_ruling_grids(hs, vs);
    g_array_free(hs, TRUE);
    g_array_free(vs, TRUE);
    return gray;
}

/* The text of a picture page outside its ruled tables (rows covered),
 * into items: blocks of inked rows, and in them the words that Leptonica
 * finds. Where the words line up as a table (extract/geom/layout.h), its cells
 * and the paragraphs around it are read box by box; else each block is
 * read as one. */
static void page_text(GArray *items, const PageImage *img, const gboolean *covered, int pageno)
{
    const double s = JX_OCR_SCALE;
    const guint8 *gray = img->gray;
    int w = img->w, h = img->h;
    GArray *blocks = g_array_new(FALSE, FALSE, sizeof(int)); /* top, bottom pairs */
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
            g_array_append_val(blocks, top);
            g_array_append_val(blocks, bottom);
            jx_ocr_word_boxes(gray, w, h, w, 0, top - 4, w, bottom + 4, words);
        }
    }
    guint nwords = jx_glyph_words(gray, w, w, (JxInk *)(void *)words->data, words->len);
    JxGlyph *boxes = g_new(JxGlyph, MAX(nwords, 1));
    GPtrArray *at = g_ptr_array_sized_new(nwords);
    for (guint i = 0; i < nwords; i++) {
        const JxInk *wd = &g_array_index(words, JxInk, i);
        boxes[i] = (JxGlyph){0x25A1, wd->x / s, wd->y / s, (wd->x + wd->w) / s,
                             (wd->y + wd->h) / s}; /* □: OCR gives the text */
        g_ptr_array_add(at, &boxes[i]);
    }
    if (layout_items(items, at, pageno, img) == 0) {
        for (guint i = 0; i < blocks->len; i += 2) {
            int top = g_array_index(blocks, int, i), bottom = g_array_index(blocks, int, i + 1);
            unsigned flags = 0;
            char *text = ocr_box(gray, w, h, 0, (top - 4) / s, w / s, (bottom + 4) / s, &flags,
                                 NULL, FALSE);
            if (text && *text) {
                Item it = {top / s, text, NULL};
                g_array_append_val(items, it);
            } else {
                g_free(text);
            }
        }
    }
    g_ptr_array_free(at, TRUE);
    g_free(boxes);
    g_array_free(words, TRUE);
    g_array_free(blocks, TRUE);
}

/* A page that is a picture: its tables from the ruling lines of the image,
 * each cell read by OCR on its own; the text between tables read by bands.
 * FALSE when OCR cannot be had. */
static gboolean ocr_page(JxDoc *doc, PopplerPage *page, int pageno, double pw, double ph)
{
    const double s = JX_OCR_SCALE, scale = picture_scale(pw, ph);
    if (pw <= 0 || ph <= 0 || pw * scale > 20000 || ph * scale > 20000)
        return FALSE;
    GError *err = NULL;
    if (!jx_ocr_available(&err)) {
        static gboolean told; /* once a process: the page is reported anyway */
        if (!told)
            g_printerr("jixiao: %s; pages without text stay unread\n", err->message);
        told = TRUE;
        g_error_free(err);
        return FALSE;
    }
    int w = 0, h = 0;
    GPtrArray *grids = NULL;
    guint8 *gray = page_picture(page, scale, pw, ph, 0, &w, &h, &grids);
    /* fed into the scanner sideways or upside down: turned upright */
    int turn = jx_orient_page(gray, w, h, grids);
    if (turn) {
        g_free(gray);
        g_ptr_array_free(grids, TRUE);
        gray = page_picture(page, scale, pw, ph, turn, &w, &h, &grids);
    }

    GArray *items = g_array_new(FALSE, FALSE, sizeof(Item));
    gboolean *covered = g_new0(gboolean, h);
    PageImage img = {gray, w, h};
    for (guint t = 0; t < grids->len; t++) {
        const JxGrid *grid = g_ptr_array_index(grids, t);
        Item it = {grid->ys[0], NULL, grid_table(grid, pageno, ocr_cell, &img)};
        g_array_append_val(items, it);
        for (int y = (int)(grid->ys[0] * s); y < MIN((int)(grid->ys[grid->nrows] * s) + 1, h); y++)
            if (y >= 0)
                covered[y] = TRUE;
    }
    page_text(items, &img, covered, pageno);
    g_free(covered);
    add_items(doc, items, pageno, JX_FLAG_BIT(JX_FLAG_OCR));
    g_ptr_array_free(grids, TRUE);
    g_free(gray);
    return TRUE;
}

static void read_page(JxDoc *doc, PopplerPage *page, int pageno, Raster *ras)
{
    double pw = 0, ph = 0;
    poppler_page_get_size(page, &pw, &ph);
    guint bad = 0;
    /* rendered first: poppler-glib keeps the text it met while rendering,
     * so the glyphs below cost no second pass over the page */
    Turn turn = {0, pw, ph};
    GPtrArray *grids = page_grids(page, &turn, ras);
    GArray *glyphs = page_glyphs(page, pw, ph, &bad, &turn);
    if (turn.angle) { /* lines found as the text reads */
        g_ptr_array_free(grids, TRUE);
        grids = page_grids(page, &turn, ras);
    }
    if (glyphs->len == 0) {
        g_ptr_array_free(grids, TRUE);
        g_array_append_val(doc->pages_without_text, pageno);
        g_array_free(glyphs, TRUE);
        if (ocr_page(doc, page, pageno, pw, ph))
            doc->ocr_pages++;
        return;
    }
    gboolean garbled = bad * 5 > glyphs->len; /* over a fifth unreadable */
    if (garbled)
        g_array_append_val(doc->pages_garbled, pageno);

    GArray *items = g_array_new(FALSE, FALSE, sizeof(Item));
    GPtrArray *free_glyphs = g_ptr_array_new();
    GPtrArray ***per_cell = g_new0(GPtrArray **, grids->len + 1);
    for (guint t = 0; t < grids->len; t++) {
        const JxGrid *grid = g_ptr_array_index(grids, t);
        per_cell[t] = g_new0(GPtrArray *, grid->cells->len + 1);
        for (guint i = 0; i < grid->cells->len; i++)
            per_cell[t][i] = g_ptr_array_new();
    }
    for (guint i = 0; i < glyphs->len; i++) {
        JxGlyph *g = &g_array_index(glyphs, JxGlyph, i);
        double x = (g->x0 + g->x1) / 2, y = (g->y0 + g->y1) / 2;
        gboolean placed = FALSE;
        for (guint t = 0; t < grids->len && !placed; t++) {
            int k = jx_grid_cell_at(g_ptr_array_index(grids, t), x, y);
            if (k >= 0) {
                g_ptr_array_add(per_cell[t][k], g);
                placed = TRUE;
            }
        }
        if (!placed)
            g_ptr_array_add(free_glyphs, g);
    }
    for (guint t = 0; t < grids->len; t++) {
        const JxGrid *grid = g_ptr_array_index(grids, t);
        Item it = {grid->ys[0], NULL, grid_table(grid, pageno, glyph_cell, per_cell[t])};
        g_array_append_val(items, it);
        for (guint i = 0; i < grid->cells->len; i++)
            g_ptr_array_free(per_cell[t][i], TRUE);
        g_free(per_cell[t]);
    }
    g_free(per_cell);

    layout_items(items, free_glyphs, pageno, NULL);
    add_items(doc, items, pageno, garbled ? JX_FLAG_BIT(JX_FLAG_TEXT_GARBLED) : 0);
    g_ptr_array_free(free_glyphs, TRUE);
    g_ptr_array_free(grids, TRUE);
    g_array_free(glyphs, TRUE);
}

JxDoc *jx_pdf_read(const guint8 *data, gsize len, GError **error)
{
    GBytes *bytes = g_bytes_new_static(data, len);
    GError *perr = NULL;
    PopplerDocument *pd = poppler_document_new_from_bytes(bytes, NULL, &perr);
    if (!pd) {
        gboolean enc = perr && perr->domain == POPPLER_ERROR && perr->code == POPPLER_ERROR_ENCRYPTED;
        g_set_error(error, JX_ERROR, enc ? JX_ERROR_ENCRYPTED : JX_ERROR_CORRUPT,
                    enc ? "the PDF needs a password to open" : "the PDF cannot be read: %s",
                    perr ? perr->message : "unknown error");
        g_clear_error(&perr);
        g_bytes_unref(bytes);
        return NULL;
    }
    int n = poppler_document_get_n_pages(pd);
    if (n <= 0) {
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT, "the PDF has no pages");
        g_object_unref(pd);
        g_bytes_unref(bytes);
        return NULL;
    }
    JxDoc *doc = jx_doc_new("pdf");
    doc->pages = n;
    Raster ras = {0};
    for (int i = 0; i < n; i++) {
        PopplerPage *page = poppler_document_get_page(pd, i);
        if (!page) {
            int p = i + 1;
            g_array_append_val(doc->pages_without_text, p);
            continue;
        }
        read_page(doc, page, i + 1, &ras);
        g_object_unref(page);
    }
    raster_clear(&ras);
    if (doc->ocr_pages == (guint)n)
        doc->text_source = "ocr";
    else if (doc->ocr_pages > 0)
        doc->text_source = "mixed";
    else if (doc->pages_without_text->len == (guint)n)
        doc->text_source = "none";
    jx_crosspage_join(doc);
    g_object_unref(pd);
    g_bytes_unref(bytes);
    return doc;
}
