/*
 * facets.c - facet counts and filters for index_search_ex: by type, court,
 * article, year, language and folder (see facets.h).
 *
 * A facet counts a file once however many of its pages match: every page
 * carries a facet key (its file's SHA-256 and all facet values, in one value
 * slot, IX_SLOT_FACETS; the writer also reads its earlier values there), and
 * Xapian's ValueCountMatchSpy lists the distinct keys, so each matching file
 * is one key. That spy serialises, so remote shards count too. A broad
 * query counts the files of its first pages examined (index_search_opts'
 * facet_check) and scales them to the total: approximate, and flagged so. A filter takes a facet's value as it is (court "gor minsk")
 * or, for case, date and born, what the query language takes.
 *
 * Functions: ix_facets_note, ix_facets_get, ix_facets_add, ix_facets_collect, ix_facets_free,
 * ix_facets_clear, ix_filters_query.
 */
#include "index/facets.h"
#include "index/query/query.h"
#include "index/schema.h"
#include "common/error.h"
#include "common/xalloc.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FACET_LIMIT 20

/* The facets (IX_FACET_...): name, and the separator of one holding several values. */
static const struct {
    const char *name;
    char sep;
} facet_kinds[IX_NFACETS] = {
    [IX_FACET_TYPE] = {"type", '\0'},         [IX_FACET_COURT] = {"court", IX_SEP},
    [IX_FACET_ARTICLE] = {"article", IX_SEP}, [IX_FACET_YEAR] = {"year", '\0'},
    [IX_FACET_LANG] = {"lang", '\0'},         [IX_FACET_FOLDER] = {"folder", '\0'},
};

struct ix_facets {
    xc_facet *key; /* the IX_SLOT_FACETS values: one per matching file */
};

/* ix_facets_note - the facet key of doc: its SHA-256 and every facet's
 * value, joined by IX_FACET_SEP */
int ix_facets_note(xc_doc *doc, const char *sha, const char *const values[IX_NFACETS], char **err)
{
    GString *key = g_string_new(sha);
    for (size_t i = 0; i < IX_NFACETS; i++) {
        g_string_append_c(key, IX_FACET_SEP);
        g_string_append(key, values[i] ? values[i] : "");
    }
    int rc = xc_doc_add_value(doc, IX_SLOT_FACETS, key->str, key->len, err);
    g_string_free(key, TRUE);
    return rc;
}

/* ix_facets_get - part facet + 1 of the key (the SHA-256 is part 0) */
char *ix_facets_get(const xc_doc *doc, int facet)
{
    char *key = xc_doc_get_value(doc, IX_SLOT_FACETS, NULL);
    const char *p = key;
    for (int i = 0; p != NULL && i <= facet; i++) {
        p = strchr(p, IX_FACET_SEP);
        p = p != NULL ? p + 1 : NULL;
    }
    const char *end = p != NULL ? strchr(p, IX_FACET_SEP) : NULL;
    char *value = p == NULL ? xstrdup("") : end ? xstrndup(p, (size_t)(end - p)) : xstrdup(p);
    free(key);
    return value;
}

/* ix_facets_add - one counter of the facet keys */
int ix_facets_add(xc_enquire *e, ix_facets **out, char **err)
{
    ix_facets *fs = g_new0(ix_facets, 1);
    if ((fs->key = xc_facet_new(IX_SLOT_FACETS, err)) == NULL ||
        xc_enquire_add_facet(e, fs->key, err) < 0) {
        ix_facets_free(fs);
        return -1;
    }
    *out = fs;
    return 0;
}

/* ix_facets_free - the counter */
void ix_facets_free(ix_facets *f)
{
    if (f == NULL)
        return;
    xc_facet_free(f->key);
    g_free(f);
}

/* count_value - add 1 to *counts[value], the len bytes at s (value: the
 * caller's buffer for them) */
static void count_value(GHashTable *counts, const char *s, size_t len, GString *value)
{
    if (len == 0)
        return;
    g_string_truncate(value, 0);
    g_string_append_len(value, s, (gssize)len);
    long *n = g_hash_table_lookup(counts, value->str);
    if (n == NULL) {
        n = g_new0(long, 1);
        g_hash_table_insert(counts, g_strdup(value->str), n);
    }
    (*n)++;
}

/* count_values - count each of the values of one field, the len bytes at
 * field (split on sep, or whole when sep is 0) */
static void count_values(GHashTable *counts, const char *field, size_t len, char sep,
                         GString *value)
{
    const char *end = field + len;
    while (field <= end) {
        const char *stop = sep != '\0' ? memchr(field, sep, (size_t)(end - field)) : NULL;
        if (stop == NULL)
            stop = end;
        count_value(counts, field, (size_t)(stop - field), value);
        field = stop + 1;
    }
}

/* by_count - highest count first, then by value */
static gint by_count(gconstpointer a, gconstpointer b, gpointer counts)
{
    long na = *(long *)g_hash_table_lookup(counts, *(char *const *)a);
    long nb = *(long *)g_hash_table_lookup(counts, *(char *const *)b);
    if (na != nb)
        return na > nb ? -1 : 1;
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* label_of - what to show for a value: a court's name as written */
static char *label_of(xc_db *db, const char *facet, const char *value)
{
    if (strcmp(facet, "court") == 0) {
        char *key = g_strconcat(IX_COURT_META, value, NULL);
        char *meta = xc_db_get_metadata(db, key, NULL);
        g_free(key);
        char *label = meta != NULL && meta[0] != '\0' ? xstrdup(meta + 1) : NULL;
        free(meta);
        if (label != NULL)
            return label;
    }
    return xstrdup(value);
}

/* ix_facets_collect - the top values of each facet: every distinct key is a
 * file (all its pages carry the same key), so each counts once; a sample's
 * counts are scaled by total / files in the sample (at least 1) */
void ix_facets_collect(const ix_facets *f, xc_db *db, size_t limit, long total, index_results *r)
{
    if (limit == 0)
        limit = FACET_LIMIT;
    GHashTable *counts[IX_NFACETS];
    for (size_t i = 0; i < IX_NFACETS; i++)
        counts[i] = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    const char *key;
    size_t files = 0;
    GString *value = g_string_new(NULL); /* a value at a time */
    for (size_t k = 0; (key = xc_facet_value(f->key, k, NULL, NULL)) != NULL; k++, files++) {
        const char *part = strchr(key, IX_FACET_SEP); /* after the SHA-256, the facets in order */
        for (size_t i = 0; i < IX_NFACETS && part != NULL; i++) {
            part++;
            const char *next = strchr(part, IX_FACET_SEP);
            size_t len = next != NULL ? (size_t)(next - part) : strlen(part);
            count_values(counts[i], part, len, facet_kinds[i].sep, value);
            part = next;
        }
    }
    g_string_free(value, TRUE);
    r->facets = xcalloc(IX_NFACETS, sizeof *r->facets);
    r->nfacets = IX_NFACETS;
    for (size_t i = 0; i < IX_NFACETS; i++) {
        index_facet *out = &r->facets[i];
        guint nvalues = 0;
        char **values = (char **)g_hash_table_get_keys_as_array(counts[i], &nvalues);
        g_qsort_with_data(values, (gint)nvalues, sizeof *values, by_count, counts[i]);
        size_t n = MIN((size_t)nvalues, limit);
        out->name = xstrdup(facet_kinds[i].name);
        out->values = n > 0 ? xcalloc(n, sizeof *out->values) : NULL;
        for (size_t k = 0; k < n; k++) {
            out->values[k].value = xstrdup(values[k]);
            out->values[k].label = label_of(db, facet_kinds[i].name, values[k]);
            long n_seen = *(long *)g_hash_table_lookup(counts[i], values[k]);
            out->values[k].count = total > 0 && files > 0
                                       ? MAX(1, lround((double)n_seen * total / (double)files))
                                       : n_seen;
        }
        out->count = n;
        g_free(values);
        g_hash_table_destroy(counts[i]);
    }
}

/* ix_facets_clear - free r's facets */
void ix_facets_clear(index_results *r)
{
    for (size_t i = 0; i < r->nfacets; i++) {
        for (size_t k = 0; k < r->facets[i].count; k++) {
            free(r->facets[i].values[k].value);
            free(r->facets[i].values[k].label);
        }
        free(r->facets[i].values);
        free(r->facets[i].name);
    }
    free(r->facets);
    r->facets = NULL;
    r->nfacets = 0;
}

/* term_query - prefix + value */
static xc_query *term_query(const char *prefix, const char *value, char **err)
{
    char *t = g_strconcat(prefix, value, NULL);
    xc_query *q = xc_query_term(t, 1, 0, err);
    g_free(t);
    return q;
}

/* filter_query - the query of one filter */
static xc_query *filter_query(const index_filter *f, char **err)
{
    static const struct {
        const char *field, *prefix;
    } plain[] = {
        {"type", IX_PREFIX_TYPE}, {"court", IX_PREFIX_COURT}, {"article", IX_PREFIX_ARTICLE},
        {"year", IX_PREFIX_YEAR}, {"lang", IX_PREFIX_LANG},   {"folder", IX_PREFIX_FOLDER_PATH},
    };
    const char *v = f->value ? f->value : "";
    for (size_t i = 0; i < G_N_ELEMENTS(plain); i++)
        if (strcmp(f->field, plain[i].field) == 0)
            return term_query(plain[i].prefix, v, err);
    long from, to;
    char c[64];
    if (strcmp(f->field, "case") == 0 && fields_parse_case(v, c, sizeof c) == 0)
        return term_query(IX_PREFIX_CASE, c, err);
    if ((strcmp(f->field, "date") == 0 || strcmp(f->field, "born") == 0) &&
        fields_parse_dates(v, &from, &to) == 0)
        return ix_query_range(f->field[0] == 'd' ? IX_PREFIX_DATE : IX_PREFIX_BIRTH, from, to, err);
    if (strcmp(f->field, "case") == 0 || strcmp(f->field, "date") == 0 ||
        strcmp(f->field, "born") == 0)
        dk_fail(err, "filter %s: cannot read \"%s\"", f->field, v);
    else
        dk_fail(err,
                "no filter \"%s\": use type, court, article, year, lang, folder, case, "
                "date or born",
                f->field);
    return NULL;
}

/* ix_filters_query - OR within a field, AND across fields */
xc_query *ix_filters_query(const index_search_opts *opts, char **err)
{
    if (opts == NULL || opts->nfilters == 0 || opts->filters == NULL)
        return NULL;
    GPtrArray *field_names = g_ptr_array_new(); /* distinct field names, in order */
    for (size_t i = 0; i < opts->nfilters; i++) {
        const char *name = opts->filters[i].field ? opts->filters[i].field : "";
        int seen = 0;
        for (guint k = 0; k < field_names->len; k++)
            seen |= strcmp(g_ptr_array_index(field_names, k), name) == 0;
        if (!seen)
            g_ptr_array_add(field_names, (gpointer)name);
    }
    GPtrArray *ands = g_ptr_array_new_with_free_func((GDestroyNotify)xc_query_free);
    int ok = 1;
    for (guint k = 0; ok && k < field_names->len; k++) {
        GPtrArray *ors = g_ptr_array_new_with_free_func((GDestroyNotify)xc_query_free);
        for (size_t i = 0; ok && i < opts->nfilters; i++) {
            index_filter f = opts->filters[i];
            if (f.field == NULL)
                f.field = "";
            if (strcmp(f.field, g_ptr_array_index(field_names, k)) != 0)
                continue;
            xc_query *q = filter_query(&f, err);
            ok = q != NULL;
            if (ok)
                g_ptr_array_add(ors, q);
        }
        xc_query *any = ok ? xc_query_list(XC_OP_OR, (xc_query **)ors->pdata, ors->len, 0, err)
                           : NULL;
        ok = any != NULL;
        if (ok)
            g_ptr_array_add(ands, any);
        g_ptr_array_free(ors, TRUE);
    }
    xc_query *all = ok ? xc_query_list(XC_OP_AND, (xc_query **)ands->pdata, ands->len, 0, err)
                       : NULL;
    g_ptr_array_free(ands, TRUE);
    g_ptr_array_free(field_names, TRUE);
    return all;
}
