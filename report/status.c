/*
 * status.c - the queue at a glance and its JSON (see report.h).
 *
 * What is queued and being processed is read from the queue itself (its
 * directories are small, or only counted); what is done and failed comes
 * from the status summary the supervisor keeps (summary.c), so that status
 * costs the same at a million items as at ten. Without a summary, or with
 * one the queue has moved away from while no service runs to bring it up
 * to date, every record is read, as the report says.
 *
 * The service writes why it is paused (a full disk, say) to queue/condition;
 * it is shown while the service holds its lock.
 *
 * Functions: report_item_fill, report_items_json, queue_report_load,
 * queue_report_free, queue_report_count, report_status_json.
 */
#include "report.h"
#include "report/report_private.h"
#include "ingest/queue.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

enum { RATE_WINDOW_S = 600 };

/* copy_or_null - a copy of s, or NULL */
static char *copy_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

/* report_item_fill - name and path of the first reception, mime, reason */
void report_item_fill(queue_item *it, const char *data_dir, const char *sha,
                      const item_result *result, const char *reason)
{
    item_receptions *receptions = item_receptions_load(data_dir, sha, NULL);
    const item_reception *first = item_receptions_first(receptions);
    it->sha256 = xstrdup(sha);
    it->name = copy_or_null(first ? first->name : NULL);
    it->path = copy_or_null(first ? first->path : NULL);
    it->mime = copy_or_null(result ? result->mime : NULL);
    it->reason = copy_or_null(reason ? reason : result ? result->reason : NULL);
    item_receptions_free(receptions);
}

/* list_processing - the active items with their names */
static int list_processing(const char *data_dir, queue_report *q, char **err)
{
    char **shas = NULL;
    size_t n = 0;
    if (queue_list(data_dir, QUEUE_ACTIVE, &shas, &n, err) != 0)
        return -1;
    q->processing = n;
    q->processing_items.list = xcalloc(n ? n : 1, sizeof *q->processing_items.list);
    for (size_t i = 0; i < n; i++)
        report_item_fill(&q->processing_items.list[i], data_dir, shas[i], NULL, NULL);
    q->processing_items.n = n;
    queue_list_free(shas, n);
    return 0;
}

/* service_running - 1 if a service holds DATA/service.lock */
static int service_running(const char *data_dir)
{
    char *path = fs_join(data_dir, "service.lock");
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    int running = fd >= 0 && flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    if (fd >= 0)
        close(fd);
    free(path);
    return running;
}

/* summary_for_status - the summary, if it can be trusted; else NULL and
 * *why says why not (malloc'd) */
static queue_summary *summary_for_status(const char *data_dir, double t, int running, char **why)
{
    queue_summary *sum = queue_summary_load(data_dir, why);
    if (sum == NULL)
        return NULL;
    const char *stale = NULL;
    if (sum->low_threshold != t)
        stale = "ocr.conf's low_confidence changed since the status summary was written";
    else if (!running && (queue_summary_changed(sum, data_dir, QUEUE_DONE) ||
                          queue_summary_changed(sum, data_dir, QUEUE_FAILED)))
        stale = "the queue changed since the status summary was written, and no service runs";
    if (stale == NULL)
        return sum;
    *why = xstrdup(stale);
    queue_summary_free(sum);
    return NULL;
}

/* keep_count - a summary counted from every record while no service ran
 * saved for the next status, when no service started and neither queue
 * folder changed while it was counted (a service that starts later reads
 * it as its own: it was made the same way). Not being able to write it
 * (a reader without write access) is no error: the next status counts
 * again. */
static void keep_count(queue_summary *sum, const char *data_dir)
{
    if (service_running(data_dir) || queue_summary_changed(sum, data_dir, QUEUE_DONE) ||
        queue_summary_changed(sum, data_dir, QUEUE_FAILED))
        return;
    char *err = NULL;
    (void)queue_summary_save(sum, data_dir, &err); /* a cache: see above */
    free(err);
}

/* take_summary - the summary's counts and lists into the report (the lists
 * are moved: the summary is left without them) */
static void take_summary(queue_report *q, queue_summary *sum)
{
    q->done = sum->done;
    q->failed = sum->failed;
    q->unsupported = sum->unsupported;
    q->encrypted = sum->encrypted;
    q->low_confidence = sum->low_confidence;
    q->pages = sum->pages;
    q->failed_items = sum->failed_items;
    q->unsupported_items = sum->unsupported_items;
    q->encrypted_items = sum->encrypted_items;
    q->low_confidence_items = sum->low_confidence_items;
    sum->failed_items = sum->unsupported_items = (queue_items){0};
    sum->encrypted_items = sum->low_confidence_items = (queue_items){0};
    q->pages_last_10min = queue_summary_pages_since(sum, time(NULL), RATE_WINDOW_S);
    q->pages_per_minute = q->pages_last_10min / (RATE_WINDOW_S / 60.0);
}

/* queue_report_load - the live queue, the summary (or a scan), the service */
queue_report *queue_report_load(const char *data_dir, bool scan, char **err)
{
    if (!fs_exists(data_dir)) {
        dk_fail(err, "no data directory at %s", data_dir);
        return NULL;
    }
    queue_report *q = xcalloc(1, sizeof *q);
    if (!queue_started(data_dir)) {
        q->nothing_received = true;
        return q;
    }
    double t = report_low_threshold(data_dir);
    int running = service_running(data_dir);
    long queued = queue_count(data_dir, QUEUE_INCOMING, err);
    if (queued < 0 || list_processing(data_dir, q, err) != 0) {
        queue_report_free(q);
        return NULL;
    }
    q->queued = (size_t)queued;
    char *why = scan ? xstrdup("asked for") : NULL;
    queue_summary *sum = scan ? NULL : summary_for_status(data_dir, t, running, &why);
    if (sum == NULL) {
        q->scanned = why;
        sum = queue_summary_build(data_dir, t, err);
        if (sum != NULL && !running)
            keep_count(sum, data_dir);
    } else {
        free(why);
    }
    if (sum == NULL) {
        queue_report_free(q);
        return NULL;
    }
    take_summary(q, sum);
    queue_summary_free(sum);
    if (running) {
        q->condition = queue_condition(data_dir);
        char *path = fs_join(data_dir, QUEUE_PROGRESS_FILE);
        q->service_progress = json_object_from_file(path);
        free(path);
    }
    return q;
}

/* queue_report_free - the lists and the report */
void queue_report_free(queue_report *q)
{
    if (q == NULL)
        return;
    queue_items_free(&q->failed_items);
    queue_items_free(&q->unsupported_items);
    queue_items_free(&q->processing_items);
    queue_items_free(&q->encrypted_items);
    queue_items_free(&q->low_confidence_items);
    free(q->scanned);
    free(q->condition);
    json_object_put(q->service_progress);
    free(q);
}

/* queue_report_count - the counts in the order people are shown them */
size_t queue_report_count(const queue_report *q, int i, const char **name)
{
    static const char *const names[QUEUE_REPORT_NCOUNTS] = {"queued",      "processing", "done",
                                                            "unsupported", "encrypted",  "failed"};
    const size_t counts[QUEUE_REPORT_NCOUNTS] = {q->queued,      q->processing, q->done,
                                                 q->unsupported, q->encrypted,  q->failed};
    *name = names[i];
    return counts[i];
}

/* item_json - one listed item */
static json_object *item_json(const queue_item *it)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "sha256", json_object_new_string(it->sha256));
    json_object_object_add(o, "name", report_new_string(it->name));
    json_object_object_add(o, "path", report_new_string(it->path));
    json_object_object_add(o, "mime", report_new_string(it->mime));
    json_object_object_add(o, "reason", report_new_string(it->reason));
    return o;
}

/* report_items_json - [{"sha256","name","path","mime","reason"}…] */
json_object *report_items_json(const queue_items *items)
{
    json_object *list = json_object_new_array();
    for (size_t i = 0; i < items->n; i++)
        json_object_array_add(list, item_json(&items->list[i]));
    return list;
}

/* count_json - a count as a JSON integer */
static json_object *count_json(size_t n)
{
    return json_object_new_int64((int64_t)n);
}

/* report_status_json - the report in the order /api/status has always had */
json_object *report_status_json(const queue_report *q)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "queued", count_json(q->queued));
    json_object_object_add(o, "processing", count_json(q->processing));
    json_object_object_add(o, "done", count_json(q->done));
    json_object_object_add(o, "failed", count_json(q->failed));
    json_object_object_add(o, "unsupported", count_json(q->unsupported));
    json_object_object_add(o, "failed_items", report_items_json(&q->failed_items));
    json_object_object_add(o, "unsupported_items", report_items_json(&q->unsupported_items));
    json_object_object_add(o, "processing_items", report_items_json(&q->processing_items));
    json_object_object_add(o, "encrypted", count_json(q->encrypted));
    json_object_object_add(o, "encrypted_items", report_items_json(&q->encrypted_items));
    json_object_object_add(o, "low_confidence_items", report_items_json(&q->low_confidence_items));
    json_object_object_add(o, "pages_last_10min", json_object_new_int64(q->pages_last_10min));
    char text[32];
    snprintf(text, sizeof text, "%.1f", q->pages_per_minute);
    json_object_object_add(o, "pages_per_minute",
                           json_object_new_double_s(q->pages_per_minute, text));
    json_object_object_add(o, "condition", report_new_string(q->condition));
    json_object_object_add(o, "service_progress", json_object_get(q->service_progress));
    json_object_object_add(o, "low_confidence", count_json(q->low_confidence));
    json_object_object_add(o, "pages", json_object_new_int64((int64_t)q->pages));
    json_object_object_add(o, "listed_max", count_json(QUEUE_SUMMARY_LIST_MAX));
    json_object_object_add(o, "scanned", report_new_string(q->scanned));
    json_object_object_add(o, "nothing_received", json_object_new_boolean(q->nothing_received));
    return o;
}
