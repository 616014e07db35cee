/*
 * fuzz_pdf.c - feeds arbitrary bytes to the PDF extractor as application/pdf
 * (poppler's parser and text layer; with no OCR engine, a page without a
 * usable text layer fails the extraction, cleanly). Must hold: no crash,
 * leak or undefined behaviour; pages are UTF-8; a failure has a reason.
 */
#include "harness.h"

/* LLVMFuzzerTestOneInput - one extraction */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_extract(data, size, "application/pdf", "pdf");
    return 0;
}
