/* The libFuzzer glue of a fuzz target: JX_FUZZ_TARGET(entry) defines
 * LLVMFuzzerInitialize (jx_fuzz_init: no OCR) and LLVMFuzzerTestOneInput
 * (the entry on the input) for one entry of fuzz/entries.h. */
#ifndef JX_FUZZ_TARGET_H
#define JX_FUZZ_TARGET_H

#include <stddef.h>
#include <stdint.h>

#include "fuzz/entries.h"

#define JX_FUZZ_TARGET(entry)                                          \
    int LLVMFuzzerInitialize(int *argc, char ***argv);                 \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);      \
    int LLVMFuzzerInitialize(int *argc, char ***argv)                  \
    {                                                                  \
        (void)argc;                                                    \
        (void)argv;                                                    \
        jx_fuzz_init();                                                \
        return 0;                                                      \
    }                                                                  \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)       \
    {                                                                  \
        entry(data, size);                                             \
        return 0;                                                      \
    }

#endif
