/*
 * fuzz_page.c - feeds arbitrary text (OCR output is untrusted) to
 * derive_page, as the worker derives a page: its fields, name mentions,
 * persons, roles and what the page decides about the accused (decision.c);
 * the rules are built once. Must hold: no crash or leak; a decision is
 * within its bounds and an accused's; the JSON form is written (fuzz_derive
 * reads it back).
 */
#include "harness.h"
#include "derive/derive.h"

#include <stdlib.h>

#define MONTHS_MAX (12 * 30 + 11) /* decision.c's longest term */

static deriver *rules;

/* LLVMFuzzerInitialize - the rules, or abort */
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

/* LLVMFuzzerTestOneInput - derive, check the decisions, write */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
    derived_page *p = derive_page(rules, text, NULL);
    free(text);
    for (size_t i = 0; i < p->npersons; i++) {
        const derive_decision *d = &p->persons[i].decision;
        int said = d->prison_months || d->fine_base_units || d->seized || d->regime;
        if (d->prison_months < 0 || d->prison_months > MONTHS_MAX || d->fine_base_units < 0 ||
            (said && p->persons[i].role != DERIVE_ROLE_ACCUSED))
            abort();
    }
    json_object_put(derived_page_to_json(p)); /* its reading back: fuzz_derive */
    derived_page_free(p);
    return 0;
}
