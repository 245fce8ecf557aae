/* The extract stage's door: recognise a file's format from its bytes (not
 * its name) and hand it to the reader for that format. */
#ifndef JX_EXTRACT_H
#define JX_EXTRACT_H

#include "common/ruleset.h"
#include "extract/doc.h"

/* "docx" "xlsx" "ofd" "pdf" "html" "txt"; "xls" and "doc" for an OLE2 file
 * holding a workbook or a Word document, "ole2" for another; "zip" for
 * another ZIP; or NULL when the bytes are none of these. Static string. */
const char *jx_sniff_format(const guint8 *data, gsize len);

/* Reads a document held in memory (data stays owned by the caller).
 * Returns a new JxDoc (transfer full: free with jx_doc_free) or NULL with
 * error: JX_ERROR_EMPTY, JX_ERROR_UNSUPPORTED, or the reader's own errors
 * (extract/pdf/pdf.h, extract/office/docx.h, xlsx.h, xls.h,
 * extract/html/html.h, extract/ofd/ofd.h). */
JxDoc *jx_extract(const guint8 *data, gsize len, GError **error);

/* The same with the rules the extract stage uses (the HTML reader's `chrome`
 * rules), from rs (not owned; NULL: the built-in rules), so that a user's
 * --rules reach it. */
JxDoc *jx_extract_rules(const guint8 *data, gsize len, const JxRuleset *rs, GError **error);

#endif
