/*
 * indexer.h - putting a processed item into the index: the supervisor is the
 * single index writer, and this is what it writes for one item.
 */
#ifndef DOKAZ_SERVICE_INDEXER_H
#define DOKAZ_SERVICE_INDEXER_H

#include "index/index.h"
#include "record/record.h"

/* indexer_add_item - (re)index every page of the item from its result record
 * and its first reception (name, path, member). An item without pages gets a
 * name-only document so it can still be found. */
int indexer_add_item(index_writer *w, const char *data_dir, const item_result *result, char **err);

#endif
