/* libFuzzer target ofd: an OFD package, or a page's Content.xml in a
 * one-page OFD (jx_fuzz_ofd, fuzz/entries.h). */
#include "fuzz/target.h"

JX_FUZZ_TARGET(jx_fuzz_ofd)
