/* libFuzzer target docxml: document.xml alone, in a DOCX built in memory (jx_fuzz_docxml, fuzz/entries.h). */
#include "fuzz/target.h"

JX_FUZZ_TARGET(jx_fuzz_docxml)
