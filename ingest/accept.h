/*
 * accept.h - receiving a file: store the original, record the reception in the
 * item's records and the audit log, and queue it for processing.
 */
#ifndef DOKAZ_INGEST_ACCEPT_H
#define DOKAZ_INGEST_ACCEPT_H

#include "evidence.h"
#include "record/record.h"

#include <stdint.h>

/* accept_prepare - create the data directory layout under data_dir */
int accept_prepare(const char *data_dir, char **err);

/* One file of a group given to accept_files: the caller fills path and
 * collection; accept_files fills the rest. */
typedef struct {
    const char *path;       /* absolute */
    const char *collection; /* collection.h; NULL for none */
    evidence_ref ref;       /* what it was stored as, when rc is 0 */
    int64_t mtime_ns;       /* its modification time when it was received */
    int queued;             /* 1 when the content is new to the queue, or was processed before but
                  * not in this collection (it is processed again, so that its members
                  * join the collection too); 0 when it was received before */
    int rc;      /* 0: received; DK_ERR_CHANGED (common/error.h) when the file changed while
                  * it was read (nothing recorded, not rejected, only not received yet);
                  * -1: not received */
    char *error; /* why not, when rc is not 0 (malloc'd: the caller frees it) */
} accept_item;

/* ACCEPT_GROUP_MAX - the most files worth receiving as one group: a group
 * costs a few syncs, however many files it holds */
enum { ACCEPT_GROUP_MAX = 64 };

/* accept_files - receive the n files of `items` as one group: store them,
 * record their receptions in the item records and the audit log, and queue
 * them, with a few syncs for the whole group (see accept.c). 0 when every
 * file was received; -1 when any was not (its rc and error say why). */
int accept_files(const char *data_dir, accept_item *items, size_t n);

/* accept_record - record a reception of content already stored as `ref` and
 * queue it (used for files and for members of archives and emails); queued
 * again when done or failed before and r->collection is new to it */
int accept_record(const char *data_dir, const evidence_ref *ref, const item_reception *r,
                  int *queued, char **err);

/* accept_parse_share - "K/N" (1 <= K <= N) into *k and *n; -1 if it is not */
int accept_parse_share(const char *text, unsigned *k, unsigned *n);

/* accept_in_share - 1 when the file at rel_path (relative to the folder it
 * was found in) is node k's of n (by the SHA-256 of rel_path, so every node
 * of a shared folder agrees without a coordinator), or when n is 0 */
int accept_in_share(const char *rel_path, unsigned k, unsigned n);

/* accept_rejected - record in the audit log that `path` could not be received */
int accept_rejected(const char *data_dir, const char *path, const char *reason, char **err);

#endif
