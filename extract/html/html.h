/* HTML reader: HTML page (its <table>s and text) to the neutral model (extract/doc.h). */
#ifndef JX_HTML_H
#define JX_HTML_H

#include "extract/doc.h"

/* Reads a HTML file held in memory (data stays owned by the caller).
 * Returns a new JxDoc (transfer full: free with jx_doc_free) or NULL with
 * error set: JX_ERROR_CORRUPT, JX_ERROR_UNSUPPORTED, JX_ERROR_TOO_LARGE. */
JxDoc *jx_html_read(const guint8 *data, gsize len, GError **error);

#endif
