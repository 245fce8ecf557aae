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
    JX_COLUMN_NULL,
    JX_COLUMN_TEXT, /* valid UTF-8 */
    JX_COLUMN_INT,
    JX_COLUMN_REAL,
    JX_COLUMN_BOOL
} JxColumnType;

typedef struct {
    JxColumnType type;
    const char *text; /* TEXT: owned by the record or by the value (owned) */
    gint64 i;         /* INT, BOOL (0 or 1) */
    double d;         /* REAL */
    char *owned;      /* freed by jx_column_values_clear */
} JxColumnValue;

/* Appends the column names of record type t to names (char*, transfer
 * full: names must free its elements, g_ptr_array_new_with_free_func(g_free)). */
void jx_column_names(const JxRecordType *t, GPtrArray *names);

/* The number of columns of record type t. */
guint jx_column_count(const JxRecordType *t);
/* Appends the JxColumnType of each column of record type t to types, in
 * the order of jx_column_names: what a typed store (PostgreSQL) declares.
 * A value's _value and _max columns are TEXT: they hold a number or, for a
 * date, its ISO text. */
void jx_column_types(const JxRecordType *t, GArray *types);
/* The column names of t joined by sep, "doc,page,form ..." (transfer full, g_free). */
char *jx_column_list(const JxRecordType *t, const char *sep);

/* Appends the column values of record rec of type t (its struct, see
 * jx_records_foreach; doc gives the "doc" column) to values (JxColumnValue), one per
 * column; they point into rec until jx_column_values_clear. */
void jx_column_values_append(GArray *values, const JxRecordType *t, const void *rec,
                     const JxDocInfo *doc);
/* Frees what the values own and empties the array. */
void jx_column_values_clear(GArray *values);

#endif
