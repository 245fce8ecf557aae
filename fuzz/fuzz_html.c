/* libFuzzer target html: jx_extract of web-page bytes (jx_fuzz_html, fuzz/entries.h). */
#include "fuzz/target.h"

JX_FUZZ_TARGET(jx_fuzz_html)
