/*
 * indexer.c - index one processed item (see indexer.h): its pages with what
 * the worker derived from each (the page's "derived"; the record's own for
 * an item without pages), and its collections (ingest/collection.h), which
 * every search filters by. Nothing is derived here. The fields of all its
 * pages, which the reader's first pass kept, are given to the index before
 * the first page, so that each page is written once. Names are indexed in
 * their safe form (common/text.h), which search hits then carry. A stop
 * asked for while a long item is indexed is answered between two pages.
 *
 * Functions: indexer_add_item.
 */
#include "indexer.h"
#include "ingest/collection.h"
#include "report/report.h"
#include "common/error.h"
#include "common/log.h"
#include "common/text.h"

#include <glib.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

/* Text indexed between two commits inside one long item: Xapian keeps what
 * it is given in memory until a commit, so a 100 MB text would be held
 * whole. The item's pages committed so far are searchable before the item
 * is done; a kill meanwhile leaves it active, and the next start indexes it
 * again from the start. */
enum { FLUSH_BYTES = 4 << 20 };

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

/* add_fields - the item's fields, as the reader's first pass kept them
 * (record.h, item_page_reader_fields), given to the index before its pages;
 * a damaged one is left to add_page, which says so */
static int add_fields(index_writer *w, const index_item *item, item_page_reader *pages, char **err)
{
    json_object *all = item_page_reader_fields(pages);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < json_object_array_length(all); i++) {
        json_object *derived = json_object_new_object();
        json_object_object_add(derived, RECORD_DERIVED_FIELDS,
                               json_object_get(json_object_array_get_idx(all, i)));
        derived_page *p = derived_page_from_json(derived, NULL);
        if (p != NULL)
            rc = index_item_fields(w, item, p, err);
        derived_page_free(p);
        json_object_put(derived);
    }
    return rc;
}

/* stop_pending - a SIGINT or SIGTERM is waiting (the supervisor blocks them
 * and reads them from a signalfd, so they stay pending until it does) */
static int stop_pending(void)
{
    sigset_t pending;
    return sigpending(&pending) == 0 &&
           (sigismember(&pending, SIGTERM) == 1 || sigismember(&pending, SIGINT) == 1);
}

/* add_pages - each page the reader gives, committing every FLUSH_BYTES;
 * the pages read with low confidence go into `low` */
static int add_pages(index_writer *w, const index_item *item, item_page_reader *pages,
                     indexer_count *count, GString *low, int *stopped, char **err)
{
    size_t unflushed = 0, total = item_page_reader_count(pages);
    const item_page *page;
    int more;
    while ((more = item_page_reader_next(pages, &page, err)) == 1) {
        if (stopped && (*stopped = stop_pending()) != 0) {
            index_remove_item(w, item->sha256, NULL);
            return dk_fail(err, "stopped after %zu of %zu pages", count->pages, total);
        }
        if (unflushed > FLUSH_BYTES) { /* Xapian holds what it was given until a commit */
            if (index_commit(w, err) != 0)
                return -1;
            unflushed = 0;
        }
        if (add_page(w, item, page->number, page->text, page->derived, err) != 0)
            return -1;
        if (count->low_below > 0)
            report_low_page(low, page, count->low_below);
        size_t bytes = strlen(page->text);
        unflushed += bytes;
        count->bytes += bytes;
        count->pages++;
    }
    return more;
}

/* indexer_add_item - remove old pages, add each page or a name-only document */
int indexer_add_item(index_writer *w, const char *data_dir, const item_result *result,
                     item_page_reader *pages, indexer_count *count, int *stopped, char **err)
{
    indexer_count counted = {0};
    if (count == NULL)
        count = &counted;
    *count = (indexer_count){.low_below = count->low_below};
    GString *low = g_string_new(NULL);
    item_receptions *receptions = item_receptions_load(data_dir, result->sha256, NULL);
    const item_reception *first = item_receptions_first(receptions);
    /* names as every output shows them (common/text.h): hits carry them */
    char *name = first && first->name ? text_safe(first->name) : NULL;
    char *path = first && first->path ? text_safe(first->path) : NULL;
    char *member = first && first->member ? text_safe(first->member) : NULL;
    index_item item = {
        .sha256 = result->sha256,
        .name = name,
        .path = path,
        .member = member,
        .mime = result->mime,
        .status = item_status_name(result->status),
        .parent = first ? first->parent : NULL,
    };
    const char **pairs = item_result_meta_pairs(result);
    item.fields = pairs;
    char **collections = collection_list(data_dir, result->sha256);
    item.collections = (const char *const *)collections;
    int rc = index_remove_item(w, result->sha256, err);
    if (rc == 0 && pages != NULL)
        rc = add_fields(w, &item, pages, err);
    if (rc == 0 && pages != NULL)
        rc = add_pages(w, &item, pages, count, low, stopped, err);
    if (rc == 0 && count->pages == 0)
        rc = add_page(w, &item, 0, "", result->derived, err);
    if (rc == 0)
        rc = index_end_item(w, err);
    count->low_pages = g_string_free(low, rc != 0 || low->len == 0);
    item_receptions_free(receptions);
    g_strfreev(collections);
    g_free(pairs);
    free(member);
    free(path);
    free(name);
    return rc;
}
