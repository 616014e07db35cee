/*
 * derived.c - a page derived as the worker derives it, for tests (see
 * derived.h).
 */
#include "derived.h"

#include <check.h>
#include <stdlib.h>

/* rules - the deriver, built on first use and kept until the process ends */
static const deriver *rules(void)
{
    static deriver *d;
    char *err = NULL;
    if (d == NULL)
        d = deriver_new(&err);
    ck_assert_msg(d != NULL, "deriver_new: %s", err ? err : "?");
    return d;
}

/* tu_index_page - derive, add, free */
int tu_index_page(index_writer *w, const index_item *item, int page, const char *text, char **err)
{
    derived_page *p = derive_page(rules(), text, item ? item->fields : NULL);
    ck_assert_ptr_nonnull(p);
    int rc = index_add_page(w, item, page, text, p, err);
    derived_page_free(p);
    return rc;
}

/* tu_index_fields - derive, give the fields ahead, free */
int tu_index_fields(index_writer *w, const index_item *item, const char *text, char **err)
{
    derived_page *p = derive_page(rules(), text, item ? item->fields : NULL);
    ck_assert_ptr_nonnull(p);
    int rc = index_item_fields(w, item, p, err);
    derived_page_free(p);
    return rc;
}

/* tu_derived_json - derive, as JSON */
json_object *tu_derived_json(const char *text)
{
    derived_page *p = derive_page(rules(), text, NULL);
    ck_assert_ptr_nonnull(p);
    json_object *o = derived_page_to_json(p);
    derived_page_free(p);
    return o;
}
