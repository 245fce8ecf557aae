/* OCR repair of the document model, run after extract and before the rules:
 * the text of every cell and paragraph flagged OCR is put right in place, so
 * that later stages read every cell the same way and know nothing of how it
 * was read. It does not read forms: it only mends what OCR made of them, by
 * the rule files (ocrfix, ocrword, indgap/fundgap, ocrlabel). */
#ifndef JX_OCR_CELLS_H
#define JX_OCR_CELLS_H

#include "common/ruleset.h"
#include "extract/doc.h"

/* Repairs doc in place; blocks and cells without JX_FLAG_OCR are left as
 * they are. For OCR text:
 *  - a paragraph: each line through jx_text_clean_ocr;
 *  - a cell: jx_text_clean_ocr, then the ocrfix replacements; a cell that is
 *    nearly a known label (ocrword) becomes that label;
 *  - a header cell OCR could not read, in a row that has 3 column labels of
 *    a kind (fundcol, indcol) or more, is placed by its neighbours (fundgap,
 *    indgap rules): it gets the label the ocrlabel rule "KIND:COLUMN" gives
 *    and the flag JX_FLAG_HEADER_INFERRED;
 *  - the first cell of a table's last row, a few characters with no
 *    ideograph before cells of numbers only (合计 read as "ait"), gets the
 *    label of ocrlabel "total:total".
 * The texts it writes are clean (jx_text_clean leaves them as they are).
 * Cannot fail; does nothing on bad arguments. */
void jx_normalize_ocr(JxDoc *doc, const JxRuleset *rs);

#endif
