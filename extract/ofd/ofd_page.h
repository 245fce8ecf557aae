/* The content of one OFD page (GB/T 33190-2016 §7.7, §11, §9): the
 * objects of its layers (Content/Layer, PageBlock nested) as positioned
 * glyphs and ruling segments, in points, origin top-left, y down. Reads an
 * already parsed XML tree; does not open the package (extract/ofd/ofd.c
 * does, and brings templates and pages together). */
#ifndef JX_OFD_PAGE_H
#define JX_OFD_PAGE_H

#include <libxml/tree.h>

#include "extract/ofd/ofd_path.h"

/* Limits per page and per document; past one, reading stops with
 * JX_ERROR_TOO_LARGE. */
#define JX_OFD_MAX_OBJECTS 200000   /* objects of one page, templates included */
#define JX_OFD_MAX_PATH_OPS 2000000 /* path operators of one page */
#define JX_OFD_MAX_GLYPHS 4000000   /* glyphs of the whole document */
#define JX_OFD_MAX_SEGS 20000       /* distinct ruling segments of one page, each way
                                     * (the grid builder pairs them all) */

/* An ImageObject: its resource ID and the map of its unit square (the
 * image, top-left at 0,0) onto the page, in points. */
typedef struct {
    char *resource;     /* owned */
    JxOfdMatrix m;
} JxOfdImage;

/* Frees an image (a GDestroyNotify for the images array). */
void jx_ofd_image_free(gpointer image);

/* What a page's objects give, gathered over its templates and its own
 * content. The caller owns the arrays (and frees them). */
typedef struct {
    GArray *glyphs;     /* JxGlyph (extract/geom/layout.h) */
    GArray *hsegs;      /* JxSeg (extract/geom/ruling.h) */
    GArray *vsegs;
    GPtrArray *images;  /* JxOfdImage*, owning them (free func jx_ofd_image_free) */
    gsize objects;      /* objects met on this page */
    gsize path_ops;     /* path operators read on this page */
    gsize *doc_glyphs;  /* glyphs of the document so far (the caller's counter) */
} JxOfdPage;

/* Glyph boxes: a TextCode's glyphs stand at X (then X plus the DeltaX
 * steps; without X/Y, after the TextCode before) on the baseline Y, all
 * through the object's CTM and Boundary. A box is as wide as the glyph's
 * step to the next, but no wider than its own width (the font size for
 * CJK and full-width forms, half of it for the rest; the last glyph has
 * its own width), so a wide step leaves a gap that reads as a space; it
 * runs from JX_OFD_ASCENT of the size above the baseline to JX_OFD_DESCENT
 * below. Spaces make no glyph. */
#define JX_OFD_ASCENT 0.88
#define JX_OFD_DESCENT 0.12

/* Adds the objects under `page_root` (a Page element: its Content's
 * Layers, or a Content element, or any element holding objects) to pg,
 * mapped by to_pt (page millimetres to points). Returns FALSE with
 * JX_ERROR_TOO_LARGE when a limit above is passed (pg keeps what was read);
 * `part` names the page's file in the message. */
gboolean jx_ofd_page_add(JxOfdPage *pg, const xmlNode *page_root, const JxOfdMatrix *to_pt,
                         const char *part, GError **error);

/* The numbers of a DeltaX/DeltaY attribute ("1 2 g 3 4.5": the `g N d`
 * form is N copies of d), at most `max` of them, into a new GArray of
 * double (transfer full). s may be NULL (empty array). */
GArray *jx_ofd_deltas(const char *s, guint max);

#endif
