/*
 * results.c - what becomes of a finished job (see supervisor_private.h).
 *
 * The supervisor is the single index writer: a finished item's result is
 * indexed at once, and the index is committed in groups: COMMIT_EVERY_MS
 * after the first item of the group was indexed, or once COMMIT_BYTES of
 * text wait, not whenever the workers happen to be idle (each commit rewrites
 * the index's changed blocks, so many small ones multiply what is written).
 * Queue entries move to done or failed only after the commit, so "done"
 * always means "searchable"; a crash before it leaves them active, to be
 * processed again and replace what the lost group had indexed. Every outcome
 * is written to the audit log, a group's after its commit with one sync.
 *
 * Functions: results_audit, results_commit, results_commit_due, finish_item,
 * fail_item.
 */
#include "supervisor_private.h"
#include "indexer.h"
#include "ingest/audit.h"
#include "record/record.h"
#include "ingest/queue.h"
#include "common/log.h"

#include <stdlib.h>
#include <string.h>

/* results_audit - append a processing event to the audit log */
void results_audit(supervisor *s, audit_kind kind, const char *sha, const char *reason)
{
    audit_event ev = {.kind = kind, .sha256 = sha, .reason = reason};
    char *err = NULL;
    if (audit_append_event(s->cfg->data_dir, &ev, &err) != 0) {
        log_msg(LOG_ERROR, "audit log: %s", err);
        free(err);
    }
}

/* audit_group - the committed items' outcomes, appended with one sync */
static void audit_group(supervisor *s)
{
    audit_event *events = g_new0(audit_event, s->indexed->len);
    for (guint i = 0; i < s->indexed->len; i++) {
        const indexed_item *it = g_ptr_array_index(s->indexed, i);
        events[i] = (audit_event){.kind = it->failed ? AUDIT_FAILED : AUDIT_PROCESSED,
                                  .sha256 = it->sha256,
                                  .reason = it->reason[0] ? it->reason : NULL};
    }
    char *err = NULL;
    if (audit_append_events(s->cfg->data_dir, events, s->indexed->len, &err) != 0) {
        log_msg(LOG_ERROR, "audit log: %s", err);
        free(err);
    }
    g_free(events);
}

/* report_progress - add what the commit made searchable and tell the caller */
static void report_progress(supervisor *s)
{
    service_progress *p = &s->progress;
    p->failed += s->uncommitted_failed;
    p->done += s->uncommitted - s->uncommitted_failed;
    p->pages += s->uncommitted_pages;
    p->waiting = g_queue_get_length(s->ready) + (unsigned long)pool_busy(s);
    s->uncommitted_failed = s->uncommitted_pages = 0;
    if (s->cfg->progress)
        s->cfg->progress(p, s->cfg->progress_ctx);
}

/* results_commit - make indexed items searchable, then mark them done or failed.
 * Moving queue entries only after the commit means "done" always means
 * "searchable"; a crash before it leaves them active, to be processed again. */
int results_commit(supervisor *s)
{
    char *err = NULL;
    if (s->uncommitted == 0)
        return 0;
    if (index_commit(s->index, &err) != 0) {
        log_msg(LOG_ERROR, "index commit failed: %s", err);
        free(err);
        return -1;
    }
    audit_group(s);
    for (guint i = 0; i < s->indexed->len; i++) {
        const indexed_item *it = g_ptr_array_index(s->indexed, i);
        if (queue_move(s->cfg->data_dir, it->sha256, QUEUE_ACTIVE,
                       it->failed ? QUEUE_FAILED : QUEUE_DONE, &err) != 0) {
            log_msg(LOG_ERROR, "%s", err);
            free(err);
            err = NULL;
        }
    }
    log_msg(LOG_DEBUG, "index committed (%u items)", s->uncommitted);
    report_progress(s);
    g_ptr_array_set_size(s->indexed, 0);
    s->uncommitted = 0;
    s->uncommitted_bytes = 0;
    return 0;
}

/* results_commit_due - COMMIT_EVERY_MS since the first waiting item, or
 * COMMIT_BYTES of text waiting */
int results_commit_due(const supervisor *s)
{
    return s->uncommitted && (sv_now_ms() - s->first_uncommitted_ms >= COMMIT_EVERY_MS ||
                              s->uncommitted_bytes >= COMMIT_BYTES);
}

/* finish_item - index a result; its queue entry moves at the next commit */
void finish_item(supervisor *s, const char *sha, const item_result *result)
{
    char *err = NULL;
    int failed = result->status == ITEM_FAILED;
    if (indexer_add_item(s->index, s->cfg->data_dir, result, &err) != 0) {
        log_msg(LOG_ERROR, "%.12s: cannot index: %s", sha, err);
        free(err);
        err = NULL;
    }
    if (s->uncommitted++ == 0)
        s->first_uncommitted_ms = sv_now_ms();
    for (size_t i = 0; i < result->npages; i++)
        s->uncommitted_bytes += result->pages[i].text ? strlen(result->pages[i].text) : 0;
    s->uncommitted_failed += failed;
    s->uncommitted_pages += result->npages;
    const char *reason = result->reason ? result->reason : "";
    indexed_item *it = g_malloc(sizeof *it + strlen(reason) + 1);
    it->failed = failed;
    g_strlcpy(it->sha256, sha, sizeof it->sha256);
    strcpy(it->reason, reason);
    g_ptr_array_add(s->indexed, it);
    s->done_count++;
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
    finish_item(s, sha, result);
    item_result_free(result);
}
