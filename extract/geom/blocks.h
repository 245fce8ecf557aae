/* The blocks of one page whose text is positioned (a PDF's text layer, or
 * the word boxes of a scan), gathered before they go into the document: a
 * table on each ruling-line grid, tables drawn without lines and the
 * paragraphs around them (from the layout of the glyphs, extract/geom/layout.h),
 * then all of them top to bottom into the JxDoc. Reads no text itself: the
 * caller's readers do (a text layer's glyphs, or OCR, extract/ocr/scan.h).
 * Ownership: a JxPageBlock owns its text or table until jx_blocks_add_to_doc
 * hands them to the document. */
#ifndef JX_BLOCKS_H
#define JX_BLOCKS_H

#include "extract/doc.h"
#include "extract/geom/ruling.h"

/* A block of a page before it goes into the document. */
typedef struct {
    double y;       /* its top, points: blocks are sorted by it */
    char *text;     /* a paragraph (owned), or NULL */
    JxTable *table; /* a table (owned), or NULL */
    unsigned flags; /* a paragraph's: how its text was read (OCR_LOW_CONF) */
} JxPageBlock;

/* An empty GArray of JxPageBlock (transfer full: give it to
 * jx_blocks_add_to_doc). */
GArray *jx_blocks_new(void);

/* Reads cell i (gc) of a grid: returns its text (a new string, transfer
 * full), ORs into *flags how it was read and sets *runs_to_edge when its
 * last line reaches the cell's right edge. */
typedef char *(*JxCellReader)(const JxGridCell *gc, guint i, unsigned *flags,
                              gboolean *runs_to_edge, gpointer ctx);

/* A table on the grid's cells, each read by read(..., ctx), with its box,
 * on page `page` (transfer full). Never fails. */
JxTable *jx_blocks_grid_table(const JxGrid *grid, int page, JxCellReader read, gpointer ctx);

/* Reads the text in the box (x0, y0)-(x1, y1), points, of a picture page:
 * a paragraph, or a cell of a table drawn without lines when `cell`.
 * Returns a new string (transfer full, never NULL); ORs into *flags how it
 * was read. */
typedef char *(*JxBoxReader)(double x0, double y0, double x1, double y1, unsigned *flags,
                             gboolean cell, gpointer ctx);

/* The text outside ruled tables, from its glyphs (GPtrArray of JxGlyph*,
 * not owned, reordered), appended to blocks (GArray of JxPageBlock): tables
 * drawn without lines (rows are bands of lines that cell padding sets
 * apart; cells flagged COLUMN_INFERRED) and the paragraphs around them.
 * With read NULL the text is the glyphs'; else the glyphs are word boxes
 * and each paragraph and cell is read by read(..., ctx) in its box, and
 * when they make no table nothing is added (the caller reads the page
 * otherwise). Returns how many tables drawn without lines were found. */
guint jx_blocks_from_layout(GArray *blocks, GPtrArray *glyphs, int page, JxBoxReader read,
                            gpointer ctx);

/* Moves the blocks (transfer full: their texts and tables, and the array,
 * which is freed) into doc on page `page`, top to bottom; every paragraph
 * and every cell of its tables gets `flags` (JX_FLAG_BIT()s). */
void jx_blocks_add_to_doc(JxDoc *doc, GArray *blocks, int page, unsigned flags);

/* The blocks of one page of positioned text, into doc on page `page`:
 * the glyphs (GArray of JxGlyph, points, origin top-left, y down;
 * reordered, still the caller's) that fall in a cell of one of grids
 * (GPtrArray of JxGrid*, the caller's: from jx_ruling_grids, whether its
 * segments came from pixels or from vector paths) make that table's cell
 * text; the rest make paragraphs and tables drawn without lines
 * (jx_blocks_from_layout). Every block gets `flags`. Never fails. */
void jx_blocks_add_page(JxDoc *doc, GArray *glyphs, const GPtrArray *grids, int page,
                        unsigned flags);

#endif
