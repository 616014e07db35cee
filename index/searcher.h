/*
 * searcher.h - private to index/: one open database with the tables a search
 * needs (search.c), shared by index_search_ex and the batch search
 * (batch.c), which opens it once for a whole list; the facets and filters
 * of index_search_opts (facets.c).
 */
#ifndef DOKAZ_INDEX_SEARCHER_H
#define DOKAZ_INDEX_SEARCHER_H

#include "index/index.h"
#include "index/xapian/xapian_c.h"
#include "fields/fields.h"

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

/* Facet counters attached to one search. */
typedef struct ix_facets ix_facets;

/* ix_facets_add - count the facets over the documents e examines */
int ix_facets_add(xc_enquire *e, ix_facets **out, char **err);

/* ix_facets_collect - the counts, at most limit values each (0: 20), into
 * r->facets, with labels from db (court names) */
int ix_facets_collect(const ix_facets *f, xc_db *db, size_t limit, index_results *r,
                      char **err);

/* ix_facets_free - free the counters (NULL is fine) */
void ix_facets_free(ix_facets *f);

/* ix_facets_clear - free r->facets */
void ix_facets_clear(index_results *r);

/* ix_filters_query - the query all of opts' filters make, NULL with *err
 * NULL when there are none, NULL with a message when one is bad */
xc_query *ix_filters_query(const index_search_opts *opts, char **err);

#endif
