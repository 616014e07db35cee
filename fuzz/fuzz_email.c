/*
 * fuzz_email.c - feeds arbitrary bytes to the e-mail extractor as
 * message/rfc822 (GMime's parser; attachments are members, pulled to their
 * end); no OCR engine. Must hold: no crash, leak or undefined behaviour;
 * pages and member names are UTF-8; a refused member stops the extraction;
 * a failure has a reason.
 */
#include "harness.h"

/* LLVMFuzzerTestOneInput - one extraction */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_extract(data, size, "message/rfc822", "email");
    return 0;
}
