/* OFD reader: an OFD fixed-layout document (GB/T 33190-2016) to the
 * neutral model (extract/doc.h). OFD.xml names the document (its first
 * DocBody/DocRoot); its Document.xml the template pages
 * (CommonData/TemplatePage) and the pages, in the order Pages lists them;
 * each page's Content.xml, with the templates it names
 * (extract/ofd/ofd_page.h), gives glyphs and vector ruling lines, which
 * become paragraphs and tables as a PDF's text layer does
 * (extract/geom/blocks.h), tables broken across pages joined
 * (extract/pdf/crosspage.h). Paths in the package are relative to the file
 * that names them, or absolute from its root. Pages of images only (a scan)
 * are listed in pages_without_text with a note: they are not OCR'd. */
#ifndef JX_OFD_H
#define JX_OFD_H

#include "extract/doc.h"

/* Most pages an OFD may have. */
#define JX_OFD_MAX_PAGES 5000

/* Reads an OFD file held in memory (data stays owned by the caller).
 * Returns a new JxDoc of format "ofd" (transfer full: free with
 * jx_doc_free) or NULL with error set: JX_ERROR_CORRUPT (not a ZIP, a
 * missing OFD.xml, Document.xml or page Content.xml, or XML that does not
 * parse: the message names the part), JX_ERROR_ENCRYPTED, JX_ERROR_TOO_LARGE
 * (over a limit of extract/zip.h, JX_OFD_MAX_PAGES, or one of
 * extract/ofd/ofd_page.h). */
JxDoc *jx_ofd_read(const guint8 *data, gsize len, GError **error);

#endif
