/*
 * fuzz_derive.c - feeds arbitrary bytes, parsed as JSON, to
 * derived_page_from_json, as a page's "derived" member of a result.json is
 * read back (its fields, names and persons), and as a page's text (OCR
 * output is untrusted) to derive_page, as the worker derives a page: its
 * fields, name mentions, persons, roles and what the page decides about the
 * accused (decision.c). Must hold: no crash or leak; what it accepts,
 * written with derived_page_to_json, reads back and writes out as the same
 * JSON; what derive_page finds in a text reads back from its JSON; a
 * decision is within its bounds and an accused's.
 */
#include "harness.h"
#include "derive/derive.h"

#include <stdlib.h>
#include <string.h>

#define MONTHS_MAX (12 * 30 + 11) /* decision.c's longest term */

/* written - the JSON text of p (malloc'd) */
static char *written(const derived_page *p)
{
    json_object *o = derived_page_to_json(p);
    char *s = strdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
    json_object_put(o);
    return s;
}

static deriver *rules; /* built once */

/* LLVMFuzzerInitialize - the rules */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char *err = NULL;
    rules = deriver_new(&err);
    if (rules == NULL)
        abort();
    return 0;
}

/* check_decisions - abort unless every decision is within its bounds and
 * an accused's */
static void check_decisions(const derived_page *p)
{
    for (size_t i = 0; i < p->npersons; i++) {
        const derive_decision *d = &p->persons[i].decision;
        int said = d->prison_months || d->fine_base_units || d->seized || d->regime;
        if (d->prison_months < 0 || d->prison_months > MONTHS_MAX || d->fine_base_units < 0 ||
            (said && p->persons[i].role != DERIVE_ROLE_ACCUSED))
            abort();
    }
}

/* derive_text - the text through the rules; its decisions checked; what
 * they find reads back */
static void derive_text(const char *text)
{
    derived_page *p = derive_page(rules, text, NULL);
    check_decisions(p);
    json_object *o = derived_page_to_json(p);
    char *err = NULL;
    derived_page *back = derived_page_from_json(o, &err);
    if (back == NULL)
        abort(); /* it refuses what it found itself */
    derived_page_free(back);
    json_object_put(o);
    derived_page_free(p);
}

/* LLVMFuzzerTestOneInput - the bytes as a text; then as JSON: read, write,
 * read again, write again */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    derive_text(text);
    json_object *o = json_tokener_parse(text);
    free(text);
    char *err = NULL;
    derived_page *p = o != NULL ? derived_page_from_json(o, &err) : NULL;
    json_object_put(o);
    if (p == NULL) {
        free(err);
        return 0;
    }
    char *first = written(p);
    derived_page_free(p);
    json_object *again = json_tokener_parse(first);
    p = derived_page_from_json(again, &err);
    json_object_put(again);
    if (p == NULL)
        abort(); /* it refuses what it wrote itself */
    char *second = written(p);
    if (strcmp(first, second) != 0)
        abort();
    derived_page_free(p);
    free(first);
    free(second);
    return 0;
}
