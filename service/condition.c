/*
 * condition.c - hostile conditions: pause, say why, back off, resume (see
 * supervisor_private.h).
 *
 * A full disk, a read-only or vanished data directory, or an index that
 * cannot be written (its commit failed, another process holds its lock)
 * pauses the service instead of failing the items it holds: inbox files are
 * left where they are (only ever read) and remembered, no new job starts,
 * finished items wait in queue/active for the index. The reason goes to the
 * log and to queue/condition, which `dokaz status` shows. The service looks
 * again after a second, then doubling up to BACKOFF_MAX_MS; once a probe
 * write succeeds and the index opens, it indexes what waited, receives the
 * deferred files, and goes on.
 *
 * An inbox that is gone (a network share away) pauses nothing: its files
 * are received when it is back (watch.c). While no pause holds, the gone
 * inboxes, and the inbox folders beyond the inotify watch limit, are what
 * queue/condition says, so `dokaz status` shows them.
 *
 * Functions: condition_probe, condition_enter, condition_check, condition_inboxes.
 */
#include "supervisor_private.h"
#include "ingest/queue.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* What a probe writes: as much as a small item's records need. */
enum { PROBE_BYTES = 64 * 1024 };

/* condition_probe - stat the data directory, write, sync and remove a file */
char *condition_probe(const supervisor *s)
{
    const char *data = s->cfg->data_dir;
    struct stat st;
    char *q = fs_join(data, "queue/incoming");
    int gone = stat(q, &st) != 0;
    free(q);
    if (gone)
        return g_strdup_printf("the data directory %s is gone or unreadable (%s)", data,
                               strerror(errno));
    char *probe = xasprintf("%s/queue/tmp/probe.%ld", data, (long)getpid());
    int fd = open(probe, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    char *why = NULL;
    if (fd < 0) {
        why = g_strdup_printf("cannot write in the data directory %s: %s", data, strerror(errno));
    } else {
        char *buf = xcalloc(1, PROBE_BYTES);
        if (write(fd, buf, PROBE_BYTES) != PROBE_BYTES || fsync(fd) != 0)
            why = g_strdup_printf("cannot write in the data directory %s: %s", data,
                                  strerror(errno ? errno : ENOSPC));
        free(buf);
        close(fd);
        unlink(probe);
    }
    free(probe);
    return why;
}

/* say_condition - queue/condition: "since TIME: why" (a failure is logged) */
static void say_condition(const supervisor *s, const char *text)
{
    char *err = NULL;
    if (queue_set_condition(s->cfg->data_dir, text, &err) != 0) {
        log_msg(LOG_DEBUG, "%s", err);
        free(err);
    }
}

/* condition_inboxes - queue/condition says which inboxes are gone or not
 * watched whole, unless the service is paused (that says more) */
void condition_inboxes(supervisor *s)
{
    if (s->condition != NULL || s->inbox == NULL)
        return;
    char *gone = watcher_trouble(s->inbox);
    say_condition(s, gone ? gone : "");
    free(gone);
}

/* condition_enter - remember why, say it once, schedule a look */
void condition_enter(supervisor *s, char *why)
{
    if (s->condition == NULL || strcmp(s->condition, why) != 0) {
        log_msg(LOG_ERROR,
                "paused: %s; inbox files wait where they are, nothing is lost; "
                "work resumes by itself when this clears",
                why);
        char now[40],
            *text = g_strdup_printf("paused since %s: %s", log_utc_now(now, sizeof now), why);
        say_condition(s, text);
        g_free(text);
    }
    g_free(s->condition);
    s->condition = why;
    if (s->backoff_ms == 0)
        s->backoff_ms = BACKOFF_FIRST_MS;
    s->retry_at_ms = sv_now_ms() + s->backoff_ms;
}

/* reopen_index - open the index writer again; NULL or why not */
static char *reopen_index(supervisor *s)
{
    if (s->index != NULL)
        return NULL;
    char *dir = fs_join(s->cfg->data_dir, "index"), *err = NULL, *why = NULL;
    s->index = index_writer_open(dir, &err);
    if (s->index == NULL)
        why = g_strdup_printf("the index cannot be opened: %s", err);
    free(err);
    free(dir);
    return why;
}

/* condition_check - probe; reopen; resume or back off */
void condition_check(supervisor *s)
{
    if (s->condition == NULL || sv_now_ms() < s->retry_at_ms)
        return;
    char *why = condition_probe(s);
    if (why == NULL)
        why = reopen_index(s);
    if (why != NULL) {
        s->backoff_ms = s->backoff_ms * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : s->backoff_ms * 2;
        condition_enter(s, why);
        return;
    }
    log_msg(LOG_INFO, "resumed: %s has cleared", s->condition);
    g_free(s->condition);
    s->condition = NULL;
    s->backoff_ms = 0;
    say_condition(s, "");
    condition_inboxes(s);
    results_reindex_pending(s);
    intake_resume(s);
    s->queue_dirty = 1;
}
