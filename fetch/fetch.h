/*
 * fetch.h - an item that only a shard holds (README, "Several machines"):
 * its records, and its original when asked, fetched from the shard's files
 * into the search machine's cache, laid out as a data directory, so that
 * `dokaz show`, the document page, page images and the original read them
 * as they read DATA.
 *
 * DATA/shards.conf says where each shard's files are, one line a shard:
 *
 *   files B = local /mnt/nodeB/dokaz     a read-only mount of its data directory
 *   files C = ssh node3 /srv/dokaz       ssh -o BatchMode=yes node3 cat -- PATH
 *
 * Without a files line, `shard A = local DIR/index` has its files in DIR
 * and `shard C = remote ssh HOST DATA` at `ssh HOST DATA`; tcp and pipe
 * shards have none. Only the item's receptions (the log
 * items/ab/receptions-c.jsonl that holds them, or an older dokaz's
 * received.jsonl), result.json.gz (or an older dokaz's result.json) and
 * evidence/ab/<sha> are read, by names
 * made here from the SHA-256: a shard line names no file. An original is
 * kept only once its SHA-256 is its name's, in DATA/cache/shards/NAME/,
 * which is trimmed to FETCH_CACHE_MAX bytes of originals (the least
 * recently used go first).
 */
#ifndef DOKAZ_FETCH_H
#define DOKAZ_FETCH_H

/* Where fetched items are kept, under DATA, one folder a shard. */
#define FETCH_CACHE "cache/shards"
/* Bytes of fetched originals kept, at most (the one just fetched stays). */
#define FETCH_CACHE_MAX (2LL << 30)
/* Records fetched less than this many seconds ago are not fetched again. */
#define FETCH_FRESH_S 30

/* What to fetch. */
typedef enum {
    FETCH_RECORDS = 0, /* the item's receptions and result */
    FETCH_ORIGINAL = 1 /* those, and the original */
} fetch_what;

/* Where to read an item. */
typedef struct {
    char *data_dir; /* DATA itself, or DATA/cache/shards/NAME (malloc'd) */
    char *shard;    /* the shard that holds it, NULL when DATA does (malloc'd) */
} fetch_place;

/* fetch_item - where to read the item sha256 (64 hex digits) of data_dir:
 * data_dir itself when it has the item's records or original, or has no
 * shards.conf, or no shard holds the item; else the cache of the shard that
 * holds it, into which `what` was fetched. -1 with *err naming the shard
 * ("shard B: ...") when its files cannot be read or the original is not
 * what its name says, or a shard that may hold it did not answer. The
 * caller clears *out (fetch_place_clear) either way. */
int fetch_item(const char *data_dir, const char *sha256, fetch_what what, fetch_place *out,
               char **err);

/* fetch_held_here - 1 if data_dir has the item's records or its original */
int fetch_held_here(const char *data_dir, const char *sha256);

/* fetch_place_clear - free what *p holds */
void fetch_place_clear(fetch_place *p);

#endif
