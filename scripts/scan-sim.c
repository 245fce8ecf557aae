/* scan-sim: pages of a PDF as a scanner leaves them, for the scanned corpus.
 *
 *     build/scan-sim IN.pdf OUTPREFIX [DPI [SEED [TURN [SAYS_DPI]]]]
 *
 * writes OUTPREFIX-001.jpg ... : each page rendered at DPI (default 200),
 * turned by a small angle (within ±1.5°, from SEED and the page number),
 * then by TURN degrees (90, 180, 270: fed into the scanner sideways or
 * upside down), the JPEG saying it is SAYS_DPI (default DPI; another
 * makes the PDF page larger or smaller than the paper was),
 * on slightly grey paper with specks of dirt, and a red seal stamped over
 * the upper right of the page as units stamp 单位（公章）. img2pdf wraps the
 * JPEGs into an image-only PDF (scripts/make-corpus-pdf.sh). Not part of
 * jixiao; built by `make build/scan-sim`. */
#include <cairo.h>
#include <leptonica/allheaders.h>
#include <math.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>

static double seeded(guint32 *state)
{
    *state = *state * 1664525u + 1013904223u;
    return (*state >> 8) / (double)(1u << 24);
}

static void seal(cairo_t *cr, double cx, double cy, double r)
{
    cairo_save(cr);
    cairo_set_source_rgba(cr, 0.85, 0.08, 0.08, 0.8);
    cairo_set_line_width(cr, r * 0.06);
    cairo_arc(cr, cx, cy, r, 0, 2 * G_PI);
    cairo_stroke(cr);
    /* a five-pointed star in the middle */
    for (int k = 0; k < 10; k++) {
        double a = -G_PI / 2 + k * G_PI / 5, rr = k % 2 ? r * 0.12 : r * 0.3;
        (k ? cairo_line_to : cairo_move_to)(cr, cx + rr * cos(a), cy + rr * sin(a));
    }
    cairo_close_path(cr);
    cairo_fill(cr);
    /* the unit's name along the upper rim */
    const char *name = "广水市工商联合会";
    cairo_select_font_face(cr, "WenQuanYi Zen Hei", CAIRO_FONT_SLANT_NORMAL,
                           CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, r * 0.28);
    glong n = g_utf8_strlen(name, -1);
    const char *p = name;
    for (glong k = 0; k < n; k++, p = g_utf8_next_char(p)) {
        char ch[8] = {0};
        memcpy(ch, p, (size_t)(g_utf8_next_char(p) - p));
        double a = G_PI * (1.15 + 0.7 * k / (double)(n - 1));
        cairo_save(cr);
        cairo_translate(cr, cx + r * 0.72 * cos(a), cy + r * 0.72 * sin(a));
        cairo_rotate(cr, a + G_PI / 2);
        cairo_move_to(cr, -r * 0.14, r * 0.1);
        cairo_show_text(cr, ch);
        cairo_restore(cr);
    }
    cairo_restore(cr);
}

static int write_jpeg(cairo_surface_t *s, int dpi, const char *path)
{
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    PIX *pix = pixCreate(w, h, 32);
    for (int y = 0; y < h; y++) {
        const guint32 *src = (const guint32 *)(data + (gsize)y * (gsize)stride);
        l_uint32 *dst = pixGetData(pix) + (gsize)y * (gsize)pixGetWpl(pix);
        for (int x = 0; x < w; x++)
            composeRGBPixel((src[x] >> 16) & 0xff, (src[x] >> 8) & 0xff, src[x] & 0xff, dst + x);
    }
    pixSetResolution(pix, dpi, dpi); /* img2pdf sizes the page by it */
    int rc = pixWriteJpeg(path, pix, 60, 0);
    pixDestroy(&pix);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: scan-sim IN.pdf OUTPREFIX [DPI [SEED [TURN [SAYS_DPI]]]]\n");
        return 2;
    }
    double dpi = argc > 3 ? atof(argv[3]) : 200;
    guint32 state = (argc > 4 ? (guint32)atoi(argv[4]) : 1) * 2654435761u;
    int turn = argc > 5 ? atoi(argv[5]) : 0;
    double says = argc > 6 ? atof(argv[6]) : dpi;
    GError *err = NULL;
    GFile *file = g_file_new_for_commandline_arg(argv[1]);
    PopplerDocument *doc = poppler_document_new_from_gfile(file, NULL, NULL, &err);
    g_object_unref(file);
    if (!doc) {
        fprintf(stderr, "scan-sim: %s\n", err->message);
        return 1;
    }
    for (int i = 0; i < poppler_document_get_n_pages(doc); i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        double pw, ph, s = dpi / 72.0;
        poppler_page_get_size(page, &pw, &ph);
        int w = (int)ceil(pw * s), h = (int)ceil(ph * s);
        cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
        cairo_t *cr = cairo_create(surf);
        cairo_set_source_rgb(cr, 0.95, 0.95, 0.93); /* paper */
        cairo_paint(cr);
        double angle = (seeded(&state) * 3.0 - 1.5) * G_PI / 180;
        cairo_save(cr);
        cairo_translate(cr, w / 2.0, h / 2.0);
        cairo_rotate(cr, angle);
        cairo_translate(cr, -w / 2.0, -h / 2.0);
        cairo_scale(cr, s, s);
        cairo_push_group(cr);
        poppler_page_render(page, cr);
        cairo_pop_group_to_source(cr);
        cairo_set_operator(cr, CAIRO_OPERATOR_MULTIPLY); /* ink on the paper */
        cairo_paint(cr);
        cairo_restore(cr);
        seal(cr, w * (0.62 + 0.2 * seeded(&state)), h * (0.12 + 0.1 * seeded(&state)), 0.8 * dpi);
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2); /* dirt */
        for (int k = 0; k < 400; k++) {
            cairo_arc(cr, seeded(&state) * w, seeded(&state) * h, 0.5 + seeded(&state) * 1.5, 0,
                      2 * G_PI);
            cairo_fill(cr);
        }
        cairo_destroy(cr);
        if (turn % 360) { /* the sheet fed in turned */
            gboolean sideways = turn % 180 != 0;
            int tw = sideways ? h : w, th = sideways ? w : h;
            cairo_surface_t *turned = cairo_image_surface_create(CAIRO_FORMAT_RGB24, tw, th);
            cr = cairo_create(turned);
            cairo_translate(cr, tw / 2.0, th / 2.0);
            cairo_rotate(cr, turn * G_PI / 180);
            cairo_translate(cr, -w / 2.0, -h / 2.0);
            cairo_set_source_surface(cr, surf, 0, 0);
            cairo_paint(cr);
            cairo_destroy(cr);
            cairo_surface_destroy(surf);
            surf = turned;
        }
        cairo_surface_flush(surf);
        char *path = g_strdup_printf("%s-%03d.jpg", argv[2], i + 1);
        if (write_jpeg(surf, (int)says, path)) {
            fprintf(stderr, "scan-sim: cannot write %s\n", path);
            return 1;
        }
        printf("%s %.2f°\n", path, angle * 180 / G_PI);
        g_free(path);
        cairo_surface_destroy(surf);
        g_object_unref(page);
    }
    g_object_unref(doc);
    return 0;
}
