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

#include <stdbool.h>
#include <stddef.h>
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

/* The queue at a glance. */
typedef struct {
    size_t queued, processing, done, failed; /* entries in each queue state */
    queue_items failed_items;                /* the failed, with the result's reason */
    queue_items unsupported_items;           /* done, of a type dokaz cannot read */
    queue_items processing_items;            /* being processed (no mime, no reason) */
    queue_items encrypted_items;             /* done, but need a password */
    queue_items low_confidence_items;        /* done, with pages read with low OCR
                                                confidence; reason names the pages */
    long pages_last_10min;                   /* pages made searchable in 10 minutes */
    double pages_per_minute;                 /* the same, per minute */
    char *condition;               /* why the running service is paused ("paused since …: disk
                        full …"), NULL when it is not or none runs */
    json_object *service_progress; /* the running service's progress since it started
                                      (QUEUE_PROGRESS_FILE), NULL when none runs or it
                                      has not committed yet; the report owns it */
} queue_report;

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

/* queue_report_load - the queue at a glance; NULL with *err (malloc'd) if the
 * data directory cannot be read. Free with queue_report_free. */
queue_report *queue_report_load(const char *data_dir, char **err);

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
 * "pages_last_10min","pages_per_minute","condition","service_progress"}
 * (service_progress: {"started","done","failed","pages","waiting",
 * "items_per_second"} or null); each listed item is
 * {"sha256","name","path","mime","reason"}; the caller puts it */
json_object *report_status_json(const queue_report *report);

#endif
