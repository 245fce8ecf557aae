/* The lines of text in a box of a gray page image, laid side by side into
 * one line. A narrow table cell wraps "1959300.00" into "1959300." and
 * "00", or 指标值 into 指标 and 值; Tesseract drops the point at the end of
 * a line and reads a short second line on its own, often as Latin. Read as
 * one line, both come out whole. */
#ifndef JX_UNWRAP_H
#define JX_UNWRAP_H

#include <glib.h>

typedef struct {
    guint8 *gray; /* w x h, stride w; white (255) around the text; NULL
                   * when there is one line only (read the box itself) */
    int w, h;
    int lines;    /* how many lines of text there are */
    int high;     /* height of the highest line, pixels */
    int right;    /* where the ink of the last line ends (x of the page) */
} JxLineImage;

/* The text lines of [x0,x1) x [y0,y1) of gray (dark < 128 is ink): rows
 * of ink split by blank rows, pieces lower than a line (the strokes of 三)
 * kept together. With two lines or more, each is cut to its own ink and
 * set after the one before, bottoms aligned, into out->gray. Returns FALSE
 * when the box holds no ink. Free out->gray with g_free. */
gboolean jx_unwrap_lines(const guint8 *gray, int stride, int x0, int y0, int x1, int y1,
                         double scale, JxLineImage *out);

#endif
