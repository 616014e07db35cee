/*
 * results.c - what becomes of a finished job (see supervisor_private.h).
 *
 * The supervisor is the single index writer: a finished item's result is
 * indexed at once, and the index is committed in groups: COMMIT_EVERY_MS
 * after the first item of the group was indexed, or once COMMIT_BYTES of
 * text or COMMIT_ITEMS items wait, not whenever the workers happen to be idle (each commit rewrites
 * the index's changed blocks, so many small ones multiply what is written).
 * Queue entries move to done or failed only after the commit, so "done"
 * always means "searchable"; a crash before it leaves them active, to be
 * processed again, replacing what the lost group indexed. Every outcome is
 * written to the audit log: a group's just before its commit, with one sync
 * (an event written alone first writes those waiting, keeping their order).
 *
 * Workers write their result records without syncing them (process.c): before
 * a group's outcomes go to the audit log, and so before its commit and queue
 * moves, one syncfs makes all the group's records durable at once, instead of
 * two fsyncs per item in the workers. "Done" still means "searchable, and its
 * record is on disk"; a crash before the sync leaves the items active, to be
 * processed again. When the sync fails the group is not committed: the index
 * is closed and the service pauses, as for a failed commit.
 *
 * An item that cannot be indexed is never marked done: the index is closed
 * and the service pauses (condition.c); once the index opens again the item
 * is indexed from its record. An item that fails MAX_INDEX_ATTEMPTS times
 * while the index works is failed with the reason.
 *
 * Functions: results_audit, results_audit_flush, results_commit, results_commit_due,
 * finish_item, fail_item, results_reindex_pending.
 */
#include "supervisor_private.h"
#include "indexer.h"
#include "ingest/audit.h"
#include "record/record.h"
#include "ingest/queue.h"
#include "common/fsutil.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* audit_later - keep an outcome for the next group */
static void audit_later(supervisor *s, audit_kind kind, const char *sha, const char *reason)
{
    if (reason == NULL)
        reason = "";
    unaudited_event *e = g_malloc(sizeof *e + strlen(reason) + 1);
    e->kind = kind;
    g_strlcpy(e->sha256, sha, sizeof e->sha256);
    strcpy(e->reason, reason);
    g_ptr_array_add(s->unaudited, e);
}

/* results_audit_flush - the waiting events in order, under one lock and one
 * sync, after one syncfs that makes the records they bind durable (workers
 * write them unsynced); an outcome binds the hash of the result record it
 * saved. -1 with *err when the records cannot be synced: the events wait. */
int results_audit_flush(supervisor *s, char **err)
{
    guint n = s->unaudited->len;
    if (n == 0)
        return 0;
    if (fs_sync_fs(s->cfg->data_dir, err) != 0)
        return -1;
    audit_event *events = g_new0(audit_event, n);
    char *bound = g_malloc((size_t)n * 65); /* a hash of 64 hex digits each */
    for (guint i = 0; i < n; i++) {
        const unaudited_event *e = g_ptr_array_index(s->unaudited, i);
        events[i] = (audit_event){.kind = e->kind,
                                  .sha256 = e->sha256,
                                  .reason = e->reason[0] ? e->reason : NULL};
        if ((e->kind == AUDIT_PROCESSED || e->kind == AUDIT_FAILED) &&
            item_record_sha256(s->cfg->data_dir, e->sha256, ITEM_RECORD_RESULT,
                               bound + (size_t)i * 65, NULL) == 0)
            events[i].record_sha256 = bound + (size_t)i * 65;
    }
    char *why = NULL;
    if (audit_append_events(s->cfg->data_dir, events, n, &why) != 0) {
        log_msg(LOG_ERROR, "audit log: %s", why);
        free(why);
    }
    g_ptr_array_set_size(s->unaudited, 0);
    g_free(bound);
    g_free(events);
    return 0;
}

/* results_audit - append a processing event to the audit log now, after
 * those waiting for the group */
void results_audit(supervisor *s, audit_kind kind, const char *sha, const char *reason)
{
    audit_later(s, kind, sha, reason);
    char *err = NULL;
    if (results_audit_flush(s, &err) != 0) { /* they are written with the next group */
        log_msg(LOG_ERROR, "%s", err);
        free(err);
    }
}

/* write_progress - QUEUE_PROGRESS_FILE for `dokaz status`; not synced: it
 * says how the running service goes, nothing is lost with it */
static void write_progress(const supervisor *s)
{
    const service_progress *p = &s->progress;
    double seconds = (double)(sv_now_ms() - s->started_ms) / 1000.0;
    double rate = seconds > 0 ? (double)(p->done + p->failed) / seconds : 0;
    char *text = g_strdup_printf("{\"started\":\"%s\",\"done\":%lu,\"failed\":%lu,"
                                 "\"pages\":%lu,\"waiting\":%lu,\"items_per_second\":%.1f}\n",
                                 s->started, p->done, p->failed, p->pages, p->waiting, rate);
    char *path = fs_join(s->cfg->data_dir, QUEUE_PROGRESS_FILE);
    char *tmp = xasprintf("%s.%ld", path, (long)getpid());
    if (!g_file_set_contents_full(tmp, text, -1, G_FILE_SET_CONTENTS_NONE, 0644, NULL) ||
        rename(tmp, path) != 0)
        unlink(tmp);
    free(tmp);
    free(path);
    g_free(text);
}

/* report_progress - add what the commit made searchable and tell the caller */
static void report_progress(supervisor *s)
{
    service_progress *p = &s->progress;
    p->failed += s->uncommitted_failed;
    p->done += s->uncommitted - s->uncommitted_failed;
    p->pages += s->uncommitted_pages;
    p->waiting = g_queue_get_length(s->ready) + (unsigned long)pool_busy(s);
    write_progress(s);
    if (s->cfg->progress)
        s->cfg->progress(p, s->cfg->progress_ctx);
}

/* forget_group - the group is committed or lost: start the next one */
static void forget_group(supervisor *s)
{
    if (s->summary)
        queue_summary_drop(s->summary); /* a lost group's items are indexed again */
    g_ptr_array_set_size(s->indexed, 0);
    s->uncommitted = 0;
    s->uncommitted_bytes = 0;
    s->uncommitted_failed = s->uncommitted_pages = 0;
}

/* index_broken - close the index and pause: what was indexed but not
 * committed waits in `unindexed`, to be indexed again from its record */
static void index_broken(supervisor *s, const char *what, const char *err)
{
    for (guint i = 0; i < s->indexed->len; i++) {
        const indexed_item *e = g_ptr_array_index(s->indexed, i);
        g_ptr_array_add(s->unindexed, g_strdup_printf("%c%s", e->kind, e->sha256));
    }
    forget_group(s);
    index_writer_close(s->index);
    s->index = NULL;
    condition_enter(s, g_strdup_printf("%s: %s", what, err));
}

/* audit_indexed - an "indexed" line for each item the commit made
 * searchable, in one group: written after the commit, so that the line
 * means what it says, and before the queue moves, so that a crash between
 * them processes the items again and writes it then */
static void audit_indexed(supervisor *s)
{
    guint n = s->indexed->len;
    audit_event *events = g_new0(audit_event, n ? n : 1);
    for (guint i = 0; i < n; i++) {
        const indexed_item *e = g_ptr_array_index(s->indexed, i);
        events[i] = (audit_event){.kind = AUDIT_INDEXED, .sha256 = e->sha256, .pages = e->pages};
    }
    char *err = NULL;
    if (audit_append_events(s->cfg->data_dir, events, n, &err) != 0) {
        log_msg(LOG_ERROR, "audit log: %s", err);
        free(err);
    }
    g_free(events);
}

/* results_commit - make indexed items searchable, then mark them done or failed.
 * Moving queue entries only after the commit means "done" always means
 * "searchable"; a crash before it leaves them active, to be processed again.
 * A failed commit pauses the service (condition.c) and keeps the items. */
int results_commit(supervisor *s)
{
    char *err = NULL;
    long long began_ms = sv_now_ms();
    if (results_audit_flush(s, &err) != 0) {
        if (s->index == NULL) { /* the group waits in `unindexed` already */
            log_msg(LOG_ERROR, "%s", err);
            free(err);
            return -1;
        }
        index_broken(s, "the group's records cannot be made durable", err);
        free(err);
        return -1;
    }
    if (s->uncommitted == 0 || s->index == NULL)
        return 0;
    char head[65]; /* the audit head goes into the index too: the log's anchor */
    if (audit_head(s->cfg->data_dir, head, NULL) == 0)
        index_set_anchor(s->index, head, NULL);
    if (index_commit(s->index, &err) != 0) {
        index_broken(s, "index commit failed", err);
        free(err);
        return -1;
    }
    audit_indexed(s);
    summary_commit(s, 0);
    for (guint i = 0; i < s->indexed->len; i++) {
        const indexed_item *e = g_ptr_array_index(s->indexed, i);
        g_hash_table_remove(s->index_attempts, e->sha256);
        if (queue_move(s->cfg->data_dir, e->sha256, QUEUE_ACTIVE,
                       e->kind == 'f' ? QUEUE_FAILED : QUEUE_DONE, &err) != 0) {
            log_msg(LOG_ERROR, "%s", err);
            free(err);
            err = NULL;
        }
    }
    summary_commit(s, 1);
    log_msg(LOG_DEBUG, "index committed (%u items) in %.2f s", s->uncommitted,
            (double)(sv_now_ms() - began_ms) / 1000.0);
    report_progress(s);
    forget_group(s);
    return 0;
}

/* results_commit_due - COMMIT_EVERY_MS since the group's first item, or
 * COMMIT_BYTES of text or COMMIT_ITEMS items waiting */
int results_commit_due(const supervisor *s)
{
    return s->uncommitted &&
           (sv_now_ms() - s->first_uncommitted_ms >= COMMIT_EVERY_MS ||
            s->uncommitted_bytes >= COMMIT_BYTES || s->uncommitted >= COMMIT_ITEMS);
}

/* give_up_indexing - the item's record says failed, with why indexing did
 * not work; it goes to failed without an index entry */
static void give_up_indexing(supervisor *s, const char *sha, const char *why)
{
    char *err = NULL;
    char *reason = g_strdup_printf("it could not be indexed %d times (last: %s)",
                                   MAX_INDEX_ATTEMPTS, why);
    log_msg(LOG_ERROR, "%.12s: %s", sha, reason);
    item_result *result = item_result_load(s->cfg->data_dir, sha, NULL);
    if (result == NULL)
        result = item_result_failed(sha, NULL, reason);
    item_result_set_outcome(result, result->mime, ITEM_FAILED, reason);
    if (item_result_save(s->cfg->data_dir, result, &err) != 0 ||
        queue_move(s->cfg->data_dir, sha, QUEUE_ACTIVE, QUEUE_FAILED, &err) != 0) {
        log_msg(LOG_ERROR, "%s", err);
        free(err);
    } else {
        summary_add_failed(s, result);
    }
    results_audit(s, AUDIT_FAILED, sha, reason);
    g_hash_table_remove(s->index_attempts, sha);
    item_result_free(result);
    g_free(reason);
}

/* index_result - index one result and the pages its reader gives (NULL:
 * none); 0, or -1 when the index broke (the item waits in `unindexed`) or
 * the item was given up */
static int index_result(supervisor *s, const item_result *result, item_page_reader *pages)
{
    const char *sha = result->sha256;
    char entry_kind = result->status == ITEM_FAILED ? 'f' : 'd';
    char *err = NULL;
    int stopped = 0;
    indexer_count count = {.low_below = s->summary ? s->summary->low_threshold : 0};
    if (s->index != NULL &&
        indexer_add_item(s->index, s->cfg->data_dir, result, pages, &count, &stopped, &err) == 0) {
        if (s->uncommitted++ == 0)
            s->first_uncommitted_ms = sv_now_ms();
        s->uncommitted_failed += entry_kind == 'f';
        s->uncommitted_pages += count.pages;
        s->uncommitted_bytes += count.bytes;
        indexed_item *e = g_new0(indexed_item, 1);
        e->kind = entry_kind;
        g_strlcpy(e->sha256, sha, sizeof e->sha256);
        e->pages = count.pages;
        g_ptr_array_add(s->indexed, e);
        if (s->summary)
            summary_stage(s, result, entry_kind, count.pages, count.low_pages);
        g_free(count.low_pages);
        return 0;
    }
    if (stopped) { /* it stays active: the next start processes it again */
        log_msg(LOG_INFO, "%.12s: %s to stop; it is indexed at the next start", sha, err);
        free(err);
        return -1;
    }
    int attempts = GPOINTER_TO_INT(g_hash_table_lookup(s->index_attempts, sha));
    if (s->index != NULL) {
        g_hash_table_insert(s->index_attempts, g_strdup(sha), GINT_TO_POINTER(++attempts));
        log_msg(LOG_ERROR, "%.12s: cannot index: %s", sha, err);
    }
    if (attempts >= MAX_INDEX_ATTEMPTS) {
        give_up_indexing(s, sha, err);
    } else {
        g_ptr_array_add(s->unindexed, g_strdup_printf("%c%s", entry_kind, sha));
        if (s->index != NULL)
            index_broken(s, "the index cannot be written", err);
    }
    free(err);
    return -1;
}

/* finish_item - index a result; its queue entry moves at the next commit */
void finish_item(supervisor *s, const char *sha, const item_result *result, item_page_reader *pages)
{
    int failed = result->status == ITEM_FAILED;
    const char *reason = result->reason;
    if (failed && reason == NULL)
        reason = "the worker recorded a failure without a reason";
    audit_later(s, failed ? AUDIT_FAILED : AUDIT_PROCESSED, sha, reason);
    index_result(s, result, pages);
    s->done_count++;
}

/* results_reindex_pending - what waited for the index, from its records */
void results_reindex_pending(supervisor *s)
{
    GPtrArray *pending = s->unindexed;
    s->unindexed = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < pending->len; i++) {
        const char *sha = (const char *)g_ptr_array_index(pending, i) + 1;
        char *err = NULL;
        item_page_reader *pages = NULL;
        item_result *result = item_result_open(s->cfg->data_dir, sha, &pages, &err);
        if (result == NULL) { /* processed again, which records it anew */
            log_msg(LOG_WARN, "%.12s: %s; it is processed again", sha, err);
            free(err);
            queue_move(s->cfg->data_dir, sha, QUEUE_ACTIVE, QUEUE_INCOMING, NULL);
            continue;
        }
        index_result(s, result, pages);
        item_page_reader_free(pages);
        item_result_free(result);
    }
    if (pending->len)
        log_msg(LOG_INFO, "%u items that waited for the index are indexed", pending->len);
    g_ptr_array_free(pending, TRUE);
    results_commit(s);
}

/* fail_item - record a failure the worker could not record itself */
void fail_item(supervisor *s, const char *sha, const char *reason)
{
    char *err = NULL;
    log_msg(LOG_WARN, "%.12s failed: %s", sha, reason);
    item_result *result = item_result_failed(sha, NULL, reason);
    if (item_result_save(s->cfg->data_dir, result, &err) != 0) {
        log_msg(LOG_ERROR, "%s", err);
        free(err);
    }
    finish_item(s, sha, result, NULL);
    item_result_free(result);
}
