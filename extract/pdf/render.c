#include "extract/pdf/render.h"

#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

#include <cairo.h>
#include <jpeglib.h>
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

typedef struct {
    struct jpeg_error_mgr mgr;
    jmp_buf jump;
} JpegError;

static void jpeg_fail(j_common_ptr cinfo)
{
    longjmp(((JpegError *)(void *)cinfo->err)->jump, 1);
}

/* The surface (RGB24) as a JPEG of quality JX_PDF_RENDER_JPEG_QUALITY, or NULL. */
static GBytes *encode_jpeg(cairo_surface_t *s)
{
    struct jpeg_compress_struct cinfo;
    JpegError err;
    /* volatile: they change between setjmp and a longjmp back to it */
    unsigned char *volatile out = NULL;
    unsigned long outlen = 0;
    JSAMPLE *volatile row = NULL;
    cinfo.err = jpeg_std_error(&err.mgr);
    err.mgr.error_exit = jpeg_fail;
    if (setjmp(err.jump)) {
        jpeg_destroy_compress(&cinfo);
        g_free(row);
        free(out);
        return NULL;
    }
    jpeg_create_compress(&cinfo);
    unsigned char *buf = NULL;
    jpeg_mem_dest(&cinfo, &buf, &outlen);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    cinfo.image_width = (JDIMENSION)w;
    cinfo.image_height = (JDIMENSION)h;
    cinfo.input_components = 3;
    cinfo.in_color_space = JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, JX_PDF_RENDER_JPEG_QUALITY, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    row = g_malloc((gsize)w * 3);
    while (cinfo.next_scanline < cinfo.image_height) {
        const guint32 *px = (const guint32 *)(const void *)(data + (gsize)cinfo.next_scanline * (gsize)stride);
        for (int x = 0; x < w; x++) { /* xRGB in native order */
            row[x * 3] = (JSAMPLE)((px[x] >> 16) & 0xff);
            row[x * 3 + 1] = (JSAMPLE)((px[x] >> 8) & 0xff);
            row[x * 3 + 2] = (JSAMPLE)(px[x] & 0xff);
        }
        JSAMPROW rows[1] = {row};
        jpeg_write_scanlines(&cinfo, rows, 1);
    }
    jpeg_finish_compress(&cinfo);
    out = buf;
    jpeg_destroy_compress(&cinfo);
    g_free(row);
    GBytes *b = g_bytes_new(out, outlen);
    free(out);
    return b;
}

cairo_surface_t *jx_pdf_render_surface(JxPdfRender *r, int page, const JxPageView *view,
                                       double px, double *w, double *h, GError **error)
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
    double pw = 0, ph = 0;
    poppler_page_get_size(p, &pw, &ph);
    gboolean sideways = (long)lround(view->angle / 90) % 2 != 0;
    *w = (sideways ? ph : pw) * view->scale;
    *h = (sideways ? pw : ph) * view->scale;
    int iw = (int)ceil(*w * px), ih = (int)ceil(*h * px);
    if (iw <= 0 || ih <= 0 || iw > 20000 || ih > 20000) {
        g_object_unref(p);
        g_set_error(error, JX_ERROR, JX_ERROR_CORRUPT, "page %d is %dx%d pixels", page, iw, ih);
        return NULL;
    }
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, iw, ih);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        g_object_unref(p);
        g_set_error(error, JX_ERROR, JX_ERROR_IO, "page %d: no memory to draw it", page);
        return NULL;
    }
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    /* as extract/ocr/scan.c draws a page: turned about its centre */
    cairo_translate(cr, iw / 2.0, ih / 2.0);
    cairo_rotate(cr, view->angle * G_PI / 180);
    cairo_translate(cr, -(sideways ? ih : iw) / 2.0, -(sideways ? iw : ih) / 2.0);
    cairo_scale(cr, view->scale * px, view->scale * px);
    poppler_page_render(p, cr);
    cairo_destroy(cr);
    g_object_unref(p);
    cairo_surface_flush(s);
    return s;
}

GBytes *jx_pdf_render_image(JxPdfRender *r, int page, const JxPageView *view, double px,
                            gboolean picture, double *w, double *h, const char **mime,
                            GError **error)
{
    cairo_surface_t *s = jx_pdf_render_surface(r, page, view, px, w, h, error);
    if (!s)
        return NULL;
    GBytes *img = NULL;
    cairo_status_t st = CAIRO_STATUS_SUCCESS;
    if (!picture) {
        GByteArray *png = g_byte_array_new();
        st = cairo_surface_write_to_png_stream(s, append_png, png);
        if (st == CAIRO_STATUS_SUCCESS && png->len <= JX_PDF_RENDER_PNG_MAX)
            img = g_byte_array_free_to_bytes(png);
        else
            g_byte_array_unref(png);
        *mime = "image/png";
    }
    if (!img && st == CAIRO_STATUS_SUCCESS) {
        img = encode_jpeg(s);
        *mime = "image/jpeg";
    }
    cairo_surface_destroy(s);
    if (!img)
        g_set_error(error, JX_ERROR, JX_ERROR_IO, "page %d: %s", page,
                    st != CAIRO_STATUS_SUCCESS ? cairo_status_to_string(st) : "JPEG failed");
    return img;
}

void jx_pdf_render_close(JxPdfRender *r)
{
    if (!r)
        return;
    g_object_unref(r->doc);
    g_free(r);
}
