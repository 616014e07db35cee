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
#include "queue.h"
#include "common/error.h"
#include "common/fsutil.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* accept_prepare - evidence, items, queue states, index, cache */
int accept_prepare(const char *data_dir, char **err)
{
    static const char *const dirs[] = {"evidence", "items", "index", "cache"};
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
        char *p = fs_join(data_dir, dirs[i]);
        int rc = fs_mkdirs(p, 0755, err);
        free(p);
        if (rc != 0)
            return -1;
    }
    return queue_init(data_dir, err);
}

/* accept_record - receipt, audit line, queue entry */
int accept_record(const char *data_dir, const evidence_ref *ref, const item_reception *r,
                  int *queued, char **err)
{
    if (item_reception_add(data_dir, ref->sha256, r, err) != 0)
        return -1;
    json_object *ev = json_object_new_object();
    json_object_object_add(ev, "event", json_object_new_string("received"));
    json_object_object_add(ev, "sha256", json_object_new_string(ref->sha256));
    json_object_object_add(ev, "path", r->path ? json_object_new_string(r->path) : NULL);
    json_object_object_add(ev, "size", json_object_new_int64((int64_t)ref->size));
    json_object_object_add(ev, "mtime_ns", json_object_new_int64(r->mtime_ns));
    json_object_object_add(ev, "parent", r->parent ? json_object_new_string(r->parent) : NULL);
    json_object_object_add(ev, "member", r->member ? json_object_new_string(r->member) : NULL);
    json_object_object_add(ev, "new_content", json_object_new_boolean(ref->is_new));
    int rc = audit_append(data_dir, ev, err);
    json_object_put(ev);
    if (rc != 0)
        return -1;
    return queue_enqueue(data_dir, ref->sha256, queued, err);
}

/* accept_file - store the file, then record and queue it */
int accept_file(const char *data_dir, const char *path, evidence_ref *ref, int *queued, char **err)
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
    json_object *ev = json_object_new_object();
    json_object_object_add(ev, "event", json_object_new_string("rejected"));
    json_object_object_add(ev, "path", json_object_new_string(path));
    json_object_object_add(ev, "reason", json_object_new_string(reason));
    int rc = audit_append(data_dir, ev, err);
    json_object_put(ev);
    return rc;
}
