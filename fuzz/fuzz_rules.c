/* libFuzzer target rules: jx_ruleset_load_data, then matches (jx_fuzz_rules, fuzz/entries.h). */
#include "fuzz/target.h"

JX_FUZZ_TARGET(jx_fuzz_rules)
