/* Tables across page breaks: when the first table of a page continues the
 * last table of the page before (same outer edges, nothing but page
 * furniture between), the two become one table, on the union of their
 * column edges; a header row repeated on the new page is dropped, and if
 * the page break cut a row, its two parts are joined and marked CROSS_PAGE
 * (never two rows whose cells in one column both hold a number; a merged
 * cell of the cut row that goes on below gives its text up, once). Works on any paged JxDoc with cell boxes (PDF, scans);
 * tables without boxes (DOCX) are left alone. */
#ifndef JX_CROSSPAGE_H
#define JX_CROSSPAGE_H

#include "extract/doc.h"

/* Joins doc's tables in place (the joined-away tables and blocks are
 * freed). Never fails. */
void jx_crosspage_join(JxDoc *doc);

#endif
