/*
 * indexer.h - putting a processed item into the index: the supervisor is the
 * single index writer, and this is what it writes for one item.
 */
#ifndef DOKAZ_SERVICE_INDEXER_H
#define DOKAZ_SERVICE_INDEXER_H

#include "index/index.h"
#include "record/record.h"

/* What indexer_add_item indexed: pages and bytes of their text, and the
 * pages read by OCR with a confidence below low_below (set by the caller;
 * 0: none are looked for) in report_low_page's words ("2 (41%), 5 (38%)",
 * g_malloc'd: the caller g_frees it; NULL: none, or indexing failed). */
typedef struct {
    size_t pages;
    size_t bytes;
    double low_below;
    char *low_pages;
} indexer_count;

/* indexer_add_item - (re)index every page of the item from its result record
 * (`result`, opened by item_result_open, and its page reader `pages`, which
 * is read to its end, one page in memory at a time; NULL for a result built
 * without pages) and its first reception (name, path, member). An item
 * without pages gets a name-only document so it can still be found. *count
 * (may be NULL) gets what was indexed. With `stopped` (may be NULL), a SIGINT
 * or SIGTERM pending between two pages stops it: -1, *stopped set, and the
 * item's pages are removed again (uncommitted), so that the service answers
 * a stop at once and the item is indexed whole at the next start. */
int indexer_add_item(index_writer *w, const char *data_dir, const item_result *result,
                     item_page_reader *pages, indexer_count *count, int *stopped, char **err);

#endif
