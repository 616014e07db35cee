/*
 * accept.c - the one way into dokaz (see accept.h).
 *
 * Order matters for "nothing is ever lost": the original is durable in the
 * evidence store before its reception is recorded, and the reception is
 * recorded before the item is queued. A crash in between leaves an item that
 * is stored but not queued, which the next start queues (service/intake.c,
 * intake_load_seen); never a queued item without its bytes.
 *
 * Files are received in groups (accept_files), with the same order for the
 * group as a whole and a few syncs a group instead of several a file: every
 * original of the group is copied and linked into the store unsynced, then
 * one syncfs(2) makes them all durable; then every reception is appended to
 * its item's receptions unsynced, and a second syncfs makes them durable before
 * the group's "received" audit lines are appended together (one fdatasync);
 * then the queue entries are made. So a power loss or a kill at any moment
 * leaves each file of the group either not received at all (its copy, if any,
 * unrecorded: the file is received again) or stored and recorded, queued now
 * or at the next start. Members of archives and emails, received one at a
 * time by the workers, keep their own fsyncs (accept_record).
 *
 * Functions: accept_prepare, accept_record, accept_files, accept_rejected.
 */
#include "accept.h"
#include "audit.h"
#include "collection.h"
#include "queue.h"
#include "common/error.h"
#include "common/filehash.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <glib.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* accept_prepare - evidence, items, queue states, cache; the index is the
 * service's to create whole (an empty folder would be a half-made index) */
int accept_prepare(const char *data_dir, char **err)
{
    static const char *const dirs[] = {"evidence", "items", "cache"};
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
        char *p = fs_join(data_dir, dirs[i]);
        int rc = fs_mkdirs(p, 0755, err);
        free(p);
        if (rc != 0)
            return -1;
    }
    return queue_init(data_dir, err);
}

/* new_collection - 1 if the item, already received, is not yet in r's collection */
static int new_collection(const char *data_dir, const evidence_ref *ref, const item_reception *r)
{
    if (ref->is_new || r->collection == NULL ||
        item_reception_names(data_dir, ref->sha256, r->collection) == 1)
        return 0; /* a reception names it: the common case, without reading them all */
    char **had = collection_list(data_dir, ref->sha256);
    int fresh = had[0] != NULL && !g_strv_contains((const char *const *)had, r->collection);
    g_strfreev(had);
    return fresh;
}

/* requeue - an item processed before goes back to the queue, to be indexed
 * with its new collection and to pass it on to its members */
static int requeue(const char *data_dir, const char *sha256, const char *collection, int *queued,
                   char **err)
{
    int state = queue_state_of(data_dir, sha256);
    if (state != QUEUE_DONE && state != QUEUE_FAILED)
        return 0; /* queued: it will be indexed with every collection it has by then */
    char *why = g_strdup_printf("received into the collection %s", collection);
    audit_event ev = {.kind = AUDIT_REQUEUED, .sha256 = sha256, .reason = why};
    int rc = audit_append_event(data_dir, &ev, err);
    g_free(why);
    if (rc == 0 && queue_move(data_dir, sha256, (queue_state)state, QUEUE_INCOMING, err) != 0)
        rc = -1;
    *queued = rc == 0;
    return rc;
}

/* file_owner - the user name owning the file at path, else its uid; NULL when it
 * cannot be read (a member has no file) (malloc'd) */
static char *file_owner(const char *path)
{
    struct stat st;
    if (path == NULL || lstat(path, &st) != 0)
        return NULL;
    struct passwd pw, *found = NULL;
    char buf[1024];
    if (getpwuid_r(st.st_uid, &pw, buf, sizeof buf, &found) == 0 && found != NULL)
        return xstrdup(found->pw_name);
    return xasprintf("%u", (unsigned)st.st_uid);
}

/* accept_record - receipt, audit line (binding the receptions' hash), queue
 * entry (again, for a new collection) */
int accept_record(const char *data_dir, const evidence_ref *ref, const item_reception *r,
                  int *queued, char **err)
{
    int fresh = new_collection(data_dir, ref, r);
    char bound[65];
    if (item_reception_record(data_dir, ref->sha256, r, 1, bound, err) != 0)
        return -1;
    audit_event ev = {
        .kind = AUDIT_RECEIVED,
        .sha256 = ref->sha256,
        .path = r->path,
        .size = ref->size,
        .mtime_ns = r->mtime_ns,
        .parent = r->parent,
        .member = r->member,
        .new_content = ref->is_new,
        .record_sha256 = bound,
        .host = g_get_host_name(),
    };
    char *owner = r->parent == NULL ? file_owner(r->path) : NULL;
    ev.owner = owner;
    int rc = audit_append_event(data_dir, &ev, err);
    free(owner);
    if (rc != 0 || queue_enqueue(data_dir, ref->sha256, queued, err) != 0)
        return -1;
    return fresh && !*queued ? requeue(data_dir, ref->sha256, r->collection, queued, err) : 0;
}

/* fail_stored - the group step that failed (err, taken) fails every file
 * stored so far that has no error of its own; returns -1 */
static int fail_stored(accept_item *items, size_t n, char *err)
{
    for (size_t i = 0; i < n; i++)
        if (items[i].rc == 0) {
            items[i].rc = -1;
            items[i].error = xstrdup(err);
        }
    free(err);
    return -1;
}

/* store_all - every file of the group into the evidence store, unsynced;
 * how many were stored */
static size_t store_all(const char *data_dir, accept_item *items, size_t n)
{
    size_t stored = 0;
    for (size_t i = 0; i < n; i++) {
        accept_item *it = &items[i];
        struct stat st;
        it->queued = 0;
        it->error = NULL;
        if (lstat(it->path, &st) != 0) {
            it->rc = dk_fail_errno(&it->error, "cannot read %s", it->path);
            continue;
        }
        it->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
        it->rc = evidence_store_file(data_dir, it->path, &it->ref, &it->error);
        stored += it->rc == 0;
    }
    return stored;
}

/* What the group keeps for each stored file between its reception and its queue entry. */
typedef struct {
    int fresh; /* new to its collection (new_collection) */
    char bound[65];
    char *owner;
} received_item;

/* record_all - append each stored file's reception (unsynced) and describe
 * its audit line in events[]; how many events */
static size_t record_all(const char *data_dir, accept_item *items, size_t n, received_item *rec,
                         audit_event *events)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        accept_item *it = &items[i];
        if (it->rc != 0)
            continue;
        gchar *name = g_path_get_basename(it->path);
        item_reception r = {.path = it->path,
                            .name = name,
                            .collection = it->collection,
                            .size = it->ref.size,
                            .mtime_ns = it->mtime_ns};
        rec[i].fresh = new_collection(data_dir, &it->ref, &r);
        if (item_reception_record(data_dir, it->ref.sha256, &r, 0, rec[i].bound, &it->error) != 0) {
            it->rc = -1;
        } else {
            rec[i].owner = file_owner(it->path);
            events[m++] = (audit_event){
                .kind = AUDIT_RECEIVED,
                .sha256 = it->ref.sha256,
                .path = it->path,
                .size = it->ref.size,
                .mtime_ns = it->mtime_ns,
                .new_content = it->ref.is_new,
                .record_sha256 = rec[i].bound,
                .host = g_get_host_name(),
                .owner = rec[i].owner,
            };
        }
        g_free(name);
    }
    return m;
}

/* queue_all - the queue entry of each file recorded (again, for a new collection) */
static void queue_all(const char *data_dir, accept_item *items, size_t n, const received_item *rec)
{
    for (size_t i = 0; i < n; i++) {
        accept_item *it = &items[i];
        if (it->rc == 0 && queue_enqueue(data_dir, it->ref.sha256, &it->queued, &it->error) != 0)
            it->rc = -1;
        else if (it->rc == 0 && rec[i].fresh && !it->queued)
            it->rc = requeue(data_dir, it->ref.sha256, it->collection, &it->queued, &it->error);
    }
}

/* accept_files - store all, sync, record all, sync, audit lines at once, queue all */
int accept_files(const char *data_dir, accept_item *items, size_t n)
{
    char *err = NULL;
    int rc = 0;
    if (store_all(data_dir, items, n) > 0 && fs_sync_fs(data_dir, &err) != 0)
        rc = fail_stored(items, n, err);
    received_item *rec = xcalloc(n, sizeof *rec);
    audit_event *events = xcalloc(n, sizeof *events);
    size_t m = rc == 0 ? record_all(data_dir, items, n, rec, events) : 0;
    if (m > 0 &&
        (fs_sync_fs(data_dir, &err) != 0 || audit_append_events(data_dir, events, m, &err) != 0))
        rc = fail_stored(items, n, err);
    if (rc == 0)
        queue_all(data_dir, items, n, rec);
    for (size_t i = 0; i < n; i++) {
        free(rec[i].owner);
        if (items[i].rc != 0)
            rc = -1;
    }
    free(rec);
    free(events);
    return rc;
}

/* accept_rejected - an audit line for a file that could not be received */
int accept_rejected(const char *data_dir, const char *path, const char *reason, char **err)
{
    audit_event ev = {.kind = AUDIT_REJECTED, .path = path, .reason = reason};
    return audit_append_event(data_dir, &ev, err);
}
