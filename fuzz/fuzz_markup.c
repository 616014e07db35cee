/*
 * fuzz_markup.c - feeds arbitrary bytes to the html extractor (libxml2's
 * HTML and XML readers): as text/xml when they start with "<?xml", as
 * libmagic would say, else as text/html; and to the svg extractor (its
 * text and data: pictures) when they start with "<svg". Must hold: no
 * crash, leak or undefined behaviour; pages are UTF-8; pictures are members
 * within the sink's limits; a failure has a reason.
 */
#include "harness.h"

#include <string.h>

/* LLVMFuzzerTestOneInput - one extraction */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int xml = size >= 5 && memcmp(data, "<?xml", 5) == 0;
    if (size >= 4 && memcmp(data, "<svg", 4) == 0)
        fuzz_extract(data, size, "image/svg+xml", "svg");
    else
        fuzz_extract(data, size, xml ? "text/xml" : "text/html", "html");
    return 0;
}
