/* The work on one input file, as a worker does it: read it (regular files
 * only, up to a size limit), hash it, extract, read the forms, check them,
 * and hand its records to the caller. Never fails: a file that cannot be read
 * gives a document record and an error record. */
#ifndef JX_PROCESS_H
#define JX_PROCESS_H

#include <glib.h>

#include "rules/record.h"
#include "rules/ruleset.h"

/* Largest input read (bytes); larger is a TOO_LARGE error record. */
#define JX_MAX_INPUT (1024u * 1024 * 1024)

typedef struct {
    gboolean failed;             /* it gave an error record */
    gboolean skipped;            /* its hash was in `known` */
    guint forms, funds, indicators;
} JxProcessed;

/* Receives one document's records (borrowed: valid during the call). */
typedef void (*JxProcessEmit)(const JxRecords *records, gpointer ctx);

/* Hands the records of path to emit. A file whose SHA-256 is a key of
 * known (may be NULL) is skipped (emit is not called). */
JxProcessed jx_process_file(const char *path, const JxRuleset *rs, GHashTable *known,
                            JxProcessEmit emit, gpointer ctx);

/* The document and error records for a file no worker could finish
 * (code "CRASH", "TIMEOUT", "TOO_LARGE"); hashes the file if it can. */
void jx_process_failure(const char *path, const char *code, const char *message,
                        JxProcessEmit emit, gpointer ctx);

#endif
