/*
 * results.c - what becomes of a finished job (see supervisor_private.h).
 *
 * The supervisor is the single index writer: a finished item's result is
 * indexed at once, and the index is committed in batches (every
 * COMMIT_EVERY_MS, or when no worker is busy). Queue entries move to done or
 * failed only after the commit, so "done" always means "searchable". Every
 * outcome is written to the audit log.
 *
 * Functions: results_audit, results_commit, finish_item, fail_item.
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
    report_progress(s);
    g_ptr_array_set_size(s->indexed, 0);
    s->uncommitted = 0;
    s->last_commit_ms = sv_now_ms();
    return 0;
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
    s->uncommitted++;
    s->uncommitted_failed += failed;
    s->uncommitted_pages += result->npages;
    g_ptr_array_add(s->indexed, g_strdup_printf("%c%s", failed ? 'f' : 'd', sha));
    results_audit(s, failed ? AUDIT_FAILED : AUDIT_PROCESSED, sha, result->reason);
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
