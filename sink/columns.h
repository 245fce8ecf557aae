/* The records of SCHEMA.md as flat tables, for the SQLite and CSV sinks:
 * one table per record type, one column per field; a value object becomes
 * columns <field>_raw, _kind, _op, _value, _max, _unit, _approx; lists
 * (flags, pages) are kept as JSON text. */
#ifndef JX_COLUMNS_H
#define JX_COLUMNS_H

#include <json-glib/json-glib.h>

typedef struct {
    const char *name; /* column */
    const char *key;  /* member of the record */
    const char *sub;  /* member of a value object, or NULL */
} JxColumn;

typedef struct {
    const char *type;  /* record type: "document", "form" ... */
    const char *table; /* table / file name: "documents", "forms" ... */
    const JxColumn *cols;
    int ncols;
} JxTableSpec;

/* All tables, in the order records are written. */
const JxTableSpec *jx_tables(int *n);
/* The table of a record type, or NULL. */
const JxTableSpec *jx_table_for_type(const char *type);
/* The JSON node a column takes from a record (NULL when absent). */
JsonNode *jx_column_node(JsonObject *rec, const JxColumn *c);

/* Calls fn for each record of a document's JSON Lines, with its table
 * (NULL for a type without one) and its index among the records. Stops
 * and returns FALSE when a line does not parse or fn returns FALSE. */
typedef gboolean (*JxRecordFn)(JsonObject *rec, const JxTableSpec *table, guint index,
                               gpointer ctx, GError **error);
gboolean jx_records_foreach(const char *jsonl, gsize len, JxRecordFn fn, gpointer ctx,
                            GError **error);

#endif
