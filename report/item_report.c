/*
 * item_report.c - an item's record and its chain of containers (see report.h).
 *
 * The record is built from the typed records of record/; its "pages",
 * "children", "meta" and "skipped" are the result's as saved, so that what
 * people see is what is stored.
 *
 * Functions: report_item, report_parents, report_string, report_new_string.
 */
#include "report.h"
#include "report/report_private.h"
#include "ingest/evidence.h"
#include "ingest/queue.h"
#include "common/xalloc.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_PARENTS = 16 };

/* report_string - typed member access */
const char *report_string(json_object *o, const char *key)
{
    json_object *v = NULL;
    if (o == NULL || !json_object_object_get_ex(o, key, &v) || v == NULL ||
        !json_object_is_type(v, json_type_string))
        return NULL;
    return json_object_get_string(v);
}

/* report_new_string - a string or null */
json_object *report_new_string(const char *value)
{
    return value ? json_object_new_string(value) : NULL;
}

/* copy_member - o[key] = from[key] (or null) */
static void copy_member(json_object *o, const char *key, json_object *from)
{
    json_object *v = NULL;
    if (from)
        json_object_object_get_ex(from, key, &v);
    json_object_object_add(o, key, json_object_get(v));
}

/* receptions_json - every reception as received.jsonl has it */
static json_object *receptions_json(const item_receptions *receptions)
{
    json_object *list = json_object_new_array();
    for (size_t i = 0; receptions && i < receptions->n; i++)
        json_object_array_add(list, item_reception_json(&receptions->list[i]));
    return list;
}

/* report_item - receptions, result and storage place in one object */
json_object *report_item(const char *data_dir, const char *sha)
{
    item_receptions *receptions = item_receptions_load(data_dir, sha, NULL);
    const item_reception *first = item_receptions_first(receptions);
    item_result *result = item_result_load(data_dir, sha, NULL);
    json_object *saved = result ? item_result_json(result) : NULL;
    json_object *o = json_object_new_object();
    json_object_object_add(o, "sha256", json_object_new_string(sha));
    json_object_object_add(o, "name", report_new_string(first ? first->name : NULL));
    json_object_object_add(o, "path", report_new_string(first ? first->path : NULL));
    json_object_object_add(o, "received", report_new_string(first ? first->time : NULL));
    json_object_object_add(o, "size", first ? json_object_new_int64((int64_t)first->size) : NULL);
    copy_member(o, "mime", saved);
    const char *status = result ? item_status_name(result->status) : NULL;
    if (status == NULL) {
        int state = queue_state_of(data_dir, sha);
        status = state == QUEUE_ACTIVE     ? "processing"
                 : state == QUEUE_INCOMING ? "queued"
                                           : "unknown";
    }
    json_object_object_add(o, "status", json_object_new_string(status));
    copy_member(o, "reason", saved);
    json_object_object_add(o, "parent", report_new_string(first ? first->parent : NULL));
    json_object_object_add(o, "member", report_new_string(first ? first->member : NULL));
    char *stored = evidence_path(data_dir, sha);
    json_object_object_add(o, "stored", json_object_new_string(stored));
    free(stored);
    json_object_object_add(o, "receptions", receptions_json(receptions));
    json_object *pages = NULL, *children = NULL;
    if (saved) {
        json_object_object_get_ex(saved, "pages", &pages);
        json_object_object_get_ex(saved, "children", &children);
    }
    json_object_object_add(o, "pages", pages ? json_object_get(pages) : json_object_new_array());
    json_object_object_add(o, "children",
                           children ? json_object_get(children) : json_object_new_array());
    json_object_object_add(o, "parents", report_parents(data_dir, sha));
    char *chain = report_chain(data_dir, sha);
    json_object_object_add(o, "chain", report_new_string(chain));
    free(chain);
    copy_member(o, "meta", saved);
    copy_member(o, "skipped", saved);
    report_flag_pages(data_dir, sha, result, o);
    json_object_put(saved);
    item_result_free(result);
    item_receptions_free(receptions);
    return o;
}

/* report_parents - follow the first reception's parent upwards */
json_object *report_parents(const char *data_dir, const char *sha)
{
    json_object *chain = json_object_new_array();
    char *current = xstrdup(sha);
    for (int depth = 0; current && depth < MAX_PARENTS; depth++) {
        item_receptions *receptions = item_receptions_load(data_dir, current, NULL);
        const item_reception *first = item_receptions_first(receptions);
        const char *parent = first ? first->parent : NULL;
        const char *member = first ? first->member : NULL;
        int cycle = parent == NULL || strcmp(parent, sha) == 0;
        for (size_t i = 0; !cycle && i < json_object_array_length(chain); i++) {
            const char *seen = report_string(json_object_array_get_idx(chain, i), "sha256");
            cycle = strcmp(parent, seen) == 0;
        }
        free(current);
        current = NULL;
        if (!cycle) {
            item_receptions *up = item_receptions_load(data_dir, parent, NULL);
            const item_reception *up_first = item_receptions_first(up);
            json_object *link = json_object_new_object();
            json_object_object_add(link, "sha256", json_object_new_string(parent));
            json_object_object_add(link, "name",
                                   report_new_string(up_first ? up_first->name : NULL));
            json_object_object_add(link, "member", report_new_string(member));
            json_object_array_add(chain, link);
            current = xstrdup(parent);
            item_receptions_free(up);
        }
        item_receptions_free(receptions);
    }
    free(current);
    return chain;
}
