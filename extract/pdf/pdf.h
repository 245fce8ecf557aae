/* PDF reader (poppler-glib): the document and its page walk to the
 * neutral model. On a page with a text layer, tables come from ruling
 * lines found on a low-resolution rendering of bounded size (merged cells
 * from missing lines; extract/geom/ruling.h), tables drawn without lines
 * from text alignment (cells marked COLUMN_INFERRED; extract/geom/layout.h), the
 * rest is paragraphs, all top to bottom per page; tables across page
 * breaks are joined (extract/pdf/crosspage.h). Pages without text are
 * listed in the JxDoc and handed to OCR (extract/ocr/scan.h); pages whose
 * text layer looks broken are listed too. Does not OCR itself. */
#ifndef JX_PDF_H
#define JX_PDF_H

#include "extract/doc.h"

/* Pixels per point of the rendering used to find ruling lines. */
#define JX_PDF_RULING_SCALE 1.0
/* Most pixels of that rendering (16 M: 64 MB of xRGB, a 4000 x 4000 pt
 * page); a larger page is rendered at the scale that makes it this many, so
 * its thin lines may fade and its tables be placed by text alignment. */
#define JX_PDF_RULING_MAX_PIXELS (16.0 * 1000 * 1000)

/* Reads a PDF held in memory (data stays owned by the caller).
 * Returns a new JxDoc (transfer full: free with jx_doc_free) or NULL with
 * error: JX_ERROR_ENCRYPTED (needs a password), JX_ERROR_CORRUPT. A page
 * that OCR cannot read is no error: when OCR cannot be had, doc->notes
 * says why (once a document). */
JxDoc *jx_pdf_read(const guint8 *data, gsize len, GError **error);

#endif
