/* XLS reader: a legacy Excel workbook (BIFF8, Excel 97-2003; also WPS
 * Spreadsheets .et, which is the same) to the neutral model (extract/doc.h),
 * through the one sheet conversion XLSX uses (extract/office/sheet.h):
 * each visible worksheet's cells as they show (numbers through their number
 * formats, extract/office/numfmt.h; formulas by their cached results),
 * merged ranges as spans, hidden rows, columns and sheets left out.
 *
 * Why our own reader: libfreexl (freexl.h) reads BIFF8 cell values, but
 * neither merged cells (MERGECELLS) nor a cell's number format, and a form
 * needs both (a span says which header a value sits under; 0.9836 must
 * show as 98.36%). libgsf reads the OLE2 container, but leaked and warned
 * on stderr on broken directories in the first minute of fuzzing; the
 * container is small (extract/office/ole2.h). So: our OLE2 reader, our
 * BIFF8 record reader (extract/office/biff.h), every record bounds-checked,
 * and no new dependency. BIFF5 and older (Excel 5.0/95, a "Book" stream)
 * are not read: UNSUPPORTED, saying so. */
#ifndef JX_XLS_H
#define JX_XLS_H

#include "extract/doc.h"

/* Reads a XLS file held in memory (data stays owned by the caller).
 * Returns a new JxDoc of format "xls" (transfer full: free with
 * jx_doc_free) or NULL with error set: JX_ERROR_CORRUPT (not a readable
 * OLE2 file, a truncated or inconsistent stream), JX_ERROR_UNSUPPORTED (no
 * Workbook stream, a BIFF5 or older workbook), JX_ERROR_ENCRYPTED (a
 * password-protected workbook: FILEPASS), JX_ERROR_TOO_LARGE (more than
 * JX_SHEET_MAX_CELLS cells). */
JxDoc *jx_xls_read(const guint8 *data, gsize len, GError **error);

#endif
