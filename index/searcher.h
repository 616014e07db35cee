/*
 * searcher.h - private to index/: one open database with the tables a search
 * needs (search.c), shared by index_search_ex and the batch search
 * (batch_search.c), which opens it once for a whole list, and the pool
 * (pool.c), which keeps several open between searches.
 */
#ifndef DOKAZ_INDEX_SEARCHER_H
#define DOKAZ_INDEX_SEARCHER_H

#include "index/index.h"

/* A database opened for searching, with the name table and stemmer. */
typedef struct ix_searcher ix_searcher;

/* ix_searcher_open - open the database in dir; when there is none, NULL
 * with *absent set to 1 (an empty answer, not an error) */
ix_searcher *ix_searcher_open(const char *dir, int *absent, char **err);

/* ix_searcher_run - run query with opts (NULL: defaults), filling r (whose
 * query the caller set); retries when the writer overtook the reader */
int ix_searcher_run(ix_searcher *s, const char *query, const index_search_opts *opts,
                    index_results *r, char **err);

/* ix_searcher_refresh - catch up with the latest commit before a search: 0
 * when done, -1 when s is stale (the index was replaced, shards.conf came,
 * went or changed): close it and open another */
int ix_searcher_refresh(ix_searcher *s);

/* ix_searcher_results - run query on s into a new *out (index_results_free);
 * s NULL (no index yet) gives an empty answer */
int ix_searcher_results(ix_searcher *s, const char *query, const index_search_opts *opts,
                        index_results **out, char **err);

/* Searchers (and threads) one batch runs on at most. */
#define IX_BATCH_THREADS_MAX 4

/* Where a batch gets searchers besides its first (another one, NULL when
 * none can be had) and gives them back: opened and closed, or a pool's. */
typedef struct {
    ix_searcher *(*take)(void *ctx);
    void (*give_back)(ix_searcher *s, void *ctx);
    void *ctx;
} ix_searcher_source;

/* ix_batch_threads - how many searchers a list of `lines` lines is worth,
 * from 1 to IX_BATCH_THREADS_MAX */
size_t ix_batch_threads(size_t lines);

/* ix_batch_run - every line of text on s (NULL: no index yet, lines with no
 * hits) and as many more from `more` as the list is worth, one thread each,
 * given back after; as index_batch_search; the caller frees it
 * (index_batch_free) */
index_batch *ix_batch_run(ix_searcher *s, const ix_searcher_source *more, const char *text,
                          const index_search_opts *opts);

/* ix_searcher_close - close (NULL is fine) */
void ix_searcher_close(ix_searcher *s);

#endif
