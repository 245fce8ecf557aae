/* JSON Lines sink: each record of docs/SCHEMA.md as one line, its members in
 * the order of the record's field list (rules/record.h), appended to a
 * GString so that a document's lines are written out in one piece.
 * It writes only; it never parses JSON. */
#ifndef JX_JSONL_H
#define JX_JSONL_H

#include <glib.h>

#include "normalize/value.h"
#include "rules/record.h"

/* Appends the value object {raw, kind, op, value, max, unit, approx}, or
 * null for kind EMPTY. */
void jx_jsonl_value(GString *out, const JxValue *v);

/* Appends one record of type t (rec: its struct, see jx_records_foreach) as
 * one line; its "doc" is doc->sha256. */
void jx_jsonl_record(GString *out, const JxRecordType *t, const void *rec,
                     const JxDocInfo *doc);

/* Appends every line of one document's records. Returns FALSE only on a bad
 * argument. */
gboolean jx_jsonl_put(GString *out, const JxRecords *r);

/* The same lines from the parts of a document's records: the document line
 * (res NULL: nothing could be read; d is completed from res on a copy), the
 * lines of every form with its fund lines and indicators, and the error
 * line. */
void jx_jsonl_document(GString *out, const JxDocInfo *d, const JxResult *res);
void jx_jsonl_records(GString *out, const JxDocInfo *d, const JxResult *res);
void jx_jsonl_error(GString *out, const JxDocInfo *d, const char *code,
                    const char *message);

#endif
