/*
 * fuzz_archive.c - feeds arbitrary bytes to the archive extractor as application/x-tar (libarchive, every format it detects; members pulled to their end),
 * no OCR engine. Must hold: no crash, leak or undefined behaviour; pages are
 * UTF-8; a refused member stops the extraction; a failure has a reason.
 */
#include "harness.h"

/* LLVMFuzzerTestOneInput - one extraction */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_extract(data, size, "application/x-tar", "archive");
    return 0;
}
