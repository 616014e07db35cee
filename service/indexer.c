/*
 * indexer.c - index one processed item (see indexer.h): its pages with what
 * the worker derived from each (the page's "derived"; the record's own for
 * an item without pages), and its collections (ingest/collection.h), which
 * every search filters by. Nothing is derived here.
 *
 * Functions: indexer_add_item.
 */
#include "indexer.h"
#include "ingest/collection.h"
#include "common/log.h"

#include <glib.h>
#include <stdlib.h>

/* stored_derived - what the worker derived, as `derived` holds it; NULL when
 * there is none (a record written before derived data was recorded: see
 * README.md, such a record is processed again before it is indexed) or it
 * is damaged (said in the log: the words are indexed all the same) */
static derived_page *stored_derived(const char *sha256, int page, json_object *derived)
{
    if (derived == NULL)
        return NULL;
    char *why = NULL;
    derived_page *p = derived_page_from_json(derived, &why);
    if (p == NULL)
        log_msg(LOG_WARN, "%.12s page %d: %s; indexed without its names and fields", sha256, page,
                why ? why : "?");
    free(why);
    return p;
}

/* add_page - one page with its derived data */
static int add_page(index_writer *w, const index_item *item, int number, const char *text,
                    json_object *derived_json, char **err)
{
    derived_page *derived = stored_derived(item->sha256, number, derived_json);
    int rc = index_add_page(w, item, number, text, derived, err);
    derived_page_free(derived);
    return rc;
}

/* indexer_add_item - remove old pages, add each page or a name-only document */
int indexer_add_item(index_writer *w, const char *data_dir, const item_result *result, char **err)
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
    const char **pairs = item_result_meta_pairs(result);
    item.fields = pairs;
    char **collections = collection_list(data_dir, result->sha256);
    item.collections = (const char *const *)collections;
    int rc = index_remove_item(w, result->sha256, err);
    for (size_t i = 0; rc == 0 && i < result->npages; i++) {
        const item_page *page = &result->pages[i];
        rc = add_page(w, &item, page->number, page->text, page->derived, err);
    }
    if (rc == 0 && result->npages == 0)
        rc = add_page(w, &item, 0, "", result->derived, err);
    item_receptions_free(receptions);
    g_strfreev(collections);
    g_free(pairs);
    return rc;
}
