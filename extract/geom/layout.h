/* Reading text from positioned glyphs: groups glyph boxes into lines (top to
 * bottom, left to right), puts a space where a gap is wide, and groups
 * lines into paragraphs. Also finds tables drawn without ruling lines, from
 * the way text lines up in columns. Pure geometry; coordinates in points,
 * origin top-left. */
#ifndef JX_LAYOUT_H
#define JX_LAYOUT_H

#include <glib.h>

typedef struct {
    gunichar c;
    double x0, y0, x1, y1;
    gboolean word_start; /* the producer put a space before it (PDF text
                          * layer): between Latin letters or digits a
                          * narrower gap than a CJK one is then a space */
} JxGlyph;

typedef struct {
    GPtrArray *glyphs;   /* JxGlyph* (not owned), left to right */
    double x0, y0, x1, y1;
} JxLine;

/* The glyphs (JxGlyph*, not owned; reordered) as lines, top to bottom.
 * Returns a GPtrArray of JxLine* that owns the lines. */
GPtrArray *jx_layout_lines(GPtrArray *glyphs);

/* Text of lines [from, to): words spaced by their gaps, lines joined by
 * '\n'. A new string (transfer full). */
char *jx_layout_text(GPtrArray *lines, guint from, guint to);

/* Text of glyphs read in lines (the two calls above); a new string. */
char *jx_layout_glyph_text(GPtrArray *glyphs);

/* Text of the glyphs of a table cell whose right edge is at `right`: a
 * line that runs up to the edge was wrapped there, so it joins the next
 * without a break ("2023.1" + "2" -> "2023.12"); other lines keep '\n'.
 * *runs_to_edge tells whether the last line reaches the edge too. A new
 * string (transfer full). */
char *jx_layout_cell_text(GPtrArray *glyphs, double right, gboolean *runs_to_edge);

/* Where lines [from, to) split into paragraphs: a new one starts where
 * the gap to the previous line is wider than a line. Returns the start
 * indexes (GArray of guint, transfer full), the first being `from`. */
GArray *jx_layout_paragraphs(GPtrArray *lines, guint from, guint to);

/* Bands: lines of one size that touch or nearly touch vertically (gap
 * under `gap` times the line height) are one band, as the lines of the
 * cells of one table row are. A band is a JxLine (glyphs sorted by x) covering lines
 * [first, last] of `lines`. Returns a GPtrArray of JxBand* owning them. */
typedef struct {
    JxLine line;        /* all glyphs of the band, left to right */
    guint first, last;  /* the lines it covers */
} JxBand;

GPtrArray *jx_layout_bands(GPtrArray *lines, double gap);

/* A table without ruling lines: the lines [first, last] it covers. */
typedef struct {
    guint first, last;  /* lines */
} JxTextTable;

/* Unruled tables among bands (GPtrArray of JxTextTable*, owning them):
 * runs holding at least min_rows bands that split into three or more
 * pieces at wide gaps. A band of three or more lines most of which split
 * into two or more pieces (rows that touch, no padding between them) is
 * looked at line by line (`lines`: what the bands were made of): a run
 * of such lines, at least min_rows of them in three or more pieces. */
GPtrArray *jx_layout_text_tables(GPtrArray *bands, GPtrArray *lines, int min_rows);

/* A cell of a table drawn without lines. */
typedef struct {
    int row, col, rowspan, colspan;
    double x0, y0, x1, y1;
    char *text;
    gboolean runs_to_edge;
} JxTextCell;

/* The cells of lines [first, last] read as a table: columns part where
 * few lines have text (valleys of the x profile, over the whole table and
 * over windows of its lines, so a block of other columns has its own);
 * in each column a line joins the cell above when it lines up under it
 * and that cell's last line fills the column (wrapped text), or, where
 * padding sets rows apart, when only a line's spacing lies between; a row
 * ends where gaps of two or more columns line up and more columns have a
 * gap there than a block across it, so a merged cell in one column does
 * not hold rows together but spans them. Returns a GArray of JxTextCell
 * (free with jx_layout_text_cells_free) and sets *nrows, *ncols, and
 * *rows_touch when no padding sets the rows apart (they were told apart
 * by wrapping alone). */
GArray *jx_layout_text_cells(GPtrArray *lines, guint first, guint last, int *nrows, int *ncols,
                             gboolean *rows_touch);
void jx_layout_text_cells_free(GArray *cells);

/* The pieces of a line or band split at gaps wider than `gap` times the
 * glyph height: a GArray of guint start indexes into line->glyphs
 * (transfer full). */
GArray *jx_layout_chunks(const JxLine *line, double gap);

/* The gap, in glyph heights, that separates the columns of a table
 * drawn without lines. */
#define JX_LAYOUT_COLUMN_GAP 0.8

#endif
