/* DOCX reader: WordprocessingML (word/document.xml) to the neutral model.
 * Paragraphs and tables in document order; w:gridSpan and w:vMerge become
 * spans; nested tables become their own table blocks, right after the table
 * that holds them. Tracked insertions are kept, deletions dropped; field
 * instructions, bookmarks and hidden text never reach the text.
 * Does not read headers, footers, footnotes or comments. */
#ifndef JX_DOCX_H
#define JX_DOCX_H

#include "extract/doc.h"

/* Its parts are read through extract/zip.h, with that module's size and
 * ratio limits (a parsed tree takes some 15 times the XML's size). */
/* Most grid positions (rows x columns, summed over its tables) a document
 * may have; past it (w:gridSpan="999" cells) it is JX_ERROR_TOO_LARGE. */
#define JX_DOCX_MAX_POSITIONS (4u * 1024 * 1024)

/* Reads a DOCX held in memory (data stays owned by the caller).
 * Returns a new JxDoc (transfer full: free with jx_doc_free) or NULL with error set:
 * JX_ERROR_CORRUPT, JX_ERROR_UNSUPPORTED (a ZIP that is no DOCX),
 * JX_ERROR_TOO_LARGE, JX_ERROR_ENCRYPTED. */
JxDoc *jx_docx_read(const guint8 *data, gsize len, GError **error);

#endif
