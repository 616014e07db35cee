/*
 * supervisor.c - the service's main process (see service.h).
 *
 * One poll loop, no threads: inbox events (inotify), new queue entries
 * (inotify on queue/incoming, so `dokaz ingest` can feed a running service),
 * signals (signalfd) and worker answers (pipes). The supervisor receives files
 * into the evidence store, hands queued items to idle workers, indexes their
 * results as the single index writer, and replaces workers that die. A job
 * whose worker crashes is tried once more, then failed with the reason; a job
 * that runs past the time limit is killed and failed.
 *
 * Pages of one large scanned PDF (or multi-page TIFF) are spread over the
 * workers: its worker (the reader) says "help SHA" when it starts
 * recognising pages and more follow, and workers that fall idle meanwhile
 * are sent "help SHA" before any new item, at most one per other worker. A
 * helper recognises pages from the last one back into the OCR cache, which
 * the reader takes them from (see ocr/document.c); it answers "helped SHA".
 * A helper job is never the item's own: its end, crash or time-out changes
 * nothing in the queue, the reader alone records the item, so "done" still
 * means indexed.
 */
#include "service.h"
#include "indexer.h"
#include "ingest/accept.h"
#include "ingest/audit.h"
#include "ingest/queue.h"
#include "ingest/watch.h"
#include "index/index.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/log.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* READY_MAX bounds the in-memory list of queued items; the rest stays on disk
 * in queue/incoming until the list drains. */
enum { COMMIT_EVERY_MS = 2000, MAX_CRASHES = 2, MAX_START_FAILURES = 3, READY_MAX = 4096 };

typedef struct {
    int id;
    pid_t pid;               /* 0 when not running */
    int to_fd, from_fd;
    int ready;               /* it has loaded its engines and said "ready" */
    char job[65];            /* item being processed, "" when idle */
    int helping;             /* the job is helping another worker with `job` */
    int wants_help;          /* reading a scan whose pages others may help with */
    int helpers;             /* helpers sent to this job so far */
    long long started_ms;
    int timed_out;
    unsigned jobs_done;
    GString *answer;         /* partial line read from the worker */
} worker_slot;

typedef struct {
    const service_config *cfg;
    char self_exe[PATH_MAX];
    worker_slot *slots;
    int nslots;
    watcher *inbox;
    int queue_fd;            /* inotify on queue/incoming */
    int signal_fd;
    index_writer *index;
    GHashTable *seen;        /* inbox files already received: "path\nsize\nmtime" */
    GHashTable *crashes;     /* sha -> crash count */
    GQueue *ready;           /* incoming items not yet handed out */
    GHashTable *ready_set;
    GPtrArray *indexed;      /* finished items waiting for the commit: "d<sha>" or "f<sha>" */
    int queue_dirty;
    unsigned uncommitted;
    long long last_commit_ms;
    int start_failures;
    int stopping;
    unsigned long done_count;
} supervisor;

/* now_ms - monotonic milliseconds */
static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* service_default_config - one worker per core, bel+rus+eng */
void service_default_config(service_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    cfg->workers = cores > 0 ? (int)cores : 1;
    cfg->langs = "bel+rus+eng";
    cfg->job_timeout_s = 1800;
    cfg->worker_memory_mb = 4096;
    cfg->settle_ms = 1000;
    cfg->log_level = LOG_INFO;
    process_default_limits(&cfg->limits);
}

/* service_lock - flock DATA/service.lock, remembering our pid in it */
int service_lock(const char *data_dir, char **err)
{
    char *path = fs_join(data_dir, "service.lock");
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        dk_fail_errno(err, "cannot open %s", path);
        free(path);
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        char pid[32] = "";
        ssize_t n = pread(fd, pid, sizeof pid - 1, 0);
        pid[n > 0 ? n : 0] = '\0';
        pid[strcspn(pid, "\n")] = '\0';
        dk_fail(err, "another dokaz process%s%s is processing %s", *pid ? " (pid " : "",
                *pid ? strcat(pid, ")") : "", data_dir);
        close(fd);
        free(path);
        return -1;
    }
    char pid[32];
    int len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)len, 0) != len)
        log_msg(LOG_WARN, "cannot write the pid into %s", path);
    free(path);
    return fd;
}

/* seen_key - identity of an inbox file version */
static char *seen_key(const char *path, long long size, long long mtime_ns)
{
    return g_strdup_printf("%s\n%lld\n%lld", path, size, mtime_ns);
}

/* remember_received - audit_each callback: fill the seen set */
static int remember_received(json_object *e, void *ctx)
{
    json_object *ev, *path, *size, *mtime, *parent;
    if (!json_object_object_get_ex(e, "event", &ev) ||
        strcmp(json_object_get_string(ev), "received") != 0 ||
        !json_object_object_get_ex(e, "path", &path) || path == NULL ||
        !json_object_object_get_ex(e, "size", &size) ||
        !json_object_object_get_ex(e, "mtime_ns", &mtime) ||
        (json_object_object_get_ex(e, "parent", &parent) && parent != NULL))
        return 0;
    g_hash_table_add(ctx, seen_key(json_object_get_string(path), json_object_get_int64(size),
                                   json_object_get_int64(mtime)));
    return 0;
}

/* spawn_worker - fork + exec `dokaz worker` with limits and pipes */
static int spawn_worker(supervisor *s, worker_slot *w, char **err)
{
    int to[2], from[2];
    if (pipe2(to, O_CLOEXEC) != 0)
        return dk_fail_errno(err, "pipe");
    if (pipe2(from, O_CLOEXEC) != 0) {
        close(to[0]);
        close(to[1]);
        return dk_fail_errno(err, "pipe");
    }
    pid_t pid = fork();
    if (pid < 0) {
        close(to[0]); close(to[1]); close(from[0]); close(from[1]);
        return dk_fail_errno(err, "cannot start a worker");
    }
    if (pid == 0) {
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        signal(SIGPIPE, SIG_DFL);
        dup2(to[0], STDIN_FILENO);
        dup2(from[1], STDOUT_FILENO);
        struct rlimit mem = {(rlim_t)s->cfg->worker_memory_mb << 20,
                             (rlim_t)s->cfg->worker_memory_mb << 20};
        struct rlimit nocore = {0, 0};
#ifndef __SANITIZE_ADDRESS__ /* AddressSanitizer reserves terabytes of address space */
        setrlimit(RLIMIT_AS, &mem);
#endif
        (void)mem;
        setrlimit(RLIMIT_CORE, &nocore);
        setenv("OMP_THREAD_LIMIT", "1", 1);
        char id[16], level[16], depth[16], members[24], expanded[24], ratio[24];
        const process_limits *l = &s->cfg->limits;
        snprintf(id, sizeof id, "%d", w->id);
        snprintf(level, sizeof level, "%d", s->cfg->log_level);
        snprintf(depth, sizeof depth, "%d", l->max_depth);
        snprintf(members, sizeof members, "%ld", l->max_members);
        snprintf(expanded, sizeof expanded, "%lld", l->max_expanded >> 20);
        snprintf(ratio, sizeof ratio, "%ld", l->max_ratio);
        execl(s->self_exe, "dokaz", "worker", "--data", s->cfg->data_dir, "--lang",
              s->cfg->langs, "--id", id, "--log-level", level, "--max-depth", depth,
              "--max-members", members, "--max-expanded", expanded, "--max-ratio", ratio,
              (char *)NULL);
        fprintf(stderr, "dokaz: cannot run worker %s: %s\n", s->self_exe, strerror(errno));
        _exit(127);
    }
    close(to[0]);
    close(from[1]);
    w->pid = pid;
    w->to_fd = to[1];
    w->from_fd = from[0];
    w->job[0] = '\0';
    w->helping = w->wants_help = w->helpers = 0;
    w->timed_out = 0;
    w->ready = 0;
    w->jobs_done = 0;
    g_string_truncate(w->answer, 0);
    fcntl(w->from_fd, F_SETFL, O_NONBLOCK);
    log_msg(LOG_DEBUG, "worker %d started (pid %ld)", w->id, (long)pid);
    return 0;
}

/* log_event - append a processing event to the audit log */
static void log_event(supervisor *s, const char *event, const char *sha, const char *reason)
{
    json_object *ev = json_object_new_object();
    json_object_object_add(ev, "event", json_object_new_string(event));
    json_object_object_add(ev, "sha256", json_object_new_string(sha));
    if (reason)
        json_object_object_add(ev, "reason", json_object_new_string(reason));
    char *err = NULL;
    if (audit_append(s->cfg->data_dir, ev, &err) != 0) {
        log_msg(LOG_ERROR, "audit log: %s", err);
        free(err);
    }
    json_object_put(ev);
}

/* commit - make indexed items searchable, then mark them done or failed.
 * Moving queue entries only after the commit means "done" always means
 * "searchable"; a crash before it leaves them active, to be processed again. */
static int commit(supervisor *s)
{
    char *err = NULL;
    if (s->uncommitted == 0)
        return 0;
    if (index_commit(s->index, &err) != 0) {
        log_msg(LOG_ERROR, "index commit failed: %s", err);
        free(err);
        return -1;
    }
    for (guint i = 0; i < s->indexed->len; i++) {
        const char *entry = g_ptr_array_index(s->indexed, i);
        const char *sha = entry + 1;
        int failed = entry[0] == 'f';
        if (queue_move(s->cfg->data_dir, sha, QUEUE_ACTIVE, failed ? QUEUE_FAILED : QUEUE_DONE,
                       &err) != 0) {
            log_msg(LOG_ERROR, "%s", err);
            free(err);
            err = NULL;
        }
    }
    log_msg(LOG_DEBUG, "index committed (%u items)", s->uncommitted);
    g_ptr_array_set_size(s->indexed, 0);
    s->uncommitted = 0;
    s->last_commit_ms = now_ms();
    return 0;
}

/* finish_item - index a result; its queue entry moves at the next commit */
static void finish_item(supervisor *s, const char *sha, json_object *result)
{
    char *err = NULL;
    json_object *status = NULL;
    json_object_object_get_ex(result, "status", &status);
    int failed = status && strcmp(json_object_get_string(status), "failed") == 0;
    if (indexer_add_item(s->index, s->cfg->data_dir, sha, result, &err) != 0) {
        log_msg(LOG_ERROR, "%.12s: cannot index: %s", sha, err);
        free(err);
        err = NULL;
    }
    s->uncommitted++;
    g_ptr_array_add(s->indexed, g_strdup_printf("%c%s", failed ? 'f' : 'd', sha));
    json_object *reason = NULL;
    json_object_object_get_ex(result, "reason", &reason);
    log_event(s, failed ? "failed" : "processed", sha, reason ? json_object_get_string(reason) : NULL);
    s->done_count++;
}

/* fail_item - record a failure the worker could not record itself */
static void fail_item(supervisor *s, const char *sha, const char *reason)
{
    char *err = NULL;
    log_msg(LOG_WARN, "%.12s failed: %s", sha, reason);
    json_object *result = items_failed_result(sha, NULL, reason);
    if (items_save_result(s->cfg->data_dir, sha, result, &err) != 0) {
        log_msg(LOG_ERROR, "%s", err);
        free(err);
    }
    finish_item(s, sha, result);
    json_object_put(result);
}

/* job_answered - the worker finished the job: read its result and index it */
static void job_answered(supervisor *s, worker_slot *w)
{
    char *err = NULL;
    json_object *result = items_load_result(s->cfg->data_dir, w->job, &err);
    if (result == NULL) {
        char *reason = g_strdup_printf("the worker left no result: %s", err ? err : "?");
        fail_item(s, w->job, reason);
        g_free(reason);
        free(err);
    } else {
        log_msg(LOG_INFO, "%.12s processed by worker %d in %.1f s", w->job, w->id,
                (now_ms() - w->started_ms) / 1000.0);
        finish_item(s, w->job, result);
        json_object_put(result);
    }
    g_hash_table_remove(s->crashes, w->job);
    w->job[0] = '\0';
    w->wants_help = w->helpers = 0;
    w->jobs_done++;
}

/* help_answered - a helper is through with the pages it could take */
static void help_answered(worker_slot *w)
{
    log_msg(LOG_DEBUG, "worker %d helped with %.12s for %.1f s", w->id, w->job,
            (now_ms() - w->started_ms) / 1000.0);
    w->job[0] = '\0';
    w->helping = 0;
}

/* answer_is - the worker's line is `word` (may be "") followed by its job */
static int answer_is(const worker_slot *w, const char *line, const char *word)
{
    size_t n = strlen(word);
    return w->job[0] && strncmp(line, word, n) == 0 && strcmp(line + n, w->job) == 0;
}

/* read_answers - consume what a worker wrote */
static void read_answers(supervisor *s, worker_slot *w)
{
    char buf[512];
    ssize_t n;
    while ((n = read(w->from_fd, buf, sizeof buf)) > 0)
        g_string_append_len(w->answer, buf, n);
    char *nl;
    while ((nl = memchr(w->answer->str, '\n', w->answer->len)) != NULL) {
        *nl = '\0';
        const char *line = w->answer->str;
        if (w->helping && answer_is(w, line, "helped "))
            help_answered(w);
        else if (!w->helping && answer_is(w, line, ""))
            job_answered(s, w);
        else if (!w->helping && answer_is(w, line, "help "))
            w->wants_help = 1;
        else if (!w->ready && strcmp(w->answer->str, "ready") == 0)
            w->ready = 1;
        else
            log_msg(LOG_WARN, "worker %d said something unexpected: %.80s", w->id, w->answer->str);
        g_string_erase(w->answer, 0, nl - w->answer->str + 1);
    }
}

/* describe_exit - "exit code 3" / "killed by signal 11 (Segmentation fault)" */
static char *describe_exit(int status)
{
    if (WIFSIGNALED(status))
        return g_strdup_printf("killed by signal %d (%s)", WTERMSIG(status),
                               strsignal(WTERMSIG(status)));
    return g_strdup_printf("exit code %d", WEXITSTATUS(status));
}

/* worker_died - fail or retry its job, replace the worker */
static int worker_died(supervisor *s, worker_slot *w, int status, char **err)
{
    read_answers(s, w); /* an answer may have been written just before exit */
    char *how = describe_exit(status);
    close(w->to_fd);
    close(w->from_fd);
    w->pid = 0;
    if (w->job[0] && w->helping) {
        log_msg(LOG_WARN, "worker %d %s while helping with %.12s; its reader goes on", w->id,
                w->timed_out ? "ran out of time" : how, w->job);
        w->job[0] = '\0';
    } else if (w->job[0]) {
        char *sha = g_strdup(w->job);
        w->job[0] = '\0';
        if (w->timed_out) {
            char *reason = g_strdup_printf("processing took longer than the limit of %d s",
                                           s->cfg->job_timeout_s);
            fail_item(s, sha, reason);
            g_free(reason);
        } else {
            int crashes = GPOINTER_TO_INT(g_hash_table_lookup(s->crashes, sha)) + 1;
            if (crashes >= MAX_CRASHES) {
                char *reason = g_strdup_printf(
                    "the worker process died %d times while reading this file (last: %s)",
                    crashes, how);
                fail_item(s, sha, reason);
                g_free(reason);
                g_hash_table_remove(s->crashes, sha);
            } else {
                log_msg(LOG_WARN, "worker %d died (%s) on %.12s: trying it once more", w->id,
                        how, sha);
                g_hash_table_insert(s->crashes, g_strdup(sha), GINT_TO_POINTER(crashes));
                char *qerr = NULL;
                if (queue_move(s->cfg->data_dir, sha, QUEUE_ACTIVE, QUEUE_INCOMING, &qerr) != 0) {
                    log_msg(LOG_ERROR, "%s", qerr);
                    free(qerr);
                }
                s->queue_dirty = 1;
            }
        }
        g_free(sha);
    } else if (!s->stopping && !w->ready) {
        s->start_failures++;
        log_msg(LOG_ERROR, "worker %d exited at start (%s)", w->id, how);
    }
    int rc = 0;
    if (s->start_failures >= MAX_START_FAILURES)
        rc = dk_fail(err, "workers cannot start (last: %s); see the messages above", how);
    else if (!s->stopping)
        rc = spawn_worker(s, w, err);
    g_free(how);
    return rc;
}

/* reap_children - waitpid every exited child: a worker is replaced; any other
 * child (the web interface `dokaz watch` starts) is only reported */
static int reap_children(supervisor *s, char **err)
{
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        int worker = 0;
        for (int i = 0; i < s->nslots; i++)
            if (s->slots[i].pid == pid) {
                worker = 1;
                if (worker_died(s, &s->slots[i], status, err) != 0)
                    return -1;
            }
        if (!worker) {
            char *how = describe_exit(status);
            log_msg(s->stopping ? LOG_INFO : LOG_WARN,
                    "child process %ld (not a worker) ended: %s", (long)pid, how);
            g_free(how);
        }
    }
    return 0;
}

/* receive_inbox_file - a complete inbox file: store, record, queue */
static void receive_inbox_file(supervisor *s, const char *path)
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
    if (accept_file(s->cfg->data_dir, path, &ref, &queued, &err) != 0) {
        log_msg(LOG_ERROR, "cannot receive %s: %s", path, err);
        char *aerr = NULL;
        if (strstr(err, "changed while") == NULL &&
            accept_rejected(s->cfg->data_dir, path, err, &aerr) != 0) {
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

/* refill_ready - list queue/incoming when it changed and the list has room */
static void refill_ready(supervisor *s)
{
    if (!s->queue_dirty || g_queue_get_length(s->ready) >= READY_MAX / 2)
        return;
    s->queue_dirty = 0;
    char **shas = NULL, *err = NULL;
    size_t n = 0;
    if (queue_list(s->cfg->data_dir, QUEUE_INCOMING, &shas, &n, &err) != 0) {
        log_msg(LOG_ERROR, "%s", err);
        free(err);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (g_queue_get_length(s->ready) >= READY_MAX) {
            s->queue_dirty = 1; /* more on disk: list again once these are handed out */
            break;
        }
        if (g_hash_table_contains(s->ready_set, shas[i]))
            continue;
        char *sha = g_strdup(shas[i]);
        g_hash_table_add(s->ready_set, sha);
        g_queue_push_tail(s->ready, sha);
    }
    queue_list_free(shas, n);
}

/* wanting_help - a worker reading a scan with pages to spare that may get
 * one more helper, or NULL */
static worker_slot *wanting_help(supervisor *s)
{
    for (int i = 0; i < s->nslots; i++) {
        worker_slot *m = &s->slots[i];
        if (m->pid > 0 && m->job[0] && !m->helping && m->wants_help &&
            m->helpers < s->nslots - 1)
            return m;
    }
    return NULL;
}

/* send_help - send idle worker w to help the reader m */
static void send_help(worker_slot *w, worker_slot *m)
{
    char line[72];
    int len = snprintf(line, sizeof line, "help %s\n", m->job);
    m->helpers++;
    if (write(w->to_fd, line, (size_t)len) == len) { /* else it is dying: handled */
        memcpy(w->job, m->job, 65);
        w->helping = 1;
        w->started_ms = now_ms();
        log_msg(LOG_DEBUG, "worker %d helps worker %d with %.12s", w->id, m->id, m->job);
    }
}

/* dispatch - send idle workers to help with a large scan first, then hand
 * them ready items */
static void dispatch(supervisor *s)
{
    for (int i = 0; i < s->nslots && !s->stopping; i++) {
        worker_slot *w = &s->slots[i], *m;
        if (w->pid > 0 && w->ready && w->job[0] == '\0' && (m = wanting_help(s)) != NULL)
            send_help(w, m);
        while (w->pid > 0 && w->ready && w->job[0] == '\0' && !g_queue_is_empty(s->ready)) {
            char *sha = g_queue_pop_head(s->ready);
            char *err = NULL;
            int rc = queue_move(s->cfg->data_dir, sha, QUEUE_INCOMING, QUEUE_ACTIVE, &err);
            if (rc == 0) {
                char line[66];
                snprintf(line, sizeof line, "%s\n", sha);
                if (write(w->to_fd, line, 65) == 65) {
                    memcpy(w->job, sha, 65);
                    w->started_ms = now_ms();
                } else if (queue_move(s->cfg->data_dir, sha, QUEUE_ACTIVE, QUEUE_INCOMING,
                                      NULL) == 0) {
                    s->queue_dirty = 1; /* the worker is dying; its death is handled */
                }
            } else {
                free(err); /* gone meanwhile: someone else took it */
            }
            g_hash_table_remove(s->ready_set, sha);
        }
    }
}

/* busy_workers - how many workers have a job */
static int busy_workers(const supervisor *s)
{
    int busy = 0;
    for (int i = 0; i < s->nslots; i++)
        busy += s->slots[i].job[0] != '\0';
    return busy;
}

/* enforce_time_limits - kill workers whose job ran too long */
static void enforce_time_limits(supervisor *s)
{
    long long now = now_ms();
    for (int i = 0; i < s->nslots; i++) {
        worker_slot *w = &s->slots[i];
        if (w->pid > 0 && w->job[0] && !w->timed_out &&
            now - w->started_ms > (long long)s->cfg->job_timeout_s * 1000) {
            log_msg(LOG_WARN, "%.12s: over the time limit, stopping worker %d", w->job, w->id);
            w->timed_out = 1;
            kill(w->pid, SIGKILL);
        }
    }
}

/* poll_timeout - until the next thing that needs doing without an event */
static int poll_timeout(const supervisor *s)
{
    long t = 1000;
    if (s->inbox) {
        long w = watcher_timeout_ms(s->inbox);
        if (w >= 0 && w < t)
            t = w;
    }
    if (s->uncommitted) {
        long c = (long)(s->last_commit_ms + COMMIT_EVERY_MS - now_ms());
        t = c < 0 ? 0 : (c < t ? c : t);
    }
    return (int)t;
}

/* handle_signals - read the signalfd */
static int handle_signals(supervisor *s, char **err)
{
    struct signalfd_siginfo si;
    while (read(s->signal_fd, &si, sizeof si) == sizeof si) {
        if (si.ssi_signo == SIGCHLD) {
            if (reap_children(s, err) != 0)
                return -1;
        } else if (!s->stopping) {
            log_msg(LOG_INFO, "%s: stopping", strsignal((int)si.ssi_signo));
            s->stopping = 1;
        }
    }
    return 0;
}

/* read_queue_events - drain the inotify on queue/incoming; new entries
 * make the ready list be listed again */
static void read_queue_events(supervisor *s)
{
    char buf[4096];
    while (read(s->queue_fd, buf, sizeof buf) > 0)
        s->queue_dirty = 1;
}

/* loop - the service's event loop */
static int loop(supervisor *s, char **err)
{
    struct pollfd *fds = calloc((size_t)s->nslots + 3, sizeof *fds);
    int rc = 0;
    while (!s->stopping && rc == 0) {
        refill_ready(s);
        dispatch(s);
        if (s->cfg->exit_when_idle && g_queue_is_empty(s->ready) && busy_workers(s) == 0) {
            /* a worker queues an item's members before it answers: their
             * events are here by now, even if poll has not reported them */
            read_queue_events(s);
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
            read_queue_events(s);
        for (int i = 0; i < s->nslots; i++)
            if (s->slots[i].pid > 0)
                read_answers(s, &s->slots[i]);
        if (s->inbox) {
            if (watcher_read(s->inbox, err) != 0)
                rc = -1;
            char *path;
            while (rc == 0 && !s->stopping && (path = watcher_next_ready(s->inbox)) != NULL) {
                receive_inbox_file(s, path);
                free(path);
            }
        }
        if (rc == 0)
            rc = handle_signals(s, err);
        enforce_time_limits(s);
        if (s->uncommitted && (now_ms() - s->last_commit_ms >= COMMIT_EVERY_MS ||
                               busy_workers(s) == 0))
            commit(s);
    }
    free(fds);
    return rc;
}

/* stop_workers - end every worker; their unfinished jobs return to the queue */
static void stop_workers(supervisor *s)
{
    s->stopping = 1;
    for (int i = 0; i < s->nslots; i++) {
        worker_slot *w = &s->slots[i];
        if (w->pid <= 0)
            continue;
        close(w->to_fd); /* an idle worker exits when its input ends */
        if (w->job[0])
            kill(w->pid, SIGKILL);
    }
    for (int i = 0; i < s->nslots; i++) {
        worker_slot *w = &s->slots[i];
        if (w->pid <= 0)
            continue;
        int status;
        while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
            ;
        read_answers(s, w);
        close(w->from_fd);
        w->pid = 0;
    }
    size_t moved = 0;
    char *err = NULL;
    if (queue_recover(s->cfg->data_dir, &moved, &err) != 0) {
        log_msg(LOG_ERROR, "%s", err);
        free(err);
    }
    if (moved)
        log_msg(LOG_INFO, "%zu unfinished items returned to the queue", moved);
}

/* path_within - 1 if `path` is `dir` or below it (both canonical) */
static int path_within(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/' || n == 1);
}

/* check_inboxes - an inbox must not hold the data directory, nor lie inside it
 * except under DATA/inbox: dokaz would otherwise receive its own records */
static int check_inboxes(const service_config *cfg, char **err)
{
    char *data = realpath(cfg->data_dir, NULL);
    if (data == NULL)
        return dk_fail_errno(err, "cannot resolve %s", cfg->data_dir);
    char *own = fs_join(data, "inbox");
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < cfg->ninboxes; i++) {
        char *inbox = NULL;
        if (fs_mkdirs(cfg->inboxes[i], 0755, err) != 0 ||
            (inbox = realpath(cfg->inboxes[i], NULL)) == NULL)
            rc = -1;
        else if (path_within(data, inbox))
            rc = dk_fail(err, "the inbox %s contains the data directory %s: dokaz would "
                              "receive its own store; use another folder", inbox, data);
        else if (path_within(inbox, data) && !path_within(inbox, own))
            rc = dk_fail(err, "the inbox %s is inside the data directory; use %s or a folder "
                              "outside %s", inbox, own, data);
        free(inbox);
    }
    free(own);
    free(data);
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
    size_t moved = 0;
    if (queue_recover(cfg->data_dir, &moved, err) != 0)
        return -1;
    if (moved)
        log_msg(LOG_INFO, "%zu items interrupted last time are queued again", moved);
    char *index_dir = fs_join(cfg->data_dir, "index");
    s->index = index_writer_open(index_dir, err);
    free(index_dir);
    if (s->index == NULL)
        return -1;
    if (audit_each(cfg->data_dir, remember_received, s->seen, err) != 0)
        return -1;
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
    int wd = s->queue_fd >= 0 ? inotify_add_watch(s->queue_fd, incoming, IN_MOVED_TO | IN_CREATE) : -1;
    free(incoming);
    if (s->signal_fd < 0 || wd < 0)
        return dk_fail_errno(err, "cannot set up signal and queue notification");
    if (cfg->ninboxes) {
        s->inbox = watcher_open(cfg->inboxes, cfg->ninboxes, cfg->settle_ms, err);
        if (s->inbox == NULL)
            return -1;
    }
    s->nslots = cfg->workers;
    s->slots = calloc((size_t)s->nslots, sizeof *s->slots);
    for (int i = 0; i < s->nslots; i++) {
        s->slots[i].id = i + 1;
        s->slots[i].answer = g_string_new(NULL);
        if (spawn_worker(s, &s->slots[i], err) != 0)
            return -1;
    }
    s->queue_dirty = 1;
    s->last_commit_ms = now_ms();
    return 0;
}

/* teardown - release everything setup took */
static void teardown(supervisor *s)
{
    if (s->index)
        commit(s); /* before unfinished work returns to the queue */
    if (s->slots) {
        stop_workers(s);
        for (int i = 0; i < s->nslots; i++)
            g_string_free(s->slots[i].answer, TRUE);
        free(s->slots);
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
    g_hash_table_destroy(s->ready_set);
    g_queue_free(s->ready);
    g_ptr_array_free(s->indexed, TRUE);
}

/* service_run - set up, loop, tear down */
int service_run(const service_config *cfg, char **err)
{
    supervisor s = {.cfg = cfg, .queue_fd = -1, .signal_fd = -1};
    s.seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    s.crashes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    s.ready_set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    s.ready = g_queue_new();
    s.indexed = g_ptr_array_new_with_free_func(g_free);
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
