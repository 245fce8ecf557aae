/* The typed hand-over of one document's records from a worker process to
 * the parent: the records as a GVariant whose shape the field lists of
 * rules/record.h make (one tuple per record, one member per field), so the
 * parent rebuilds the same typed records and every sink writes from them.
 * Strings travel as bytes, numbers as they are: nothing is rounded or
 * re-parsed. It does no I/O. */
#ifndef JX_HANDOVER_H
#define JX_HANDOVER_H

#include <glib.h>

#include "rules/record.h"

/* Appends the serialised records to out (bytes, not text). Returns FALSE
 * only on a bad argument. */
gboolean jx_records_serialize(const JxRecords *records, GString *out);

/* Rebuilds records from len bytes written by jx_records_serialize. Returns
 * records that own everything (transfer full; jx_records_free), or NULL
 * with *error set (JX_ERROR_CORRUPT) when the bytes are not such records. */
JxRecords *jx_records_deserialize(const void *data, gsize len, GError **error);

#endif
