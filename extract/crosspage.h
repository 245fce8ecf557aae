/* Tables across page breaks: when the first table of a page continues the
 * last table of the page before (same columns, nothing but page furniture
 * between them) and its first row is the rest of a row the page break cut,
 * that row is joined to the row above it and marked CROSS_PAGE.
 * Works on any paged JxDoc with cell boxes (PDF, scans). */
#ifndef JX_CROSSPAGE_H
#define JX_CROSSPAGE_H

#include "extract/doc.h"

void jx_crosspage_join(JxDoc *doc);

#endif
