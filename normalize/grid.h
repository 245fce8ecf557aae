/* Walking a table's grid (extract/doc.h) row by row, for the passes and the
 * rules that read tables: which cells a row holds, merged cells included.
 * Reads the table only; knows nothing of what the cells say. */
#ifndef JX_GRID_H
#define JX_GRID_H

#include <glib.h>

#include "extract/doc.h"

/* The distinct cells of row r, left to right, as indexes into t->cells
 * (GArray of int, transfer full: g_array_free it); a cell merged from a row
 * above is in it too. An empty array for a row out of range; never NULL. */
GArray *jx_grid_row_cells(const JxTable *t, int r);

/* The index into t->cells of the cell covering (r, c), or -1 for none or a
 * position outside the table. */
int jx_grid_at(const JxTable *t, int r, int c);

#endif
