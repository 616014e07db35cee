/*
 * fuzz_names.c - feeds arbitrary text (OCR output is untrusted) to
 * names_next_word, and every word it finds to names_key, names_key_variant,
 * names_initials and names_indexable; the table is built once. Must hold: no
 * crash; words lie inside the text, in order; keys are ASCII, shorter than
 * NAMES_KEY_MAX and as long as said; initials fit their buffer.
 */
#include "harness.h"
#include "names/names.h"

#include <stdlib.h>
#include <string.h>

static names *table; /* built once */

/* check_key - the key of length n in out is what names.h promises */
static void check_key(const char *out, size_t n)
{
    if (n >= NAMES_KEY_MAX || (n > 0 && strlen(out) != n))
        abort();
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)out[i] >= 0x80)
            abort();
}

/* LLVMFuzzerInitialize - the given-name table */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char *err = NULL;
    table = names_new(&err);
    if (table == NULL)
        abort();
    return 0;
}

/* LLVMFuzzerTestOneInput - every word of the text */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    size_t len = strlen(text), pos = 0, end = 0;
    names_word w;
    while (names_next_word(text, &pos, &w)) {
        if (w.start < end || w.len == 0 || w.start + w.len > len || pos < w.start + w.len)
            abort();
        end = w.start + w.len;
        char key[NAMES_KEY_MAX], variant[NAMES_KEY_MAX], initials[8];
        size_t n = names_key(table, text + w.start, w.len, key);
        check_key(key, n);
        if (n > 0) {
            names_is_given(table, key);
            names_is_patronymic(key);
        }
        check_key(variant, names_key_variant(table, text + w.start, w.len, variant));
        size_t ni = names_initials(table, text + w.start, w.len, initials);
        if (ni >= sizeof initials || strlen(initials) != ni)
            abort();
        names_indexable(text, &w);
    }
    free(text);
    return 0;
}
