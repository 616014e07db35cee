/*
 * dispatch.c - handing queued items to idle workers (see supervisor_private.h).
 *
 * The ready list holds the items of queue/incoming not yet handed out, at most
 * READY_MAX of them; it is listed again when queue/incoming changes (inotify).
 * An item handed out moves to queue/active first. Nothing is handed out
 * while the service is paused (condition.c).
 *
 * Pages of one large scanned PDF (or multi-page TIFF) are spread over the
 * workers: its worker (the reader) says "help SHA" when it starts
 * recognising pages and more follow, and workers that fall idle meanwhile
 * are sent "help SHA" before any new item, at most one per other worker. A
 * helper recognises pages from the last one back into the OCR cache, which
 * the reader takes them from (see ocr/document.c); it answers "helped SHA".
 *
 * Functions: dispatch_init, dispatch_free, dispatch_refill, dispatch_jobs,
 * dispatch_queue_events.
 */
#include "supervisor_private.h"
#include "ingest/queue.h"
#include "common/log.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* dispatch_init - the queue owns the strings; the set borrows them */
void dispatch_init(supervisor *s)
{
    s->ready = g_queue_new();
    s->ready_set = g_hash_table_new(g_str_hash, g_str_equal);
}

/* dispatch_free - the set first: it only borrows what the queue frees */
void dispatch_free(supervisor *s)
{
    g_hash_table_destroy(s->ready_set);
    g_queue_free_full(s->ready, g_free);
}

/* dispatch_refill - list queue/incoming when it changed and the list has room */
void dispatch_refill(supervisor *s)
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
        g_queue_push_tail(s->ready, sha);
        g_hash_table_add(s->ready_set, sha);
    }
    queue_list_free(shas, n);
}

/* wanting_help - a worker reading a scan with pages to spare that may get
 * one more helper, or NULL */
static worker_slot *wanting_help(supervisor *s)
{
    for (int i = 0; i < s->nslots; i++) {
        worker_slot *m = &s->slots[i];
        if (m->pid > 0 && m->job[0] && !m->helping && m->wants_help && m->helpers < s->nslots - 1)
            return m;
    }
    return NULL;
}

/* send_help - send idle worker w to help the reader m */
static void send_help(worker_slot *w, worker_slot *m)
{
    m->helpers++;
    if (pool_send(w, PROTO_HELP, m->job) == 0) { /* else it is dying: handled */
        memcpy(w->job, m->job, 65);
        w->helping = 1;
        w->started_ms = sv_now_ms();
        log_msg(LOG_DEBUG, "worker %d helps worker %d with %.12s", w->id, m->id, m->job);
    }
}

/* dispatch_jobs - send idle workers to help with a large scan first, then
 * hand them ready items */
void dispatch_jobs(supervisor *s)
{
    if (s->condition != NULL || s->index == NULL)
        return; /* paused: what it would produce could not be kept */
    for (int i = 0; i < s->nslots && !s->stopping; i++) {
        worker_slot *w = &s->slots[i], *m;
        if (w->retire)
            continue;
        if (w->pid > 0 && w->ready && w->job[0] == '\0' && (m = wanting_help(s)) != NULL)
            send_help(w, m);
        while (w->pid > 0 && w->ready && w->job[0] == '\0' && !g_queue_is_empty(s->ready)) {
            char *sha = g_queue_pop_head(s->ready); /* ours now: freed below */
            char *err = NULL;
            int rc = queue_move(s->cfg->data_dir, sha, QUEUE_INCOMING, QUEUE_ACTIVE, &err);
            if (rc == 0) {
                if (pool_send(w, PROTO_ITEM, sha) == 0) {
                    memcpy(w->job, sha, 65);
                    w->started_ms = sv_now_ms();
                } else if (queue_move(s->cfg->data_dir, sha, QUEUE_ACTIVE, QUEUE_INCOMING, NULL) ==
                           0) {
                    s->queue_dirty = 1; /* the worker is dying; its death is handled */
                }
            } else {
                free(err); /* gone meanwhile: someone else took it */
            }
            g_hash_table_remove(s->ready_set, sha);
            g_free(sha);
        }
    }
}

/* dispatch_queue_events - drain the inotify on queue/incoming; new entries
 * make the ready list be listed again */
void dispatch_queue_events(supervisor *s)
{
    char buf[4096];
    while (read(s->queue_fd, buf, sizeof buf) > 0)
        s->queue_dirty = 1;
}
