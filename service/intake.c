/*
 * intake.c - receiving inbox files (see supervisor_private.h).
 *
 * The inbox watcher (ingest/watch.c) reports a file once it has stayed
 * unchanged for settle_ms; it is stored, recorded and queued (ingest/accept.c)
 * into its collection (ingest/collection.h).
 * The seen set holds every inbox file version already received, filled from
 * the audit log at start, so a restart does not receive them again. A
 * reception whose item has no queue entry (a kill after the audit line,
 * before the entry) does not count as seen: the stored item is queued then.
 *
 * While the service is paused (condition.c), and when storing a file fails
 * because the data directory cannot be written, the file's path is kept in
 * `deferred` and received once the condition clears; the inbox file itself
 * is only ever read.
 *
 * Functions: intake_receive, intake_resume, intake_load_seen.
 */
#include "supervisor_private.h"
#include "ingest/accept.h"
#include "ingest/audit.h"
#include "ingest/evidence.h"
#include "ingest/queue.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/log.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* seen_key - identity of an inbox file version */
static char *seen_key(const char *path, long long size, long long mtime_ns)
{
    return g_strdup_printf("%s\n%lld\n%lld", path, size, mtime_ns);
}

/* What intake_load_seen's callback works on. */
typedef struct {
    supervisor *s;
    size_t queued;
} seen_ctx;

/* queue_stored - an item received but not queued: queue it if its bytes
 * are stored; 1 when it now has a queue entry */
static int queue_stored(seen_ctx *c, const char *sha)
{
    const char *data = c->s->cfg->data_dir;
    if (queue_state_of(data, sha) >= 0)
        return 1;
    char *path = evidence_path(data, sha), *err = NULL;
    int stored = fs_exists(path), added = 0;
    free(path);
    if (stored && queue_enqueue(data, sha, &added, &err) != 0) {
        log_msg(LOG_ERROR, "%s", err);
        free(err);
        return 0;
    }
    if (added) {
        log_msg(LOG_WARN, "%.12s was stored but never queued (stopped in between): queued now",
                sha);
        c->queued++;
    }
    return stored;
}

/* remember_received - audit_each callback: fill the seen set with the inbox
 * files whose item is queued, queueing the stored ones that are not */
static int remember_received(const audit_event *e, void *ctx)
{
    seen_ctx *c = ctx;
    if (e->kind != AUDIT_RECEIVED || !evidence_is_sha256(e->sha256))
        return 0;
    if (queue_stored(c, e->sha256) && e->path != NULL && e->parent == NULL)
        g_hash_table_add(c->s->seen, seen_key(e->path, (long long)e->size, e->mtime_ns));
    return 0;
}

/* defer - keep an inbox path to receive once the service resumes */
static void defer(supervisor *s, const char *path)
{
    for (guint i = 0; i < s->deferred->len; i++)
        if (strcmp(g_ptr_array_index(s->deferred, i), path) == 0)
            return;
    g_ptr_array_add(s->deferred, g_strdup(path));
}

/* intake_receive - a complete inbox file: store, record, queue */
void intake_receive(supervisor *s, const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    char *key = seen_key(path, st.st_size,
                         (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec);
    if (g_hash_table_contains(s->seen, key) || s->condition != NULL) {
        if (s->condition != NULL)
            defer(s, path);
        g_free(key);
        return;
    }
    evidence_ref ref;
    int queued = 0;
    char *err = NULL;
    const service_config *cfg = s->cfg;
    char *collection = collection_of_path(cfg->collections, cfg->ncollections, cfg->inboxes,
                                          cfg->ninboxes, path);
    int rc = accept_file(cfg->data_dir, path, collection, &ref, &queued, &err);
    g_free(collection);
    char *why = rc != 0 && rc != DK_ERR_CHANGED ? condition_probe(s) : NULL;
    if (why != NULL) { /* not the file's fault: the data directory's */
        log_msg(LOG_ERROR, "cannot receive %s yet: %s", path, err);
        defer(s, path);
        condition_enter(s, why);
        free(err);
        g_free(key);
        return;
    }
    if (rc != 0) {
        log_msg(LOG_ERROR, "cannot receive %s: %s", path, err);
        char *aerr = NULL;
        if (rc != DK_ERR_CHANGED && accept_rejected(s->cfg->data_dir, path, err, &aerr) != 0) {
            log_msg(LOG_ERROR, "audit log: %s", aerr);
            free(aerr);
        }
        free(err);
        g_free(key);
        return;
    }
    g_hash_table_add(s->seen, key);
    log_msg(LOG_INFO, "received %s (%llu bytes) as %.12s%s", path, (unsigned long long)ref.size,
            ref.sha256, queued ? "" : ", content already known");
    s->queue_dirty |= queued;
}

/* intake_resume - the deferred paths, received in the order they came */
void intake_resume(supervisor *s)
{
    GPtrArray *paths = s->deferred;
    s->deferred = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < paths->len; i++)
        intake_receive(s, g_ptr_array_index(paths, i));
    if (paths->len)
        log_msg(LOG_INFO, "%u inbox files that waited were looked at again", paths->len);
    g_ptr_array_free(paths, TRUE);
}

/* intake_load_seen - every queued reception in the audit log into the seen set */
int intake_load_seen(supervisor *s, size_t *queued, char **err)
{
    seen_ctx c = {s, 0};
    int rc = audit_each(s->cfg->data_dir, remember_received, &c, NULL, err);
    *queued = c.queued;
    return rc;
}
