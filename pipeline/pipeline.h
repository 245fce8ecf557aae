/* The pipeline of one file, the library's one entry for it: read the file
 * (regular files only, up to JX_MAX_INPUT), hash it, extract it, read its
 * forms by the rules and check them, giving the records of one document.
 * It writes no output (the sinks do), prints nothing (what a user should be
 * told is in `notes`) and runs no workers (cli/pool.c does). */
#ifndef JX_PIPELINE_H
#define JX_PIPELINE_H

#include <glib.h>

#include "rules/record.h"
#include "common/ruleset.h"
#include "extract/doc.h"

/* Largest input read (bytes); larger is a TOO_LARGE error. */
#define JX_MAX_INPUT (1024u * 1024 * 1024)

/* One document's records: what jx_pipeline_*() give. Owns everything it
 * points to (the strings and arrays of info included; info.format and
 * info.text_source are static strings). Free with jx_doc_records_free(). */
typedef struct {
    JxDocInfo info;       /* the document record's facts */
    JxResult *result;     /* forms, fund lines, indicators, checked; NULL when
                             the file could not be read (error_code set) or
                             was skipped */
    char *error_code;     /* "IO" "EMPTY" "UNSUPPORTED" "TOO_LARGE" ... (the
                             names of common/error.h) when result is NULL and
                             not skipped; else NULL */
    char *error_message;  /* with error_code: what went wrong; else NULL */
    gboolean skipped;     /* its SHA-256 was in `known`: no records at all */
    GPtrArray *notes;     /* char*: reasons worth telling a user (e.g. that
                             the OCR plugin cannot be loaded), one sentence
                             each, without a program name or newline; never
                             printed by the library. Never NULL. */
} JxDocRecords;

/* The records of the file at path, read with rs. A file whose SHA-256
 * (lowercase hex) is a key of known (may be NULL) is skipped. Never fails:
 * a file that cannot be opened, is not a regular file, is too large or
 * cannot be extracted gives records with error_code set. Returns a new
 * JxDocRecords (transfer full); NULL only on a NULL path or rs. */
JxDocRecords *jx_pipeline_file(const char *path, const JxRuleset *rs, GHashTable *known);

/* As jx_pipeline_file() for a document already in memory (no size limit,
 * nothing skipped); source is the name its records carry. data is not
 * kept. Returns a new JxDocRecords (transfer full); NULL only on a NULL
 * source or rs, or NULL data with len > 0. */
JxDocRecords *jx_pipeline_data(const char *source, const guint8 *data, gsize len,
                               const JxRuleset *rs);

/* As jx_pipeline_data(), and *doc (when doc is not NULL) the document model
 * the records were read from, as the rules read it (transfer full: free with
 * jx_doc_free; NULL when the data could not be extracted): the model their
 * JxSource cell references point into. */
JxDocRecords *jx_pipeline_data_doc(const char *source, const guint8 *data, gsize len,
                                   const JxRuleset *rs, JxDoc **doc);

/* The records of a file no worker could finish: a document record and an
 * error with code ("CRASH", "TIMEOUT", "TOO_LARGE") and message; the file
 * is hashed (in pieces) when it is a regular file that can be read.
 * Returns a new JxDocRecords (transfer full); NULL only on NULL arguments. */
JxDocRecords *jx_pipeline_failure(const char *path, const char *code, const char *message);

/* The rules the pipeline reads with: the built-in rule files, then the
 * *.rules files of dir (NULL: none), which override them, checked for names
 * the rules stage does not know. Returns a new JxRuleset (transfer full;
 * jx_ruleset_free) or NULL with JX_ERROR_RULES ("file:line: ...") or the
 * error of reading dir. */
JxRuleset *jx_pipeline_rules(const char *dir, GError **error);

/* Frees d and everything it owns; NULL is allowed. */
void jx_doc_records_free(JxDocRecords *d);

#endif
