/*
 * indexer.c - index one processed item (see indexer.h): its pages with what
 * the worker derived from each (the page's "derived"; the record's own for
 * an item without pages). Nothing is derived here.
 */
#include "indexer.h"
#include "ingest/items.h"
#include "common/log.h"

#include <glib.h>
#include <stdlib.h>

/* get_string - a string member of a JSON object, or NULL */
static const char *get_string(json_object *o, const char *key)
{
    json_object *v = NULL;
    if (o == NULL || !json_object_object_get_ex(o, key, &v) || v == NULL ||
        !json_object_is_type(v, json_type_string))
        return NULL;
    return json_object_get_string(v);
}

/* meta_fields - the result's "meta" object as name/value pairs (g_free the array) */
static const char **meta_fields(json_object *result)
{
    json_object *meta = NULL;
    if (!json_object_object_get_ex(result, "meta", &meta) || meta == NULL ||
        !json_object_is_type(meta, json_type_object))
        return NULL;
    size_t n = (size_t)json_object_object_length(meta), i = 0;
    const char **meta_pairs = g_new0(const char *, 2 * n + 1);
    json_object_object_foreach(meta, key, value) {
        if (value && json_object_is_type(value, json_type_string)) {
            meta_pairs[i++] = key;
            meta_pairs[i++] = json_object_get_string(value);
        }
    }
    return meta_pairs;
}

/* stored_derived - what the worker derived, as o's "derived" says; NULL when
 * there is none (a record written before derived data was recorded: see
 * README.md, such a record is processed again before it is indexed) or it
 * is damaged (said in the log: the words are indexed all the same) */
static derived_page *stored_derived(const char *sha256, int page, json_object *o)
{
    json_object *v = NULL;
    if (o == NULL || !json_object_object_get_ex(o, "derived", &v) || v == NULL)
        return NULL;
    char *why = NULL;
    derived_page *p = derived_page_from_json(v, &why);
    if (p == NULL)
        log_msg(LOG_WARN, "%.12s page %d: %s; indexed without its names and fields", sha256,
                page, why ? why : "?");
    free(why);
    return p;
}

/* add_page - one page with its derived data */
static int add_page(index_writer *w, const index_item *item, int number, const char *text,
                    json_object *derived_from, char **err)
{
    derived_page *derived = stored_derived(item->sha256, number, derived_from);
    int rc = index_add_page(w, item, number, text, derived, err);
    derived_page_free(derived);
    return rc;
}

/* indexer_add_item - remove old pages, add each page or a name-only document */
int indexer_add_item(index_writer *w, const char *data_dir, const char *sha256,
                     json_object *result, char **err)
{
    json_object *receipts = items_receipts(data_dir, sha256, NULL);
    json_object *first = receipts && json_object_array_length(receipts) > 0
                             ? json_object_array_get_idx(receipts, 0) : NULL;
    index_item item = {
        .sha256 = sha256,
        .name = get_string(first, "name"),
        .path = get_string(first, "path"),
        .member = get_string(first, "member"),
        .mime = get_string(result, "mime"),
        .status = get_string(result, "status"),
        .parent = get_string(first, "parent"),
    };
    const char **meta_pairs = meta_fields(result);
    item.fields = meta_pairs;
    int rc = index_remove_item(w, sha256, err);
    json_object *pages = NULL;
    size_t npages = 0;
    if (json_object_object_get_ex(result, "pages", &pages) && pages)
        npages = json_object_array_length(pages);
    for (size_t i = 0; rc == 0 && i < npages; i++) {
        json_object *page = json_object_array_get_idx(pages, i);
        json_object *number = NULL;
        json_object_object_get_ex(page, "number", &number);
        rc = add_page(w, &item, json_object_get_int(number), get_string(page, "text"), page, err);
    }
    if (rc == 0 && npages == 0)
        rc = add_page(w, &item, 0, "", result, err);
    json_object_put(receipts);
    g_free(meta_pairs);
    return rc;
}
