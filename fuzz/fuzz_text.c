/* libFuzzer target text: jx_text_clean, jx_text_clean_ocr, jx_text_compact (jx_fuzz_text, fuzz/entries.h). */
#include "fuzz/target.h"

JX_FUZZ_TARGET(jx_fuzz_text)
