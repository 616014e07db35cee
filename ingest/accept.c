/*
 * accept.c - the one way into dokaz (see accept.h).
 *
 * Order matters for "nothing is ever lost": the original is durable in the
 * evidence store before its reception is recorded, and the reception is
 * recorded before the item is queued. A crash in between leaves an item that
 * is stored but not queued, which the next reception of it (or a re-scan of
 * the inbox) queues; never a queued item without its bytes.
 *
 * Functions: accept_prepare, accept_record, accept_file, accept_rejected.
 */
#include "accept.h"
#include "audit.h"
#include "collection.h"
#include "queue.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <glib.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
    if (ref->is_new || r->collection == NULL)
        return 0;
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

/* accept_record - receipt, audit line (binding received.jsonl's hash), queue
 * entry (again, for a new collection) */
int accept_record(const char *data_dir, const evidence_ref *ref, const item_reception *r,
                  int *queued, char **err)
{
    int fresh = new_collection(data_dir, ref, r);
    char bound[65];
    if (item_reception_add(data_dir, ref->sha256, r, err) != 0 ||
        item_record_sha256(data_dir, ref->sha256, ITEM_RECORD_RECEPTIONS, bound, err) != 0)
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

/* accept_file - store the file, then record and queue it */
int accept_file(const char *data_dir, const char *path, const char *collection, evidence_ref *ref,
                int *queued, char **err)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return dk_fail_errno(err, "cannot read %s", path);
    int stored = evidence_store_file(data_dir, path, ref, err);
    if (stored != 0)
        return stored; /* DK_ERR_CHANGED tells the caller to try again later */
    gchar *name = g_path_get_basename(path);
    item_reception r = {
        .path = path,
        .name = name,
        .collection = collection,
        .size = ref->size,
        .mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec,
    };
    int rc = accept_record(data_dir, ref, &r, queued, err);
    g_free(name);
    return rc;
}

/* accept_rejected - an audit line for a file that could not be received */
int accept_rejected(const char *data_dir, const char *path, const char *reason, char **err)
{
    audit_event ev = {.kind = AUDIT_REJECTED, .path = path, .reason = reason};
    return audit_append_event(data_dir, &ev, err);
}
