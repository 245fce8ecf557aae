/* The extract stage's tables, written for other programs: `jixiao tables
 * --json` and `--csv DIR`. They write the document model as extract left it
 * (before normalize and the rules), so any table of any document comes out,
 * not only the forms jixiao knows. */
#ifndef JX_TABLES_H
#define JX_TABLES_H

#include <glib.h>

#include "extract/doc.h"

/* Appends one JSON line for the document read from `source`:
 *   {"source":..., "format":..., "pages":N|null, "tables":[
 *     {"table":0, "page":1, "page_end":1, "box":[x0,y0,x1,y1]|null,
 *      "rows":R, "cols":C, "flags":[...],
 *      "cells":[{"row":0,"col":0,"rowspan":1,"colspan":2,"text":"...",
 *                "page":1, "box":[...]|null}, ...]}, ...]}
 * Boxes are in points, origin at the page's top left; a table's box is the
 * union of its cells' boxes on its first page, null when the format has no
 * geometry (DOCX, HTML, spreadsheets). Cells are in row-major order of
 * their top-left corner. Never fails. */
void jx_tables_json(GString *out, const char *source, const JxDoc *doc);

/* Writes each table of doc as `DIR/STEM-tN.csv` (N from 1, in reading
 * order): R rows of C fields, RFC 4180 quoting, CRLF line ends; a merged
 * cell's text is in its top-left field, the fields it covers are empty.
 * Makes DIR if need be. Sets *written to the number of files written.
 * Returns FALSE with *error set (JX_ERROR_IO) when a file cannot be
 * written; files written before stay. */
gboolean jx_tables_csv(const char *dir, const char *stem, const JxDoc *doc, int *written,
                       GError **error);

#endif
