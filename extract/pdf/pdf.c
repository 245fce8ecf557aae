#include "extract/pdf/pdf.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <poppler.h>

#include "common/error.h"
#include "extract/geom/blocks.h"
#include "extract/geom/layout.h"
#include "extract/geom/ruling.h"
#include "extract/ocr/scan.h"
#include "extract/pdf/crosspage.h"

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
                         MAX(rects[k].x1, rects[k].x2), MAX(rects[k].y1, rects[k].y2), after_space};
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

/* Ruling lines of the page, from a gray rendering at JX_PDF_RULING_SCALE
 * (smaller for a page over JX_PDF_RULING_MAX_PIXELS), turned upright as the
 * glyphs are. */
static GPtrArray *page_grids(PopplerPage *page, const Turn *turn, Raster *ras)
{
    double scale = JX_PDF_RULING_SCALE;
    gboolean sideways = turn->angle == 90 || turn->angle == 270;
    double pw = sideways ? turn->h : turn->w, ph = sideways ? turn->w : turn->h;
    if (pw > 0 && ph > 0 && pw * ph * scale * scale > JX_PDF_RULING_MAX_PIXELS)
        scale = sqrt(JX_PDF_RULING_MAX_PIXELS / (pw * ph));
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

/* Draws a PDF page for the scan module (a JxScanDraw). */
static void draw_page(cairo_t *cr, gpointer page)
{
    poppler_page_render(page, cr);
}

/* Appends the note (transfer full) to doc's notes unless it is there. */
static void add_note(JxDoc *doc, char *note)
{
    for (guint i = 0; i < doc->notes->len; i++)
        if (strcmp(g_ptr_array_index(doc->notes, i), note) == 0) {
            g_free(note);
            return;
        }
    g_ptr_array_add(doc->notes, note);
}

/* A page without a text layer, handed to OCR (extract/ocr/scan.h) and
 * listed without text unless nothing is drawn on it; when OCR cannot be
 * had, the document carries a note that says so. */
static void picture_page(JxDoc *doc, PopplerPage *page, int pageno, double pw, double ph)
{
    GError *err = NULL;
    gboolean blank = FALSE;
    gboolean read = jx_scan_page(doc, pageno, pw, ph, draw_page, page, &blank, &err);
    if (blank)
        return; /* nothing on it: no page without text, none to read */
    g_array_append_val(doc->pages_without_text, pageno);
    if (read) {
        doc->ocr_pages++;
        return;
    }
    if (g_error_matches(err, JX_ERROR, JX_ERROR_UNSUPPORTED))
        add_note(doc, g_strdup_printf("%s; pages without text stay unread", err->message));
    g_error_free(err); /* too large: the page is listed without text anyway */
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
    if (turn.angle) /* turn_point's map: the page drawn turned back by the angle */
        jx_doc_set_view(doc, pageno, -turn.angle, 1);
    if (glyphs->len == 0) {
        g_ptr_array_free(grids, TRUE);
        g_array_free(glyphs, TRUE);
        picture_page(doc, page, pageno, pw, ph);
        return;
    }
    gboolean garbled = bad * 5 > glyphs->len; /* over a fifth unreadable */
    if (garbled)
        g_array_append_val(doc->pages_garbled, pageno);

    jx_blocks_add_page(doc, glyphs, grids, pageno,
                       garbled ? JX_FLAG_BIT(JX_FLAG_TEXT_GARBLED) : 0);
    g_ptr_array_free(grids, TRUE);
    g_array_free(glyphs, TRUE);
}

JxDoc *jx_pdf_read(const guint8 *data, gsize len, GError **error)
{
    g_return_val_if_fail(data != NULL || len == 0, NULL);
    g_return_val_if_fail(error == NULL || *error == NULL, NULL);
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
    else if (doc->pages_without_text->len == (guint)n || doc->blocks->len == 0)
        doc->text_source = "none"; /* or blank */
    jx_crosspage_join(doc);
    g_object_unref(pd);
    g_bytes_unref(bytes);
    return doc;
}
