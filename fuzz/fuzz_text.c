/* libFuzzer target: jx_fuzz_text (fuzz/entries.h). */
#include <stddef.h>
#include <stdint.h>

#include "fuzz/entries.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    jx_fuzz_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jx_fuzz_text(data, size);
    return 0;
}
