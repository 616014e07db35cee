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
 *   condition.c       hostile conditions (disk full, read-only or vanished
 *                     data directory, index that cannot be written): pause,
 *                     say why, back off, resume by itself
 *   service_config.c  defaults, the service lock, checking the inboxes
 *   protocol.c        the lines between supervisor and workers (protocol.h)
 *   scratch.c         a dead worker's scratch directory and the converter
 *                     it left running
 */
#ifndef DOKAZ_SERVICE_SUPERVISOR_PRIVATE_H
#define DOKAZ_SERVICE_SUPERVISOR_PRIVATE_H

#include "service.h"
#include "protocol.h"
#include "index/index.h"
#include "ingest/audit.h"
#include "ingest/watch.h"
#include "record/record.h"
#include "report/report.h"

#include <glib.h>
#include <json-c/json.h>
#include <limits.h>
#include <sys/types.h>

/* READY_MAX bounds the in-memory list of queued items; the rest stays on disk
 * in queue/incoming until the list drains. The index is committed (a group
 * commit: see results.c) COMMIT_EVERY_MS after the first item waiting for it
 * was indexed, or as soon as COMMIT_BYTES of text or COMMIT_ITEMS items wait,
 * or at the end: the item count bounds what Xapian and the group's lists hold
 * when small files come fast. INBOX_WAITING_MAX bounds the inbox files the
 * watcher holds (ingest/watch.h): more wait in the inbox, read as it drains. */
enum {
    COMMIT_EVERY_MS = 2000,
    COMMIT_BYTES = 32 << 20,
    COMMIT_ITEMS = 1000,
    MAX_CRASHES = 2,
    MAX_START_FAILURES = 3,
    READY_MAX = 4096,
    INBOX_WAITING_MAX = 8192
};

/* unaudited_event - an outcome waiting to be written to the audit log with
 * the next group, in one block (g_free frees it); reason "" when none */
typedef struct {
    audit_kind kind;
    char sha256[65];
    char reason[];
} unaudited_event;

/* indexed_item - an item indexed and waiting for the commit (g_free frees it) */
typedef struct {
    char kind; /* 'd': to done, 'f': to failed */
    char sha256[65];
    size_t pages; /* its pages in the index */
} indexed_item;

/* A paused service looks again after BACKOFF_FIRST_MS, doubling up to
 * BACKOFF_MAX_MS; an item whose indexing fails MAX_INDEX_ATTEMPTS times
 * while the index itself works is failed with the reason. */
enum { BACKOFF_FIRST_MS = 1000, BACKOFF_MAX_MS = 30000, MAX_INDEX_ATTEMPTS = 3 };

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
    int retire;      /* replace it once its job is over (SIGHUP: new configuration) */
    GString *answer; /* partial line read from the worker */
} worker_slot;

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
    index_writer *index; /* likewise; NULL while it cannot be written (condition) */
    /* The tables own their strings (freed with g_free when an entry is
     * removed and when teardown destroys them), except ready_set. */
    GHashTable *seen;           /* inbox files already received (intake_seen_new) */
    GHashTable *crashes;        /* sha -> crash count */
    GPtrArray *indexed;         /* finished items waiting for the commit: indexed_item */
    GPtrArray *unindexed;       /* finished items to index again once the index works:
                                 * "d<sha>" or "f<sha>" */
    GHashTable *index_attempts; /* sha -> failed attempts to index it */
    GPtrArray *deferred;        /* inbox paths not received while paused */
    GPtrArray *unaudited;       /* outcomes for the next audit group: unaudited_event */
    char *condition;            /* why the service is paused (g_malloc'd), NULL when it is not */
    long long retry_at_ms;      /* when to look at the condition again */
    int backoff_ms;
    /* The ready list: dispatch_init makes it and dispatch_free frees it. `ready`
     * owns each sha; `ready_set` holds the same pointers, borrowed, to tell
     * whether a sha is listed: an entry leaves the set before it is freed. */
    GQueue *ready; /* incoming items not yet handed out, oldest first */
    GHashTable *ready_set;
    int queue_dirty;
    int feeding; /* cfg->feed's last answer (SERVICE_FEED_*): not DONE while more is left */
    unsigned uncommitted;
    size_t uncommitted_bytes;       /* text indexed since the last commit */
    long long first_uncommitted_ms; /* when the first of them was indexed */
    unsigned long uncommitted_pages, uncommitted_failed;
    service_progress progress; /* what the commits made searchable, in all */
    long long started_ms;      /* when the service started, monotonic */
    char started[40];          /* the same, UTC */
    int start_failures;
    int stopping;
    unsigned long done_count;
    queue_summary *summary; /* summary_open makes it, summary_close frees it */
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

/* pool_retire - replace every worker by a new one once it is idle (SIGHUP) */
void pool_retire(supervisor *s);

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

/* finish_item - index a result (opened by item_result_open) with the pages
 * its reader gives (NULL: a result built without pages); its queue entry
 * moves at the next commit. The caller keeps and frees both. */
void finish_item(supervisor *s, const char *sha, const item_result *result,
                 item_page_reader *pages);

/* fail_item - record a failure the worker could not record itself */
void fail_item(supervisor *s, const char *sha, const char *reason);

/* results_commit - make indexed items searchable, then mark them done or failed */
int results_commit(supervisor *s);

/* results_commit_due - whether the waiting items' time or size calls for a commit */
int results_commit_due(const supervisor *s);

/* results_audit_flush - make the result records the waiting outcomes bind
 * durable (one syncfs: workers write them unsynced), then write the outcomes
 * to the audit log, one sync; -1 with *err, the outcomes still waiting, when
 * the records cannot be synced */
int results_audit_flush(supervisor *s, char **err);

/* results_audit - append a `kind` event (sha256, reason) to the audit log; a
 * failure is logged, not returned (the work itself is done) */
void results_audit(supervisor *s, audit_kind kind, const char *sha, const char *reason);

/* results_reindex_pending - index the items kept while the index was
 * closed, from their records (the index is open again) */
void results_reindex_pending(supervisor *s);

/* summary.c */

/* summary_open - read the status summary, or build it from every record
 * when it does not match the queue (at start, after the queue's recovery) */
void summary_open(supervisor *s);

/* summary_stage - an item indexed in the group ('d' to done, 'f' to
 * failed), with its indexed pages and those read with low confidence
 * (report_low_page's words, NULL: none); counted at summary_commit */
void summary_stage(supervisor *s, const item_result *result, char kind, size_t pages,
                   const char *low_pages);

/* summary_commit - call before a group's queue moves (moved 0: a state
 * changed outside the service is counted again) and after them (moved 1:
 * the group is counted and the summary written) */
void summary_commit(supervisor *s, int moved);

/* summary_add_failed - an item moved to failed outside a group */
void summary_add_failed(supervisor *s, const item_result *result);

/* summary_reload - after SIGHUP: count again by a changed threshold */
void summary_reload(supervisor *s);

/* summary_close - write the summary a last time (at exit) and free it */
void summary_close(supervisor *s);

/* condition.c */

/* condition_probe - NULL when the data directory can be written, else why
 * not (g_malloc'd) */
char *condition_probe(const supervisor *s);

/* condition_enter - pause: intake defers inbox files, no new jobs start;
 * said in the log and in queue/condition. Takes `why` (g_malloc'd). */
void condition_enter(supervisor *s, char *why);

/* condition_check - when paused and it is time: probe, reopen the index,
 * and resume when all is well (or back off further) */
void condition_check(supervisor *s);

/* scratch.c */

/* scratch_reap - kill the converter process group dead worker `pid` named
 * in its scratch directory (if a LibreOffice process is still in it), and
 * remove DATA/cache/work/worker-PID */
void scratch_reap(const char *data_dir, long pid);

/* scratch_clean - scratch_reap every worker directory whose process is
 * gone; how many were removed */
size_t scratch_clean(const char *data_dir);

/* condition_inboxes - while not paused, queue/condition names the inboxes
 * that are gone and the folders not watched (watcher_trouble), or is
 * emptied when there are none */
void condition_inboxes(supervisor *s);

/* reindex.c */

/* reindex_ensure - make sure DATA/index holds a complete database: one
 * never completed (a kill while Xapian created it) or absent is replaced by
 * an empty one, created aside and renamed into place */
int reindex_ensure(const char *data_dir, char **err);

/* upgrade.c */

/* upgrade_requeue - move every done item whose result record is older than
 * RECORD_VERSION, or missing, back to incoming, with an audit event
 * "requeued" each; *requeued gets how many */
int upgrade_requeue(supervisor *s, size_t *requeued, char **err);

/* intake.c */

/* intake_seen_new - an empty set of inbox file versions (path, size, mtime) */
GHashTable *intake_seen_new(void);

/* intake_known - whether an inbox file (path, size, mtime) is not to be
 * received: another node's share, or received before; the watcher's
 * watcher_known_fn, ctx the supervisor */
int intake_known(const char *path, const struct stat *st, void *ctx);

/* intake_load_seen - fill the seen set from the audit log's receptions; an
 * item stored and recorded but never queued (a kill in between) is queued
 * now and its inbox file not counted as seen; *queued gets how many */
int intake_load_seen(supervisor *s, size_t *queued, char **err);

/* intake_receive - complete inbox files: store, record, queue, in groups of
 * up to ACCEPT_GROUP_MAX (ingest/accept.h); while the service is paused (or
 * when storing finds it must pause) they are deferred. The paths stay the
 * caller's. */
void intake_receive(supervisor *s, char *const *paths, size_t n);

/* intake_resume - receive the files deferred while paused */
void intake_resume(supervisor *s);

/* service_config.c */

/* check_inboxes - an inbox must not hold the data directory, nor lie inside
 * it except under DATA/inbox */
int check_inboxes(const service_config *cfg, char **err);

#endif
