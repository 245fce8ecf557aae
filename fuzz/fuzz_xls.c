/* libFuzzer target xls: jx_xls_read of OLE2/BIFF8 bytes (jx_fuzz_xls, fuzz/entries.h). */
#include "fuzz/target.h"

JX_FUZZ_TARGET(jx_fuzz_xls)
