/*
 * summary.c - the status summary the supervisor keeps (report.h's
 * queue_summary, DATA/queue/summary.json), so that `dokaz status` and the
 * status page never read every record.
 *
 * The supervisor is the one process that moves entries into queue/done and
 * queue/failed: each finished item is staged when it is indexed, counted
 * when its group is committed and its entry moved, and the file is written
 * then (not per item) and at exit. At start the summary is read and kept
 * when it matches the queue (same version, same low-confidence threshold,
 * queue/done and queue/failed unchanged since it was written); otherwise, as
 * after a kill between the queue moves and the write, it is built again from
 * every record. Before each group's moves the supervisor looks whether
 * something else changed those directories (`dokaz retry`, an item received
 * again into a new collection): that state is counted again.
 *
 * Functions: summary_open, summary_stage, summary_commit, summary_add_failed,
 * summary_reload, summary_close.
 */
#include "supervisor_private.h"
#include "ingest/queue.h"
#include "common/log.h"

#include <stdlib.h>
#include <time.h>

/* save - write the file; a failure is logged (status then reads the records) */
static void save(supervisor *s)
{
    char *err = NULL;
    if (queue_summary_save(s->summary, s->cfg->data_dir, &err) != 0) {
        log_msg(LOG_WARN, "status summary: %s", err);
        free(err);
    }
}

/* rebuild - a summary from every record, said in the log with its time */
static void rebuild(supervisor *s, double threshold, const char *why)
{
    long long t0 = sv_now_ms();
    char *err = NULL;
    queue_summary *fresh = queue_summary_build(s->cfg->data_dir, threshold, &err);
    if (fresh == NULL) {
        log_msg(LOG_WARN, "status summary: %s", err);
        free(err);
        fresh = queue_summary_new(threshold);
    }
    queue_summary_free(s->summary);
    s->summary = fresh;
    log_msg(LOG_INFO, "status summary rebuilt from %zu records in %.1f s (%s)",
            fresh->done + fresh->failed, (double)(sv_now_ms() - t0) / 1000.0, why);
    save(s);
}

/* summary_open - read the summary, or build it again when it does not match
 * the queue or the configured threshold */
void summary_open(supervisor *s)
{
    const char *data_dir = s->cfg->data_dir;
    double threshold = report_low_threshold(data_dir);
    char *why = NULL;
    s->summary = queue_summary_load(data_dir, &why);
    const char *stale = why;
    if (s->summary && s->summary->low_threshold != threshold)
        stale = "ocr.conf's low_confidence changed";
    else if (s->summary && (queue_summary_changed(s->summary, data_dir, QUEUE_DONE) ||
                            queue_summary_changed(s->summary, data_dir, QUEUE_FAILED)))
        stale = "the queue changed since it was written";
    if (stale)
        rebuild(s, threshold, stale);
    free(why);
}

/* summary_stage - an item indexed in the group; `low_pages` (NULL: none)
 * names its pages read with low confidence */
void summary_stage(supervisor *s, const item_result *result, char kind, size_t pages,
                   const char *low_pages)
{
    queue_summary_stage(s->summary, s->cfg->data_dir, result->sha256,
                        kind == 'f' ? QUEUE_FAILED : QUEUE_DONE, result, pages, low_pages);
}

/* recount_changed - count a state again when something other than this
 * supervisor moved its entries since the summary was written */
static void recount_changed(supervisor *s)
{
    for (queue_state st = QUEUE_DONE; st <= QUEUE_FAILED; st++) {
        if (!queue_summary_changed(s->summary, s->cfg->data_dir, st))
            continue;
        char *err = NULL;
        long long t0 = sv_now_ms();
        if (queue_summary_scan(s->summary, s->cfg->data_dir, st, &err) != 0) {
            log_msg(LOG_WARN, "status summary: %s", err);
            free(err);
            continue;
        }
        log_msg(LOG_INFO, "queue/%s changed outside the service: counted again in %.1f s",
                queue_state_name(st), (double)(sv_now_ms() - t0) / 1000.0);
    }
}

/* summary_commit - before the group's queue moves (`moved` 0): count again
 * what changed outside; after them (`moved` 1): count the group, write */
void summary_commit(supervisor *s, int moved)
{
    if (s->summary == NULL)
        return;
    if (!moved) {
        recount_changed(s);
        return;
    }
    queue_summary_commit(s->summary, time(NULL));
    save(s);
}

/* summary_add_failed - an item failed outside a group (its entry moved) */
void summary_add_failed(supervisor *s, const item_result *result)
{
    if (s->summary == NULL)
        return;
    queue_summary_add(s->summary, s->cfg->data_dir, result->sha256, QUEUE_FAILED, result, 0, NULL,
                      time(NULL));
    save(s);
}

/* summary_reload - SIGHUP: a new low-confidence threshold counts every item
 * again by it */
void summary_reload(supervisor *s)
{
    double threshold = report_low_threshold(s->cfg->data_dir);
    if (s->summary && threshold != s->summary->low_threshold)
        rebuild(s, threshold, "ocr.conf's low_confidence changed");
}

/* summary_close - write it a last time and free it */
void summary_close(supervisor *s)
{
    if (s->summary == NULL)
        return;
    queue_summary_drop(s->summary);
    save(s);
    queue_summary_free(s->summary);
    s->summary = NULL;
}
