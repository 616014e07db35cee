/*
 * custody_private.h - what the files of `dokaz verify` share: the facts read
 * from the audit log, what was found on disk, and how a problem is told.
 * Not for use outside custody/.
 */
#ifndef DOKAZ_CUSTODY_PRIVATE_H
#define DOKAZ_CUSTODY_PRIVATE_H

#include "custody.h"

#include <glib.h>

/* What the audit log says about one item. */
typedef struct {
    uint64_t size;         /* as its first reception recorded it */
    size_t received;       /* how many "received" lines */
    char *reception_bound; /* the last "received" line's record_sha256; NULL: none */
    char *result_bound;    /* the last "processed"/"failed" line's record_sha256 */
    bool outcome;          /* it has a "processed" or "failed" line */
} vf_item;

/* One run of custody_verify. */
typedef struct {
    const char *data_dir;
    const custody_verify_opts *opts;
    custody_verify_summary *sum;
    GHashTable *items;       /* sha256 -> vf_item, from the audit log */
    GHashTable *line_hashes; /* each line's hash -> its number (GSIZE_TO_POINTER) */
    GHashTable *stored;      /* sha256 of every original in the evidence store */
    GHashTable *queued;      /* sha256 -> its queue_state + 1 */
} vf_state;

/* vf_problem - tell one problem (and count it) */
void vf_problem(vf_state *v, const char *sha256, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* vf_audit - walk the chain, report broken links, fill items and line_hashes */
int vf_audit(vf_state *v, char **err);

/* vf_evidence - every original re-hashed (or sampled) and held against the log */
int vf_evidence(vf_state *v, char **err);

/* vf_queue - every queue entry parses, belongs to an item, and nothing is stranded */
int vf_queue(vf_state *v, char **err);

/* vf_records - each item's received.jsonl and result.json against their bound hashes */
void vf_records(vf_state *v);

/* vf_index - the index is whole, holds every processed item with every page,
 * nothing else, and anchors a head the log still has */
void vf_index(vf_state *v);

/* vf_tokens - every kept time-stamp token checked again, and its hash a line of the log */
void vf_tokens(vf_state *v);

/* ts_check - check the kept token at `tsr` against its kept request (and CA);
 * head[65] gets the hash it stamps (when it could be read) */
int ts_check(const char *data_dir, const char *tsr, char head[65], char **err);

#endif
