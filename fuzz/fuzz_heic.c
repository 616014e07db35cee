/*
 * fuzz_heic.c - feeds arbitrary bytes to the HEIF extractor as image/heic
 * (libheif's container parser, the EXIF block through libexif); no OCR
 * engine, so nothing is decoded. Must hold: no crash, leak or undefined
 * behaviour; metadata values are strings; a failure has a reason.
 */
#include "harness.h"

/* LLVMFuzzerTestOneInput - one extraction */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_extract(data, size, "image/heic", "heic");
    return 0;
}
