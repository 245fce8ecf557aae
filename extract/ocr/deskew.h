/* How far a scanned page leans: scans come in turned by a degree or two,
 * which breaks ruling lines into steps and lines of text into slopes. The
 * angle is found with Leptonica's sweep-and-search (through extract/ocr/ocr.h) over the dark pixels of
 * the page image; the caller renders the page again turned back. */
#ifndef JX_DESKEW_H
#define JX_DESKEW_H

#include <glib.h>

/* Smallest lean worth turning back (degrees); below it a page is level. */
#define JX_DESKEW_MIN 0.05

/* The angle in degrees that an 8-bit gray image (dark < 128) must be
 * turned by to be level, positive clockwise (as the image is shown, y
 * downwards); 0 when the page has too little ink to tell or leans more
 * than a scanner would (over 5°). */
double jx_deskew_angle(const guint8 *gray, int w, int h, int stride);

#endif
