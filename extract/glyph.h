/* The shape of one glyph in a gray image, where OCR's reading of it is in
 * doubt. Tesseract reads ≥ and ≤ as > < = or 三; the ink says which. */
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

#endif
