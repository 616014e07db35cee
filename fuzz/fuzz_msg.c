/*
 * fuzz_msg.c - feeds arbitrary bytes to the Outlook message extractor as
 * application/vnd.ms-outlook (libgsf's compound-file reader, the MAPI
 * property streams, compressed RTF, embedded messages copied out as .msg
 * files; attachments are members, pulled to their end). Must hold: no
 * crash, leak or undefined behaviour; pages and member names are UTF-8; a
 * refused member stops the extraction; a failure has a reason.
 */
#include "harness.h"

/* LLVMFuzzerTestOneInput - one extraction */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_extract(data, size, "application/vnd.ms-outlook", "msg");
    return 0;
}
