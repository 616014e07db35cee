/*
 * shards.h - private to index/: the shards a search machine searches as one
 * database, named in DATA/shards.conf (shards.c), for the searcher (search.c).
 */
#ifndef DOKAZ_INDEX_SHARDS_H
#define DOKAZ_INDEX_SHARDS_H

#include "index/xapian/xapian_c.h"

/* The shards' configuration, next to the index directory. */
#define IX_SHARDS_CONF "shards.conf"
/* The first word of a line about a shard's files (fetch/fetch.h), skipped here. */
#define IX_FILES_WORD "files"

/* What opening the shards found: how many are named, how many answered,
 * and the failures ("shard B: connection refused; ..."), NULL if none. */
typedef struct {
    int named, answered;
    char *failed; /* malloc'd, the owner frees it */
    char **names; /* of those that answered, in the order added (g_strfreev) */
} ix_shards_status;

/* ix_shards_conf - the path of the shards' configuration of index_dir
 * (malloc'd), NULL when there is none (the index is searched alone) */
char *ix_shards_conf(const char *index_dir);

/* ix_shards_open - open every shard conf names, each on its own, and give
 * one database of those that answered (the caller closes it), *st filled;
 * a shard that does not answer is named in st->failed, never fatal; NULL
 * with a message when conf cannot be read or a line is wrong */
xc_db *ix_shards_open(const char *conf, ix_shards_status *st, char **err);

#endif
