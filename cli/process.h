/* The work on one input file, as a worker does it: read it (regular files
 * only, up to a size limit), hash it, extract, read the forms, check them,
 * and write its JSON Lines. Never fails: a file that cannot be read gives a
 * document record and an error record. */
#ifndef JX_PROCESS_H
#define JX_PROCESS_H

#include <glib.h>

#include "common/ruleset.h"

/* Largest input read (bytes); larger is a TOO_LARGE error record. */
#define JX_MAX_INPUT (1024u * 1024 * 1024)

typedef struct {
    gboolean failed;             /* it gave an error record */
    gboolean skipped;            /* its hash was in `known` */
    guint forms, funds, indicators;
} JxProcessed;

/* Appends the records of path to out. A file whose SHA-256 is a key of
 * known (may be NULL) is skipped (no records). */
JxProcessed jx_process_file(const char *path, const JxRuleset *rs, GHashTable *known,
                            GString *out);

/* The document and error records for a file no worker could finish
 * (code "CRASH", "TIMEOUT", "TOO_LARGE"); hashes the file if it can. */
void jx_process_failure(const char *path, const char *code, const char *message,
                        GString *out);

#endif
