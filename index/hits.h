/*
 * hits.h - private to index/: a search hit filled from its document
 * (hits.c), which page of it the hit is on (hit_page.c), and hits freed.
 */
#ifndef DOKAZ_INDEX_HITS_H
#define DOKAZ_INDEX_HITS_H

#include "index/index.h"
#include "index/query/query.h"
#include "index/word_forms.h"

#include <json-c/json.h>

/* ix_hit_fill - hit h from the document data of entry i of m, its snippet
 * and matched words for the query iq (words: the searcher's word forms) */
int ix_hit_fill(const ix_query *iq, ix_words *words, const xc_mset *m, size_t i, index_hit *h,
                char **err);

/* ix_hit_page - which of `pages` (the "pages" of the data of entry i of m,
 * schema.h) the hit is on, for the query iq (words: the searcher's word
 * forms): 0 to the number of pages - 1; -1 with *err when the document's
 * positions cannot be read */
int ix_hit_page(const ix_query *iq, ix_words *words, const xc_mset *m, size_t i, json_object *pages,
                char **err);

/* ix_hits_clear - free r's hits, possible matches and facets, their counts 0 */
void ix_hits_clear(index_results *r);

#endif
