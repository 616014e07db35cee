/*
 * hits.c - a search hit read from its document: the item's strings and
 * fields from the document data, the weight and percentage from the match,
 * the page whose words match the query most, and its snippet
 * (match_snippet.c); and freeing hits.
 *
 * The document data is the JSON object schema.h describes: its pages, and
 * the item's, which only the item's first document holds (the others name
 * it). A damaged one gives a hit with empty strings and fields rather than
 * no hit: the file is still found, and its record says what it is.
 *
 * Functions: ix_hit_fill, ix_hits_clear.
 */
#include "index/hits.h"
#include "index/facets.h"
#include "index/match_snippet.h"
#include "index/schema.h"
#include "common/xalloc.h"

#include <glib.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* get_str - a JSON member as a malloc'd string; NULL if absent or null and !empty */
static char *get_str(json_object *o, const char *key, int empty)
{
    json_object *v = NULL;
    if (o != NULL && json_object_object_get_ex(o, key, &v) && v != NULL &&
        json_object_is_type(v, json_type_string))
        return xstrdup(json_object_get_string(v));
    return empty ? xstrdup("") : NULL;
}

/* get_list - a JSON array of strings as a NULL-terminated list (g_strfreev) */
static char **get_list(json_object *o, const char *key)
{
    json_object *v = NULL;
    GPtrArray *a = g_ptr_array_new();
    if (o != NULL && json_object_object_get_ex(o, key, &v) &&
        json_object_is_type(v, json_type_array))
        for (size_t i = 0; i < json_object_array_length(v); i++) {
            json_object *e = json_object_array_get_idx(v, i);
            if (json_object_is_type(e, json_type_string))
                g_ptr_array_add(a, g_strdup(json_object_get_string(e)));
        }
    g_ptr_array_add(a, NULL);
    return (char **)g_ptr_array_free(a, FALSE);
}

/* fill_fields - the item's fields of a hit */
static void fill_fields(json_object *o, index_hit *h)
{
    h->type = get_str(o, "type", 1);
    h->date = get_str(o, "date", 0);
    h->cases = get_list(o, "cases");
    h->courts = get_list(o, "courts");
    h->articles = get_list(o, "articles");
}

/* item_data - the data holding the item's members: o's own (a reference),
 * or that of the page o names (IX_DATA_ITEM); NULL if damaged or missing */
static json_object *item_data(const xc_mset *m, size_t i, json_object *o)
{
    json_object *first = NULL;
    if (!json_object_object_get_ex(o, IX_DATA_ITEM, &first))
        return json_object_get(o);
    char *sha = xc_mset_value(m, i, IX_SLOT_SHA);
    char unique[IX_SHA_LEN + 32];
    snprintf(unique, sizeof unique, IX_UNIQUE_FORMAT, sha, json_object_get_int(first));
    free(sha);
    char *data = xc_mset_term_data(m, unique, NULL);
    json_object *item = data != NULL ? json_tokener_parse(data) : NULL;
    free(data);
    return item;
}

/* hit_page - into *on the page of o (the data of entry i of m, schema.h)
 * the hit is on: one of its "pages" (ix_hit_page), or o itself, a page
 * document of an index written before them (or NULL, damaged); -1 with *err */
static int hit_page(const ix_query *iq, ix_words *words, const xc_mset *m, size_t i, json_object *o,
                    json_object **on, char **err)
{
    json_object *pages = NULL;
    *on = o;
    if (!json_object_object_get_ex(o, IX_DATA_PAGES, &pages) ||
        !json_object_is_type(pages, json_type_array) || json_object_array_length(pages) == 0)
        return 0;
    int k = ix_hit_page(iq, words, m, i, pages, err);
    if (k >= 0)
        *on = json_object_array_get_idx(pages, (size_t)k);
    return k < 0 ? -1 : 0;
}

/* ix_hit_fill - one hit from the document data of mset entry i */
int ix_hit_fill(const ix_query *iq, ix_words *words, const xc_mset *m, size_t i, index_hit *h,
                char **err)
{
    char *data = xc_mset_data(m, i, NULL, err);
    if (data == NULL)
        return -1;
    json_object *o = json_tokener_parse(data); /* NULL if damaged: empty fields */
    free(data);
    json_object *item = item_data(m, i, o);

    h->sha256 = get_str(item, "sha256", 1);
    h->name = get_str(item, "name", 1);
    h->path = get_str(item, "path", 1);
    h->member = get_str(item, "member", 0);
    h->mime = get_str(item, "mime", 1);
    json_object *on = NULL, *page = NULL;
    if (hit_page(iq, words, m, i, o, &on, err) < 0) {
        json_object_put(item);
        json_object_put(o);
        return -1;
    }
    h->page = json_object_object_get_ex(on, "page", &page) ? json_object_get_int(page) : 0;
    h->score = xc_mset_weight(m, i);
    h->percent = xc_mset_percent(m, i);
    fill_fields(item, h);
    json_object_put(item);

    json_object *text = NULL;
    const char *t = "";
    if (json_object_object_get_ex(on, IX_DATA_TEXT, &text) &&
        json_object_is_type(text, json_type_string))
        t = json_object_get_string(text);
    int rc = ix_snippet(iq, words, m, t, json_object_object_get(on, IX_DATA_ROLES), h, err);
    json_object_put(o);
    return rc < 0 ? -1 : 0;
}

/* free_hits - free n hits and their array */
static void free_hits(index_hit *hits, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        index_hit *h = &hits[i];
        free(h->sha256);
        free(h->name);
        free(h->path);
        free(h->member);
        free(h->mime);
        free(h->snippet);
        free(h->marks);
        free(h->chain);
        free(h->shard);
        free(h->type);
        free(h->date);
        g_strfreev(h->cases);
        g_strfreev(h->courts);
        g_strfreev(h->articles);
        g_strfreev(h->matched);
    }
    free(hits);
}

/* ix_hits_clear - free the hits and possible matches of r and forget them */
void ix_hits_clear(index_results *r)
{
    free_hits(r->hits, r->count);
    free_hits(r->possible, r->npossible);
    r->hits = r->possible = NULL;
    r->count = r->npossible = 0;
    r->total = r->possible_total = 0;
    ix_facets_clear(r);
}
