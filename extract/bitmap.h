/* A rectangle of an 8-bit gray page image as a Leptonica 1-bit image,
 * ink (gray < 128) set: what Leptonica's skew search and connected
 * components work on (extract/deskew.c, extract/ocr.c). Leptonica's own
 * messages are turned off on first use. */
#ifndef JX_BITMAP_H
#define JX_BITMAP_H

#include <glib.h>

struct Pix;

/* The w x h rectangle at (x0, y0) of gray (stride bytes a row); free with
 * pixDestroy. NULL when Leptonica cannot allocate it. */
struct Pix *jx_bitmap_from_gray(const guint8 *gray, int stride, int x0, int y0, int w, int h);

#endif
