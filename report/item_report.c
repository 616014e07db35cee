/*
 * item_report.c - an item's report and its JSON (see report.h).
 *
 * The report is built from the typed records of record/; its JSON's "pages",
 * "children", "meta" and "skipped" are the result's as saved, so that what
 * people see is what is stored.
 *
 * Functions: item_report_load, item_report_free, report_item_json,
 * report_new_string.
 */
#include "report.h"
#include "report/report_private.h"
#include "ingest/evidence.h"
#include "ingest/queue.h"
#include "ocr/ocr.h"
#include "common/text.h"
#include "common/xalloc.h"

#include <glib.h>
#include <stdlib.h>

/* report_new_string - a string made safe (common/text.h), or null */
json_object *report_new_string(const char *value)
{
    return text_safe_json(value);
}

/* status_word - the result's status, else what the queue says */
static const char *status_word(const char *data_dir, const char *sha, const item_result *result)
{
    if (result != NULL)
        return item_status_name(result->status);
    int state = queue_state_of(data_dir, sha);
    return state == QUEUE_ACTIVE ? "processing" : state == QUEUE_INCOMING ? "queued" : "unknown";
}

/* item_report_load - receptions, result, storage place and origin */
item_report *item_report_load(const char *data_dir, const char *sha)
{
    item_report *r = xcalloc(1, sizeof *r);
    r->sha256 = xstrdup(sha);
    r->receptions = item_receptions_load(data_dir, sha, NULL);
    r->first = item_receptions_first(r->receptions);
    r->result = item_result_load(data_dir, sha, NULL);
    r->status = status_word(data_dir, sha, r->result);
    r->stored = evidence_path(data_dir, sha);
    r->parents = report_parents_load(data_dir, sha);
    r->chain = report_chain(data_dir, sha);
    if (r->result && r->result->npages > 0) {
        r->low_confidence = xcalloc(r->result->npages, sizeof *r->low_confidence);
        g_free(report_low_pages(r->result, report_low_threshold(data_dir), r->low_confidence));
    }
    r->searchable_pdf = ocr_searchable_pdf(data_dir, sha);
    return r;
}

/* item_report_free - everything it holds */
void item_report_free(item_report *r)
{
    if (r == NULL)
        return;
    free(r->sha256);
    item_receptions_free(r->receptions);
    item_result_free(r->result);
    free(r->stored);
    report_parents_free(&r->parents);
    free(r->chain);
    free(r->low_confidence);
    free(r->searchable_pdf);
    free(r);
}

/* copy_member - o[key] = from[key] (or null) */
static void copy_member(json_object *o, const char *key, json_object *from)
{
    json_object *v = NULL;
    if (from)
        json_object_object_get_ex(from, key, &v);
    json_object_object_add(o, key, json_object_get(v));
}

/* list_member - from[key], an array (a new empty one when absent) */
static json_object *list_member(json_object *from, const char *key)
{
    json_object *v = NULL;
    if (from)
        json_object_object_get_ex(from, key, &v);
    return v ? json_object_get(v) : json_object_new_array();
}

/* receptions_json - every reception as it was recorded */
static json_object *receptions_json(const item_receptions *receptions)
{
    json_object *list = json_object_new_array();
    for (size_t i = 0; receptions && i < receptions->n; i++)
        json_object_array_add(list, item_reception_json(&receptions->list[i]));
    return list;
}

/* report_item_json - receptions, result and storage place in one object */
json_object *report_item_json(const item_report *r)
{
    const item_reception *first = r->first;
    json_object *saved = r->result ? item_result_json(r->result) : NULL;
    json_object *o = json_object_new_object();
    json_object_object_add(o, "sha256", json_object_new_string(r->sha256));
    json_object_object_add(o, "name", report_new_string(first ? first->name : NULL));
    json_object_object_add(o, "path", report_new_string(first ? first->path : NULL));
    json_object_object_add(o, "received", report_new_string(first ? first->time : NULL));
    json_object_object_add(o, "size", first ? json_object_new_int64((int64_t)first->size) : NULL);
    copy_member(o, "mime", saved);
    json_object_object_add(o, "status", json_object_new_string(r->status));
    copy_member(o, "reason", saved);
    json_object_object_add(o, "parent", report_new_string(first ? first->parent : NULL));
    json_object_object_add(o, "member", report_new_string(first ? first->member : NULL));
    json_object_object_add(o, "stored", json_object_new_string(r->stored));
    json_object_object_add(o, "receptions", receptions_json(r->receptions));
    json_object *pages = list_member(saved, "pages");
    for (size_t i = 0; r->low_confidence && i < json_object_array_length(pages); i++)
        if (r->low_confidence[i])
            json_object_object_add(json_object_array_get_idx(pages, i), "low_confidence",
                                   json_object_new_boolean(1));
    json_object_object_add(o, "pages", pages);
    json_object_object_add(o, "children", list_member(saved, "children"));
    json_object_object_add(o, "parents", report_parents_json(&r->parents));
    json_object_object_add(o, "chain", report_new_string(r->chain));
    copy_member(o, "meta", saved);
    copy_member(o, "skipped", saved);
    json_object_object_add(o, "searchable_pdf", report_new_string(r->searchable_pdf));
    json_object_put(saved);
    return o;
}
