/*
 * status.c - the queue at a glance (see report.h).
 *
 * Functions: report_status.
 *
 * The processing rate is measured from the queue itself: an entry's ctime
 * changes when it is renamed into queue/done, which happens right after the
 * index commit that made it searchable, so the pages of the items whose entry
 * changed in the last ten minutes are the pages made searchable in that time.
 */
#include "report.h"
#include "ingest/items.h"
#include "ingest/queue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

enum { RATE_WINDOW_S = 600 };

/* item_summary - {"sha256","name","path","mime","reason"} for a listed item */
static json_object *item_summary(const char *data_dir, const char *sha, json_object *result)
{
    json_object *receipts = items_receipts(data_dir, sha, NULL);
    json_object *first = receipts && json_object_array_length(receipts)
                             ? json_object_array_get_idx(receipts, 0) : NULL;
    json_object *o = json_object_new_object();
    const char *name = report_string(first, "name"), *path = report_string(first, "path");
    const char *mime = report_string(result, "mime"), *reason = report_string(result, "reason");
    json_object_object_add(o, "sha256", json_object_new_string(sha));
    json_object_object_add(o, "name", name ? json_object_new_string(name) : NULL);
    json_object_object_add(o, "path", path ? json_object_new_string(path) : NULL);
    json_object_object_add(o, "mime", mime ? json_object_new_string(mime) : NULL);
    json_object_object_add(o, "reason", reason ? json_object_new_string(reason) : NULL);
    json_object_put(receipts);
    return o;
}

/* recently_done - 1 if the item's queue/done entry changed within the window */
static int recently_done(const char *data_dir, const char *sha, time_t now)
{
    char *dir = queue_dir(data_dir, QUEUE_DONE), *path = NULL;
    struct stat st;
    int recent = dir && asprintf(&path, "%s/%s", dir, sha) > 0 && stat(path, &st) == 0 &&
                 now - st.st_ctim.tv_sec < RATE_WINDOW_S;
    free(path);
    free(dir);
    return recent;
}

/* page_count - how many pages a result record has */
static long page_count(json_object *result)
{
    json_object *pages = NULL;
    if (result && json_object_object_get_ex(result, "pages", &pages) && pages &&
        json_object_is_type(pages, json_type_array))
        return (long)json_object_array_length(pages);
    return 0;
}

/* list_state - count one state and add its items to the lists they belong in */
static int list_state(const char *data_dir, queue_state s, json_object *o, json_object *lists[4],
                      long *recent_pages, char **err)
{
    static const char *const keys[QUEUE_NSTATES] = {"queued", "processing", "done", "failed"};
    char **shas = NULL;
    size_t n = 0;
    time_t now = time(NULL);
    if (queue_list(data_dir, s, &shas, &n, err) != 0)
        return -1;
    json_object_object_add(o, keys[s], json_object_new_int64((int64_t)n));
    for (size_t i = 0; i < n && s != QUEUE_INCOMING; i++) {
        json_object *result = s == QUEUE_ACTIVE ? NULL : items_load_result(data_dir, shas[i], NULL);
        const char *st = report_string(result, "status");
        if (s == QUEUE_ACTIVE)
            json_object_array_add(lists[2], item_summary(data_dir, shas[i], NULL));
        else if (s == QUEUE_FAILED)
            json_object_array_add(lists[0], item_summary(data_dir, shas[i], result));
        else if (st && strcmp(st, "unsupported") == 0)
            json_object_array_add(lists[1], item_summary(data_dir, shas[i], result));
        else if (st && strcmp(st, "encrypted") == 0)
            json_object_array_add(lists[3], item_summary(data_dir, shas[i], result));
        if (s == QUEUE_DONE && recently_done(data_dir, shas[i], now))
            *recent_pages += page_count(result);
        json_object_put(result);
    }
    queue_list_free(shas, n);
    return 0;
}

/* report_status - counts, lists and the recent rate */
json_object *report_status(const char *data_dir, char **err)
{
    json_object *o = json_object_new_object();
    json_object *lists[4] = {json_object_new_array(), json_object_new_array(),
                             json_object_new_array(), json_object_new_array()};
    long recent_pages = 0;
    for (int s = 0; s < QUEUE_NSTATES; s++)
        if (list_state(data_dir, (queue_state)s, o, lists, &recent_pages, err) != 0) {
            json_object_put(o);
            for (int i = 0; i < 4; i++)
                json_object_put(lists[i]);
            return NULL;
        }
    json_object_object_add(o, "unsupported",
                           json_object_new_int64((int64_t)json_object_array_length(lists[1])));
    json_object_object_add(o, "failed_items", lists[0]);
    json_object_object_add(o, "unsupported_items", lists[1]);
    json_object_object_add(o, "processing_items", lists[2]);
    json_object_object_add(o, "encrypted",
                           json_object_new_int64((int64_t)json_object_array_length(lists[3])));
    json_object_object_add(o, "encrypted_items", lists[3]);
    json_object_object_add(o, "low_confidence_items", report_low_confidence(data_dir));
    json_object_object_add(o, "pages_last_10min", json_object_new_int64(recent_pages));
    double rate = recent_pages / (RATE_WINDOW_S / 60.0);
    char text[32];
    snprintf(text, sizeof text, "%.1f", rate);
    json_object_object_add(o, "pages_per_minute", json_object_new_double_s(rate, text));
    return o;
}
