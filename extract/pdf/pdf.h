/* PDF reader (poppler-glib): born-digital PDFs with a text layer to the
 * neutral model. Tables come from ruling lines found on a low-resolution
 * rendering of each page (merged cells from missing lines); tables drawn
 * without lines come from text alignment (cells marked COLUMN_INFERRED);
 * the rest is paragraphs, all in top-to-bottom order per page. Pages
 * without text and pages whose text layer looks broken are listed in the
 * JxDoc. Does not OCR (see the OCR issue). */
#ifndef JX_PDF_H
#define JX_PDF_H

#include "extract/doc.h"

/* Pixels per point of the rendering used to find ruling lines. */
#define JX_PDF_RULING_SCALE 1.0

/* Reads a PDF held in memory (data stays owned by the caller).
 * Returns a new JxDoc or NULL with error: JX_ERROR_ENCRYPTED (needs a
 * password), JX_ERROR_CORRUPT. */
JxDoc *jx_pdf_read(const guint8 *data, gsize len, GError **error);

#endif
