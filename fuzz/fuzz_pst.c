/*
 * fuzz_pst.c - feeds arbitrary bytes to the Outlook store extractor
 * (libpff through a libbfio memory range; each message written out as an
 * e-mail with GMime and pulled to its end as a member). Must hold: no crash,
 * leak or undefined behaviour; member names are UTF-8; a refused member
 * stops the extraction; a failure has a reason.
 */
#include "harness.h"

/* LLVMFuzzerTestOneInput - one extraction */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_extract(data, size, "application/vnd.ms-outlook", "pst");
    return 0;
}
