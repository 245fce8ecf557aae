/* OFD vector paths (GB/T 33190-2016 §9.3): the AbbreviatedData of a
 * PathObject as the horizontal and vertical ruling segments it draws, and
 * the affine matrices (CTM) that place objects on the page. Pure geometry:
 * no XML here. A matrix maps (x, y) to (a x + c y + e, b x + d y + f), as
 * an OFD CTM "a b c d e f" does. */
#ifndef JX_OFD_PATH_H
#define JX_OFD_PATH_H

#include <glib.h>

typedef struct {
    double a, b, c, d, e, f;
} JxOfdMatrix;

/* The identity, and the matrix that moves by (dx, dy) then scales by s. */
JxOfdMatrix jx_ofd_matrix_identity(void);
JxOfdMatrix jx_ofd_matrix_offset_scale(double dx, double dy, double s);

/* The point (x, y) through m, into *ox, *oy. */
void jx_ofd_matrix_apply(const JxOfdMatrix *m, double x, double y, double *ox, double *oy);

/* The matrix that applies `first`, then `then`. */
JxOfdMatrix jx_ofd_matrix_then(const JxOfdMatrix *first, const JxOfdMatrix *then);

/* Parses "a b c d e f" into *m. FALSE (m untouched) unless s holds six
 * finite numbers. s may be NULL (FALSE). */
gboolean jx_ofd_matrix_parse(const char *s, JxOfdMatrix *m);

/* The largest segment piece of a path we keep as a ruling line's
 * thickness (points): a filled rectangle thinner than this is a line. */
#define JX_OFD_LINE_THICK_PT 3.0

/* The straight axis-parallel pieces of the path `data` (AbbreviatedData:
 * S/M x y, L x y, Q x1 y1 x y, B x1 y1 x2 y2 x y, A rx ry rot large sweep
 * x y, C or Z closes), mapped through m (into points, origin top-left, y
 * down), appended to hsegs and vsegs (GArray of JxSeg, extract/geom/ruling.h):
 * when `stroke`, each horizontal or vertical line piece; when `fill`, each
 * closed axis-parallel rectangle thinner than JX_OFD_LINE_THICK_PT, as the
 * line along its middle. Curves, diagonals and other fills add nothing.
 * Stops after max_ops operators. Returns how many operators it read
 * (more than max_ops when it stopped there). Never fails: what does not
 * parse ends the path. */
gsize jx_ofd_path_segments(const char *data, const JxOfdMatrix *m, gboolean stroke,
                           gboolean fill, gsize max_ops, GArray *hsegs, GArray *vsegs);

/* Joins the segments of hsegs and vsegs that run along one line and
 * overlap or touch, in place (one path per cell draws each inner line
 * twice). */
void jx_ofd_segs_merge(GArray *hsegs, GArray *vsegs);

#endif
