/*
 * status.c - the queue at a glance (see report.h).
 *
 * The processing rate is measured from the queue itself: an entry's ctime
 * changes when it is renamed into queue/done, which happens right after the
 * index commit that made it searchable, so the pages of the items whose entry
 * changed in the last ten minutes are the pages made searchable in that time.
 *
 * Functions: report_status, report_summary.
 */
#include "report.h"
#include "report/report_private.h"
#include "ingest/queue.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

enum { RATE_WINDOW_S = 600 };

/* report_summary - {"sha256","name","path","mime","reason"} for a listed item */
json_object *report_summary(const char *data_dir, const char *sha, const item_result *result,
                            const char *reason)
{
    item_receptions *receptions = item_receptions_load(data_dir, sha, NULL);
    const item_reception *first = item_receptions_first(receptions);
    json_object *o = json_object_new_object();
    json_object_object_add(o, "sha256", json_object_new_string(sha));
    json_object_object_add(o, "name", report_new_string(first ? first->name : NULL));
    json_object_object_add(o, "path", report_new_string(first ? first->path : NULL));
    json_object_object_add(o, "mime", report_new_string(result ? result->mime : NULL));
    json_object_object_add(o, "reason",
                           report_new_string(reason   ? reason
                                             : result ? result->reason
                                                      : NULL));
    item_receptions_free(receptions);
    return o;
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
        item_result *result = s == QUEUE_ACTIVE ? NULL : item_result_load(data_dir, shas[i], NULL);
        if (s == QUEUE_ACTIVE)
            json_object_array_add(lists[2], report_summary(data_dir, shas[i], NULL, NULL));
        else if (s == QUEUE_FAILED)
            json_object_array_add(lists[0], report_summary(data_dir, shas[i], result, NULL));
        else if (result && result->status == ITEM_UNSUPPORTED)
            json_object_array_add(lists[1], report_summary(data_dir, shas[i], result, NULL));
        else if (result && result->status == ITEM_ENCRYPTED)
            json_object_array_add(lists[3], report_summary(data_dir, shas[i], result, NULL));
        if (s == QUEUE_DONE && recently_done(data_dir, shas[i], now) && result)
            *recent_pages += (long)result->npages;
        item_result_free(result);
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
