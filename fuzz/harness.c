/*
 * harness.c - the input as a C string, for the targets that read text (see
 * harness.h).
 *
 * Functions: fuzz_text.
 */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

/* fuzz_text - copy and terminate */
char *fuzz_text(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (s == NULL)
        abort();
    if (size > 0)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}
