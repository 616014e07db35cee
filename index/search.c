/*
 * search.c - searching the index: query parsing, one hit per file, snippets.
 *
 * Functions: index_search, index_search_ex, index_results_free,
 * ix_searcher_open, ix_searcher_run, ix_searcher_close.
 *
 * The query is parsed twice with the same syntax: once with Russian stemming
 * (STEM_SOME, which decides what matches: "приговор" finds "приговора") and
 * once without (which only adds weight: a page with the very word form the
 * user typed ranks above one with another form of it). Pages are collapsed on
 * the item's SHA-256, so each file appears once, with its best page. Each
 * search opens the database afresh, so it sees the latest commit; should the
 * writer commit twice while we read (DatabaseModifiedError), we reopen and run
 * the search again.
 *
 * Names and fields (index/query/query.h): before parsing, bare words get their
 * name alternatives and name: values are set aside; field processors turn
 * name: case: article: court: ... into terms of index/schema.h. Filters,
 * sorting by date and facet counts come from index_search_opts; a hit also
 * carries its item's fields and the words of its page that matched, with a
 * snippet (snippet.c: plain text and the spans that matched) around a name
 * matched by its key (which Xapian's snippets cannot see) or Xapian's.
 */
#include "index/index.h"
#include "index/query/query.h"
#include "index/schema.h"
#include "index/searcher.h"
#include "index/xapian/xapian_c.h"
#include "common/error.h"

#include <glib.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define QUERY_FLAGS (XC_QP_PHRASE | XC_QP_BOOLEAN | XC_QP_LOVEHATE | XC_QP_WILDCARD | \
                     XC_QP_PURE_NOT)
#define MAX_WILDCARD_TERMS 500   /* "а*" must not expand into the whole vocabulary */
#define SNIPPET_CHARS 200        /* about this many characters of text per hit */
#define CHECK_EXTRA 100          /* examine this many more documents for a better total */
#define SEARCH_TRIES 3
#define DEFAULT_LIMIT 20
#define FACET_CHECK_MAX 200000   /* documents examined for facet counts, at most */

struct ix_searcher {
    xc_db *db;
    names *names;
    fields *fields;
    xc_stem *stem;
};

/* parse_query - the parser set up for our schema, with the given stemming;
 * iq's field processors in the exact pass (STEM_NONE) or the stemmed one */
static xc_query *parse_query(xc_db *db, const char *text, int strategy, ix_query *iq,
                             char **err)
{
    xc_query *q = NULL;
    xc_qp *qp = xc_qp_new(err);
    if (qp == NULL)
        return NULL;
    xc_qp_set_database(qp, db);
    xc_qp_set_stemming_strategy(qp, strategy);
    xc_qp_set_max_expansion(qp, MAX_WILDCARD_TERMS);
    if (xc_qp_set_stemmer(qp, IX_STEMMER, err) == 0
        && xc_qp_set_default_op(qp, XC_OP_AND, err) == 0
        && xc_qp_add_prefix(qp, IX_FIELD_FILE, IX_PREFIX_FILE, err) == 0
        && xc_qp_add_boolean_prefix(qp, IX_FIELD_SHA, IX_PREFIX_ITEM, err) == 0
        && xc_qp_add_boolean_prefix(qp, IX_FIELD_MIME, IX_PREFIX_MIME, err) == 0
        && ix_query_add_fields(iq, qp, strategy == XC_STEM_NONE, err) == 0) {
        int rc = 0;
        for (size_t k = 0; k < IX_META_FIELD_COUNT && rc == 0; k++)
            rc = xc_qp_add_prefix(qp, ix_meta_fields[k].field, ix_meta_fields[k].prefix, err);
        if (rc == 0)
            q = xc_qp_parse(qp, text, QUERY_FLAGS, err);
    }
    xc_qp_free(qp);
    return q;
}

/* build_query - the rewritten text: stemmed query AND_MAYBE exact query */
static xc_query *build_query(xc_db *db, const char *query, ix_query *iq, int use_names,
                             char **err)
{
    char *text = ix_query_rewrite(iq, query, use_names);
    xc_query *stemmed = parse_query(db, text, XC_STEM_SOME, iq, err);
    xc_query *exact = stemmed ? parse_query(db, text, XC_STEM_NONE, iq, NULL) : NULL;
    g_free(text);
    if (stemmed != NULL && ix_query_error(iq) != NULL) {   /* a field value it cannot read */
        dk_fail(err, "%s", ix_query_error(iq));
        xc_query_free(stemmed);
        xc_query_free(exact);
        return NULL;
    }
    if (stemmed == NULL)
        return NULL;
    if (exact == NULL)          /* same syntax, so not expected; the stems still work */
        return stemmed;
    xc_query *q = xc_query_combine(XC_OP_AND_MAYBE, stemmed, exact, err);
    xc_query_free(stemmed);
    xc_query_free(exact);
    return q;
}

/* snippet_length - bytes for about SNIPPET_CHARS characters of this text:
 * Xapian measures snippets in bytes, and Cyrillic takes two per letter */
static size_t snippet_length(const char *text)
{
    size_t bytes = 0, chars = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++, bytes++)
        if ((*p & 0xC0) != 0x80)
            chars++;
    if (chars == 0)
        return SNIPPET_CHARS;
    return SNIPPET_CHARS * bytes / chars;
}

/* get_str - a JSON member as a malloc'd string; NULL if absent or null and !empty */
static char *get_str(json_object *o, const char *key, int empty)
{
    json_object *v = NULL;
    if (o != NULL && json_object_object_get_ex(o, key, &v) && v != NULL
        && json_object_is_type(v, json_type_string))
        return strdup(json_object_get_string(v));
    return empty ? strdup("") : NULL;
}

/* get_list - a JSON array of strings as a NULL-terminated list (g_strfreev) */
static char **get_list(json_object *o, const char *key)
{
    json_object *v = NULL;
    GPtrArray *a = g_ptr_array_new();
    if (o != NULL && json_object_object_get_ex(o, key, &v) && json_object_is_type(v, json_type_array))
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

/* fill_hit - one hit from the document data of mset entry i */
static int fill_hit(const ix_searcher *s, const ix_query *iq, const xc_mset *m, size_t i,
                    index_hit *h, char **err)
{
    char *data = xc_mset_data(m, i, NULL, err);
    if (data == NULL)
        return -1;
    json_object *o = json_tokener_parse(data);   /* NULL if damaged: empty fields */
    free(data);

    h->sha256 = get_str(o, "sha256", 1);
    h->name = get_str(o, "name", 1);
    h->path = get_str(o, "path", 1);
    h->member = get_str(o, "member", 0);
    h->mime = get_str(o, "mime", 1);
    json_object *page = NULL;
    h->page = json_object_object_get_ex(o, "page", &page) ? json_object_get_int(page) : 0;
    h->score = xc_mset_weight(m, i);
    h->percent = xc_mset_percent(m, i);
    fill_fields(o, h);

    json_object *text = NULL;
    const char *t = "";
    if (json_object_object_get_ex(o, "text", &text) && json_object_is_type(text, json_type_string))
        t = json_object_get_string(text);
    char *html = NULL;
    if (!ix_snippet(iq, s->names, s->stem, t, SNIPPET_CHARS, h)) {
        /* no name matched by its key: Xapian's snippet */
        html = xc_mset_snippet(m, t, snippet_length(t), IX_STEMMER,
                               XC_SNIPPET_BACKGROUND_MODEL | XC_SNIPPET_EXHAUSTIVE,
                               "<b>", "</b>", "…", err);
        if (html != NULL)
            ix_snippet_from_html(html, h);
    }
    json_object_put(o);
    free(html);
    if (h->snippet == NULL)
        return -1;
    if (h->sha256 == NULL || h->name == NULL || h->path == NULL || h->mime == NULL)
        return dk_fail(err, "out of memory");
    return 0;
}

/* search_once - run query q and fill r->hits, r->total and r->facets */
static int search_once(const ix_searcher *s, const ix_query *iq, const xc_query *q,
                       const char *query, const index_search_opts *o, index_results *r,
                       char **err)
{
    int rc = -1;
    char *why = NULL;
    xc_enquire *e = NULL;
    xc_mset *m = NULL;
    ix_facets *facets = NULL;
    xc_db *db = s->db;
    size_t offset = o->offset, limit = o->limit;

    unsigned long docs = xc_db_doccount(db);
    unsigned first = offset > docs ? (unsigned)docs : (unsigned)offset;
    unsigned max = limit > docs - first ? (unsigned)(docs - first) : (unsigned)limit;
    unsigned long long want = (unsigned long long)first + max + CHECK_EXTRA;
    unsigned check = want > UINT_MAX ? UINT_MAX : (unsigned)want;
    if (o->facets)              /* every match counts: look at them all */
        check = docs > FACET_CHECK_MAX ? FACET_CHECK_MAX : (unsigned)MAX(docs, check);

    if ((e = xc_enquire_new(db, &why)) == NULL
        || xc_enquire_set_query(e, q, &why) < 0
        || xc_enquire_set_collapse_key(e, IX_SLOT_SHA, 1, &why) < 0
        || (o->sort != INDEX_SORT_RELEVANCE &&
            xc_enquire_set_sort_by_value(e, IX_SLOT_DATE, o->sort == INDEX_SORT_NEWEST, &why) < 0)
        || (o->facets && ix_facets_add(e, &facets, &why) < 0)
        || (m = xc_enquire_get_mset(e, first, max, check, &why)) == NULL)
        goto out;

    size_t n = xc_mset_size(m);
    if (n > 0 && (r->hits = calloc(n, sizeof *r->hits)) == NULL) {
        dk_fail(&why, "out of memory");
        goto out;
    }
    for (r->count = 0; r->count < n; r->count++)
        if (fill_hit(s, iq, m, r->count, &r->hits[r->count], &why) < 0) {
            r->count++;         /* so the partly filled hit is freed too */
            goto out;
        }
    r->total = (long)xc_mset_estimated(m);
    if (r->total < (long)(offset + n))   /* an estimate: never below what we show */
        r->total = (long)(offset + n);
    rc = facets ? ix_facets_collect(facets, db, o->facet_limit, r, &why) : 0;
out:
    if (rc < 0)
        dk_fail(err, "search for \"%s\" failed: %s", query, why ? why : "unknown error");
    free(why);
    xc_mset_free(m);
    xc_enquire_free(e);
    ix_facets_free(facets);
    return rc;
}

/* clear_hits - free the hits of r and forget them */
static void clear_hits(index_results *r)
{
    for (size_t i = 0; i < r->count; i++) {
        index_hit *h = &r->hits[i];
        free(h->sha256);
        free(h->name);
        free(h->path);
        free(h->member);
        free(h->mime);
        free(h->snippet);
        free(h->marks);
        free(h->chain);
        free(h->type);
        free(h->date);
        g_strfreev(h->cases);
        g_strfreev(h->courts);
        g_strfreev(h->articles);
        g_strfreev(h->matched);
    }
    free(r->hits);
    r->hits = NULL;
    r->count = 0;
    r->total = 0;
    ix_facets_clear(r);
}

/* ix_searcher_open - the database and the tables of names, fields, stems */
ix_searcher *ix_searcher_open(const char *dir, int *absent, char **err)
{
    char *why = NULL;
    ix_searcher *s = g_new0(ix_searcher, 1);
    *absent = 0;
    s->db = xc_db_open(dir, absent, &why);
    if (s->db == NULL) {
        if (!*absent)
            dk_fail(err, "cannot search the index in %s: %s", dir, why ? why : "unknown error");
    } else if ((s->names = names_new(&why)) == NULL ||
               (s->fields = fields_new(s->names, &why)) == NULL ||
               (s->stem = xc_stem_new(IX_STEMMER, &why)) == NULL) {
        dk_fail(err, "cannot search the index in %s: %s", dir, why ? why : "unknown error");
    } else {
        free(why);
        return s;
    }
    free(why);
    ix_searcher_close(s);
    return NULL;
}

/* ix_searcher_close - everything */
void ix_searcher_close(ix_searcher *s)
{
    if (s == NULL)
        return;
    xc_stem_free(s->stem);
    fields_free(s->fields);
    names_free(s->names);
    xc_db_close(s->db);
    g_free(s);
}

/* with_filters - q filtered by the options' filters (q itself if none) */
static xc_query *with_filters(xc_query *q, const index_search_opts *o, char **err)
{
    char *why = NULL;
    xc_query *f = ix_filters_query(o, &why);
    if (f == NULL && why == NULL)
        return q;
    xc_query *both = f ? xc_query_combine(XC_OP_FILTER, q, f, &why) : NULL;
    if (both == NULL)
        dk_fail(err, "%s", why ? why : "cannot apply the filters");
    free(why);
    xc_query_free(f);
    xc_query_free(q);
    return both;
}

/* ix_searcher_run - parse, filter, search, retry if the writer overtook us */
int ix_searcher_run(ix_searcher *s, const char *query, const index_search_opts *opts,
                    index_results *r, char **err)
{
    index_search_opts o = opts ? *opts : (index_search_opts){0};
    if (o.limit == 0)
        o.limit = DEFAULT_LIMIT;
    ix_query *iq = ix_query_new(s->names, s->fields);
    char *why = NULL;
    int rc = -1;
    xc_query *q = build_query(s->db, query, iq, !o.exact, &why);
    if (q == NULL)
        dk_fail(err, "cannot understand the query \"%s\": %s", query,
                why ? why : "unknown error");
    else if ((q = with_filters(q, &o, &why)) == NULL)
        dk_fail(err, "cannot filter the search for \"%s\": %s", query, why ? why : "?");
    for (int tries = 0; q != NULL && tries < SEARCH_TRIES; tries++) {
        rc = search_once(s, iq, q, query, &o, r, &why);
        if (rc == 0)
            break;
        clear_hits(r);
        if (xc_db_reopen(s->db, NULL) != 1)   /* nothing new: the failure is real */
            break;
    }
    if (q != NULL && rc < 0)
        dk_fail(err, "%s", why ? why : "search failed");
    free(why);
    xc_query_free(q);
    ix_query_free(iq);
    return rc;
}

/* index_search_ex - open, run, close */
int index_search_ex(const char *dir, const char *query, const index_search_opts *opts,
                    index_results **out, char **err)
{
    if (out == NULL)
        return dk_fail(err, "search: nowhere to put the results");
    *out = NULL;
    if (dir == NULL || query == NULL)
        return dk_fail(err, "search: no index directory or no query");

    index_results *r = calloc(1, sizeof *r);
    if (r == NULL || (r->query = strdup(query)) == NULL) {
        free(r);
        return dk_fail(err, "search: out of memory");
    }
    int absent = 0;
    ix_searcher *s = ix_searcher_open(dir, &absent, err);
    if (s == NULL && absent) {      /* nothing indexed yet: an empty answer, not an error */
        *out = r;
        return 0;
    }
    int rc = s != NULL ? ix_searcher_run(s, query, opts, r, err) : -1;
    ix_searcher_close(s);
    if (rc < 0) {
        index_results_free(r);
        return -1;
    }
    *out = r;
    return 0;
}

/* index_search - index_search_ex with offset and limit only */
int index_search(const char *dir, const char *query, size_t offset, size_t limit,
                 index_results **out, char **err)
{
    index_search_opts o = {.offset = offset, .limit = limit};
    if (limit == 0)             /* no hits asked for, only the total */
        o.limit = 1;
    int rc = index_search_ex(dir, query, &o, out, err);
    if (rc == 0 && limit == 0 && *out != NULL && (*out)->count > 0) {
        long total = (*out)->total;
        clear_hits(*out);
        (*out)->total = total;
    }
    return rc;
}

/* index_results_free - free everything */
void index_results_free(index_results *results)
{
    if (results == NULL)
        return;
    clear_hits(results);
    free(results->query);
    free(results);
}
