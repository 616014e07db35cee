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
    GArray *originals;       /* the evidence store's files, listed before the log is read */
    bool read_again;         /* vf_audit_again has read the log once more */
    bool running;            /* a service holds the data directory: work is in flight */
    char anchor[65];         /* the audit head the index keeps, read before the log */
} vf_state;

/* How long after it was stored an original may still lack its audit line
 * or queue entry while a service is running: it is being received. */
#define VF_IN_FLIGHT_S 120

/* vf_problem - tell one problem (and count it) */
void vf_problem(vf_state *v, const char *sha256, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* vf_audit - walk the chain, report broken links, fill items and line_hashes */
int vf_audit(vf_state *v, char **err);

/* vf_report_unlisted - `what` for each item the log received that `listed`
 * lacks and that still_there(v, sha) does not find on a second look */
void vf_report_unlisted(vf_state *v, GHashTable *listed,
                        bool (*still_there)(vf_state *v, const char *sha256), const char *what);

/* vf_audit_again - read the log's events once more, refreshing `items` (only
 * the first call of a run reads it: later ones do nothing), for what may have
 * changed while the log was read: an item received, a reception added */
void vf_audit_again(vf_state *v);

/* vf_in_flight - whether the item is being received now: a service runs and
 * its original was stored less than VF_IN_FLIGHT_S ago */
bool vf_in_flight(vf_state *v, const char *sha256);

/* vf_service_running - whether a `dokaz watch` holds the data directory */
bool vf_service_running(const char *data_dir);

/* vf_snapshot - list the evidence store's originals (before the log is read) */
int vf_snapshot(vf_state *v, char **err);

/* vf_evidence - every original against the log and every reception against the store */
void vf_evidence(vf_state *v);

/* vf_rehash - every original re-hashed (or a sample, --quick) */
void vf_rehash(vf_state *v);

/* vf_originals_free - free vf_snapshot's list */
void vf_originals_free(GArray *originals);

/* vf_queue_snapshot - list every queue entry (before the log is read) */
int vf_queue_snapshot(vf_state *v, char **err);

/* vf_queue - every entry belongs to an item, in a state that fits, and no
 * received item is stranded outside the queue */
void vf_queue(vf_state *v);

/* vf_records - each item's receptions and result.json.gz against their bound hashes */
void vf_records(vf_state *v);

/* vf_item_free - GDestroyNotify for vf_state.items */
void vf_item_free(gpointer item);

/* vf_index_snapshot - read the audit head the index keeps (before the log is
 * read, so that the head is a line the walk sees); "" when none or unreadable */
void vf_index_snapshot(vf_state *v);

/* vf_index - the index is whole, holds every processed item with every page,
 * nothing else, and anchors a head the log still has */
void vf_index(vf_state *v);

/* vf_tokens - every kept time-stamp token checked again, and its hash a line of the log */
void vf_tokens(vf_state *v);

/* ts_check - check the kept token at `tsr` against its kept request (and CA);
 * head[65] gets the hash it stamps (when it could be read) */
int ts_check(const char *data_dir, const char *tsr, char head[65], char **err);

#endif
