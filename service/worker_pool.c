/*
 * worker_pool.c - the supervisor's workers (see supervisor_private.h).
 *
 * Each slot holds one `dokaz worker` process, started with its limits and two
 * pipes. The pool reads the workers' answers (protocol.h), notices a job's end
 * or a helper's, replaces a worker that dies and decides what becomes of its
 * job: a job whose worker crashes is tried once more, then failed with the
 * reason; a job that runs past the time limit is killed and failed. A helper
 * job is never the item's own: its end, crash or time-out changes nothing in
 * the queue, the reader alone records the item.
 *
 * A worker dies with the supervisor (PR_SET_PDEATHSIG), so a supervisor
 * killed with SIGKILL leaves no worker behind to race the next one's. A
 * worker that dies while the data directory cannot be written (condition.c)
 * was not at fault: its job goes back to the queue without counting.
 *
 * Functions: pool_start, pool_read_answers, pool_reap,
 * pool_enforce_time_limits, pool_busy, pool_stop, pool_send, pool_retire,
 * pool_free.
 */
#include "supervisor_private.h"
#include "ingest/queue.h"
#include "record/record.h"
#include "common/error.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

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
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        close(to[0]);
        close(to[1]);
        close(from[0]);
        close(from[1]);
        return dk_fail_errno(err, "cannot start a worker");
    }
    if (pid == 0) {
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
            _exit(127); /* the supervisor is gone already */
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
        execl(s->self_exe, "dokaz", "worker", "--data", s->cfg->data_dir, "--lang", s->cfg->langs,
              "--id", id, "--log-level", level, "--max-depth", depth, "--max-members", members,
              "--max-expanded", expanded, "--max-ratio", ratio, (char *)NULL);
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
    w->retire = 0;
    g_string_truncate(w->answer, 0);
    fcntl(w->from_fd, F_SETFL, O_NONBLOCK);
    log_msg(LOG_DEBUG, "worker %d started (pid %ld)", w->id, (long)pid);
    return 0;
}

/* pool_start - one slot per configured worker, each started */
int pool_start(supervisor *s, char **err)
{
    s->nslots = s->cfg->workers;
    s->slots = xcalloc((size_t)s->nslots, sizeof *s->slots);
    for (int i = 0; i < s->nslots; i++) {
        s->slots[i].id = i + 1;
        s->slots[i].answer = g_string_new(NULL);
        if (spawn_worker(s, &s->slots[i], err) != 0)
            return -1;
    }
    return 0;
}

/* retire_if_asked - an idle worker asked to retire: end its input, so it
 * exits and pool_reap starts a new one */
static void retire_if_asked(worker_slot *w)
{
    if (w->retire && w->job[0] == '\0' && w->to_fd >= 0) {
        close(w->to_fd);
        w->to_fd = -1;
    }
}

/* job_answered - the worker finished the job: hand it its next one, then
 * read this one's result and index it (the worker reads while we index) */
static void job_answered(supervisor *s, worker_slot *w)
{
    char job[sizeof w->job];
    memcpy(job, w->job, sizeof job);
    double took = (sv_now_ms() - w->started_ms) / 1000.0;
    w->job[0] = '\0';
    w->wants_help = w->helpers = 0;
    w->jobs_done++;
    retire_if_asked(w);
    dispatch_jobs(s);
    char *err = NULL;
    item_page_reader *pages = NULL; /* read a page at a time: a text may be huge */
    item_result *result = item_result_open(s->cfg->data_dir, job, &pages, &err);
    if (result == NULL) {
        char *reason = g_strdup_printf("the worker left no result: %s", err ? err : "?");
        fail_item(s, job, reason);
        g_free(reason);
        free(err);
    } else {
        log_msg(LOG_INFO, "%.12s processed by worker %d in %.1f s", job, w->id, took);
        finish_item(s, job, result, pages);
        item_page_reader_free(pages);
        item_result_free(result);
    }
    g_hash_table_remove(s->crashes, job);
}

/* worker_ready - it loaded its engines: workers can start, count afresh */
static void worker_ready(supervisor *s, worker_slot *w)
{
    w->ready = 1;
    s->start_failures = 0;
}

/* help_answered - a helper is through with the pages it could take */
static void help_answered(worker_slot *w)
{
    log_msg(LOG_DEBUG, "worker %d helped with %.12s for %.1f s", w->id, w->job,
            (sv_now_ms() - w->started_ms) / 1000.0);
    w->job[0] = '\0';
    w->helping = 0;
    retire_if_asked(w);
}

/* pool_read_answers - consume what a worker wrote */
void pool_read_answers(supervisor *s, worker_slot *w)
{
    char buf[512];
    ssize_t n;
    while ((n = read(w->from_fd, buf, sizeof buf)) > 0)
        g_string_append_len(w->answer, buf, n);
    char *nl;
    while ((nl = memchr(w->answer->str, '\n', w->answer->len)) != NULL) {
        *nl = '\0';
        proto_msg m;
        proto_kind kind = proto_parse(w->answer->str, &m);
        int on_job = w->job[0] && strcmp(m.sha256, w->job) == 0;
        if (kind == PROTO_HELPED && on_job && w->helping)
            help_answered(w);
        else if (kind == PROTO_ITEM && on_job && !w->helping)
            job_answered(s, w);
        else if (kind == PROTO_HELP && on_job && !w->helping)
            w->wants_help = 1;
        else if (kind == PROTO_READY && !w->ready)
            worker_ready(s, w);
        else
            log_msg(LOG_WARN, "worker %d said something unexpected: %.80s", w->id, w->answer->str);
        g_string_erase(w->answer, 0, nl - w->answer->str + 1);
    }
}

/* describe_exit - "exit code 3" / "killed by signal 11 (Segmentation fault)" */
static char *describe_exit(int status)
{
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS) /* common/sandbox.h's filter */
        return g_strdup_printf("stopped by the sandbox: a forbidden system call (signal %d)",
                               SIGSYS);
    if (WIFSIGNALED(status))
        return g_strdup_printf("killed by signal %d (%s)", WTERMSIG(status),
                               strsignal(WTERMSIG(status)));
    return g_strdup_printf("exit code %d", WEXITSTATUS(status));
}

/* requeue - its job goes back to incoming */
static void requeue(supervisor *s, const char *sha)
{
    char *qerr = NULL;
    if (queue_move(s->cfg->data_dir, sha, QUEUE_ACTIVE, QUEUE_INCOMING, &qerr) != 0) {
        log_msg(LOG_ERROR, "%s", qerr);
        free(qerr);
    }
    s->queue_dirty = 1;
}

/* worker_died - fail or retry its job, replace the worker */
static int worker_died(supervisor *s, worker_slot *w, int status, char **err)
{
    char *why = NULL;
    pool_read_answers(s, w); /* an answer may have been written just before exit */
    char *how = describe_exit(status);
    if (w->to_fd >= 0)
        close(w->to_fd);
    close(w->from_fd);
    scratch_reap(s->cfg->data_dir, (long)w->pid); /* a converter it left goes too */
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
        } else if ((why = s->condition ? g_strdup(s->condition) : condition_probe(s)) != NULL) {
            log_msg(LOG_WARN, "worker %d %s on %.12s while %s; it is tried again later", w->id, how,
                    sha, why);
            requeue(s, sha);
            if (s->condition == NULL)
                condition_enter(s, why);
            else
                g_free(why);
        } else {
            int crashes = GPOINTER_TO_INT(g_hash_table_lookup(s->crashes, sha)) + 1;
            if (crashes >= MAX_CRASHES) {
                char *reason = g_strdup_printf(
                    "the worker process died %d times while reading this file (last: %s)", crashes,
                    how);
                fail_item(s, sha, reason);
                g_free(reason);
                g_hash_table_remove(s->crashes, sha);
            } else {
                log_msg(LOG_WARN, "worker %d died (%s) on %.12s: trying it once more", w->id, how,
                        sha);
                g_hash_table_insert(s->crashes, g_strdup(sha), GINT_TO_POINTER(crashes));
                requeue(s, sha);
            }
        }
        g_free(sha);
    } else if (!s->stopping && !w->ready && !w->retire) {
        /* killed from outside (SIGKILL: an operator, the OOM killer) is not
         * "cannot start"; only failures in a row without a ready worker are */
        int outside = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
        s->start_failures += !outside;
        log_msg(outside ? LOG_WARN : LOG_ERROR, "worker %d exited at start (%s)", w->id, how);
    }
    int rc = 0;
    if (s->start_failures >= MAX_START_FAILURES)
        rc = dk_fail(err, "workers cannot start (last: %s); see the messages above", how);
    else if (!s->stopping)
        rc = spawn_worker(s, w, err);
    g_free(how);
    return rc;
}

/* pool_reap - waitpid every exited child: a worker is replaced; any other
 * child (the web interface `dokaz watch` starts) is only reported */
int pool_reap(supervisor *s, char **err)
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
            log_msg(s->stopping ? LOG_INFO : LOG_WARN, "child process %ld (not a worker) ended: %s",
                    (long)pid, how);
            g_free(how);
        }
    }
    return 0;
}

/* pool_enforce_time_limits - kill workers whose job ran too long */
void pool_enforce_time_limits(supervisor *s)
{
    long long now = sv_now_ms();
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

/* pool_busy - how many workers have a job */
int pool_busy(const supervisor *s)
{
    int busy = 0;
    for (int i = 0; i < s->nslots; i++)
        busy += s->slots[i].job[0] != '\0';
    return busy;
}

/* pool_stop - end every worker; their unfinished jobs return to the queue */
void pool_stop(supervisor *s)
{
    s->stopping = 1;
    for (int i = 0; i < s->nslots; i++) {
        worker_slot *w = &s->slots[i];
        if (w->pid <= 0)
            continue;
        if (w->to_fd >= 0)
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
        pool_read_answers(s, w);
        close(w->from_fd);
        scratch_reap(s->cfg->data_dir, (long)w->pid);
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

/* pool_send - write one protocol line to worker w; 0 when all of it went */
int pool_send(worker_slot *w, proto_kind kind, const char *sha)
{
    char line[PROTO_LINE_MAX];
    int len = proto_format(line, kind, sha);
    return len > 0 && write(w->to_fd, line, (size_t)len) == len ? 0 : -1;
}

/* pool_retire - mark every worker; the idle ones end now */
void pool_retire(supervisor *s)
{
    for (int i = 0; i < s->nslots; i++) {
        s->slots[i].retire = 1;
        retire_if_asked(&s->slots[i]);
    }
}

/* pool_free - the slots and their answer buffers */
void pool_free(supervisor *s)
{
    for (int i = 0; i < s->nslots; i++)
        g_string_free(s->slots[i].answer, TRUE);
    free(s->slots);
    s->slots = NULL;
}
