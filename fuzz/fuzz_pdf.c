/* libFuzzer target pdf: jx_extract of PDF bytes (up to 256 KB, no OCR) (jx_fuzz_pdf, fuzz/entries.h). */
#include "fuzz/target.h"

JX_FUZZ_TARGET(jx_fuzz_pdf)
