/*
 * visible.c - what a user limited to collections may see of where an item
 * came from: only the receptions into their collections. The same content
 * received into two collections has a reception in each, and a hit or a
 * document's page must not show the path or the container of the other.
 *
 * The folder facet counts items by the folder of their first reception,
 * which may lie in another collection: a limited user does not get it.
 *
 * Functions: visible_receptions, visible_hits, visible_facets, visible_custody.
 */
#include "web/web_private.h"
#include "ingest/collection.h"
#include "custody/custody.h"
#include "common/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* visible_receptions - drop the receptions into other collections; the
 * chain of containers goes too when it was the first reception's */
void visible_receptions(const char *data_dir, const char *const *granted, item_report *r)
{
    item_receptions *list = r->receptions;
    if (granted == NULL || list == NULL)
        return;
    const item_reception *first = r->first;
    size_t kept = 0;
    for (size_t i = 0; i < list->n; i++) {
        item_reception *rec = &list->list[i];
        if (collection_reception_in(data_dir, rec, granted)) {
            list->list[kept++] = *rec;
            continue;
        }
        if (rec == first) {
            report_parents_free(&r->parents);
            first = NULL;
        }
        g_free((char *)rec->time);
        g_free((char *)rec->path);
        g_free((char *)rec->name);
        g_free((char *)rec->parent);
        g_free((char *)rec->member);
        g_free((char *)rec->collection);
    }
    list->n = kept;
    r->first = item_receptions_first(list);
}

/* replace - *field = a copy of value (malloc'd, as index hits hold them) */
static void replace(char **field, const char *value, int empty)
{
    free(*field);
    *field = value ? xstrdup(value) : empty ? xstrdup("") : NULL;
}

/* visible_hits - a hit whose first reception lies elsewhere shows the first
 * of the user's, and no chain (set to "", so callers do not compute one) */
void visible_hits(const char *data_dir, const char *const *granted, index_hit *hits, size_t n)
{
    for (size_t i = 0; granted != NULL && i < n; i++) {
        index_hit *h = &hits[i];
        item_receptions *list = item_receptions_load(data_dir, h->sha256, NULL);
        const item_reception *first = item_receptions_first(list), *mine = NULL;
        for (size_t k = 0; list && k < list->n && mine == NULL; k++)
            if (collection_reception_in(data_dir, &list->list[k], granted))
                mine = &list->list[k];
        if (mine != NULL && mine != first) {
            replace(&h->name, mine->name, 1);
            replace(&h->path, mine->path, 1);
            replace(&h->member, mine->member, 0);
            replace(&h->chain, "", 1);
        }
        item_receptions_free(list);
    }
}

/* visible_facets - without the folder facet (its values are the first
 * reception's folders, of any collection) */
void visible_facets(const char *const *granted, index_results *r)
{
    size_t kept = 0;
    for (size_t i = 0; granted != NULL && i < r->nfacets; i++) {
        index_facet *f = &r->facets[i];
        if (strcmp(f->name, "folder") != 0) {
            r->facets[kept++] = *f;
            continue;
        }
        for (size_t k = 0; k < f->count; k++) {
            free(f->values[k].value);
            free(f->values[k].label);
        }
        free(f->values);
        free(f->name);
    }
    if (granted != NULL)
        r->nfacets = kept;
}

/* seen_event - 1 if a limited user may see the custody event: its path, if
 * any, is one of their receptions'; a requeue for a collection is theirs */
static int seen_event(json_object *e, const char *const *granted, const item_report *r)
{
    json_object *v = NULL;
    const char *prefix = "received into the collection ";
    if (json_object_object_get_ex(e, "reason", &v) && json_object_is_type(v, json_type_string) &&
        strncmp(json_object_get_string(v), prefix, strlen(prefix)) == 0)
        return g_strv_contains(granted, json_object_get_string(v) + strlen(prefix));
    if (!json_object_object_get_ex(e, "path", &v) || !json_object_is_type(v, json_type_string))
        return 1;
    for (size_t i = 0; r->receptions && i < r->receptions->n; i++)
        if (r->receptions->list[i].path &&
            strcmp(r->receptions->list[i].path, json_object_get_string(v)) == 0)
            return 1;
    return 0;
}

/* visible_custody - the item's events, those of other collections left out */
json_object *visible_custody(const char *data_dir, const char *sha256, const char *const *granted,
                             const item_report *r, char **err)
{
    json_object *o = custody_events(data_dir, sha256, err), *events = NULL;
    if (o == NULL || granted == NULL || !json_object_object_get_ex(o, "events", &events))
        return o;
    json_object *kept = json_object_new_array();
    for (size_t i = 0; i < json_object_array_length(events); i++) {
        json_object *e = json_object_array_get_idx(events, i);
        if (seen_event(e, granted, r))
            json_object_array_add(kept, json_object_get(e));
    }
    json_object_object_add(o, "events", kept);
    return o;
}
