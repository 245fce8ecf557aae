/* XLSX reader: Office Open XML spreadsheet (xl/workbook.xml and its sheets) to the neutral model (extract/doc.h). */
#ifndef JX_XLSX_H
#define JX_XLSX_H

#include "extract/doc.h"

/* Reads a XLSX file held in memory (data stays owned by the caller).
 * Returns a new JxDoc (transfer full: free with jx_doc_free) or NULL with
 * error set: JX_ERROR_CORRUPT, JX_ERROR_UNSUPPORTED, JX_ERROR_TOO_LARGE. */
JxDoc *jx_xlsx_read(const guint8 *data, gsize len, GError **error);

#endif
