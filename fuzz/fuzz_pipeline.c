/* libFuzzer target pipeline: jx_pipeline_data and the JSONL lines: the whole path (jx_fuzz_pipeline, fuzz/entries.h). */
#include "fuzz/target.h"

JX_FUZZ_TARGET(jx_fuzz_pipeline)
