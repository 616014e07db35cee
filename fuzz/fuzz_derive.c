/*
 * fuzz_derive.c - feeds arbitrary bytes, parsed as JSON, to
 * derived_page_from_json, as a page's "derived" member of a result.json is
 * read back (its fields, names and persons). Must hold: no crash or leak;
 * what it accepts, written with
 * derived_page_to_json, reads back and writes out as the same JSON.
 */
#include "harness.h"
#include "derive/derive.h"

#include <stdlib.h>
#include <string.h>

/* written - the JSON text of p (malloc'd) */
static char *written(const derived_page *p)
{
    json_object *o = derived_page_to_json(p);
    char *s = strdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
    json_object_put(o);
    return s;
}

/* LLVMFuzzerTestOneInput - read, write, read again, write again */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size);
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
