/* CSV sink: one file per record type in a folder (documents.csv,
 * forms.csv ...; columns of sink/columns.h), UTF-8 without BOM, RFC 4180
 * quoting, a header row, CRLF line ends. Files are written anew for each
 * run. It writes from the records; it parses nothing. */
#ifndef JX_CSV_H
#define JX_CSV_H

#include <glib.h>

#include "rules/record.h"

typedef struct JxCsv JxCsv;

/* Creates dir if need be and opens (truncating) every table's file in it,
 * with its header row. Returns a handle to close with jx_csv_close
 * (transfer full), or NULL with *error set (JX_ERROR_IO) when the folder or
 * a file cannot be made. */
JxCsv *jx_csv_open(const char *dir, GError **error);
/* Appends one document's records as rows of their files. Returns FALSE
 * with *error set (JX_ERROR_IO) when a write failed. */
gboolean jx_csv_put(JxCsv *csv, const JxRecords *records, GError **error);
/* Closes the files and frees csv (always). Returns FALSE with *error set
 * (JX_ERROR_IO) when a file could not be written whole. */
gboolean jx_csv_close(JxCsv *csv, GError **error);

/* Appends s to o as one CSV field: quoted (quotes doubled) when it holds a
 * comma, a quote or a line end. */
void jx_csv_field(GString *o, const char *s);

#endif
