/*
 * status.c - the queue at a glance and its JSON (see report.h).
 *
 * The processing rate is measured from the queue itself: an entry's ctime
 * changes when it is renamed into queue/done, which happens right after the
 * index commit that made it searchable, so the pages of the items whose entry
 * changed in the last ten minutes are the pages made searchable in that time.
 *
 * The service writes why it is paused (a full disk, say) to queue/condition;
 * it is shown while the service holds its lock.
 *
 * Functions: queue_report_load, queue_report_free, queue_report_count,
 * report_status_json.
 */
#include "report.h"
#include "report/report_private.h"
#include "ingest/queue.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { RATE_WINDOW_S = 600 };

/* copy_or_null - a copy of s, or NULL */
static char *copy_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

/* add_item - append the item: name and path of its first reception, mime of
 * `result` (NULL: none), and `reason`, else the result's */
static void add_item(queue_items *items, const char *data_dir, const char *sha,
                     const item_result *result, const char *reason)
{
    item_receptions *receptions = item_receptions_load(data_dir, sha, NULL);
    const item_reception *first = item_receptions_first(receptions);
    items->list = xrealloc(items->list, (items->n + 1) * sizeof *items->list);
    queue_item *it = &items->list[items->n++];
    it->sha256 = xstrdup(sha);
    it->name = copy_or_null(first ? first->name : NULL);
    it->path = copy_or_null(first ? first->path : NULL);
    it->mime = copy_or_null(result ? result->mime : NULL);
    it->reason = copy_or_null(reason ? reason : result ? result->reason : NULL);
    item_receptions_free(receptions);
}

/* recently_done - 1 if the item's queue/done entry changed within the window */
static int recently_done(const char *data_dir, const char *sha, time_t now)
{
    char *dir = queue_dir(data_dir, QUEUE_DONE), *path = fs_join(dir, sha);
    struct stat st;
    int recent = stat(path, &st) == 0 && now - st.st_ctim.tv_sec < RATE_WINDOW_S;
    free(path);
    free(dir);
    return recent;
}

/* add_low_confidence - list a done item if pages of it were read below t */
static void add_low_confidence(queue_report *q, const char *data_dir, const char *sha,
                               const item_result *result, double t)
{
    char *which = report_low_pages(result, t, NULL);
    if (which == NULL)
        return;
    char *reason = g_strdup_printf("low OCR confidence on page%s %s", strchr(which, ',') ? "s" : "",
                                   which);
    add_item(&q->low_confidence_items, data_dir, sha, result, reason);
    g_free(reason);
    g_free(which);
}

/* list_state - count one state and add its items to the lists they belong in */
static int list_state(const char *data_dir, queue_state s, queue_report *q, double t, char **err)
{
    size_t *counts[QUEUE_NSTATES] = {&q->queued, &q->processing, &q->done, &q->failed};
    char **shas = NULL;
    size_t n = 0;
    time_t now = time(NULL);
    if (queue_list(data_dir, s, &shas, &n, err) != 0)
        return -1;
    *counts[s] = n;
    for (size_t i = 0; i < n && s != QUEUE_INCOMING; i++) {
        item_result *result = s == QUEUE_ACTIVE ? NULL : item_result_load(data_dir, shas[i], NULL);
        if (s == QUEUE_ACTIVE)
            add_item(&q->processing_items, data_dir, shas[i], NULL, NULL);
        else if (s == QUEUE_FAILED)
            add_item(&q->failed_items, data_dir, shas[i], result, NULL);
        else if (result && result->status == ITEM_UNSUPPORTED)
            add_item(&q->unsupported_items, data_dir, shas[i], result, NULL);
        else if (result && result->status == ITEM_ENCRYPTED)
            add_item(&q->encrypted_items, data_dir, shas[i], result, NULL);
        if (s == QUEUE_DONE) {
            add_low_confidence(q, data_dir, shas[i], result, t);
            if (recently_done(data_dir, shas[i], now) && result)
                q->pages_last_10min += (long)result->npages;
        }
        item_result_free(result);
    }
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

/* queue_report_load - counts, lists and the recent rate */
queue_report *queue_report_load(const char *data_dir, char **err)
{
    queue_report *q = xcalloc(1, sizeof *q);
    double t = report_low_threshold(data_dir);
    for (int s = 0; s < QUEUE_NSTATES; s++)
        if (list_state(data_dir, (queue_state)s, q, t, err) != 0) {
            queue_report_free(q);
            return NULL;
        }
    q->pages_per_minute = q->pages_last_10min / (RATE_WINDOW_S / 60.0);
    if (service_running(data_dir)) {
        q->condition = queue_condition(data_dir);
        char *path = fs_join(data_dir, QUEUE_PROGRESS_FILE);
        q->service_progress = json_object_from_file(path);
        free(path);
    }
    return q;
}

/* items_free - every item's strings and the list */
static void items_free(queue_items *items)
{
    for (size_t i = 0; i < items->n; i++) {
        queue_item *it = &items->list[i];
        free(it->sha256);
        free(it->name);
        free(it->path);
        free(it->mime);
        free(it->reason);
    }
    free(items->list);
}

/* queue_report_free - the lists and the report */
void queue_report_free(queue_report *q)
{
    if (q == NULL)
        return;
    items_free(&q->failed_items);
    items_free(&q->unsupported_items);
    items_free(&q->processing_items);
    items_free(&q->encrypted_items);
    items_free(&q->low_confidence_items);
    free(q->condition);
    json_object_put(q->service_progress);
    free(q);
}

/* queue_report_count - the counts in the order people are shown them */
size_t queue_report_count(const queue_report *q, int i, const char **name)
{
    static const char *const names[QUEUE_REPORT_NCOUNTS] = {"queued",      "processing", "done",
                                                            "unsupported", "encrypted",  "failed"};
    const size_t counts[QUEUE_REPORT_NCOUNTS] = {
        q->queued, q->processing, q->done, q->unsupported_items.n, q->encrypted_items.n, q->failed};
    *name = names[i];
    return counts[i];
}

/* items_json - [{"sha256","name","path","mime","reason"}…] */
static json_object *items_json(const queue_items *items)
{
    json_object *list = json_object_new_array();
    for (size_t i = 0; i < items->n; i++) {
        const queue_item *it = &items->list[i];
        json_object *o = json_object_new_object();
        json_object_object_add(o, "sha256", json_object_new_string(it->sha256));
        json_object_object_add(o, "name", report_new_string(it->name));
        json_object_object_add(o, "path", report_new_string(it->path));
        json_object_object_add(o, "mime", report_new_string(it->mime));
        json_object_object_add(o, "reason", report_new_string(it->reason));
        json_object_array_add(list, o);
    }
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
    json_object_object_add(o, "unsupported", count_json(q->unsupported_items.n));
    json_object_object_add(o, "failed_items", items_json(&q->failed_items));
    json_object_object_add(o, "unsupported_items", items_json(&q->unsupported_items));
    json_object_object_add(o, "processing_items", items_json(&q->processing_items));
    json_object_object_add(o, "encrypted", count_json(q->encrypted_items.n));
    json_object_object_add(o, "encrypted_items", items_json(&q->encrypted_items));
    json_object_object_add(o, "low_confidence_items", items_json(&q->low_confidence_items));
    json_object_object_add(o, "pages_last_10min", json_object_new_int64(q->pages_last_10min));
    char text[32];
    snprintf(text, sizeof text, "%.1f", q->pages_per_minute);
    json_object_object_add(o, "pages_per_minute",
                           json_object_new_double_s(q->pages_per_minute, text));
    json_object_object_add(o, "condition", report_new_string(q->condition));
    json_object_object_add(o, "service_progress", json_object_get(q->service_progress));
    return o;
}
