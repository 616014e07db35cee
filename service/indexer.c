/*
 * indexer.c - index one processed item (see indexer.h).
 */
#include "indexer.h"
#include "ingest/items.h"

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
    const char **fields = g_new0(const char *, 2 * n + 1);
    json_object_object_foreach(meta, key, value) {
        if (value && json_object_is_type(value, json_type_string)) {
            fields[i++] = key;
            fields[i++] = json_object_get_string(value);
        }
    }
    return fields;
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
    const char **fields = meta_fields(result);
    item.fields = fields;
    int rc = index_remove_item(w, sha256, err);
    json_object *pages = NULL;
    size_t npages = 0;
    if (json_object_object_get_ex(result, "pages", &pages) && pages)
        npages = json_object_array_length(pages);
    for (size_t i = 0; rc == 0 && i < npages; i++) {
        json_object *page = json_object_array_get_idx(pages, i);
        json_object *number = NULL;
        json_object_object_get_ex(page, "number", &number);
        rc = index_add_page(w, &item, json_object_get_int(number), get_string(page, "text"), err);
    }
    if (rc == 0 && npages == 0)
        rc = index_add_page(w, &item, 0, "", err);
    json_object_put(receipts);
    g_free(fields);
    return rc;
}
