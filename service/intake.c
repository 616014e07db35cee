/*
 * intake.c - receiving inbox files (see supervisor_private.h).
 *
 * The inbox watcher (ingest/watch.c) reports a file once it has stayed
 * unchanged for settle_ms; it is stored, recorded and queued (ingest/accept.c)
 * into its collection (ingest/collection.h), together with the other files
 * ready at the same turn of the loop, as one group (accept_files).
 * The seen set holds every inbox file version already received, filled from
 * the audit log at start, so a restart does not receive them again: each as
 * SEEN_KEY_BYTES of a SHA-256 (intake_seen_new), not its path, so that an
 * inbox of a million files costs tens of MB, not hundreds. A
 * reception whose item has no queue entry (a kill after the audit line,
 * before the entry) does not count as seen: the stored item is queued then.
 * The watcher asks first too (intake_known), so that files received before,
 * and other nodes' files, take no place on its bounded waiting list.
 *
 * While the service is paused (condition.c) no file is taken from the
 * watcher: the inbox files wait where they are. When storing a file of a
 * group fails because the data directory cannot be written, the paths of the
 * group's rest are kept in `deferred` and received once the condition clears;
 * the inbox file itself is only ever read.
 *
 * Functions: intake_seen_new, intake_known, intake_receive, intake_resume, intake_load_seen.
 */
#include "supervisor_private.h"
#include "ingest/accept.h"
#include "ingest/audit.h"
#include "ingest/evidence.h"
#include "ingest/queue.h"
#include "common/error.h"
#include "common/filehash.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/text.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Bytes of a seen key: 128 bits of SHA-256, so that two of the files one
 * inbox ever holds share a key with a chance far below a disk's error rate. */
enum { SEEN_KEY_BYTES = 16 };

/* seen_key - identity of an inbox file version (g_free'd): the first
 * SEEN_KEY_BYTES of the SHA-256 of its path in the safe form the audit log
 * records it in (common/text.h, so a name that is not UTF-8 read back from
 * the log matches the file in the inbox), its size and its mtime */
static guint8 *seen_key(const char *path, long long size, long long mtime_ns)
{
    char *safe = text_safe(path);
    char *text = g_strdup_printf("%s\n%lld\n%lld", safe, size, mtime_ns);
    free(safe);
    uint8_t digest[SHA256_BYTES];
    filehash_sha256_bytes(text, strlen(text), digest);
    g_free(text);
    return g_memdup2(digest, SEEN_KEY_BYTES);
}

/* seen_key_of - the seen key of the inbox file at path as st says it is */
static guint8 *seen_key_of(const char *path, const struct stat *st)
{
    return seen_key(path, st->st_size,
                    (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec);
}

/* seen_hash - a seen key's hash: its first bytes (they are a SHA-256's) */
static guint seen_hash(gconstpointer key)
{
    guint h;
    memcpy(&h, key, sizeof h);
    return h;
}

/* seen_equal - whether two seen keys are the same */
static gboolean seen_equal(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, SEEN_KEY_BYTES) == 0;
}

/* intake_seen_new - an empty seen set (of seen_key keys, freed with it) */
GHashTable *intake_seen_new(void)
{
    return g_hash_table_new_full(seen_hash, seen_equal, g_free, NULL);
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

/* in_share - whether path (in one of the inboxes) is this node's (--share) */
static int in_share(const supervisor *s, const char *path)
{
    const char *rel = path;
    for (size_t i = 0; i < s->cfg->ninboxes; i++) {
        size_t n = strlen(s->cfg->inboxes[i]);
        if (strncmp(path, s->cfg->inboxes[i], n) == 0 && path[n] == '/')
            rel = path + n + 1;
    }
    return accept_in_share(rel, s->cfg->share_k, s->cfg->share_n);
}

/* intake_known - whether the inbox file at path, as st says it is, is not
 * to be received: another node's (--share) or received before (the
 * watcher's watcher_known_fn; ctx is the supervisor) */
int intake_known(const char *path, const struct stat *st, void *ctx)
{
    const supervisor *s = ctx;
    if (!in_share(s, path))
        return 1;
    guint8 *key = seen_key_of(path, st);
    int known = g_hash_table_contains(s->seen, key);
    g_free(key);
    return known;
}

/* wanted - whether the inbox file at path is to be received now: this node's,
 * not seen yet, the service not paused (else kept for later); *key gets its
 * seen key when it is (g_free'd by the caller) */
static int wanted(supervisor *s, const char *path, guint8 **key)
{
    struct stat st;
    if (!in_share(s, path) || lstat(path, &st) != 0)
        return 0;
    *key = seen_key_of(path, &st);
    if (!g_hash_table_contains(s->seen, *key) && s->condition == NULL)
        return 1;
    if (s->condition != NULL)
        defer(s, path);
    g_free(*key);
    return 0;
}

/* outcome - log what became of one file of a group; a failure that is the
 * data directory's fault pauses the service and keeps the file for later,
 * any other is recorded as a rejection */
static void outcome(supervisor *s, accept_item *it, guint8 *key)
{
    char *why = it->rc != 0 && it->rc != DK_ERR_CHANGED && s->condition == NULL ? condition_probe(s)
                                                                                : NULL;
    if (it->rc != 0 && (why != NULL || s->condition != NULL)) {
        log_msg(LOG_ERROR, "cannot receive %s yet: %s", it->path, it->error);
        defer(s, it->path);
        if (why != NULL)
            condition_enter(s, why);
    } else if (it->rc != 0) {
        log_msg(LOG_ERROR, "cannot receive %s: %s", it->path, it->error);
        char *aerr = NULL;
        if (it->rc != DK_ERR_CHANGED &&
            accept_rejected(s->cfg->data_dir, it->path, it->error, &aerr) != 0) {
            log_msg(LOG_ERROR, "audit log: %s", aerr);
            free(aerr);
        }
    } else {
        g_hash_table_add(s->seen, key);
        key = NULL;
        log_msg(LOG_INFO, "received %s (%llu bytes) as %.12s%s", it->path,
                (unsigned long long)it->ref.size, it->ref.sha256,
                it->queued ? "" : ", content already known");
        s->queue_dirty |= it->queued;
    }
    free(it->error);
    g_free(key);
}

/* receive_group - at most ACCEPT_GROUP_MAX wanted paths, received together */
static void receive_group(supervisor *s, accept_item *items, guint8 **keys, size_t n)
{
    const service_config *cfg = s->cfg;
    for (size_t i = 0; i < n; i++)
        items[i].collection = collection_of_path(cfg->collections, cfg->ncollections, cfg->inboxes,
                                                 cfg->ninboxes, items[i].path);
    accept_files(cfg->data_dir, items, n); /* each item says how it went */
    for (size_t i = 0; i < n; i++) {
        g_free((char *)items[i].collection);
        outcome(s, &items[i], keys[i]);
    }
}

/* intake_receive - complete inbox files of this node's share: stored,
 * recorded and queued in groups */
void intake_receive(supervisor *s, char *const *paths, size_t n)
{
    accept_item items[ACCEPT_GROUP_MAX];
    guint8 *keys[ACCEPT_GROUP_MAX];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!wanted(s, paths[i], &keys[k]))
            continue;
        items[k++] = (accept_item){.path = paths[i]};
        if (k == ACCEPT_GROUP_MAX) {
            receive_group(s, items, keys, k);
            k = 0;
        }
    }
    if (k > 0)
        receive_group(s, items, keys, k);
}

/* intake_resume - the deferred paths, received in the order they came */
void intake_resume(supervisor *s)
{
    GPtrArray *paths = s->deferred;
    s->deferred = g_ptr_array_new_with_free_func(g_free);
    intake_receive(s, (char *const *)paths->pdata, paths->len);
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
