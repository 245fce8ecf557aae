/* Ruling lines of a rendered page, and the table grids they draw.
 * jx_ruling_find scans a grayscale raster for long thin dark runs
 * (horizontal and vertical segments); jx_ruling_grids groups touching
 * segments into tables and splits each into cells, where a missing line
 * inside a box is a merge (row/column span). Pure geometry: no PDF here.
 * Coordinates are in points, origin top-left, y downwards. */
#ifndef JX_RULING_H
#define JX_RULING_H

#include <glib.h>

typedef struct {
    double x0, y0, x1, y1; /* horizontal: y0 == y1; vertical: x0 == x1 */
} JxSeg;

/* Gray levels under which a pixel is ink: a rendered text layer, and a
 * scan, where a black line through a red seal fades to 150-190 in the red
 * channel (the JPEG keeps colour at half resolution); the seal is ~220. */
#define JX_RULING_DARK 170
#define JX_RULING_DARK_SCAN 200

/* Appends the segments found in an image (w x h pixels, stride bytes a row,
 * bpp bytes a pixel) to hsegs and vsegs (GArray of JxSeg). Only the byte at
 * `channel` of each pixel is read, as a gray level (0 = black): for cairo's
 * xRGB that may be green, dark for black, gray and coloured lines alike.
 * Pixels under `dark` are ink; scale is pixels per point. */
void jx_ruling_find(const guint8 *img, int w, int h, int stride, int bpp, int channel,
                    int dark, double scale, GArray *hsegs, GArray *vsegs);

typedef struct {
    int row, col, rowspan, colspan;
    double x0, y0, x1, y1;
} JxGridCell;

typedef struct {
    int nrows, ncols;
    double *xs, *ys;   /* ncols+1 column and nrows+1 row boundaries */
    GArray *cells;     /* JxGridCell */
    int *at;           /* nrows*ncols -> index into cells */
} JxGrid;

/* The tables the segments draw: a GPtrArray of JxGrid* (free with
 * g_ptr_array_free; it owns the grids), top to bottom. A table needs at
 * least two rows or two columns of cells. */
GPtrArray *jx_ruling_grids(const GArray *hsegs, const GArray *vsegs);

/* The farthest from where the grid puts it that a ruling line runs on a
 * scan (points). */
#define JX_RULING_REACH_PT 1.5

/* The pixels of the box [x0,x1) x [y0,y1) (points, at scale pixels a
 * point) that are surely inside its ruling lines: JX_RULING_REACH_PT in
 * from each side, within the w x h image, into px (x0, y0, x1, y1). FALSE
 * when less than 4 pixels across remain. */
gboolean jx_ruling_inside(double x0, double y0, double x1, double y1, double scale, int w,
                          int h, int px[4]);

/* Where a cell's inside starts, in pixels of a gray image, seen from one
 * side: just past the ruling line found within `reach` pixels of `line`
 * (where the grid puts it), looking inward (step +1 from the left or top,
 * -1 from the right or bottom); `bare` pixels inward from `line` when no
 * line is there. A line is a column (vertical) or row whose pixels over
 * [a0, a1) are mostly darker than paper (< 192); `limit` is the image's
 * width (vertical) or height. Never deeper inside than `reach`. A fixed
 * inset of 1.5 pt cut into text set close to a thin line, and into the
 * tops of a title in a band of page text; the line itself must stay out,
 * or OCR reads it as "|". */
int jx_ruling_inner_edge(const guint8 *gray, int stride, gboolean vertical, int line, int step,
                         int reach, int bare, int a0, int a1, int limit);

/* Index of the cell containing point (x, y), or -1. */
int jx_grid_cell_at(const JxGrid *g, double x, double y);

#endif
