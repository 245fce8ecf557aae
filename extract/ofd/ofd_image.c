#include "extract/ofd/ofd_image.h"

#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <jpeglib.h>

/* ---------- PNG, through cairo ---------- */

typedef struct {
    const guint8 *data;
    gsize len, at;
} Reader;

static cairo_status_t read_png(void *closure, unsigned char *out, unsigned int n)
{
    Reader *r = closure;
    if (r->len - r->at < n)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(out, r->data + r->at, n);
    r->at += n;
    return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *decode_png(const guint8 *data, gsize len)
{
    if (len < 24) /* the signature and IHDR's width and height */
        return NULL;
    guint32 w = GUINT32_FROM_BE(*(const guint32 *)(const void *)(data + 16));
    guint32 h = GUINT32_FROM_BE(*(const guint32 *)(const void *)(data + 20));
    if (w == 0 || h == 0 || (double)w * h > JX_OFD_MAX_IMAGE_PIXELS)
        return NULL;
    Reader r = {data, len, 0};
    cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_png, &r);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return NULL;
    }
    return s;
}

/* ---------- JPEG, through libjpeg ---------- */

typedef struct {
    struct jpeg_error_mgr mgr;
    jmp_buf jump;
} JpegError;

static void jpeg_fail(j_common_ptr cinfo)
{
    longjmp(((JpegError *)(void *)cinfo->err)->jump, 1);
}

static void jpeg_quiet(j_common_ptr cinfo, int level)
{
    (void)cinfo;
    (void)level; /* warnings of a damaged file: what decodes is kept */
}

static cairo_surface_t *decode_jpeg(const guint8 *data, gsize len)
{
    struct jpeg_decompress_struct cinfo;
    JpegError err;
    /* volatile: they change between setjmp and a longjmp back to it */
    cairo_surface_t *volatile surface = NULL;
    JSAMPLE *volatile row = NULL;
    cinfo.err = jpeg_std_error(&err.mgr);
    err.mgr.error_exit = jpeg_fail;
    err.mgr.emit_message = jpeg_quiet;
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&cinfo);
        g_free(row);
        if (surface)
            cairo_surface_destroy(surface);
        return NULL;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)len);
    jpeg_read_header(&cinfo, TRUE);
    if (cinfo.num_components != 1 && cinfo.num_components != 3) /* CMYK: not read */
        longjmp(err.jump, 1);
    cinfo.out_color_space = JCS_RGB;
    if ((double)cinfo.image_width * cinfo.image_height > JX_OFD_MAX_IMAGE_PIXELS)
        longjmp(err.jump, 1);
    jpeg_start_decompress(&cinfo);
    int w = (int)cinfo.output_width, h = (int)cinfo.output_height;
    surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
        longjmp(err.jump, 1);
    guint8 *px = cairo_image_surface_get_data(surface);
    int stride = cairo_image_surface_get_stride(surface);
    row = g_malloc((gsize)w * 3);
    while (cinfo.output_scanline < cinfo.output_height) {
        int y = (int)cinfo.output_scanline;
        JSAMPROW rows[1] = {row};
        jpeg_read_scanlines(&cinfo, rows, 1);
        guint32 *out = (guint32 *)(void *)(px + (gsize)y * stride);
        for (int x = 0; x < w; x++)
            out[x] = (guint32)row[3 * x] << 16 | (guint32)row[3 * x + 1] << 8 | row[3 * x + 2];
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    g_free(row);
    cairo_surface_mark_dirty(surface);
    return surface;
}

cairo_surface_t *jx_ofd_image_decode(const guint8 *data, gsize len)
{
    if (!data)
        return NULL;
    if (len >= 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0)
        return decode_png(data, len);
    if (len >= 3 && memcmp(data, "\xFF\xD8\xFF", 3) == 0)
        return decode_jpeg(data, len);
    return NULL;
}
