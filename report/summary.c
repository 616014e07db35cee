/*
 * summary.c - the queue's status summary, kept as items finish instead of
 * recounted from every record (see report.h): DATA/QUEUE_SUMMARY_FILE.
 *
 * The supervisor, the one process that moves entries into queue/done and
 * queue/failed, adds each item once its group is committed and writes the
 * file (temp + rename, not synced: it is derived from the queue and the
 * records, and rebuilt from them when in doubt). The file records the
 * modification times of queue/done and queue/failed when it was written: a
 * directory changed since (a kill between the queue moves and the write, a
 * `dokaz retry`, an item received again into a new collection) shows that
 * the summary may be wrong, and the part of that state is counted again.
 *
 * The rate is kept as a ring of RATE_SLOTS slots of RATE_SLOT_S seconds:
 * pages made searchable in each, so that the last ten minutes cost nothing
 * to sum.
 *
 * Functions: queue_summary_new, queue_summary_free, queue_summary_load,
 * queue_summary_save, queue_summary_changed, queue_summary_scan,
 * queue_summary_build, queue_summary_stage, queue_summary_commit,
 * queue_summary_drop, queue_summary_add, queue_summary_pages_since,
 * queue_items_free.
 */
#include "report.h"
#include "report/report_private.h"
#include "ingest/queue.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A finished item waiting for its group's commit. */
typedef struct {
    queue_state state;
    item_status status;
    size_t pages;
    queue_item item; /* set only for an item that is listed (failed, notable) */
    bool listed;
    bool low;
} staged_item;

/* queue_summary_new - empty, with the threshold low confidence is judged by */
queue_summary *queue_summary_new(double low_threshold)
{
    queue_summary *q = xcalloc(1, sizeof *q);
    q->low_threshold = low_threshold;
    q->staged = g_array_new(FALSE, TRUE, sizeof(staged_item));
    return q;
}

/* item_clear - the strings of one item */
static void item_clear(queue_item *it)
{
    free(it->sha256);
    free(it->name);
    free(it->path);
    free(it->mime);
    free(it->reason);
    *it = (queue_item){0};
}

/* queue_items_free - every item's strings and the list; the list is empty */
void queue_items_free(queue_items *items)
{
    for (size_t i = 0; i < items->n; i++)
        item_clear(&items->list[i]);
    free(items->list);
    *items = (queue_items){0};
}

/* queue_summary_drop - forget what was staged (the group was not committed) */
void queue_summary_drop(queue_summary *q)
{
    GArray *staged = q->staged;
    for (guint i = 0; i < staged->len; i++) {
        staged_item *e = &g_array_index(staged, staged_item, i);
        if (e->listed)
            item_clear(&e->item);
    }
    g_array_set_size(staged, 0);
}

/* queue_summary_free - the summary and all it holds (NULL is fine) */
void queue_summary_free(queue_summary *q)
{
    if (q == NULL)
        return;
    queue_summary_drop(q);
    g_array_free(q->staged, TRUE);
    queue_items_free(&q->failed_items);
    queue_items_free(&q->unsupported_items);
    queue_items_free(&q->encrypted_items);
    queue_items_free(&q->low_confidence_items);
    free(q);
}

/* push - append `it` (taken) to a list that keeps its newest
 * QUEUE_SUMMARY_LIST_MAX items; an item listed before is moved to the end */
static void push(queue_items *items, queue_item *it)
{
    for (size_t i = 0; i < items->n; i++)
        if (strcmp(items->list[i].sha256, it->sha256) == 0) {
            item_clear(&items->list[i]);
            memmove(&items->list[i], &items->list[i + 1], (items->n - i - 1) * sizeof *it);
            items->n--;
            break;
        }
    if (items->n == QUEUE_SUMMARY_LIST_MAX) {
        item_clear(&items->list[0]);
        memmove(&items->list[0], &items->list[1], (items->n - 1) * sizeof *it);
        items->n--;
    }
    items->list = xrealloc(items->list, (items->n + 1) * sizeof *items->list);
    items->list[items->n++] = *it;
}

/* copy_item - a copy of an item's strings */
static queue_item copy_item(const queue_item *it)
{
    return (queue_item){
        .sha256 = xstrdup(it->sha256),
        .name = it->name ? xstrdup(it->name) : NULL,
        .path = it->path ? xstrdup(it->path) : NULL,
        .mime = it->mime ? xstrdup(it->mime) : NULL,
        .reason = it->reason ? xstrdup(it->reason) : NULL,
    };
}

/* rate_add - `pages` made searchable at `when` into the ring */
static void rate_add(queue_summary *q, time_t when, size_t pages)
{
    long long bucket = (long long)when / QUEUE_SUMMARY_RATE_SLOT_S;
    queue_summary_slot *slot = &q->rate[bucket % QUEUE_SUMMARY_RATE_SLOTS];
    if (slot->bucket > bucket)
        return; /* older than the ring */
    if (slot->bucket < bucket)
        *slot = (queue_summary_slot){.bucket = bucket};
    slot->pages += pages;
}

/* queue_summary_pages_since - pages made searchable in the slots of the last
 * `seconds` (at most the ring's span) before `now` */
long queue_summary_pages_since(const queue_summary *q, time_t now, int seconds)
{
    long long newest = (long long)now / QUEUE_SUMMARY_RATE_SLOT_S;
    long long oldest = newest - seconds / QUEUE_SUMMARY_RATE_SLOT_S;
    long pages = 0;
    for (int i = 0; i < QUEUE_SUMMARY_RATE_SLOTS; i++)
        if (q->rate[i].bucket > oldest && q->rate[i].bucket <= newest)
            pages += q->rate[i].pages;
    return pages;
}

/* queue_summary_stage - an item that finished, counted once its group is
 * committed (queue_summary_commit); `result` lends status, mime and reason
 * (its pages are not read: `pages` and `low_pages` say what they held) */
void queue_summary_stage(queue_summary *q, const char *data_dir, const char *sha256,
                         queue_state state, const item_result *result, size_t pages,
                         const char *low_pages)
{
    staged_item e = {.state = state,
                     .status = result ? result->status : ITEM_FAILED,
                     .pages = pages,
                     .low = low_pages != NULL};
    bool notable = state == QUEUE_FAILED || e.status == ITEM_UNSUPPORTED ||
                   e.status == ITEM_ENCRYPTED || e.low;
    if (notable) {
        char *reason = NULL;
        if (state == QUEUE_DONE && e.low)
            reason = report_low_reason(low_pages);
        report_item_fill(&e.item, data_dir, sha256, result, reason);
        g_free(reason);
        e.listed = true;
    }
    g_array_append_val(q->staged, e);
}

/* queue_summary_commit - count what was staged, at `now` */
void queue_summary_commit(queue_summary *q, time_t now)
{
    GArray *staged = q->staged;
    for (guint i = 0; i < staged->len; i++) {
        staged_item *e = &g_array_index(staged, staged_item, i);
        if (e->state == QUEUE_FAILED) {
            q->failed++;
            push(&q->failed_items, &e->item);
            continue;
        }
        q->done++;
        q->pages += e->pages;
        rate_add(q, now, e->pages);
        queue_items *list = NULL;
        size_t *count = NULL;
        if (e->status == ITEM_UNSUPPORTED)
            list = &q->unsupported_items, count = &q->unsupported;
        else if (e->status == ITEM_ENCRYPTED)
            list = &q->encrypted_items, count = &q->encrypted;
        if (list) {
            (*count)++;
            queue_item copy = copy_item(&e->item);
            push(list, &copy);
        }
        if (e->low) {
            q->low_confidence++;
            queue_item copy = copy_item(&e->item);
            push(&q->low_confidence_items, &copy);
        }
        if (e->listed)
            item_clear(&e->item);
    }
    g_array_set_size(staged, 0);
}

/* queue_summary_add - stage and count one item at once, at `now` */
void queue_summary_add(queue_summary *q, const char *data_dir, const char *sha256,
                       queue_state state, const item_result *result, size_t pages,
                       const char *low_pages, time_t now)
{
    queue_summary_commit(q, now); /* what was staged before keeps its order */
    queue_summary_stage(q, data_dir, sha256, state, result, pages, low_pages);
    queue_summary_commit(q, now);
}

/* clear_state - forget what the summary counted of one state */
static void clear_state(queue_summary *q, queue_state state)
{
    if (state == QUEUE_FAILED) {
        q->failed = 0;
        queue_items_free(&q->failed_items);
        return;
    }
    q->done = q->unsupported = q->encrypted = q->low_confidence = 0;
    q->pages = 0;
    queue_items_free(&q->unsupported_items);
    queue_items_free(&q->encrypted_items);
    queue_items_free(&q->low_confidence_items);
    memset(q->rate, 0, sizeof q->rate);
}

/* entry_ctime - when the item's entry last moved (into its state), 0 if gone */
static time_t entry_ctime(const char *dir, const char *sha)
{
    char *path = fs_join(dir, sha);
    struct stat st;
    time_t t = stat(path, &st) == 0 ? st.st_ctim.tv_sec : 0;
    free(path);
    return t;
}

/* queue_summary_scan - count one state (done or failed) again from every
 * item's record: slow, it reads them all */
int queue_summary_scan(queue_summary *q, const char *data_dir, queue_state state, char **err)
{
    char **shas = NULL;
    size_t n = 0;
    if (queue_list(data_dir, state, &shas, &n, err) != 0)
        return -1;
    clear_state(q, state);
    char *dir = queue_dir(data_dir, state);
    for (size_t i = 0; i < n; i++) {
        item_result *result = item_result_load(data_dir, shas[i], NULL);
        char *low = state == QUEUE_DONE ? report_low_pages(result, q->low_threshold, NULL) : NULL;
        time_t when = state == QUEUE_DONE ? entry_ctime(dir, shas[i]) : 0;
        queue_summary_add(q, data_dir, shas[i], state, result, result ? result->npages : 0, low,
                          when);
        g_free(low);
        item_result_free(result);
    }
    free(dir);
    queue_list_free(shas, n);
    return 0;
}

/* state_mtime - the modification time of queue/<state>, {0} when unreadable */
static struct timespec state_mtime(const char *data_dir, queue_state state)
{
    char *dir = queue_dir(data_dir, state);
    struct stat st;
    struct timespec t = stat(dir, &st) == 0 ? st.st_mtim : (struct timespec){0};
    free(dir);
    return t;
}

/* note_mtimes - the times of queue/done and queue/failed into q */
static void note_mtimes(queue_summary *q, const char *data_dir)
{
    q->mtime[QUEUE_DONE] = state_mtime(data_dir, QUEUE_DONE);
    q->mtime[QUEUE_FAILED] = state_mtime(data_dir, QUEUE_FAILED);
}

/* queue_summary_build - a summary from a scan of done and failed */
queue_summary *queue_summary_build(const char *data_dir, double low_threshold, char **err)
{
    queue_summary *q = queue_summary_new(low_threshold);
    note_mtimes(q, data_dir);
    if (queue_summary_scan(q, data_dir, QUEUE_DONE, err) != 0 ||
        queue_summary_scan(q, data_dir, QUEUE_FAILED, err) != 0) {
        queue_summary_free(q);
        return NULL;
    }
    return q;
}

/* queue_summary_changed - whether queue/<state> changed since the summary
 * was written (or loaded: queue_summary_save records it) */
bool queue_summary_changed(const queue_summary *q, const char *data_dir, queue_state state)
{
    struct timespec now = state_mtime(data_dir, state);
    const struct timespec *then = &q->mtime[state];
    return now.tv_sec != then->tv_sec || now.tv_nsec != then->tv_nsec;
}

/* mtime_json - "sec.nsec" */
static json_object *mtime_json(struct timespec t)
{
    char text[48];
    snprintf(text, sizeof text, "%lld.%09ld", (long long)t.tv_sec, t.tv_nsec);
    return json_object_new_string(text);
}

/* to_json - the file's JSON */
static json_object *to_json(const queue_summary *q)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "version", json_object_new_int(QUEUE_SUMMARY_VERSION));
    json_object_object_add(o, "low_threshold", json_object_new_double(q->low_threshold));
    json_object_object_add(o, "done", json_object_new_int64((int64_t)q->done));
    json_object_object_add(o, "failed", json_object_new_int64((int64_t)q->failed));
    json_object_object_add(o, "unsupported", json_object_new_int64((int64_t)q->unsupported));
    json_object_object_add(o, "encrypted", json_object_new_int64((int64_t)q->encrypted));
    json_object_object_add(o, "low_confidence", json_object_new_int64((int64_t)q->low_confidence));
    json_object_object_add(o, "pages", json_object_new_int64((int64_t)q->pages));
    json_object_object_add(o, "done_mtime", mtime_json(q->mtime[QUEUE_DONE]));
    json_object_object_add(o, "failed_mtime", mtime_json(q->mtime[QUEUE_FAILED]));
    json_object *rate = json_object_new_array();
    for (int i = 0; i < QUEUE_SUMMARY_RATE_SLOTS; i++)
        if (q->rate[i].pages) {
            json_object *slot = json_object_new_array();
            json_object_array_add(slot, json_object_new_int64(q->rate[i].bucket));
            json_object_array_add(slot, json_object_new_int64(q->rate[i].pages));
            json_object_array_add(rate, slot);
        }
    json_object_object_add(o, "rate", rate);
    json_object_object_add(o, "failed_items", report_items_json(&q->failed_items));
    json_object_object_add(o, "unsupported_items", report_items_json(&q->unsupported_items));
    json_object_object_add(o, "encrypted_items", report_items_json(&q->encrypted_items));
    json_object_object_add(o, "low_confidence_items", report_items_json(&q->low_confidence_items));
    return o;
}

/* queue_summary_save - record the directories' times and replace the file
 * (temp + rename, not synced) */
int queue_summary_save(queue_summary *q, const char *data_dir, char **err)
{
    note_mtimes(q, data_dir);
    json_object *o = to_json(q);
    size_t len = 0;
    const char *text = json_object_to_json_string_length(o, JSON_C_TO_STRING_PLAIN, &len);
    char *path = fs_join(data_dir, QUEUE_SUMMARY_FILE);
    int rc = fs_write_replace(path, text, len, err);
    free(path);
    json_object_put(o);
    return rc;
}

/* get_count - a non-negative integer member; -1 when missing or wrong */
static long long get_count(json_object *o, const char *key)
{
    json_object *v = NULL;
    if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_int))
        return -1;
    long long n = json_object_get_int64(v);
    return n < 0 ? -1 : n;
}

/* get_string - a string member, or NULL */
static const char *get_string(json_object *o, const char *key)
{
    json_object *v = NULL;
    if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
        return NULL;
    return json_object_get_string(v);
}

/* items_from_json - the list at `key`; -1 when it is not a list of items */
static int items_from_json(json_object *o, const char *key, queue_items *items)
{
    json_object *list = NULL;
    if (!json_object_object_get_ex(o, key, &list) || !json_object_is_type(list, json_type_array))
        return -1;
    size_t n = json_object_array_length(list);
    if (n > QUEUE_SUMMARY_LIST_MAX)
        return -1;
    for (size_t i = 0; i < n; i++) {
        json_object *e = json_object_array_get_idx(list, i);
        const char *sha = get_string(e, "sha256");
        if (sha == NULL)
            return -1;
        queue_item it = {.sha256 = (char *)sha,
                         .name = (char *)get_string(e, "name"),
                         .path = (char *)get_string(e, "path"),
                         .mime = (char *)get_string(e, "mime"),
                         .reason = (char *)get_string(e, "reason")};
        queue_item copy = copy_item(&it);
        push(items, &copy);
    }
    return 0;
}

/* mtime_from_json - "sec.nsec"; -1 when it is not that */
static int mtime_from_json(json_object *o, const char *key, struct timespec *t)
{
    const char *text = get_string(o, key);
    long long sec = 0;
    long nsec = 0;
    if (text == NULL || sscanf(text, "%lld.%ld", &sec, &nsec) != 2)
        return -1;
    *t = (struct timespec){.tv_sec = (time_t)sec, .tv_nsec = nsec};
    return 0;
}

/* rate_from_json - the ring's slots; -1 when it is not [[bucket,pages]…] */
static int rate_from_json(json_object *o, queue_summary *q)
{
    json_object *rate = NULL;
    if (!json_object_object_get_ex(o, "rate", &rate) || !json_object_is_type(rate, json_type_array))
        return -1;
    for (size_t i = 0; i < json_object_array_length(rate); i++) {
        json_object *slot = json_object_array_get_idx(rate, i);
        if (!json_object_is_type(slot, json_type_array) || json_object_array_length(slot) != 2)
            return -1;
        long long bucket = json_object_get_int64(json_object_array_get_idx(slot, 0));
        long long pages = json_object_get_int64(json_object_array_get_idx(slot, 1));
        if (bucket < 0 || pages < 0)
            return -1;
        rate_add(q, (time_t)(bucket * QUEUE_SUMMARY_RATE_SLOT_S), (size_t)pages);
    }
    return 0;
}

/* from_json - fill q from the file's JSON; -1 when it is not a summary */
static int from_json(json_object *o, queue_summary *q)
{
    json_object *t = NULL;
    if (!json_object_object_get_ex(o, "low_threshold", &t))
        return -1;
    q->low_threshold = json_object_get_double(t);
    long long n[6] = {get_count(o, "done"),           get_count(o, "failed"),
                      get_count(o, "unsupported"),    get_count(o, "encrypted"),
                      get_count(o, "low_confidence"), get_count(o, "pages")};
    for (int i = 0; i < 6; i++)
        if (n[i] < 0)
            return -1;
    q->done = (size_t)n[0];
    q->failed = (size_t)n[1];
    q->unsupported = (size_t)n[2];
    q->encrypted = (size_t)n[3];
    q->low_confidence = (size_t)n[4];
    q->pages = (unsigned long long)n[5];
    if (mtime_from_json(o, "done_mtime", &q->mtime[QUEUE_DONE]) != 0 ||
        mtime_from_json(o, "failed_mtime", &q->mtime[QUEUE_FAILED]) != 0 ||
        rate_from_json(o, q) != 0 || items_from_json(o, "failed_items", &q->failed_items) != 0 ||
        items_from_json(o, "unsupported_items", &q->unsupported_items) != 0 ||
        items_from_json(o, "encrypted_items", &q->encrypted_items) != 0 ||
        items_from_json(o, "low_confidence_items", &q->low_confidence_items) != 0)
        return -1;
    return 0;
}

/* queue_summary_load - the summary the service last wrote; NULL with *err
 * when there is none, it is unreadable, or an older dokaz wrote it */
queue_summary *queue_summary_load(const char *data_dir, char **err)
{
    char *path = fs_join(data_dir, QUEUE_SUMMARY_FILE);
    char *text = NULL;
    size_t len = 0;
    int rc = fs_read_all(path, &text, &len, NULL);
    free(path);
    if (rc != 0) {
        dk_fail(err, "there is no status summary");
        return NULL;
    }
    json_object *o = json_tokener_parse(text);
    free(text);
    long long version = get_count(o, "version");
    queue_summary *q = queue_summary_new(0);
    if (o == NULL || version != QUEUE_SUMMARY_VERSION || from_json(o, q) != 0) {
        dk_fail(err, o && version >= 0 && version != QUEUE_SUMMARY_VERSION
                         ? "the status summary was written by another version of dokaz"
                         : "the status summary is unreadable");
        queue_summary_free(q);
        q = NULL;
    }
    json_object_put(o);
    return q;
}
