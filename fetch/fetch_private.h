/*
 * fetch_private.h - private to fetch/: where a shard's files are
 * (source.c), one file copied out of them (copy.c), the cache kept
 * bounded (trim.c).
 */
#ifndef DOKAZ_FETCH_PRIVATE_H
#define DOKAZ_FETCH_PRIVATE_H

#include <stdint.h>

/* How a shard's files are reached. */
typedef enum {
    SOURCE_NONE = 0, /* not at all: shards.conf says nothing of them */
    SOURCE_LOCAL,    /* a folder of this machine (a read-only mount) */
    SOURCE_SSH       /* ssh -o BatchMode=yes HOST cat -- DIR/MEMBER */
} fetch_source_kind;

/* A shard's data directory: dir on this machine, or on host over ssh. */
typedef struct {
    fetch_source_kind kind;
    char *host; /* SOURCE_SSH only (g_free) */
    char *dir;  /* absolute for SOURCE_LOCAL (g_free) */
} fetch_source;

/* The word that starts a files line, and the ways to reach the files. */
#define FETCH_WORD_FILES "files"
#define FETCH_WORD_LOCAL "local"
#define FETCH_WORD_SSH "ssh"

/* fetch_source_find - the source of the files of shard `name` that conf
 * (DATA/shards.conf) gives: its "files NAME = ..." line, else what its
 * shard line implies, else SOURCE_NONE; -1 with *err when conf cannot be
 * read or a files line is wrong. The caller clears *src. */
int fetch_source_find(const char *conf, const char *name, fetch_source *src, char **err);

/* fetch_source_clear - free what *src holds */
void fetch_source_clear(fetch_source *src);

/* fetch_copy - the source's file `member` (relative, made by the caller
 * from a SHA-256) copied to `to` (replaced atomically; its folder exists):
 * 0; 1 when the source has no such file (to is left alone); -1 with *err
 * when the source cannot be read, the file is larger than `max` bytes, or
 * `sha256` (NULL: not checked) is not the SHA-256 of its bytes (then
 * nothing is kept). */
int fetch_copy(const fetch_source *src, const char *member, const char *to, const char *sha256,
               int64_t max, char **err);

/* fetch_trim - remove the least recently used originals under root
 * (DATA/cache/shards: NAME/evidence/ab/<sha>), with their records and
 * page images, until those left hold at most max bytes; `keep` stays */
void fetch_trim(const char *root, const char *keep, long long max);

#endif
