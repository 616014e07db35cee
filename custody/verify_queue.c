/*
 * verify_queue.c - the queue against the audit log: every entry is an item
 * the log received, in a state that fits what the log says of it, and
 * every received item has an entry (see custody_private.h).
 *
 * The entries are listed before the log is read: an entry is made after its
 * item's "received" line, and moved to done or failed after its outcome
 * line, so what the snapshot shows the log already explains.
 *
 * Functions: vf_service_running, vf_queue_snapshot, vf_queue.
 */
#include "custody_private.h"
#include "ingest/evidence.h"
#include "ingest/queue.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <unistd.h>

/* The file the running service holds locked (service/service_config.c). */
static const char service_lock_file[] = "service.lock";

/* vf_service_running - try the lock the service holds */
bool vf_service_running(const char *data_dir)
{
    char *path = fs_join(data_dir, service_lock_file);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    free(path);
    if (fd < 0)
        return false;
    bool held = flock(fd, LOCK_SH | LOCK_NB) != 0;
    close(fd);
    return held;
}

/* both_there - whether the item's entries in both states exist now (a
 * running service moves entries while they are listed) */
static bool both_there(vf_state *v, const char *sha, queue_state a, queue_state b)
{
    char *pa = queue_dir(v->data_dir, a), *pb = queue_dir(v->data_dir, b);
    char *fa = fs_join(pa, sha), *fb = fs_join(pb, sha);
    bool both = fs_exists(fa) && fs_exists(fb);
    free(fa);
    free(fb);
    free(pa);
    free(pb);
    return both;
}

/* snapshot_entry - remember one queue entry's state (the later one listed,
 * for an entry moved while listed); a name that is no hash, or an item in
 * two states, is a problem at once */
static void snapshot_entry(vf_state *v, queue_state state, const char *sha)
{
    char *rel = xasprintf("queue/%s/%s", queue_state_name(state), sha);
    gpointer before = g_hash_table_lookup(v->queued, sha);
    queue_state other = (queue_state)(GPOINTER_TO_INT(before) - 1);
    if (!evidence_is_sha256(sha))
        vf_problem(v, NULL, rel, "not a queue entry: its name is not an item's hash");
    else if (before != NULL && (!v->running || both_there(v, sha, other, state)))
        vf_problem(v, sha, rel, "queued twice: also in %s", queue_state_name(other));
    else
        g_hash_table_insert(v->queued, g_strdup(sha), GINT_TO_POINTER((int)state + 1));
    free(rel);
}

/* check_entry - one queue entry: a known item in a state that fits */
static void check_entry(vf_state *v, const char *sha, queue_state state, bool running)
{
    char *rel = xasprintf("queue/%s/%s", queue_state_name(state), sha);
    vf_item *it = g_hash_table_lookup(v->items, sha);
    if (it == NULL || it->received == 0)
        vf_problem(v, sha, rel, "queued, but the audit log has no reception of it");
    else if (state == QUEUE_ACTIVE && !running)
        vf_problem(v, sha, rel, "being processed, but no service is running");
    else if ((state == QUEUE_DONE || state == QUEUE_FAILED) && !it->outcome)
        vf_problem(v, sha, rel, "%s, but the audit log has no outcome for it",
                   queue_state_name(state));
    free(rel);
}

/* vf_queue_snapshot - every state's entries */
int vf_queue_snapshot(vf_state *v, char **err)
{
    for (int s = 0; s < QUEUE_NSTATES; s++) {
        char **shas = NULL;
        size_t n = 0;
        char *dir = queue_dir(v->data_dir, (queue_state)s);
        int exists = fs_exists(dir);
        free(dir);
        if (!exists)
            continue;
        if (queue_list(v->data_dir, (queue_state)s, &shas, &n, err) != 0)
            return -1;
        for (size_t i = 0; i < n; i++)
            snapshot_entry(v, (queue_state)s, shas[i]);
        queue_list_free(shas, n);
    }
    return 0;
}

/* is_queued - vf_report_unlisted's second look: queued since the snapshot */
static bool is_queued(vf_state *v, const char *sha256)
{
    return queue_state_of(v->data_dir, sha256) >= 0 || vf_in_flight(v, sha256);
}

/* vf_queue - every entry of the snapshot, then every received item has one */
void vf_queue(vf_state *v)
{
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, v->queued);
    while (g_hash_table_iter_next(&it, &key, &value))
        check_entry(v, key, (queue_state)(GPOINTER_TO_INT(value) - 1), v->running);
    vf_report_unlisted(v, v->queued, is_queued,
                       "stored, but in no queue state: it will never be processed");
}
