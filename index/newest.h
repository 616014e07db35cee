/*
 * newest.h - private to index/: the latest days of an index (newest.c), for
 * a newest-first search (search.c) to look at their pages first.
 */
#ifndef DOKAZ_INDEX_NEWEST_H
#define DOKAZ_INDEX_NEWEST_H

#include "index/xapian/xapian_c.h"

/* The days of an index's dates, with how many pages carry each. */
typedef struct ix_days ix_days;

/* ix_days_new - the days of db's date terms (NULL with *err on failure) */
ix_days *ix_days_new(xc_db *db, char **err);

/* ix_days_window - q (the caller's) filtered by the latest days, as many
 * as hold at least `pages` pages; NULL when that takes every day, or on
 * failure with *err set */
xc_query *ix_days_window(ix_days *ds, const xc_query *q, unsigned long pages, char **err);

/* ix_days_cutoff - after a window: the lowest sort date (yyyymmdd) down to
 * which its hits, sorted newest first, are the whole search's */
long ix_days_cutoff(const ix_days *ds);

/* ix_days_free - free (NULL is fine) */
void ix_days_free(ix_days *ds);

#endif
