#include "extract/pdf/render.h"

#include <math.h>

#include <cairo.h>
#include <poppler.h>

#include "common/error.h"

struct JxPdfRender {
    PopplerDocument *doc;
};

JxPdfRender *jx_pdf_render_open(const guint8 *data, gsize len, GError **error)
{
    GBytes *bytes = g_bytes_new_static(data, len);
    GError *e = NULL;
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &e);
    g_bytes_unref(bytes);
    if (!doc) {
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT, "cannot open the PDF: %s",
                    e ? e->message : "unknown error");
        g_clear_error(&e);
        return NULL;
    }
    JxPdfRender *r = g_new0(JxPdfRender, 1);
    r->doc = doc;
    return r;
}

static cairo_status_t append_png(void *closure, const unsigned char *data, unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

GBytes *jx_pdf_render_png(JxPdfRender *r, int page, double scale, double *w, double *h,
                          GError **error)
{
    if (page < 1 || page > poppler_document_get_n_pages(r->doc)) {
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT, "no page %d", page);
        return NULL;
    }
    PopplerPage *p = poppler_document_get_page(r->doc, page - 1);
    if (!p) {
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT, "page %d cannot be read", page);
        return NULL;
    }
    poppler_page_get_size(p, w, h);
    int pw = (int)ceil(*w * scale), ph = (int)ceil(*h * scale);
    if (pw <= 0 || ph <= 0 || pw > 20000 || ph > 20000) {
        g_object_unref(p);
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT, "page %d is %dx%d pixels", page, pw, ph);
        return NULL;
    }
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render(p, cr);
    cairo_destroy(cr);
    g_object_unref(p);
    GByteArray *png = g_byte_array_new();
    cairo_status_t st = cairo_surface_write_to_png_stream(s, append_png, png);
    cairo_surface_destroy(s);
    if (st != CAIRO_STATUS_SUCCESS) {
        g_byte_array_unref(png);
        g_set_error(error, JX_ERROR, JX_ERROR_IO, "page %d: %s", page, cairo_status_to_string(st));
        return NULL;
    }
    return g_byte_array_free_to_bytes(png);
}

void jx_pdf_render_close(JxPdfRender *r)
{
    if (!r)
        return;
    g_object_unref(r->doc);
    g_free(r);
}
