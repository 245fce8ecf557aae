/* Pages that are pictures (scans): the page drawn into a gray image at
 * JX_OCR_SCALE, turned level (extract/ocr/deskew.h) and upright
 * (extract/ocr/orient.h); its ruled tables read cell by cell by OCR, its
 * unruled tables and the text around them word box by word box, the rest
 * in bands of inked rows. Does not open documents or decide which pages
 * are pictures: the reader does (extract/pdf/pdf.c), and draws the page. */
#ifndef JX_SCAN_H
#define JX_SCAN_H

#include <cairo.h>

#include "extract/doc.h"

/* Draws the page onto cr in points, origin top-left, y downwards (as
 * poppler_page_render does); the caller of jx_scan_page supplies it. */
typedef void (*JxScanDraw)(cairo_t *cr, gpointer page);

/* Most pixels a picture page is rendered to (about a square A3 page at
 * JX_OCR_SCALE; 70 MB of xRGB): a larger one is rendered smaller. */
#define JX_SCAN_MAX_PIXELS (4200.0 * 4200.0)

/* Reads the picture page `page` (pw x ph points, drawn by draw(cr, page))
 * into doc as page `pageno`: its blocks top to bottom, every paragraph and
 * cell flagged OCR. Returns TRUE when read, or when the page holds no ink
 * at all (*blank set, nothing added, OCR not needed); FALSE, with nothing
 * added and error set, when the page is too large to render or has no size
 * (JX_ERROR_TOO_LARGE) or OCR cannot be had (JX_ERROR_UNSUPPORTED, the
 * message says why). */
gboolean jx_scan_page(JxDoc *doc, int pageno, double pw, double ph, JxScanDraw draw,
                      gpointer page, gboolean *blank, GError **error);

#endif
