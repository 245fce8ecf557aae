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
} JxGlyph;

typedef struct {
    GPtrArray *glyphs;   /* JxGlyph* (not owned), left to right */
    double x0, y0, x1, y1;
} JxLine;

/* The glyphs (JxGlyph*, not owned; reordered) as lines, top to bottom.
 * Returns a GPtrArray of JxLine* that owns the lines. */
GPtrArray *jx_layout_lines(GPtrArray *glyphs);

/* Text of lines: words spaced by their gaps, lines joined by '\n'. */
char *jx_layout_text(GPtrArray *lines, guint from, guint to);

/* Text of glyphs read in lines (the two calls above). */
char *jx_layout_glyph_text(GPtrArray *glyphs);

/* Text of the glyphs of a table cell whose right edge is at `right`: a
 * line that runs up to the edge was wrapped there, so it joins the next
 * without a break ("2023.1" + "2" -> "2023.12"); other lines keep '\n'.
 * *runs_to_edge tells whether the last line reaches the edge too. */
char *jx_layout_cell_text(GPtrArray *glyphs, double right, gboolean *runs_to_edge);

/* Where lines [from, to) split into paragraphs: a new one starts where
 * the gap to the previous line is wider than a line. Returns the start
 * indexes (GArray of guint), the first being `from`. */
GArray *jx_layout_paragraphs(GPtrArray *lines, guint from, guint to);

/* A table without ruling lines found among lines: rows are lines, columns
 * come from how the text lines up. */
typedef struct {
    guint first, last;  /* lines [first, last] */
    int ncols;
    double *xs;         /* ncols+1 column boundaries */
} JxTextTable;

/* Unruled tables among lines (GPtrArray of JxTextTable*, owning them):
 * runs of at least min_rows lines that split into three or more columns
 * by wide gaps, with the gaps in the same places. */
GPtrArray *jx_layout_text_tables(GPtrArray *lines, int min_rows);

/* The pieces of a line split at gaps wider than `gap` times the glyph
 * height: a GArray of guint start indexes into line->glyphs. */
GArray *jx_layout_chunks(const JxLine *line, double gap);

#endif
