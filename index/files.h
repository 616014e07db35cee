/*
 * files.h - private to index/: the files a search finds (files.c), for
 * the search (search.c).
 */
#ifndef DOKAZ_INDEX_FILES_H
#define DOKAZ_INDEX_FILES_H

#include "index/index.h"
#include "index/xapian/xapian_c.h"

#include <glib.h>

/* How a search tells files apart: by the short key of IX_SLOT_FILE, or in
 * an index some of whose pages were written before it (schema.h) by the
 * SHA-256 itself. */
typedef struct {
    unsigned slot;
    size_t len; /* bytes of a key */
} ix_file_keys;

/* ix_file_keys_of - the keys db's pages all have */
ix_file_keys ix_file_keys_of(const xc_db *db);

/* ix_mset_files - the keys m's hits were collapsed on, one after another */
GByteArray *ix_mset_files(const xc_mset *m, ix_file_keys keys);

/* ix_exclude_files - leave the files (keys, as ix_mset_files gives) out of e's results */
int ix_exclude_files(xc_enquire *e, ix_file_keys keys, const GByteArray *files, char **err);

/* ix_exact_files - the keys of the files q matches (at most 10,000), found
 * without weighing their pages (NULL on failure) */
GByteArray *ix_exact_files(xc_db *db, const xc_query *q, ix_file_keys keys, char **err);

/* ix_files_matching - the keys of those of m's files (of its hits) that
 * q matches, as ix_mset_files gives them (NULL on failure) */
GByteArray *ix_files_matching(xc_db *db, const xc_query *q, const xc_mset *m, ix_file_keys keys,
                              char **err);

/* ix_count_possible - a batch line's possible matches (q, unweighed) when
 * its exact files (those `exact` matches) are too many to find first, into
 * r->possible_total: 0; 1 (r untouched) when they can only be counted by
 * leaving every exact file out; -1 on failure */
int ix_count_possible(xc_db *db, const xc_query *q, const xc_query *exact, ix_file_keys keys,
                      index_results *r, char **err);

#endif
