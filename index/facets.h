/*
 * facets.h - private to index/: the facet counts and the filters of
 * index_search_opts (facets.c), for the search (search.c).
 */
#ifndef DOKAZ_INDEX_FACETS_H
#define DOKAZ_INDEX_FACETS_H

#include "index/index.h"
#include "index/xapian/xapian_c.h"

/* Facet counters attached to one search. */
typedef struct ix_facets ix_facets;

/* The facets, in the order of the facet key. */
enum {
    IX_FACET_TYPE,
    IX_FACET_COURT,
    IX_FACET_ARTICLE,
    IX_FACET_YEAR,
    IX_FACET_LANG,
    IX_FACET_FOLDER,
    IX_NFACETS
};

/* ix_facets_note - set doc's facet key (IX_SLOT_FACETS) from its SHA-256 and
 * the value of each facet (several values of one joined by IX_SEP; "" for none) */
int ix_facets_note(xc_doc *doc, const char *sha, const char *const values[IX_NFACETS], char **err);

/* ix_facets_get - the value of one facet (IX_FACET_...) in doc's facet key
 * (malloc'd; "" when doc has no key) */
char *ix_facets_get(const xc_doc *doc, int facet);

/* ix_facets_add - count the facets over the documents e examines */
int ix_facets_add(xc_enquire *e, ix_facets **out, char **err);

/* ix_facets_collect - the counts, at most limit values each (0: 20), into
 * r->facets, with labels from db (court names); total 0: the files counted
 * are all that matched, else they were a sample, scaled to total files */
void ix_facets_collect(const ix_facets *f, xc_db *db, size_t limit, long total, index_results *r);

/* ix_facets_free - free the counters (NULL is fine) */
void ix_facets_free(ix_facets *f);

/* ix_facets_clear - free r->facets */
void ix_facets_clear(index_results *r);

/* ix_filters_query - the query all of opts' filters make, NULL with *err
 * NULL when there are none, NULL with a message when one is bad */
xc_query *ix_filters_query(const index_search_opts *opts, char **err);

#endif
