/* A worksheet as its readers see it (XLSX, XLS): cells with the text they
 * show, merged ranges, hidden rows and columns; and the one conversion of
 * a sheet to the neutral model's blocks (extract/doc.h), so that a form
 * reads the same from either format. */
#ifndef JX_SHEET_H
#define JX_SHEET_H

#include "extract/doc.h"

/* Most cells (set ones, and positions a merge covers) one workbook may
 * hold; past it a reader gives JX_ERROR_TOO_LARGE. */
#define JX_SHEET_MAX_CELLS (4u * 1024 * 1024)
/* Rows and columns of the largest grid Excel writes (XFD1048576). */
#define JX_SHEET_MAX_ROWS 1048576u
#define JX_SHEET_MAX_COLS 16384u

typedef struct JxSheet JxSheet;

/* A new empty sheet named name (copied; NULL is ""), hidden when the
 * workbook hides it. Transfer full: free with jx_sheet_free. Never fails. */
JxSheet *jx_sheet_new(const char *name, gboolean hidden);
void jx_sheet_free(JxSheet *s);

/* Sets the text cell (row, col) shows (0-based; copied; a later set of the
 * same cell replaces it). FALSE, and nothing set, when row or col is past
 * the limits above or the sheet already holds JX_SHEET_MAX_CELLS. */
gboolean jx_sheet_set(JxSheet *s, guint32 row, guint32 col, const char *text);
/* Marks the cell (row, col), set before, as drawn in a box (it has
 * borders, as table cells do): a row of one such cell stays in its table
 * rather than becoming a paragraph, once a sheet has boxed cells at all.
 * Ignored for a cell not set. Optional: a reader that knows no borders
 * leaves it, and the sheet reads by layout alone. */
void jx_sheet_box(JxSheet *s, guint32 row, guint32 col);
/* Records a merged range, inclusive, top-left first. FALSE when it is
 * outside the limits or inverted. */
gboolean jx_sheet_merge(JxSheet *s, guint32 r0, guint32 c0, guint32 r1, guint32 c1);
/* Marks a row or column hidden: its cells never reach the document. */
void jx_sheet_hide_row(JxSheet *s, guint32 row);
void jx_sheet_hide_col(JxSheet *s, guint32 col);

/* Appends the blocks of a visible sheet to doc: a table of its grid with
 * merges as spans, and paragraphs for what stands outside a table (a title
 * row over the form); several forms on one sheet become several tables.
 * A hidden sheet adds nothing. FALSE with JX_ERROR_TOO_LARGE when the grid
 * would be too large. */
gboolean jx_sheet_to_doc(const JxSheet *s, JxDoc *doc, GError **error);

#endif
