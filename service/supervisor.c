/*
 * supervisor.c - the service's main process (see service.h): setup, the poll
 * loop, signals and teardown. The work it does lives by concern in the files
 * supervisor_private.h lists.
 *
 * One poll loop, no threads: inbox events (inotify), new queue entries
 * (inotify on queue/incoming, so `dokaz ingest` can feed a running service),
 * the input of a one-shot run received a group a turn (cfg->feed),
 * signals (signalfd) and worker answers (pipes). The supervisor receives files
 * into the evidence store, hands queued items to idle workers, indexes their
 * results as the single index writer, and replaces workers that die.
 * SIGINT and SIGTERM stop it; SIGHUP reloads the configuration (ocr.conf,
 * and what the config's reload hook changes): each worker is replaced by a
 * new one once its current job is over.
 *
 * A start after a kill cleans up what the kill interrupted: partial copies
 * in evidence/tmp and queue/tmp, active items (queued again), and items
 * stored but never queued (intake_load_seen).
 *
 * Functions: sv_now_ms, service_run, service_stop_signal.
 */
#include "supervisor_private.h"
#include "ingest/accept.h"
#include "ingest/evidence.h"
#include "ingest/queue.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

/* sv_now_ms - monotonic milliseconds */
long long sv_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* poll_timeout - until the next thing that needs doing without an event */
static int poll_timeout(const supervisor *s)
{
    long t = 1000;
    if (s->inbox && s->condition == NULL) { /* paused, inbox files wait where they are */
        long w = watcher_timeout_ms(s->inbox);
        if (w >= 0 && w < t)
            t = w;
    }
    if (s->condition) {
        long c = (long)(s->retry_at_ms - sv_now_ms());
        t = c < 0 ? 0 : (c < t ? c : t);
    }
    if (s->uncommitted) {
        long c = (long)(s->first_uncommitted_ms + COMMIT_EVERY_MS - sv_now_ms());
        t = c < 0 ? 0 : (c < t ? c : t);
    }
    return (int)t;
}

static int stop_signal; /* what stopped the last service_run, 0 if nothing did */

/* service_stop_signal - the signal that stopped the last service_run */
int service_stop_signal(void)
{
    return stop_signal;
}

/* handle_signals - read the signalfd */
static int handle_signals(supervisor *s, char **err)
{
    struct signalfd_siginfo si;
    while (read(s->signal_fd, &si, sizeof si) == sizeof si) {
        if (si.ssi_signo == SIGCHLD) {
            if (pool_reap(s, err) != 0)
                return -1;
        } else if (si.ssi_signo == SIGHUP) {
            log_msg(LOG_INFO, "SIGHUP: reloading the configuration; each worker restarts "
                              "with it after its current job");
            if (s->cfg->reload)
                s->cfg->reload(s->cfg->reload_ctx);
            summary_reload(s);
            pool_retire(s);
        } else if (!s->stopping) {
            log_msg(LOG_INFO, "%s: stopping", strsignal((int)si.ssi_signo));
            s->stopping = 1;
            stop_signal = (int)si.ssi_signo;
        }
    }
    return 0;
}

/* receive_ready - the inbox files ready now, received as one group (at
 * most ACCEPT_GROUP_MAX: the rest wait for the next turn of the loop, so that
 * idle workers get items in between) */
static void receive_ready(supervisor *s)
{
    char *paths[ACCEPT_GROUP_MAX];
    size_t n = 0;
    while (n < ACCEPT_GROUP_MAX && (paths[n] = watcher_next_ready(s->inbox)) != NULL)
        n++;
    intake_receive(s, paths, n);
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
}

/* loop - the service's event loop */
static int loop(supervisor *s, char **err)
{
    struct pollfd *fds = xcalloc((size_t)s->nslots + 3, sizeof *fds);
    int rc = 0;
    while (!s->stopping && rc == 0) {
        dispatch_refill(s);
        dispatch_jobs(s);
        condition_check(s);
        if (s->cfg->exit_when_idle && !s->feeding && g_queue_is_empty(s->ready) &&
            pool_busy(s) == 0 && s->condition == NULL) {
            /* a worker queues an item's members before it answers: their
             * events are here by now, even if poll has not reported them */
            dispatch_queue_events(s);
            if (!s->queue_dirty)
                break;
            continue;
        }
        int more_ready = s->queue_dirty && g_queue_get_length(s->ready) < READY_MAX / 2;
        int nfds = 0;
        fds[nfds++] = (struct pollfd){.fd = s->signal_fd, .events = POLLIN};
        fds[nfds++] = (struct pollfd){.fd = s->queue_fd, .events = POLLIN};
        if (s->inbox)
            fds[nfds++] = (struct pollfd){.fd = watcher_fd(s->inbox), .events = POLLIN};
        for (int i = 0; i < s->nslots; i++)
            if (s->slots[i].pid > 0)
                fds[nfds++] = (struct pollfd){.fd = s->slots[i].from_fd, .events = POLLIN};
        if (poll(fds, (nfds_t)nfds, more_ready ? 0 : poll_timeout(s)) < 0 && errno != EINTR) {
            rc = dk_fail_errno(err, "poll");
            break;
        }
        if (fds[1].revents & POLLIN)
            dispatch_queue_events(s);
        for (int i = 0; i < s->nslots; i++)
            if (s->slots[i].pid > 0)
                pool_read_answers(s, &s->slots[i]);
        if (s->inbox) {
            if (watcher_read(s->inbox, err) != 0)
                rc = -1;
            if (watcher_check_roots(s->inbox))
                condition_inboxes(s);
            if (rc == 0 && !s->stopping && s->condition == NULL)
                receive_ready(s);
        }
        if (rc == 0 && s->feeding && !s->stopping) {
            s->feeding = s->cfg->feed(s->cfg->feed_ctx);
            s->queue_dirty |= s->feeding == SERVICE_FEED_DONE; /* the last files are queued */
        }
        if (rc == 0)
            rc = handle_signals(s, err);
        pool_enforce_time_limits(s);
        if (results_commit_due(s))
            results_commit(s);
    }
    free(fds);
    return rc;
}

/* setup - everything the loop needs, in order */
static int setup(supervisor *s, char **err)
{
    const service_config *cfg = s->cfg;
    ssize_t n = readlink("/proc/self/exe", s->self_exe, sizeof s->self_exe - 1);
    if (n <= 0)
        return dk_fail_errno(err, "cannot find the dokaz executable");
    s->self_exe[n] = '\0';
    if (accept_prepare(cfg->data_dir, err) != 0 || check_inboxes(cfg, err) != 0)
        return -1;
    size_t moved = 0, removed = 0, more = 0;
    if (evidence_clean_tmp(cfg->data_dir, &removed, err) != 0 ||
        queue_clean_tmp(cfg->data_dir, &more, err) != 0)
        return -1;
    more += scratch_clean(cfg->data_dir);
    if (removed + more)
        log_msg(LOG_INFO, "%zu partial files left by a stop were removed", removed + more);
    if (queue_recover(cfg->data_dir, &moved, err) != 0)
        return -1;
    if (moved)
        log_msg(LOG_INFO, "%zu items interrupted last time are queued again", moved);
    if (queue_set_condition(cfg->data_dir, "", err) != 0)
        return -1;
    if (upgrade_requeue(s, &moved, err) != 0)
        return -1;
    if (moved) /* a warning, so that `dokaz ingest` says why it takes longer */
        log_msg(LOG_WARN, "%zu items recorded by an older dokaz are processed again", moved);
    char *index_dir = fs_join(cfg->data_dir, "index"), *why = NULL;
    s->index = reindex_ensure(cfg->data_dir, &why) == 0 ? index_writer_open(index_dir, &why) : NULL;
    free(index_dir);
    if (s->index == NULL) /* locked by another process, say: wait for it */
        condition_enter(s, g_strdup_printf("the index cannot be opened: %s", why));
    free(why);
    if (intake_load_seen(s, &moved, err) != 0)
        return -1;
    summary_open(s);
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGHUP);
    sigaddset(&mask, SIGCHLD);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    signal(SIGPIPE, SIG_IGN);
    s->signal_fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    s->queue_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    char *incoming = queue_dir(cfg->data_dir, QUEUE_INCOMING);
    int wd = s->queue_fd >= 0 ? inotify_add_watch(s->queue_fd, incoming, IN_MOVED_TO | IN_CREATE)
                              : -1;
    free(incoming);
    if (s->signal_fd < 0 || wd < 0)
        return dk_fail_errno(err, "cannot set up signal and queue notification");
    if (cfg->ninboxes) {
        s->inbox = watcher_open(cfg->inboxes, cfg->ninboxes, cfg->settle_ms, INBOX_WAITING_MAX,
                                cfg->poll_ms, err);
        if (s->inbox == NULL)
            return -1;
        watcher_skip_known(s->inbox, intake_known, s);
    }
    if (pool_start(s, err) != 0)
        return -1;
    s->queue_dirty = 1;
    s->feeding = cfg->feed != NULL;
    s->started_ms = sv_now_ms();
    log_utc_now(s->started, sizeof s->started);
    return 0;
}

/* teardown - release everything setup took */
static void teardown(supervisor *s)
{
    if (s->index)
        results_commit(s); /* before unfinished work returns to the queue */
    char *err = NULL;
    if (results_audit_flush(s, &err) != 0) {
        log_msg(LOG_ERROR, "%s", err);
        free(err);
    }
    summary_close(s);
    if (s->slots) {
        pool_stop(s);
        pool_free(s);
    }
    if (s->index)
        index_writer_close(s->index);
    watcher_close(s->inbox);
    if (s->queue_fd >= 0)
        close(s->queue_fd);
    if (s->signal_fd >= 0)
        close(s->signal_fd);
    g_hash_table_destroy(s->seen);
    g_hash_table_destroy(s->crashes);
    dispatch_free(s);
    g_ptr_array_free(s->indexed, TRUE);
    g_ptr_array_free(s->unindexed, TRUE);
    g_ptr_array_free(s->deferred, TRUE);
    g_ptr_array_free(s->unaudited, TRUE);
    g_hash_table_destroy(s->index_attempts);
    if (s->condition)
        queue_set_condition(s->cfg->data_dir, "", NULL); /* nobody is paused now */
    g_free(s->condition);
}

/* service_run - set up, loop, tear down */
int service_run(const service_config *cfg, char **err)
{
    supervisor s = {.cfg = cfg, .queue_fd = -1, .signal_fd = -1};
    s.seen = intake_seen_new();
    s.crashes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    dispatch_init(&s);
    s.indexed = g_ptr_array_new_with_free_func(g_free);
    s.unindexed = g_ptr_array_new_with_free_func(g_free);
    s.deferred = g_ptr_array_new_with_free_func(g_free);
    s.unaudited = g_ptr_array_new_with_free_func(g_free);
    s.index_attempts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    int rc = setup(&s, err);
    if (rc == 0) {
        if (cfg->ninboxes)
            log_msg(LOG_INFO, "watching %zu inbox%s with %d workers; data in %s", cfg->ninboxes,
                    cfg->ninboxes == 1 ? "" : "es", cfg->workers, cfg->data_dir);
        rc = loop(&s, err);
    }
    teardown(&s);
    if (rc == 0 && cfg->ninboxes)
        log_msg(LOG_INFO, "stopped after processing %lu items", s.done_count);
    return rc;
}
