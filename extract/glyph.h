/* The shape of one glyph in a gray image, where OCR's reading of it is in
 * doubt. Tesseract reads ≥ and ≤ as > < = or 三, and ÷ as = or 二; the ink
 * says which. */
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

#endif
