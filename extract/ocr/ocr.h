/* OCR with Tesseract (chi_sim + eng) of rectangles of a gray page image:
 * the text of one table cell or one band of a scanned page, and how sure
 * Tesseract is of it. Tesseract and Leptonica live in a plugin
 * (extract/ocr/ocr_engine.h), loaded on first use: jixiao-ocr.so beside the
 * executable, or the file JIXIAO_OCR_PLUGIN names. Loading it sets
 * OMP_THREAD_LIMIT=1 unless the variable is set. Does not find tables:
 * extract/geom/ruling.h does, on the same image. */
#ifndef JX_OCR_H
#define JX_OCR_H

#include <glib.h>

/* Pixels per point of the page images that are OCR'd (250 dpi: F1 0.917 at
 * 200 dpi, 0.928 at 250, 0.933 at 300 on corpus/scanned; 2.4, 2.5, 2.9 s/page). */
#define JX_OCR_SCALE (250.0 / 72.0)
/* Under this word confidence (0-100), mean or of any one word, a cell is
 * marked OCR_LOW_CONF. */
#define JX_OCR_LOW_CONF 80

/* Can OCR be had (the plugin, Tesseract with chi_sim and eng)? Loads the
 * engine; the functions below give nothing when it cannot be had. */
gboolean jx_ocr_available(GError **error);

/* Text in the rectangle [x0,x1) x [y0,y1) of an 8-bit gray image, read as
 * one block (single_line: as one line); *confidence gets the mean word
 * confidence (0-100), *least (unless NULL) that of the word read least
 * surely. Returns a new string (maybe empty), or NULL with error when
 * Tesseract or its language data cannot be loaded. */
char *jx_ocr_rect(const guint8 *gray, int w, int h, int stride, int x0, int y0, int x1,
                  int y1, gboolean single_line, int *confidence, int *least, GError **error);

/* The box of the text inside the rectangle [x0,x1) x [y0,y1) of a gray
 * image, leaving out specks of dirt (Leptonica's pieces of ink, chosen by
 * jx_glyph_text_extent, extract/ocr/glyph.h). Returns FALSE when there is no
 * text; else sets box to x0, y0, x1, y1. */
gboolean jx_ocr_text_box(const guint8 *gray, int stride, int x0, int y0, int x1, int y1,
                         int box[4]);

/* The boxes of the words (JxInk, extract/ocr/glyph.h, in pixels of the image)
 * in the rectangle [x0,x1) x [y0,y1) of a gray image, appended to boxes:
 * Leptonica's word finder, which dilates the ink (gray < 128) until the
 * glyphs of a word touch and the words do not; where an unruled table's
 * columns are is read from them (extract/geom/layout.h). Nothing without OCR. */
void jx_ocr_word_boxes(const guint8 *gray, int w, int h, int stride, int x0, int y0, int x1,
                       int y1, GArray *boxes);

/* Leptonica's skew search over the ink (gray < 128) of a gray image: the
 * angle in degrees and how sure it is; FALSE when it cannot tell
 * (extract/ocr/deskew.h decides what to trust). */
gboolean jx_ocr_find_skew(const guint8 *gray, int w, int h, int stride, double *angle,
                          double *confidence);

#endif
