/* libFuzzer target value: jx_value_parse, without and with a header unit (jx_fuzz_value, fuzz/entries.h). */
#include "fuzz/target.h"

JX_FUZZ_TARGET(jx_fuzz_value)
