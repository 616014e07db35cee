/*
 * item_fields.c - the fields of the item being indexed, given to each of its
 * documents (see item_fields.h for why they are item-level).
 *
 * Fields only grow while an item is indexed (one more case number, one more
 * article), except the single-valued ones (type, year, language), which an
 * apply replaces by reading what the document had from its facet key.
 * Every change bumps a version; a document (named by its first page)
 * remembers the version it was written with, so finishing rewrites only the
 * documents that missed something. A one-document item is never rewritten,
 * nor is an item whose fields were all given ahead of its pages
 * (ix_item_set_ahead): a document of such an item found stale is a bug,
 * rewritten all the same and said in the log.
 *
 * Functions: ix_item_new, ix_item_free, ix_item_sha, ix_item_start,
 * ix_item_set_ahead, ix_item_ahead, ix_item_docs_written, ix_item_first_page,
 * ix_item_add_fields, ix_item_apply,
 * ix_item_written, ix_item_update, ix_item_finish, ix_note_courts.
 */
#include "index/item_fields.h"
#include "index/facets.h"
#include "index/schema.h"
#include "common/error.h"
#include "common/log.h"

#include <glib.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A document written (its first page), and the version of the fields it got. */
typedef struct {
    int page;
    unsigned version;
} written_page;

struct ix_item {
    char sha[IX_SHA_LEN + 1];
    char *folder;                                  /* folder of the received path, NULL if none */
    GPtrArray *terms;                              /* item-level boolean terms, distinct */
    GPtrArray *cases, *articles, *courts, *labels; /* for values and data */
    const char *type, *lang; /* static strings from fields/, NULL if unknown */
    long date;               /* YYYYMMDD, 0 if none */
    unsigned version;
    int ahead; /* every page's fields were given before the first page */
    GArray *pages;
};

/* add_unique - append a copy of s unless it is there; 1 if appended */
static int add_unique(GPtrArray *a, const char *s)
{
    for (guint i = 0; i < a->len; i++)
        if (strcmp(g_ptr_array_index(a, i), s) == 0)
            return 0;
    g_ptr_array_add(a, g_strdup(s));
    return 1;
}

/* add_term - prefix + value as an item term (if short enough); 1 if new */
static int add_term(ix_item *it, const char *prefix, const char *value)
{
    if (value == NULL || *value == '\0' || strlen(prefix) + strlen(value) > IX_MAX_TERM)
        return 0;
    char *term = g_strconcat(prefix, value, NULL);
    int added = add_unique(it->terms, term);
    g_free(term);
    return added;
}

/* ix_item_new - empty lists */
ix_item *ix_item_new(void)
{
    ix_item *it = g_new0(ix_item, 1);
    it->terms = g_ptr_array_new_with_free_func(g_free);
    it->cases = g_ptr_array_new_with_free_func(g_free);
    it->articles = g_ptr_array_new_with_free_func(g_free);
    it->courts = g_ptr_array_new_with_free_func(g_free);
    it->labels = g_ptr_array_new_with_free_func(g_free);
    it->pages = g_array_new(FALSE, FALSE, sizeof(written_page));
    return it;
}

/* ix_item_free - everything */
void ix_item_free(ix_item *it)
{
    if (it == NULL)
        return;
    g_free(it->folder);
    g_ptr_array_free(it->terms, TRUE);
    g_ptr_array_free(it->cases, TRUE);
    g_ptr_array_free(it->articles, TRUE);
    g_ptr_array_free(it->courts, TRUE);
    g_ptr_array_free(it->labels, TRUE);
    g_array_free(it->pages, TRUE);
    g_free(it);
}

/* ix_item_sha - the item's hash */
const char *ix_item_sha(const ix_item *it)
{
    return it != NULL ? it->sha : "";
}

/* add_folder - the folder's components (lower case) and the folder itself */
static void add_folder(ix_item *it, const char *path)
{
    if (path == NULL || strchr(path, '/') == NULL)
        return;
    it->folder = g_path_get_dirname(path);
    char **parts = g_strsplit(it->folder, "/", -1);
    for (char **p = parts; *p; p++)
        if (**p != '\0' && strcmp(*p, ".") != 0) {
            char *lower = g_utf8_strdown(*p, -1);
            add_term(it, IX_PREFIX_FOLDER, lower);
            g_free(lower);
        }
    g_strfreev(parts);
    add_term(it, IX_PREFIX_FOLDER_PATH, it->folder);
}

/* ix_item_start - clear, then the item's own fields (its folder) */
void ix_item_start(ix_item *it, const char *sha, const char *path)
{
    g_ptr_array_set_size(it->terms, 0);
    g_ptr_array_set_size(it->cases, 0);
    g_ptr_array_set_size(it->articles, 0);
    g_ptr_array_set_size(it->courts, 0);
    g_ptr_array_set_size(it->labels, 0);
    g_array_set_size(it->pages, 0);
    g_free(it->folder);
    it->folder = NULL;
    it->type = it->lang = NULL;
    it->date = 0;
    it->version = 0;
    it->ahead = 0;
    snprintf(it->sha, sizeof it->sha, "%s", sha ? sha : "");
    add_folder(it, path);
}

/* ix_item_set_ahead - mark the fields complete */
void ix_item_set_ahead(ix_item *it)
{
    it->ahead = 1;
}

/* ix_item_ahead - whether they are */
int ix_item_ahead(const ix_item *it)
{
    return it->ahead;
}

/* ix_item_docs_written - documents noted by ix_item_written */
size_t ix_item_docs_written(const ix_item *it)
{
    return it->pages->len;
}

/* ix_item_first_page - the first page noted, -1 before */
int ix_item_first_page(const ix_item *it)
{
    return it->pages->len > 0 ? g_array_index(it->pages, written_page, 0).page : -1;
}

/* add_date_terms - prefix + YYYY, YYYYMM, YYYYMMDD (as far as known); 1 if new */
static int add_date_terms(ix_item *it, const char *prefix, const fields_date *d)
{
    char v[16];
    snprintf(v, sizeof v, "%04d", d->year);
    int added = add_term(it, prefix, v);
    if (d->month > 0) {
        snprintf(v, sizeof v, "%04d%02d", d->year, d->month);
        added |= add_term(it, prefix, v);
        snprintf(v, sizeof v, "%04d%02d%02d", d->year, d->month, d->day);
        added |= add_term(it, prefix, v);
    }
    return added;
}

/* add_dates - date terms, birth terms, and the latest date that is no birth
 * date and not beyond next year (a typo's 2204 must not sort first) */
static int add_dates(ix_item *it, const fields_page *p)
{
    GDateTime *now = g_date_time_new_now_utc();
    int last_year = g_date_time_get_year(now) + 1, changed = 0;
    g_date_time_unref(now);
    for (size_t i = 0; i < p->ndates; i++) {
        const fields_date *d = &p->dates[i];
        changed |= add_date_terms(it, d->birth ? IX_PREFIX_BIRTH : IX_PREFIX_DATE, d);
        long ymd = d->year * 10000L + d->month * 100L + d->day;
        if (!d->birth && d->month > 0 && d->year <= last_year && ymd > it->date) {
            it->date = ymd;
            changed = 1;
        }
    }
    return changed;
}

/* add_courts - the court terms, its words' terms, and its name for the data */
static int add_courts(ix_item *it, const fields_page *p)
{
    int changed = 0;
    for (size_t i = 0; i < p->ncourts; i++) {
        changed |= add_term(it, IX_PREFIX_COURT, p->courts[i].key);
        char **words = g_strsplit(p->courts[i].key, " ", -1);
        for (char **w = words; *w; w++)
            add_term(it, IX_PREFIX_COURT_WORD, *w);
        g_strfreev(words);
        if (add_unique(it->courts, p->courts[i].key)) {
            g_ptr_array_add(it->labels, g_strdup(p->courts[i].label));
            changed = 1;
        }
    }
    return changed;
}

/* ix_item_add_fields - merge one page's fields */
void ix_item_add_fields(ix_item *it, const fields_page *p)
{
    int changed = 0;
    for (size_t i = 0; i < p->ncases; i++) {
        changed |= add_term(it, IX_PREFIX_CASE, p->cases[i]);
        add_unique(it->cases, p->cases[i]);
    }
    for (size_t i = 0; i < p->narticles; i++) {
        changed |= add_term(it, IX_PREFIX_ARTICLE, p->articles[i]);
        add_unique(it->articles, p->articles[i]);
    }
    for (size_t i = 0; i < p->nparts; i++)
        changed |= add_term(it, IX_PREFIX_ARTICLE, p->parts[i]);
    changed |= add_courts(it, p);
    changed |= add_dates(it, p);
    if (it->type == NULL && strcmp(p->type, FIELDS_OTHER) != 0) {
        it->type = p->type; /* the first page with a type decides */
        changed = 1;
    }
    if (it->lang == NULL && p->lang != NULL) {
        it->lang = p->lang;
        changed = 1;
    }
    if (changed)
        it->version++;
}

/* joined - the strings of a joined by sep (g_free) */
static char *joined(const GPtrArray *a, char sep)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < a->len; i++) {
        if (i > 0)
            g_string_append_c(s, sep);
        g_string_append(s, g_ptr_array_index(a, i));
    }
    return g_string_free(s, FALSE);
}

/* string_array - a JSON array of the strings of a */
static json_object *string_array(const GPtrArray *a)
{
    json_object *arr = json_object_new_array();
    for (guint i = 0; i < a->len; i++)
        json_object_array_add(arr, json_object_new_string(g_ptr_array_index(a, i)));
    return arr;
}

/* patch_object - set the item's fields in a page's JSON data, unless it
 * holds none but names the page that does (IX_DATA_ITEM) */
static void patch_object(const ix_item *it, json_object *o)
{
    if (json_object_object_get_ex(o, IX_DATA_ITEM, NULL))
        return;
    char date[48];
    snprintf(date, sizeof date, "%04ld-%02ld-%02ld", it->date / 10000, it->date / 100 % 100,
             it->date % 100);
    json_object_object_add(o, "type", json_object_new_string(it->type ? it->type : FIELDS_OTHER));
    json_object_object_add(o, "date", it->date ? json_object_new_string(date) : NULL);
    json_object_object_add(o, "cases", string_array(it->cases));
    json_object_object_add(o, "courts", string_array(it->labels));
    json_object_object_add(o, "articles", string_array(it->articles));
}

/* patch_data - patch_object on the JSON data doc holds */
static int patch_data(const ix_item *it, xc_doc *doc, char **err)
{
    char *data = xc_doc_get_data(doc, NULL, err);
    if (data == NULL)
        return -1;
    json_object *o = json_tokener_parse(data);
    free(data);
    if (o == NULL || !json_object_is_type(o, json_type_object)) {
        json_object_put(o);
        return dk_fail(err, "the page's data is not a JSON object");
    }
    patch_object(it, o);
    const char *s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
                                                          JSON_C_TO_STRING_NOSLASHESCAPE);
    int rc = xc_doc_set_data(doc, s, strlen(s), err);
    json_object_put(o);
    return rc;
}

/* replace_single - swap the term prefix+old (the facet's value in the key
 * written before) for prefix+value */
static int replace_single(xc_doc *doc, int facet, const char *prefix, const char *value, char **err)
{
    char *old = ix_facets_get(doc, facet);
    if (*old != '\0') {
        char *term = g_strconcat(prefix, old, NULL);
        xc_doc_remove_term(doc, term);
        g_free(term);
    }
    free(old);
    if (value == NULL || *value == '\0')
        return 0;
    char *term = g_strconcat(prefix, value, NULL);
    int rc = xc_doc_add_boolean_term(doc, term, err);
    g_free(term);
    return rc;
}

/* ix_item_apply - terms, then single-valued fields, values (the date to
 * sort by and the facet key, the only ones read), data: `data` when given,
 * else the data doc holds */
int ix_item_apply(const ix_item *it, xc_doc *doc, json_object *data, char **err)
{
    for (guint i = 0; i < it->terms->len; i++)
        if (xc_doc_add_boolean_term(doc, g_ptr_array_index(it->terms, i), err) < 0)
            return -1;
    char year[24] = "";
    if (it->date > 0)
        snprintf(year, sizeof year, "%04ld", it->date / 10000);
    char *courts = joined(it->courts, IX_SEP), *articles = joined(it->articles, IX_SEP);
    const char *facets[IX_NFACETS] = {
        [IX_FACET_TYPE] = it->type ? it->type : FIELDS_OTHER,
        [IX_FACET_COURT] = courts,
        [IX_FACET_ARTICLE] = articles,
        [IX_FACET_YEAR] = year,
        [IX_FACET_LANG] = it->lang,
        [IX_FACET_FOLDER] = it->folder,
    };
    int rc = replace_single(doc, IX_FACET_TYPE, IX_PREFIX_TYPE, facets[IX_FACET_TYPE], err);
    if (rc == 0)
        rc = replace_single(doc, IX_FACET_YEAR, IX_PREFIX_YEAR, year, err);
    if (rc == 0)
        rc = replace_single(doc, IX_FACET_LANG, IX_PREFIX_LANG, it->lang, err);
    if (rc == 0 && it->date > 0)
        rc = xc_doc_add_value_number(doc, IX_SLOT_DATE, (double)it->date, err);
    if (rc == 0)
        rc = ix_facets_note(doc, it->sha, facets, err);
    g_free(courts);
    g_free(articles);
    if (rc != 0)
        return rc;
    if (data == NULL)
        return patch_data(it, doc, err);
    patch_object(it, data);
    return 0;
}

/* ix_item_written - remember page and version */
void ix_item_written(ix_item *it, int page)
{
    written_page w = {page, it->version};
    g_array_append_val(it->pages, w);
}

/* ix_item_update - rewrite the stale pages, which are then current */
int ix_item_update(ix_item *it, xc_wdb *db, char **err)
{
    int rc = 0;
    for (guint i = 0; rc == 0 && it->sha[0] != '\0' && i < it->pages->len; i++) {
        written_page *w = &g_array_index(it->pages, written_page, i);
        if (w->version == it->version)
            continue;
        if (it->ahead)
            log_msg(LOG_WARN,
                    "%.12s's document from page %d was written before its item's fields were known "
                    "although they were given ahead; rewritten",
                    it->sha, w->page);
        char unique[IX_SHA_LEN + 32];
        snprintf(unique, sizeof unique, IX_UNIQUE_FORMAT, it->sha, w->page);
        xc_doc *doc = xc_wdb_find(db, unique, err);
        rc = doc == NULL ? -1 : ix_item_apply(it, doc, NULL, err);
        if (rc == 0)
            rc = xc_wdb_replace(db, unique, doc, err);
        xc_doc_free(doc);
        w->version = it->version;
    }
    return rc;
}

/* ix_item_finish - bring stale pages up to date, forget the item */
int ix_item_finish(ix_item *it, xc_wdb *db, char **err)
{
    int rc = ix_item_update(it, db, err);
    ix_item_start(it, NULL, NULL);
    return rc;
}

/* ix_note_courts - metadata court:<key> = flag + name */
int ix_note_courts(xc_wdb *db, const fields_page *p, char **err)
{
    for (size_t i = 0; i < p->ncourts; i++) {
        const fields_court *c = &p->courts[i];
        char *key = g_strconcat(IX_COURT_META, c->key, NULL);
        char *had = xc_wdb_get_metadata(db, key, err);
        int rc = had == NULL ? -1 : 0;
        if (rc == 0 && (*had == '\0' || (had[0] == '0' && c->nominative))) {
            char *value = g_strconcat(c->nominative ? "1" : "0", c->label, NULL);
            rc = xc_wdb_set_metadata(db, key, value, err);
            g_free(value);
        }
        free(had);
        g_free(key);
        if (rc < 0)
            return -1;
    }
    return 0;
}
