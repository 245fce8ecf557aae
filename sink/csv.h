/* CSV sink: one file per record type in a folder (documents.csv,
 * forms.csv ...; columns of sink/columns.h), UTF-8 without BOM, RFC 4180
 * quoting, a header row. Files are written anew for each run. */
#ifndef JX_CSV_H
#define JX_CSV_H

#include <glib.h>

typedef struct JxCsv JxCsv;

JxCsv *jx_csv_open(const char *dir, GError **error);
/* Appends one document's JSON Lines as rows. */
gboolean jx_csv_put(JxCsv *csv, const char *jsonl, gsize len, GError **error);
/* Closes the files; FALSE when a write failed. */
gboolean jx_csv_close(JxCsv *csv, GError **error);

#endif
