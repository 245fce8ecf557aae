/* Which way up a scanned page is. A sheet fed into the scanner sideways
 * or upside down gives a page whose ruling lines still run level, so the
 * grid is found all the same; its text is read turned. The turn that
 * makes the page upright is the one under which a few of its cells read
 * with the most confidence (extract/ocr/ocr.h); upright pages are told after
 * reading those cells once. */
#ifndef JX_ORIENT_H
#define JX_ORIENT_H

#include <glib.h>

/* The rectangle [x0,x1) x [y0,y1) of a gray image turned clockwise by
 * turn degrees (0, 90, 180 or 270) into a new image of *ow x *oh pixels
 * (stride *ow). Free with g_free. */
guint8 *jx_orient_turn_rect(const guint8 *gray, int stride, int x0, int y0, int x1, int y1,
                            int turn, int *ow, int *oh);

/* The clockwise turn (0, 90, 180 or 270) that makes upright the w x h
 * gray page image (at JX_OCR_SCALE) whose ruling-line grids (JxGrid*,
 * extract/geom/ruling.h) are given, judged by OCR of the longest single lines
 * of text in its cells; on a page without ruling lines, of its longest
 * words. 0 when there is no such line or OCR cannot be had. */
int jx_orient_page(const guint8 *gray, int w, int h, const GPtrArray *grids);

#endif
