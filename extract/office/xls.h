/* XLS reader: legacy Excel BIFF8 workbook in an OLE2 container (also WPS .et) to the neutral model (extract/doc.h). */
#ifndef JX_XLS_H
#define JX_XLS_H

#include "extract/doc.h"

/* Reads a XLS file held in memory (data stays owned by the caller).
 * Returns a new JxDoc (transfer full: free with jx_doc_free) or NULL with
 * error set: JX_ERROR_CORRUPT, JX_ERROR_UNSUPPORTED, JX_ERROR_TOO_LARGE. */
JxDoc *jx_xls_read(const guint8 *data, gsize len, GError **error);

#endif
