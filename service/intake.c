/*
 * intake.c - receiving inbox files (see supervisor_private.h).
 *
 * The inbox watcher (ingest/watch.c) reports a file once it has stayed
 * unchanged for settle_ms; it is stored, recorded and queued (ingest/accept.c)
 * into its collection (ingest/collection.h).
 * The seen set holds every inbox file version already received, filled from
 * the audit log at start, so a restart does not receive them again.
 *
 * Functions: intake_receive, intake_load_seen.
 */
#include "supervisor_private.h"
#include "ingest/accept.h"
#include "ingest/audit.h"
#include "common/error.h"
#include "common/log.h"

#include <stdlib.h>
#include <sys/stat.h>

/* seen_key - identity of an inbox file version */
static char *seen_key(const char *path, long long size, long long mtime_ns)
{
    return g_strdup_printf("%s\n%lld\n%lld", path, size, mtime_ns);
}

/* remember_received - audit_each callback: fill the seen set */
static int remember_received(const audit_event *e, void *ctx)
{
    if (e->kind == AUDIT_RECEIVED && e->path != NULL && e->parent == NULL)
        g_hash_table_add(ctx, seen_key(e->path, (long long)e->size, e->mtime_ns));
    return 0;
}

/* intake_receive - a complete inbox file: store, record, queue */
void intake_receive(supervisor *s, const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    char *key = seen_key(path, st.st_size,
                         (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec);
    if (g_hash_table_contains(s->seen, key)) {
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

/* intake_load_seen - every reception in the audit log into the seen set */
int intake_load_seen(supervisor *s, char **err)
{
    return audit_each(s->cfg->data_dir, remember_received, s->seen, NULL, err);
}
