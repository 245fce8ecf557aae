/* Pages of a PDF drawn as images (the review page shows them behind the
 * cells read from them), upright as poppler draws them. */
#ifndef JX_PDF_RENDER_H
#define JX_PDF_RENDER_H

#include <cairo.h>
#include <glib.h>

#include "extract/doc.h"

typedef struct JxPdfRender JxPdfRender;

/* Opens the PDF in data, which must outlive the result (transfer full: free
 * with jx_pdf_render_close). NULL with JX_ERROR_CORRUPT when poppler cannot
 * open it. */
JxPdfRender *jx_pdf_render_open(const guint8 *data, gsize len, GError **error);

/* A page image larger than this as PNG is made a JPEG instead. */
#define JX_PDF_RENDER_PNG_MAX (512u * 1024)
#define JX_PDF_RENDER_JPEG_QUALITY 80

/* An image of page (1-based) as `view` says its boxes see it (turned and
 * scaled: extract/doc.h), at px pixels per point of that frame, white
 * behind (transfer full): a JPEG for a picture page (a scan: a third of
 * its PNG) or where the PNG would be over JX_PDF_RENDER_PNG_MAX, else a
 * PNG; *mime says which ("image/png", static), and *w, *h the frame's size
 * in its points. NULL with JX_ERROR_CORRUPT for a page that is not there or
 * too large to draw (over 20000 pixels a side), JX_ERROR_IO when the image
 * cannot be made. */
GBytes *jx_pdf_render_image(JxPdfRender *r, int page, const JxPageView *view, double px,
                            gboolean picture, double *w, double *h, const char **mime,
                            GError **error);

/* The same drawing as an RGB24 surface of ceil(*w * px) x ceil(*h * px)
 * pixels (transfer full: cairo_surface_destroy); NULL as above. */
cairo_surface_t *jx_pdf_render_surface(JxPdfRender *r, int page, const JxPageView *view,
                                       double px, double *w, double *h, GError **error);

/* Frees r; NULL is ignored. */
void jx_pdf_render_close(JxPdfRender *r);

#endif
