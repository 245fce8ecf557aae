/* Pages of a PDF drawn as PNG images (the review page shows them behind the
 * cells read from them), upright as poppler draws them. */
#ifndef JX_PDF_RENDER_H
#define JX_PDF_RENDER_H

#include <glib.h>

typedef struct JxPdfRender JxPdfRender;

/* Opens the PDF in data, which must outlive the result (transfer full: free
 * with jx_pdf_render_close). NULL with JX_ERROR_CORRUPT when poppler cannot
 * open it. */
JxPdfRender *jx_pdf_render_open(const guint8 *data, gsize len, GError **error);

/* A PNG of page (1-based) at scale pixels per point, white behind, and the
 * page's size in points in *w, *h (transfer full). NULL with JX_ERROR_CORRUPT
 * for a page that is not there or too large to draw (over 20000 pixels a
 * side), JX_ERROR_IO when the PNG cannot be made. */
GBytes *jx_pdf_render_png(JxPdfRender *r, int page, double scale, double *w, double *h,
                          GError **error);

/* Frees r; NULL is ignored. */
void jx_pdf_render_close(JxPdfRender *r);

#endif
