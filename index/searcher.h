/*
 * searcher.h - private to index/: one open database with the tables a search
 * needs (search.c), shared by index_search_ex and the batch search
 * (batch_search.c), which opens it once for a whole list.
 */
#ifndef DOKAZ_INDEX_SEARCHER_H
#define DOKAZ_INDEX_SEARCHER_H

#include "index/index.h"

/* A database opened for searching, with the name table, field rules and stemmer. */
typedef struct ix_searcher ix_searcher;

/* ix_searcher_open - open the database in dir; when there is none, NULL
 * with *absent set to 1 (an empty answer, not an error) */
ix_searcher *ix_searcher_open(const char *dir, int *absent, char **err);

/* ix_searcher_run - run query with opts (NULL: defaults), filling r (whose
 * query the caller set); retries when the writer overtook the reader */
int ix_searcher_run(ix_searcher *s, const char *query, const index_search_opts *opts,
                    index_results *r, char **err);

/* ix_searcher_close - close (NULL is fine) */
void ix_searcher_close(ix_searcher *s);

#endif
