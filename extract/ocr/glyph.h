/* Shapes of ink in a gray image, where OCR's reading is in doubt.
 * Tesseract reads ≥ and ≤ as > < = or 三, and ÷ as = or 二; the ink says
 * which. And which ink in a cell is text, which is dirt. Pure geometry:
 * linked into the OCR plugin and into the tests. */
#ifndef JX_GLYPH_H
#define JX_GLYPH_H

#include <glib.h>

/* ≥ or ≤ in the box [l, r) x [t, b) of a gray image (ink < 128): a chevron
 * (rows of ink narrower than half the box) over a bar (rows of ink across
 * most of it, in the lower half), and which way the chevron points says
 * which. Only the box's first run of inked columns is looked at (an OCR
 * box may reach into the next glyph). 0 when the box holds no such shape:
 * > < = 三 as printed. */
gunichar jx_glyph_relation(const guint8 *gray, int stride, int l, int t, int r, int b);

/* ÷ in the box [l, r) x [t, b) (read as = 二 + or left out): three runs of
 * inked rows, a dot over a bar across the glyph over a dot. Only the box's
 * first run of inked columns is looked at. */
gboolean jx_glyph_divide(const guint8 *gray, int stride, int l, int t, int r, int b);

/* ÷ that OCR left out between the boxes a and b (l, t, r, b) of two
 * symbols on one line: "(8分三级指标个数)" read from (8分÷三级指标个数). It
 * stands in the gap, or at the end of a when a is wider than a glyph
 * (OCR took ÷ into the box of 分). */
gboolean jx_glyph_divide_between(const guint8 *gray, int stride, const int a[4], const int b[4]);

/* A piece of ink (a connected component), in pixels. */
typedef struct {
    int x, y, w, h;
} JxInk;

/* The box of the text among the n pieces of ink of a cell (x0, y0, x1, y1
 * into box), leaving out specks of dirt: a piece smaller than a stroke
 * counts only beside a larger one (a decimal point, 。), or on the baseline
 * just after a digit, where a wrapped cell leaves its point (1959300. over
 * 00: 8 px from the last 0). FALSE when there is no stroke. */
gboolean jx_glyph_text_extent(const JxInk *ink, int n, int box[4]);

/* Of n word boxes found on a scanned page (extract/ocr/ocr.h,
 * jx_ocr_word_boxes), those of text, kept in order at the front; returns
 * how many. Against the median height of the boxes two strokes high or
 * more (a line of text; none: no text, 0 returned): a
 * box smaller than 0.4 of it both ways is dirt; a box flatter than half
 * of it (一, —) is made as high, about its middle, so that it stands in
 * its line as the words around it do. A word ending in a full-width
 * mark low in its box (，。、；：) grows right by half a line, over the
 * blank half of the mark's em, so that a comma does not look like a gap
 * between columns (the image: gray, stride, width). Then every box grows
 * by an eighth
 * of a line above and below, from ink to a font's glyph box, so that the
 * lines of one cell stand as close as on a born-digital page. */
guint jx_glyph_words(const guint8 *gray, int stride, int width, JxInk *words, guint n);

#endif
