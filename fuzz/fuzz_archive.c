/*
 * fuzz_archive.c - feeds arbitrary bytes to the archive extractor
 * (libarchive, every format and filter it detects), each member pulled to
 * its end as the evidence store does; no OCR engine. Must hold: no crash,
 * leak or undefined behaviour; member names are UTF-8; past the sink's
 * member limits nothing more comes and the extraction fails; a failure has
 * a reason.
 */
#include "harness.h"

/* LLVMFuzzerTestOneInput - one extraction */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_extract(data, size, "application/x-tar", "archive");
    return 0;
}
