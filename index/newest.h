/*
 * newest.h - private to index/: the latest months of an index (newest.c),
 * for a newest-first search (search.c) to look at their pages first.
 */
#ifndef DOKAZ_INDEX_NEWEST_H
#define DOKAZ_INDEX_NEWEST_H

#include "index/xapian/xapian_c.h"

/* The months of an index's dates, with how many pages carry each. */
typedef struct ix_months ix_months;

/* ix_months_new - the month terms of db (NULL with *err on failure) */
ix_months *ix_months_new(xc_db *db, char **err);

/* ix_months_window - q (the caller's) filtered by the latest months, as
 * many as hold at least `pages` pages; NULL when that takes every month,
 * or on failure with *err set */
xc_query *ix_months_window(ix_months *ms, const xc_query *q, unsigned long pages, char **err);

/* ix_months_cutoff - after a window: the lowest sort date (yyyymmdd) down to
 * which its hits, sorted newest first, are the whole search's */
long ix_months_cutoff(const ix_months *ms);

/* ix_months_free - free (NULL is fine) */
void ix_months_free(ix_months *ms);

#endif
