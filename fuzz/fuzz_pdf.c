/*
 * fuzz_pdf.c - feeds arbitrary bytes to the pdf extractor as application/pdf (poppler's text layer),
 * no OCR engine. Must hold: no crash, leak or undefined behaviour; pages are
 * UTF-8; a refused member stops the extraction; a failure has a reason.
 */
#include "harness.h"

/* LLVMFuzzerTestOneInput - one extraction */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_extract(data, size, "application/pdf", "pdf");
    return 0;
}
