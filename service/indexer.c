/*
 * indexer.c - index one processed item (see indexer.h).
 */
#include "indexer.h"

#include <glib.h>
#include <stdlib.h>

/* meta_fields - the result's meta as name/value pairs (g_free the array) */
static const char **meta_fields(const item_result *result)
{
    if (result->nmeta == 0)
        return NULL;
    const char **fields = g_new0(const char *, 2 * result->nmeta + 1);
    for (size_t i = 0; i < result->nmeta; i++) {
        fields[2 * i] = result->meta[i].name;
        fields[2 * i + 1] = result->meta[i].value;
    }
    return fields;
}

/* indexer_add_item - remove old pages, add each page or a name-only document */
int indexer_add_item(index_writer *w, const char *data_dir, const item_result *result,
                     char **err)
{
    item_receptions *receptions = item_receptions_load(data_dir, result->sha256, NULL);
    const item_reception *first = item_receptions_first(receptions);
    index_item item = {
        .sha256 = result->sha256,
        .name = first ? first->name : NULL,
        .path = first ? first->path : NULL,
        .member = first ? first->member : NULL,
        .mime = result->mime,
        .status = item_status_name(result->status),
        .parent = first ? first->parent : NULL,
    };
    const char **fields = meta_fields(result);
    item.fields = fields;
    int rc = index_remove_item(w, result->sha256, err);
    for (size_t i = 0; rc == 0 && i < result->npages; i++) {
        const item_page *page = &result->pages[i];
        rc = index_add_page(w, &item, page->number, page->text, err);
    }
    if (rc == 0 && result->npages == 0)
        rc = index_add_page(w, &item, 0, "", err);
    item_receptions_free(receptions);
    g_free(fields);
    return rc;
}
