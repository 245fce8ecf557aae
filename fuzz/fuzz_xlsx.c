/* libFuzzer target xlsx: an XLSX (ZIP) to jx_extract, or the bytes as a
 * sheet's XML inside a small workbook (jx_fuzz_xlsx, fuzz/entries.h). */
#include "fuzz/target.h"

JX_FUZZ_TARGET(jx_fuzz_xlsx)
