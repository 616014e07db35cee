/*
 * supervisor_private.h - the supervisor's state and the functions its files
 * share; private to service/ (the public API is service.h).
 *
 * The supervisor is one process with one poll loop and no threads. Its work
 * is split by concern, as Postfix splits master/:
 *   supervisor.c      setup, the poll loop, signals, teardown
 *   worker_pool.c     starting workers, reading their answers, replacing those
 *                     that die, time limits, stopping them
 *   dispatch.c        the ready list of queued items, handing them (and help
 *                     with large scans) to idle workers
 *   results.c         what becomes of a finished job: indexed, committed,
 *                     moved to done or failed, written to the audit log
 *   upgrade.c         at start, items recorded by an older dokaz go back to
 *                     the queue to be processed again
 *   intake.c          receiving inbox files, and the set of those received
 *   service_config.c  defaults, the service lock, checking the inboxes
 *   protocol.c        the lines between supervisor and workers (protocol.h)
 */
#ifndef DOKAZ_SERVICE_SUPERVISOR_PRIVATE_H
#define DOKAZ_SERVICE_SUPERVISOR_PRIVATE_H

#include "service.h"
#include "protocol.h"
#include "index/index.h"
#include "ingest/audit.h"
#include "ingest/watch.h"
#include "record/record.h"

#include <glib.h>
#include <json-c/json.h>
#include <limits.h>
#include <sys/types.h>

/* READY_MAX bounds the in-memory list of queued items; the rest stays on disk
 * in queue/incoming until the list drains. The index is committed (a group
 * commit: see results.c) COMMIT_EVERY_MS after the first item waiting for it
 * was indexed, or as soon as COMMIT_BYTES of text wait, or at the end. */
enum {
    COMMIT_EVERY_MS = 2000,
    COMMIT_BYTES = 32 << 20,
    MAX_CRASHES = 2,
    MAX_START_FAILURES = 3,
    READY_MAX = 4096
};

/* worker_slot - one worker process and the job it has; the slot owns its
 * pipe ends and `answer` */
typedef struct {
    int id;
    pid_t pid;          /* 0 when not running */
    int to_fd, from_fd; /* its stdin and stdout */
    int ready;          /* it has loaded its engines and said "ready" */
    char job[65];       /* item being processed, "" when idle */
    int helping;        /* the job is helping another worker with `job` */
    int wants_help;     /* reading a scan whose pages others may help with */
    int helpers;        /* helpers sent to this job so far */
    long long started_ms;
    int timed_out;
    unsigned jobs_done;
    GString *answer; /* partial line read from the worker */
} worker_slot;

/* indexed_item - an item indexed and waiting for the commit, in one block
 * (g_free frees it): whether it failed, and why ("" when nothing to say) */
typedef struct {
    int failed;
    char sha256[65];
    char reason[];
} indexed_item;

/* supervisor - everything the loop works on. service_run owns it; each
 * resource in it has one owner, named beside it, that frees it at teardown. */
typedef struct {
    const service_config *cfg;
    char self_exe[PATH_MAX];
    worker_slot *slots; /* pool_start allocates them, pool_free frees them */
    int nslots;
    watcher *inbox;      /* setup opens it, teardown closes it */
    int queue_fd;        /* inotify on queue/incoming; setup opens, teardown closes */
    int signal_fd;       /* likewise */
    index_writer *index; /* likewise */
    /* The tables own their strings (freed with g_free when an entry is
     * removed and when teardown destroys them), except ready_set. */
    GHashTable *seen;    /* inbox files already received: "path\nsize\nmtime" */
    GHashTable *crashes; /* sha -> crash count */
    GPtrArray *indexed;  /* finished items waiting for the commit: indexed_item */
    /* The ready list: dispatch_init makes it and dispatch_free frees it. `ready`
     * owns each sha; `ready_set` holds the same pointers, borrowed, to tell
     * whether a sha is listed: an entry leaves the set before it is freed. */
    GQueue *ready; /* incoming items not yet handed out, oldest first */
    GHashTable *ready_set;
    int queue_dirty;
    unsigned uncommitted;
    int start_failures;
    int stopping;
    unsigned long done_count;
    service_progress progress; /* what the last commit made searchable, in all */
    unsigned long uncommitted_pages, uncommitted_failed;
    size_t uncommitted_bytes;       /* text indexed since the last commit */
    long long first_uncommitted_ms; /* when the first of them was indexed */
} supervisor;

/* sv_now_ms - monotonic milliseconds (supervisor.c) */
long long sv_now_ms(void);

/* worker_pool.c */

/* pool_start - allocate the slots and start cfg->workers workers */
int pool_start(supervisor *s, char **err);

/* pool_send - write one protocol line to worker w; 0 when all of it went */
int pool_send(worker_slot *w, proto_kind kind, const char *sha);

/* pool_read_answers - consume what worker w wrote and act on each line */
void pool_read_answers(supervisor *s, worker_slot *w);

/* pool_reap - waitpid every exited child, replacing workers; -1 with *err
 * when workers cannot start */
int pool_reap(supervisor *s, char **err);

/* pool_enforce_time_limits - kill workers whose job ran too long */
void pool_enforce_time_limits(supervisor *s);

/* pool_busy - how many workers have a job */
int pool_busy(const supervisor *s);

/* pool_stop - end every worker; their unfinished jobs return to the queue */
void pool_stop(supervisor *s);

/* pool_free - release the slots (after pool_stop) */
void pool_free(supervisor *s);

/* dispatch.c */

/* dispatch_init - an empty ready list */
void dispatch_init(supervisor *s);

/* dispatch_free - the ready list and the shas it still holds */
void dispatch_free(supervisor *s);

/* dispatch_refill - list queue/incoming into the ready list when it changed
 * and the list has room */
void dispatch_refill(supervisor *s);

/* dispatch_jobs - send idle workers to help with a large scan first, then
 * hand them ready items */
void dispatch_jobs(supervisor *s);

/* dispatch_queue_events - drain the inotify on queue/incoming */
void dispatch_queue_events(supervisor *s);

/* results.c */

/* finish_item - index a result; its queue entry moves at the next commit */
void finish_item(supervisor *s, const char *sha, const item_result *result);

/* fail_item - record a failure the worker could not record itself */
void fail_item(supervisor *s, const char *sha, const char *reason);

/* results_commit - make indexed items searchable, then mark them done or failed */
int results_commit(supervisor *s);

/* results_commit_due - whether the waiting items' time or size calls for a commit */
int results_commit_due(const supervisor *s);

/* results_audit - append a `kind` event (sha256, reason) to the audit log; a
 * failure is logged, not returned (the work itself is done) */
void results_audit(supervisor *s, audit_kind kind, const char *sha, const char *reason);

/* upgrade.c */

/* upgrade_requeue - move every done item whose result record is older than
 * RECORD_VERSION, or missing, back to incoming, with an audit event
 * "requeued" each; *requeued gets how many */
int upgrade_requeue(supervisor *s, size_t *requeued, char **err);

/* intake.c */

/* intake_load_seen - fill the seen set from the audit log's receptions */
int intake_load_seen(supervisor *s, char **err);

/* intake_receive - a complete inbox file: store, record, queue */
void intake_receive(supervisor *s, const char *path);

/* service_config.c */

/* check_inboxes - an inbox must not hold the data directory, nor lie inside
 * it except under DATA/inbox */
int check_inboxes(const service_config *cfg, char **err);

#endif
