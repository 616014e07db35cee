/*
 * report.h - what dokaz shows people about stored items and the queue, built
 * once for every front end as typed views: an item_report for `dokaz show`
 * and the document page, a queue_report for `dokaz status` and the status
 * page. report_item_json and report_status_json turn them into the JSON of
 * `dokaz show --json` and /api/item, `dokaz status --json` and /api/status.
 * This is the whole public API of the report subsystem; it only reads.
 *
 * Ownership: an item_report, queue_report or parent list belongs to whoever
 * loaded it and is freed with its _free function, which frees every string
 * and record inside it. Strings returned by report_chain are malloc'd (free());
 * JSON objects returned here are the caller's (json_object_put).
 */
#ifndef DOKAZ_REPORT_H
#define DOKAZ_REPORT_H

#include "record/record.h"
#include "ingest/queue.h"

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include <json-c/json.h>

/* A container an item came out of. */
typedef struct {
    char *sha256;
    char *name;   /* its first reception's name; NULL when unknown */
    char *member; /* the path of what came out of it, inside it; NULL: unknown */
} report_parent;

/* The chain of containers an item came out of, nearest first. */
typedef struct {
    report_parent *list;
    size_t n; /* 0 for a file received directly */
} report_parents;

/* Everything shown about one stored item. */
typedef struct {
    char *sha256;
    item_receptions *receptions; /* NULL: none (or unreadable) */
    const item_reception *first; /* the first reception (in receptions), or NULL */
    item_result *result;         /* NULL: none yet, or unreadable */
    const char *status;          /* the result's status word, else "processing",
                                      "queued" or "unknown" (static) */
    char *stored;                /* where the original is kept */
    report_parents parents;      /* report_parents_load */
    char *chain;                 /* report_chain; NULL for an item received directly */
    bool *low_confidence;        /* per result page: read below DATA/ocr.conf's
                                      low_confidence (60); NULL without pages */
    char *searchable_pdf;        /* the item's searchable PDF, or NULL */
} item_report;

/* An item in a list of the queue report. */
typedef struct {
    char *sha256;
    char *name;   /* first reception's; NULL when unknown */
    char *path;   /* first reception's; NULL when unknown */
    char *mime;   /* NULL when unknown */
    char *reason; /* why it is listed; NULL when nothing says */
} queue_item;

/* A list of queue_items. */
typedef struct {
    queue_item *list;
    size_t n;
} queue_items;

/* The queue at a glance. The lists of failed, unsupported, encrypted and
 * low-confidence items hold the newest QUEUE_SUMMARY_LIST_MAX of each (the
 * counts say how many there are in all). */
typedef struct {
    size_t queued, processing, done, failed; /* entries in each queue state */
    size_t unsupported, encrypted;           /* done, of a type dokaz cannot read; encrypted */
    size_t low_confidence;                   /* done, with pages read with low confidence */
    unsigned long long pages;                /* pages of the done items: searchable */
    queue_items failed_items;                /* the failed, with the result's reason */
    queue_items unsupported_items;           /* done, of a type dokaz cannot read */
    queue_items processing_items;            /* being processed (no mime, no reason) */
    queue_items encrypted_items;             /* done, but need a password */
    queue_items low_confidence_items;        /* done, with pages read with low OCR
                                                confidence; reason names the pages */
    long pages_last_10min;                   /* pages made searchable in 10 minutes */
    double pages_per_minute;                 /* the same, per minute */
    char *scanned;                           /* NULL: counted from the status summary; else why
                                      every record was read instead (malloc'd) */
    char *condition;               /* why the running service is paused ("paused since …: disk
                        full …"), NULL when it is not or none runs */
    json_object *service_progress; /* the running service's progress since it started
                                      (QUEUE_PROGRESS_FILE), NULL when none runs or it
                                      has not committed yet; the report owns it */
    bool nothing_received;         /* no service or ingest has used the data directory
                                      yet (every count is 0): REPORT_NOTHING_RECEIVED */
} queue_report;

/* What status says of a data directory nothing was received into yet. */
#define REPORT_NOTHING_RECEIVED \
    "nothing received yet: no service or ingest has used this data directory ('dokaz watch' " \
    "or 'dokaz ingest' fill it)"

/* The status summary, DATA/QUEUE_SUMMARY_FILE: the done and failed part of a
 * queue_report, kept by the supervisor as items finish (service/summary.c)
 * so that `dokaz status` never reads every record. Version
 * QUEUE_SUMMARY_VERSION; any other is rebuilt. */
#define QUEUE_SUMMARY_FILE "queue/summary.json"
enum {
    QUEUE_SUMMARY_VERSION = 1,
    QUEUE_SUMMARY_LIST_MAX = 100, /* items kept in each list, the newest */
    QUEUE_SUMMARY_RATE_SLOT_S = 10,
    QUEUE_SUMMARY_RATE_SLOTS = 60 /* ten minutes of slots */
};

/* Pages made searchable in one slot of the rate's ring. */
typedef struct {
    long long bucket; /* time / QUEUE_SUMMARY_RATE_SLOT_S */
    long pages;
} queue_summary_slot;

/* The summary: read its fields, change it with the functions below. */
typedef struct {
    size_t done, failed, unsupported, encrypted, low_confidence;
    unsigned long long pages;
    queue_items failed_items, unsupported_items, encrypted_items, low_confidence_items;
    double low_threshold;                 /* OCR confidence below it is low */
    struct timespec mtime[QUEUE_NSTATES]; /* of queue/done, queue/failed when saved (or,
                                           * built, when the count began) */
    queue_summary_slot rate[QUEUE_SUMMARY_RATE_SLOTS];
    GArray *staged; /* items waiting for their group's commit (summary.c's) */
} queue_summary;

/* queue_summary_new - an empty summary judging confidence below low_threshold
 * low; free with queue_summary_free */
queue_summary *queue_summary_new(double low_threshold);

/* queue_summary_free - the summary and all it holds (NULL is fine) */
void queue_summary_free(queue_summary *q);

/* queue_summary_load - DATA/QUEUE_SUMMARY_FILE; NULL with *err (malloc'd)
 * when it is missing, unreadable or of another version */
queue_summary *queue_summary_load(const char *data_dir, char **err);

/* queue_summary_save - replace DATA/QUEUE_SUMMARY_FILE atomically (not
 * synced: it is derived data), recording queue/done's and queue/failed's
 * modification times in q */
int queue_summary_save(queue_summary *q, const char *data_dir, char **err);

/* queue_summary_changed - whether queue/<state> changed since q was saved */
bool queue_summary_changed(const queue_summary *q, const char *data_dir, queue_state state);

/* queue_summary_scan - count a state (QUEUE_DONE or QUEUE_FAILED) again from
 * every item's record (slow: all of them are read) */
int queue_summary_scan(queue_summary *q, const char *data_dir, queue_state state, char **err);

/* queue_summary_build - a new summary from every record, with the times
 * queue/done and queue/failed had when the count began; NULL with *err */
queue_summary *queue_summary_build(const char *data_dir, double low_threshold, char **err);

/* queue_summary_stage - an item finished (state: QUEUE_DONE or QUEUE_FAILED)
 * with `pages` searchable and `low_pages` (report_low_page's words, NULL:
 * none) read with low confidence; `result` (NULL: none) lends its status,
 * mime and reason. Counted at the next queue_summary_commit. */
void queue_summary_stage(queue_summary *q, const char *data_dir, const char *sha256,
                         queue_state state, const item_result *result, size_t pages,
                         const char *low_pages);

/* queue_summary_commit - count what was staged, made searchable at `now` */
void queue_summary_commit(queue_summary *q, time_t now);

/* queue_summary_drop - forget what was staged (its group was not committed) */
void queue_summary_drop(queue_summary *q);

/* queue_summary_add - stage and commit one item at `now` */
void queue_summary_add(queue_summary *q, const char *data_dir, const char *sha256,
                       queue_state state, const item_result *result, size_t pages,
                       const char *low_pages, time_t now);

/* queue_summary_pages_since - pages made searchable in the last `seconds`
 * (at most the ring's ten minutes) before `now` */
long queue_summary_pages_since(const queue_summary *q, time_t now, int seconds);

/* queue_items_free - free the items' strings and the list; it is empty then */
void queue_items_free(queue_items *items);

/* report_low_threshold - DATA/ocr.conf's low_confidence, 60 if unreadable */
double report_low_threshold(const char *data_dir);

/* report_low_page - append page p's "number (confidence%)" to `words`
 * (", " between) when it was read by OCR below t; whether it was */
bool report_low_page(GString *words, const item_page *p, double t);

/* item_report_load - the report of a stored item (full sha256); an item
 * without records gets one too (status "unknown"). Never NULL. */
item_report *item_report_load(const char *data_dir, const char *sha256);

/* item_report_free - free the report and all it holds (NULL is fine) */
void item_report_free(item_report *report);

/* report_item_json - the report as JSON:
 * {"sha256","name","path","received","size","mime","status","reason","parent",
 *  "member","stored","receptions":[…],"pages":[{"number","text","source",
 *  "confidence"[,"blank"][,"derived"][,"low_confidence":true]}…],"children":[…],
 *  "parents":[…] (report_parents_json),"chain" (or null),"meta":{…} (e-mail
 *  headers, document title...),"skipped":[{"member","reason"}…] (archive members
 *  not stored: links, devices, encrypted),"searchable_pdf" (or null)}; the
 *  caller puts it */
json_object *report_item_json(const item_report *report);

/* report_parents_load - the chain of containers an item came out of, nearest
 * first (at most 16 levels, a cycle is cut); free with report_parents_free */
report_parents report_parents_load(const char *data_dir, const char *sha256);

/* report_parents_free - free the list and its strings */
void report_parents_free(report_parents *parents);

/* report_parents_json - [{"sha256","name","member"}…]; the caller puts it */
json_object *report_parents_json(const report_parents *parents);

/* report_chain - where an item came from, in words: "scan_03.jpg in folder/
 * in case_files.zip in email 'Re: documents' received 2025-03-01"; NULL for
 * an item received directly. malloc'd: the caller frees it with free(). */
char *report_chain(const char *data_dir, const char *sha256);

/* queue_report_load - the queue at a glance: the live queue (queued,
 * processing), and the rest from the status summary, or from every record
 * when there is no summary (or it is out of date and no service runs to
 * bring it up to date: `scanned` says why), or when `scan` asks for it.
 * NULL with *err (malloc'd) if the data directory cannot be read. Free with
 * queue_report_free. */
queue_report *queue_report_load(const char *data_dir, bool scan, char **err);

/* queue_report_free - free the report and all it holds (NULL is fine) */
void queue_report_free(queue_report *report);

/* The counts of a queue report, in the order people are shown them. */
enum { QUEUE_REPORT_NCOUNTS = 6 };

/* queue_report_count - count i (0 <= i < QUEUE_REPORT_NCOUNTS) and its name
 * (static): queued, processing, done, unsupported, encrypted, failed */
size_t queue_report_count(const queue_report *report, int i, const char **name);

/* report_status_json - {"queued","processing","done","failed","unsupported",
 * "failed_items":[…],"unsupported_items":[…],"processing_items":[…],
 * "encrypted","encrypted_items":[…],"low_confidence_items":[…],
 * "pages_last_10min","pages_per_minute","condition","service_progress",
 * "low_confidence","pages","listed_max","scanned","nothing_received"} (the
 * lists hold the newest listed_max; scanned: null, or why every record was
 * read; nothing_received: true for a data directory never used)
 * (service_progress: {"started","done","failed","pages","waiting",
 * "items_per_second"} or null); each listed item is
 * {"sha256","name","path","mime","reason"}; the caller puts it */
json_object *report_status_json(const queue_report *report);

#endif
