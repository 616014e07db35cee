/*
 * doc_facts.c - what the persons pages show and filter on of a document:
 * the courts and articles the worker derived on its pages, read from its
 * record (nothing is derived here), once a request.
 *
 * Functions: doc_facts_table, doc_facts_get.
 */
#include "web/web_private.h"
#include "derive/derive.h"
#include "record/record.h"

#include <stdlib.h>
#include <string.h>

/* facts_free - one table value */
static void facts_free(gpointer p)
{
    doc_facts *f = p;
    g_ptr_array_free(f->court_keys, TRUE);
    g_ptr_array_free(f->courts, TRUE);
    g_ptr_array_free(f->articles, TRUE);
    g_free(f);
}

/* doc_facts_table - an empty table, sha256 to doc_facts */
GHashTable *doc_facts_table(void)
{
    return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, facts_free);
}

/* add - s to a list of strings unless it is there */
static void add(GPtrArray *a, const char *s)
{
    for (guint i = 0; i < a->len; i++)
        if (strcmp(g_ptr_array_index(a, i), s) == 0)
            return;
    g_ptr_array_add(a, g_strdup(s));
}

/* page_facts - one page's derived courts, articles and their parts */
static void page_facts(doc_facts *f, json_object *derived)
{
    derived_page *d = derived ? derived_page_from_json(derived, NULL) : NULL;
    if (d == NULL)
        return;
    for (size_t i = 0; i < d->fields->ncourts; i++) {
        add(f->court_keys, d->fields->courts[i].key);
        add(f->courts, d->fields->courts[i].label);
    }
    for (size_t i = 0; i < d->fields->narticles; i++)
        add(f->articles, d->fields->articles[i]);
    for (size_t i = 0; i < d->fields->nparts; i++)
        add(f->articles, d->fields->parts[i]);
    derived_page_free(d);
}

/* doc_facts_get - the document's facts, read into the table when new; a
 * record that cannot be read has none */
const doc_facts *doc_facts_get(GHashTable *table, const char *data_dir, const char *sha)
{
    doc_facts *f = g_hash_table_lookup(table, sha);
    if (f != NULL)
        return f;
    f = g_new0(doc_facts, 1);
    f->court_keys = g_ptr_array_new_with_free_func(g_free);
    f->courts = g_ptr_array_new_with_free_func(g_free);
    f->articles = g_ptr_array_new_with_free_func(g_free);
    char *err = NULL;
    item_result *r = item_result_load(data_dir, sha, &err);
    for (size_t i = 0; r != NULL && i < r->npages; i++)
        page_facts(f, r->pages[i].derived);
    item_result_free(r);
    free(err);
    g_hash_table_insert(table, g_strdup(sha), f);
    return f;
}
