/* libFuzzer target docx: jx_extract of DOCX (ZIP) bytes (jx_fuzz_docx, fuzz/entries.h). */
#include "fuzz/target.h"

JX_FUZZ_TARGET(jx_fuzz_docx)
