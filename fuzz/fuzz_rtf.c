/*
 * fuzz_rtf.c - feeds arbitrary bytes to the RTF extractor as text/rtf
 * (groups, control words, code pages, \uN escapes). Must hold: no crash,
 * leak or undefined behaviour; pages are UTF-8; a failure has a reason.
 */
#include "harness.h"

/* LLVMFuzzerTestOneInput - one extraction */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_extract(data, size, "text/rtf", "rtf");
    return 0;
}
