/* JSON Lines sink: each record of SCHEMA.md as one line, appended to a
 * GString so that a document's lines are written out in one piece.
 * Fields are written in the order SCHEMA.md lists them. */
#ifndef JX_JSONL_H
#define JX_JSONL_H

#include <glib.h>

#include "normalize/value.h"
#include "rules/record.h"

/* What is known of an input file before and besides its records. */
typedef struct {
    const char *source;      /* path as given */
    const char *sha256;      /* lowercase hex, or NULL when unreadable */
    gboolean has_bytes;
    gint64 bytes;
    const char *format;      /* NULL when unknown */
    int pages;               /* 0 = null */
    const char *text_source; /* "native" ... ; "none" when nothing was read */
    const GArray *pages_without_text; /* int; NULL when unknown */
    const GArray *pages_garbled;      /* int; NULL when unknown */
} JxDocInfo;

/* The value object {raw, kind, op, value, max, unit, approx}; null for EMPTY. */
void jx_jsonl_value(GString *out, const JxValue *v);

/* The document line; res may be NULL (nothing could be read). */
void jx_jsonl_document(GString *out, const JxDocInfo *d, const JxResult *res);
/* Lines for every form with its fund lines and indicators. */
void jx_jsonl_records(GString *out, const JxDocInfo *d, const JxResult *res);
void jx_jsonl_error(GString *out, const JxDocInfo *d, const char *code,
                    const char *message);

#endif
