/*
 * fuzz_epub.c - feeds arbitrary bytes to the EPUB extractor as
 * application/epub+zip (libarchive, then libxml2 on the container, the
 * package document, the encryption list and each chapter). Must hold: no
 * crash, leak or undefined behaviour; pages and member names are UTF-8;
 * stored images are members within the sink's limits; a failure has a reason.
 */
#include "harness.h"

/* LLVMFuzzerTestOneInput - one extraction */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_extract(data, size, "application/epub+zip", "epub");
    return 0;
}
