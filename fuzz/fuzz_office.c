/*
 * fuzz_office.c - feeds arbitrary bytes to the office extractor as
 * application/zip: DOCX, XLSX, PPTX, ODT, ODS or ODP by the part names the
 * zip holds (libarchive, then libxml2 on each part); inputs that name no
 * such part are left to fuzz_archive. And as text/xml: a flat OpenDocument
 * file (its root and office:mimetype), other XML being fuzz_markup's. Must
 * hold: no crash, leak or undefined behaviour; pages and member names are
 * UTF-8; embedded images are members within the sink's limits; a failure
 * has a reason.
 */
#include "harness.h"

/* LLVMFuzzerTestOneInput - one extraction */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_extract(data, size, "application/zip", "office");
    fuzz_extract(data, size, "text/xml", "office"); /* a flat OpenDocument file */
    return 0;
}
