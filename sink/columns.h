/* The records as flat tables, for the SQLite and CSV sinks: one table per
 * record type (rules/record.h), one column per field, in field order; a
 * value object becomes the 7 columns <field>_raw, _kind, _op, _value, _max,
 * _unit, _approx; lists (flags, pages) are kept as JSON text. It holds no
 * state and does no I/O. */
#ifndef JX_COLUMNS_H
#define JX_COLUMNS_H

#include <glib.h>

#include "rules/record.h"

/* One column's value, typed as the JSON Lines write it: a number written as
 * an integer is INT, one written with a fraction or exponent REAL. */
typedef enum {
    JX_CELL_NULL,
    JX_CELL_TEXT, /* valid UTF-8 */
    JX_CELL_INT,
    JX_CELL_REAL,
    JX_CELL_BOOL
} JxCellType;

typedef struct {
    JxCellType type;
    const char *text; /* TEXT: owned by the record or by the cell (owned) */
    gint64 i;         /* INT, BOOL (0 or 1) */
    double d;         /* REAL */
    char *owned;      /* freed by jx_cells_clear */
} JxCell;

/* Appends the column names of record type t to names (char*, transfer
 * full: names must free its elements, g_ptr_array_new_with_free_func(g_free)). */
void jx_column_names(const JxRecordType *t, GPtrArray *names);

/* Appends the cells of record rec of type t (its struct, see
 * jx_records_foreach; doc gives the "doc" column) to cells (JxCell), one per
 * column; they point into rec until jx_cells_clear. */
void jx_cells_append(GArray *cells, const JxRecordType *t, const void *rec,
                     const JxDocInfo *doc);
/* Frees what the cells own and empties the array. */
void jx_cells_clear(GArray *cells);

#endif
