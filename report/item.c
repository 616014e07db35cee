/*
 * item.c - an item's record and its chain of containers (see report.h).
 *
 * Functions: report_item, report_parents, report_string.
 */
#include "report.h"
#include "ingest/evidence.h"
#include "ingest/items.h"
#include "ingest/queue.h"

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

/* copy_member - o[key] = from[from_key] (or null) */
static void copy_member(json_object *o, const char *key, json_object *from, const char *from_key)
{
    json_object *v = NULL;
    if (from)
        json_object_object_get_ex(from, from_key, &v);
    json_object_object_add(o, key, json_object_get(v));
}

/* first_receipt - the item's receptions into *receipts (caller puts them) and
 * the first of them, or NULL when there is none */
static json_object *first_receipt(const char *data_dir, const char *sha, json_object **receipts)
{
    *receipts = items_receipts(data_dir, sha, NULL);
    return *receipts && json_object_array_length(*receipts)
               ? json_object_array_get_idx(*receipts, 0) : NULL;
}

/* report_item - receptions, result and storage place in one object */
json_object *report_item(const char *data_dir, const char *sha)
{
    json_object *receipts = NULL, *first = first_receipt(data_dir, sha, &receipts);
    json_object *result = items_load_result(data_dir, sha, NULL);
    json_object *o = json_object_new_object();
    json_object_object_add(o, "sha256", json_object_new_string(sha));
    copy_member(o, "name", first, "name");
    copy_member(o, "path", first, "path");
    copy_member(o, "received", first, "time");
    copy_member(o, "size", first, "size");
    copy_member(o, "mime", result, "mime");
    const char *status = report_string(result, "status");
    if (status == NULL) {
        int state = queue_state_of(data_dir, sha);
        status = state == QUEUE_ACTIVE ? "processing" : state == QUEUE_INCOMING ? "queued" : "unknown";
    }
    json_object_object_add(o, "status", json_object_new_string(status));
    copy_member(o, "reason", result, "reason");
    copy_member(o, "parent", first, "parent");
    copy_member(o, "member", first, "member");
    char *stored = evidence_path(data_dir, sha);
    json_object_object_add(o, "stored", json_object_new_string(stored));
    free(stored);
    json_object_object_add(o, "receptions", receipts ? receipts : json_object_new_array());
    json_object *pages = NULL, *children = NULL;
    if (result) {
        json_object_object_get_ex(result, "pages", &pages);
        json_object_object_get_ex(result, "children", &children);
    }
    json_object_object_add(o, "pages", pages ? json_object_get(pages) : json_object_new_array());
    json_object_object_add(o, "children",
                           children ? json_object_get(children) : json_object_new_array());
    json_object_object_add(o, "parents", report_parents(data_dir, sha));
    char *chain = report_chain(data_dir, sha);
    json_object_object_add(o, "chain", chain ? json_object_new_string(chain) : NULL);
    free(chain);
    copy_member(o, "meta", result, "meta");
    copy_member(o, "skipped", result, "skipped");
    json_object_put(result);
    report_flag_pages(data_dir, sha, o);
    return o;
}

/* report_parents - follow the first reception's parent upwards */
json_object *report_parents(const char *data_dir, const char *sha)
{
    json_object *chain = json_object_new_array();
    char *current = strdup(sha);
    for (int depth = 0; current && depth < MAX_PARENTS; depth++) {
        json_object *receipts = NULL, *first = first_receipt(data_dir, current, &receipts);
        const char *parent = report_string(first, "parent");
        const char *member = report_string(first, "member");
        int cycle = parent == NULL || strcmp(parent, sha) == 0;
        for (size_t i = 0; !cycle && i < json_object_array_length(chain); i++)
            cycle = strcmp(parent, report_string(json_object_array_get_idx(chain, i),
                                                 "sha256")) == 0;
        free(current);
        current = NULL;
        if (!cycle) {
            json_object *p_receipts = NULL, *p_first = first_receipt(data_dir, parent, &p_receipts);
            json_object *link = json_object_new_object();
            json_object_object_add(link, "sha256", json_object_new_string(parent));
            copy_member(link, "name", p_first, "name");
            json_object_object_add(link, "member", member ? json_object_new_string(member) : NULL);
            json_object_array_add(chain, link);
            current = strdup(parent);
            json_object_put(p_receipts);
        }
        json_object_put(receipts);
    }
    free(current);
    return chain;
}
