/*
 * fuzz_text.c - feeds arbitrary bytes to the text extractor as text/plain
 * (charset detection with uchardet, conversion to UTF-8). Must hold: no
 * crash, leak or undefined behaviour; pages are UTF-8; a failure has a
 * reason.
 */
#include "harness.h"

/* LLVMFuzzerTestOneInput - one extraction */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_extract(data, size, "text/plain", "text");
    return 0;
}
