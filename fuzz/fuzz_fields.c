/*
 * fuzz_fields.c - feeds arbitrary text (OCR output is untrusted) to
 * fields_extract, and the same text as a query value to fields_parse_case,
 * fields_parse_article, fields_court_words, fields_parse_type,
 * fields_parse_lang and fields_parse_dates; the rules are built once
 * (rules.c). Must hold: no crash or leak; a page always has a type; what
 * the parsers write fits the buffer they were given.
 */
#include "harness.h"
#include "fields/fields.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* LLVMFuzzerTestOneInput - the text as a page, then as each query value */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    fields_page *p = fields_extract(fuzz_fields, text);
    if (p == NULL || p->type == NULL)
        abort();
    fields_page_free(p);

    char out[32];
    int part = 0;
    long from = 0, to = 0;
    if (fields_parse_case(text, out, sizeof out) == 0 && strlen(out) >= sizeof out)
        abort();
    if (fields_parse_article(text, out, sizeof out, &part) == 0 && strlen(out) >= sizeof out)
        abort();
    g_strfreev(fields_court_words(fuzz_table, text));
    fields_parse_type(text);
    fields_parse_lang(text);
    fields_parse_dates(text, &from, &to);
    free(text);
    return 0;
}
