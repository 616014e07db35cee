/*
 * results_json.c - search results as JSON, for the HTTP API and `dokaz search --json`.
 *
 * A hit's snippet is given as HTML (output_snippet_html: escaped, matches in
 * <b>...</b>), which the web UI inserts as it is. The possible matches of a
 * person's name follow the hits, each saying "match": "possible". Paths are written without
 * escaped slashes, and absent strings as null, not left out.
 *
 * Xapian counts the files it examined and estimates the rest when a match
 * stops early: such a total is flagged "total_approximate": true (and
 * "possible_approximate" for possible_total), as "facets_approximate" flags
 * estimated facet counts.
 *
 * Functions: output_results_json, output_results_facets_json, out_json_string,
 * out_estimates_json.
 */
#include "output/output.h"
#include "output/output_int.h"
#include "common/xalloc.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

/* json_str - a JSON string, or null for NULL */
static json_object *json_str(const char *s)
{
    return s != NULL ? json_object_new_string(s) : NULL;
}

/* json_list - a NULL-terminated list as a JSON array (empty for NULL) */
static json_object *json_list(char *const *list)
{
    json_object *a = json_object_new_array();
    for (size_t i = 0; list != NULL && list[i] != NULL; i++)
        json_object_array_add(a, json_object_new_string(list[i]));
    return a;
}

/* add_fields_json - a hit's item fields, matched words and the matched
 * person's role ("role", only on a hit whose person has one) */
static void add_fields_json(json_object *o, const index_hit *h)
{
    json_object_object_add(o, "type", json_str(h->type ? h->type : ""));
    json_object_object_add(o, "date", json_str(h->date));
    json_object_object_add(o, "cases", json_list(h->cases));
    json_object_object_add(o, "courts", json_list(h->courts));
    json_object_object_add(o, "articles", json_list(h->articles));
    json_object_object_add(o, "matched", json_list(h->matched));
    if (h->role != NULL)
        json_object_object_add(o, "role", json_str(h->role));
}

/* hit_json - one hit, with how it matched (OUTPUT_MATCH_*) */
static json_object *hit_json(const index_hit *h, const char *match)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "match", json_str(match));
    json_object_object_add(o, "sha256", json_str(h->sha256));
    json_object_object_add(o, "name", json_str(h->name));
    json_object_object_add(o, "path", json_str(h->path));
    json_object_object_add(o, "member", json_str(h->member));
    json_object_object_add(o, "mime", json_str(h->mime));
    json_object_object_add(o, "page", json_object_new_int(h->page));
    json_object_object_add(o, "score", json_object_new_double(h->score));
    json_object_object_add(o, "percent", json_object_new_int(h->percent));
    char *snippet = output_snippet_html(h);
    json_object_object_add(o, "snippet", json_str(snippet ? snippet : ""));
    free(snippet);
    json_object_object_add(o, "chain", json_str(h->chain));
    if (h->shard != NULL)
        json_object_object_add(o, "shard", json_str(h->shard));
    add_fields_json(o, h);
    return o;
}

/* facets_json - [{"name","values":[{"value","label","count"}]}] */
static json_object *facets_json(const index_results *r)
{
    json_object *a = json_object_new_array();
    for (size_t i = 0; i < r->nfacets; i++) {
        json_object *f = json_object_new_object(), *values = json_object_new_array();
        json_object_object_add(f, "name", json_str(r->facets[i].name));
        for (size_t k = 0; k < r->facets[i].count; k++) {
            const index_facet_value *v = &r->facets[i].values[k];
            json_object *jv = json_object_new_object();
            json_object_object_add(jv, "value", json_str(v->value));
            json_object_object_add(jv, "label", json_str(v->label));
            json_object_object_add(jv, "count", json_object_new_int64(v->count));
            json_object_array_add(values, jv);
        }
        json_object_object_add(f, "values", values);
        json_object_array_add(a, f);
    }
    return a;
}

/* output_results_facets_json - the facets alone */
char *output_results_facets_json(const index_results *results)
{
    if (results == NULL)
        return xstrdup("[]");
    return out_json_string(facets_json(results));
}

/* output_results_json - {"query","total","hits":[...]} (malloc'd; NULL for NULL) */
char *output_results_json(const index_results *results)
{
    if (results == NULL)
        return NULL;
    json_object *root = json_object_new_object();
    json_object *hits = json_object_new_array();
    if (root == NULL || hits == NULL) {
        json_object_put(root);
        json_object_put(hits);
        return NULL;
    }
    json_object_object_add(root, "query", json_str(results->query ? results->query : ""));
    json_object_object_add(root, "total", json_object_new_int64(results->total));
    json_object_object_add(root, "possible_total", json_object_new_int64(results->possible_total));
    out_estimates_json(root, results);
    for (size_t i = 0; i < results->count; i++)
        json_object_array_add(hits, hit_json(&results->hits[i], OUTPUT_MATCH_EXACT));
    for (size_t i = 0; i < results->npossible; i++)
        json_object_array_add(hits, hit_json(&results->possible[i], OUTPUT_MATCH_POSSIBLE));
    json_object_object_add(root, "hits", hits);
    if (results->nfacets > 0)
        json_object_object_add(root, "facets", facets_json(results));
    if (results->nfacets > 0 && results->facets_approximate) /* estimated counts */
        json_object_object_add(root, "facets_approximate", json_object_new_boolean(1));
    if (results->shards_named > 0) { /* which shards answered (DATA/shards.conf) */
        json_object *sh = json_object_new_object();
        json_object_object_add(sh, "named", json_object_new_int(results->shards_named));
        json_object_object_add(sh, "answered", json_object_new_int(results->shards_answered));
        if (results->shards_failed != NULL)
            json_object_object_add(sh, "failed", json_str(results->shards_failed));
        json_object_object_add(root, "shards", sh);
    }
    return out_json_string(root);
}

/* out_estimates_json - the flags of r's estimated totals, into o */
void out_estimates_json(json_object *o, const index_results *r)
{
    if (r->total_approximate)
        json_object_object_add(o, "total_approximate", json_object_new_boolean(1));
    if (r->possible_approximate && r->possible_total > 0)
        json_object_object_add(o, "possible_approximate", json_object_new_boolean(1));
}

/* out_json_string - o as compact JSON (malloc'd), o released */
char *out_json_string(json_object *o)
{
    const char *s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
                                                          JSON_C_TO_STRING_NOSLASHESCAPE);
    char *copy = s ? xstrdup(s) : NULL; /* json-c returns NULL when it fails */
    json_object_put(o);
    return copy;
}
