/*
 * persons.c - the table of persons: built from the records, listed, and
 * asked for by id or name (see persons.h).
 *
 * A query that is no id is read as a name with derive/'s own rules (the
 * persons of the query's text, each word capitalised: "Ivanou S." is a surname and an initial);
 * a person fits when it agrees with one of them, and ranks by how many of
 * the query's parts it shares, then by its number of mentions.
 *
 * Functions: persons_build, persons_free, persons_role_valid,
 * persons_list_json, persons_filtered_json, persons_in_document_json,
 * persons_rows, persons_row_json, persons_dossier_json, persons_documents.
 */
#include "persons/persons_private.h"
#include "common/error.h"
#include "common/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ID_PREFIX_MIN 6 /* hex digits of an id a query may give */

/* persons_build - collect, join, apply the users' merges */
persons *persons_build(const char *data_dir, const char *const *granted, size_t *skipped,
                       char **err)
{
    persons *t = g_new0(persons, 1);
    t->docs = g_ptr_array_new();
    t->mentions = g_array_new(FALSE, FALSE, sizeof(ps_mention));
    t->persons = g_ptr_array_new();
    t->keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    t->rules = deriver_new(err);
    if (t->rules == NULL || ps_collect(t, data_dir, granted, skipped, err) < 0) {
        persons_free(t);
        return NULL;
    }
    ps_cluster(t);
    if (ps_apply_merges(t, data_dir, err) < 0) {
        persons_free(t);
        return NULL;
    }
    for (guint i = 0; i < t->persons->len; i++) { /* merges and splits moved them */
        const GArray *mine = ((ps_person *)g_ptr_array_index(t->persons, i))->mentions;
        for (guint k = 0; k < mine->len; k++)
            g_array_index(t->mentions, ps_mention, g_array_index(mine, size_t, k)).person = i;
    }
    return t;
}

/* persons_free - documents, mentions, persons, rules */
void persons_free(persons *t)
{
    if (t == NULL)
        return;
    for (guint i = 0; i < t->docs->len; i++) {
        ps_doc *d = g_ptr_array_index(t->docs, i);
        g_free(d->sha256);
        g_free(d->name);
        g_free(d->member);
        g_strfreev(d->cases);
        g_strfreev(d->courts);
        g_strfreev(d->articles);
        g_strfreev(d->court_labels);
        g_free(d);
    }
    g_ptr_array_free(t->docs, TRUE);
    for (guint i = 0; i < t->mentions->len; i++) {
        g_free(g_array_index(t->mentions, ps_mention, i).written);
        ps_places_free(g_array_index(t->mentions, ps_mention, i).places);
    }
    g_array_free(t->mentions, TRUE);
    for (guint i = 0; i < t->persons->len; i++) {
        ps_person *p = g_ptr_array_index(t->persons, i);
        g_array_free(p->mentions, TRUE);
        g_free(p);
    }
    g_ptr_array_free(t->persons, TRUE);
    g_hash_table_destroy(t->keys);
    deriver_free(t->rules);
    g_free(t);
}

/* persons_role_valid - a role's name or "official" */
int persons_role_valid(const char *role)
{
    return strcmp(role, PERSONS_OFFICIAL) == 0 || derive_role_parse(role) >= 0;
}

/* read_filter - the filter read as the fields read pages into pf (its
 * court_words to g_strfreev); -1 with *err when a value is none */
static int read_filter(const persons *t, const persons_filter *f, ps_filter *pf, char **err)
{
    *pf = (ps_filter){.role = f->role, .year = f->year};
    if (f->role != NULL && !persons_role_valid(f->role))
        return dk_fail(err, "unknown role \"%s\"", f->role);
    int part = 0;
    if (f->article != NULL) {
        char art[24];
        if (fields_parse_article(f->article, art, sizeof art, &part) < 0)
            return dk_fail(err, "\"%s\" is no article; write e.g. 342, 361-1 or \"ч.1 ст.342\"",
                           f->article);
        snprintf(pf->article, sizeof pf->article, part > 0 ? "%s/%d" : "%s", art, part);
    }
    if (f->court != NULL) {
        pf->court_words = fields_court_words(deriver_names(t->rules), f->court);
        if (pf->court_words == NULL)
            return dk_fail(err, "\"%s\" names no court; write its place, e.g. Минский", f->court);
    }
    return 0;
}

/* select_rows - the rows of the persons pf lets through (g_array_free) */
static GArray *select_rows(const persons *t, const ps_filter *pf)
{
    GArray *rows = g_array_new(FALSE, FALSE, sizeof(persons_row));
    for (guint i = 0; i < t->persons->len; i++) {
        persons_row r;
        if (ps_person_row(t, g_ptr_array_index(t->persons, i), pf, &r)) {
            r.index = i;
            g_array_append_val(rows, r);
        }
    }
    return rows;
}

/* by_documents - most documents first, then by id */
static gint by_documents(gconstpointer a, gconstpointer b)
{
    const persons_row *x = a, *y = b;
    if (x->documents != y->documents)
        return y->documents - x->documents;
    return strcmp(x->id, y->id);
}

/* list_json - the list form of every person pf lets through, most
 * documents first */
static json_object *list_json(const persons *t, const ps_filter *pf)
{
    GArray *rows = select_rows(t, pf);
    g_array_sort(rows, by_documents);
    json_object *list = json_object_new_array(), *o = json_object_new_object();
    for (guint i = 0; i < rows->len; i++)
        json_object_array_add(list, persons_row_json(t, &g_array_index(rows, persons_row, i)));
    g_array_free(rows, TRUE);
    json_object_object_add(o, "persons", list);
    return o;
}

/* persons_list_json - every person with the role */
json_object *persons_list_json(const persons *t, const char *role)
{
    ps_filter f = {.role = role};
    return list_json(t, &f);
}

/* persons_filtered_json - the filter read, then the list */
json_object *persons_filtered_json(const persons *t, const persons_filter *f, char **err)
{
    ps_filter pf;
    json_object *o = read_filter(t, f, &pf, err) < 0 ? NULL : list_json(t, &pf);
    g_strfreev(pf.court_words);
    return o;
}

/* first_mention_of - the first of document d's mentions (or where it would
 * be): a document's mentions are collected together, in the documents' order */
static guint first_mention_of(const persons *t, size_t d)
{
    guint lo = 0, hi = t->mentions->len;
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        if (g_array_index(t->mentions, ps_mention, mid).doc < d)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* persons_in_document_json - the rows of the persons of the document's
 * mentions, each once, sorted as the list, then their dossiers */
json_object *persons_in_document_json(const persons *t, const char *sha)
{
    json_object *o = json_object_new_object(), *list = json_object_new_array();
    GArray *rows = g_array_new(FALSE, FALSE, sizeof(persons_row));
    ps_filter any = {.role = NULL};
    for (size_t d = 0; d < t->docs->len; d++) {
        if (strcmp(((ps_doc *)g_ptr_array_index(t->docs, d))->sha256, sha) != 0)
            continue;
        for (guint i = first_mention_of(t, d);
             i < t->mentions->len && g_array_index(t->mentions, ps_mention, i).doc == d; i++) {
            size_t p = g_array_index(t->mentions, ps_mention, i).person;
            persons_row r;
            int seen = 0;
            for (guint k = 0; k < rows->len && !seen; k++)
                seen = g_array_index(rows, persons_row, k).index == p;
            if (!seen && ps_person_row(t, g_ptr_array_index(t->persons, p), &any, &r)) {
                r.index = p;
                g_array_append_val(rows, r);
            }
        }
        break; /* one document a SHA-256 */
    }
    g_array_sort(rows, by_documents);
    for (guint i = 0; i < rows->len; i++)
        json_object_array_add(
            list,
            ps_person_json(t,
                           g_ptr_array_index(t->persons, g_array_index(rows, persons_row, i).index),
                           1));
    g_array_free(rows, TRUE);
    json_object_object_add(o, "persons", list);
    return o;
}

/* persons_rows - the filter read, then its rows */
int persons_rows(const persons *t, const persons_filter *f, persons_row **rows, size_t *n,
                 char **err)
{
    ps_filter pf;
    *rows = NULL;
    *n = 0;
    if (read_filter(t, f, &pf, err) < 0) {
        g_strfreev(pf.court_words);
        return -1;
    }
    GArray *a = select_rows(t, &pf);
    g_strfreev(pf.court_words);
    *n = a->len;
    *rows = xmalloc(a->len * sizeof **rows);
    if (a->len > 0) /* an empty GArray's data is NULL */
        memcpy(*rows, a->data, a->len * sizeof **rows);
    g_array_free(a, TRUE);
    return 0;
}

/* persons_row_json - its person's list form */
json_object *persons_row_json(const persons *t, const persons_row *r)
{
    return ps_person_json(t, g_ptr_array_index(t->persons, r->index), 0);
}

/* shared_parts - how many of the query's written parts the person shares */
static int shared_parts(const ps_parts *q, const ps_parts *p)
{
    int n = 1; /* the surname */
    if (q->given[0][0] && p->given[0][0])
        n += 2;
    else if (q->given_initials[0] && p->given_initials[0])
        n++;
    if (q->patronymic[0] && p->patronymic[0])
        n += 2;
    else if (q->patronymic_initials[0] && p->patronymic_initials[0])
        n++;
    return n;
}

/* A person that fits a query, and how well. */
typedef struct {
    const ps_person *p;
    int score;
} fit;

/* by_score - the best fit first */
static gint by_score(gconstpointer a, gconstpointer b)
{
    const fit *x = a, *y = b;
    if (x->score != y->score)
        return y->score - x->score;
    return (int)y->p->mentions->len - (int)x->p->mentions->len;
}

/* capitalised - the query with each word's first letter a capital, as
 * derive/ reads names (g_free) */
static char *capitalised(const char *query)
{
    GString *s = g_string_new(NULL);
    int start = 1;
    char *valid = g_utf8_make_valid(query, -1); /* a query is untrusted bytes */
    for (const char *c = valid; *c; c = g_utf8_next_char(c)) {
        gunichar u = g_utf8_get_char(c);
        g_string_append_unichar(s, start ? g_unichar_toupper(u) : u);
        start = !g_unichar_isalpha(u) && u != '\'';
    }
    g_free(valid);
    return g_string_free(s, FALSE);
}

/* find - the persons a query names: by id (or an id's first digits), else
 * by name; best first */
static GArray *find(const persons *t, const char *query)
{
    GArray *fits = g_array_new(FALSE, FALSE, sizeof(fit));
    size_t qlen = strlen(query);
    for (guint i = 0; qlen >= ID_PREFIX_MIN && i < t->persons->len; i++) {
        const ps_person *p = g_ptr_array_index(t->persons, i);
        if (strncmp(p->id, query, qlen) == 0) {
            fit f = {p, 0};
            g_array_append_val(fits, f);
        }
    }
    if (fits->len > 0)
        return fits;
    char *name = capitalised(query);
    derived_page *q = derive_page(t->rules, name, NULL);
    g_free(name);
    ps_parts *asked = g_new(ps_parts, q->npersons + 1);
    for (size_t k = 0; k < q->npersons; k++)
        ps_parts_asked(t, &q->persons[k], &asked[k]);
    for (guint i = 0; i < t->persons->len; i++) {
        const ps_person *p = g_ptr_array_index(t->persons, i);
        fit f = {p, 0};
        for (size_t k = 0; k < q->npersons; k++)
            if (ps_agrees(&asked[k], &p->best) && shared_parts(&asked[k], &p->best) > f.score)
                f.score = shared_parts(&asked[k], &p->best);
        if (f.score > 0)
            g_array_append_val(fits, f);
    }
    g_free(asked);
    derived_page_free(q);
    g_array_sort(fits, by_score);
    return fits;
}

/* persons_dossier_json - the query and the dossiers of what it names */
json_object *persons_dossier_json(const persons *t, const char *query)
{
    json_object *o = json_object_new_object(), *list = json_object_new_array();
    json_object_object_add(o, "query", json_object_new_string(query));
    GArray *fits = find(t, query);
    for (guint i = 0; i < fits->len; i++)
        json_object_array_add(list, ps_person_json(t, g_array_index(fits, fit, i).p, 1));
    g_array_free(fits, TRUE);
    json_object_object_add(o, "persons", list);
    return o;
}

/* persons_documents - the one person the id names, then its dossier's
 * documents in order */
char **persons_documents(const persons *t, const char *id, char **err)
{
    const ps_person *p = NULL;
    size_t n = 0, len = strlen(id);
    for (guint i = 0; len >= ID_PREFIX_MIN && i < t->persons->len; i++)
        if (strncmp(((ps_person *)g_ptr_array_index(t->persons, i))->id, id, len) == 0) {
            p = g_ptr_array_index(t->persons, i);
            n++;
        }
    if (n != 1) {
        if (n == 0)
            dk_fail(err, "no person has the id %s", id);
        else
            dk_fail(err, "%zu persons have an id beginning %s: give more of it", n, id);
        return NULL;
    }
    json_object *o = ps_person_json(t, p, 1), *cases = json_object_object_get(o, "cases");
    GPtrArray *shas = g_ptr_array_new();
    for (size_t c = 0; c < json_object_array_length(cases); c++) {
        json_object *docs = json_object_object_get(json_object_array_get_idx(cases, c),
                                                   "documents");
        for (size_t i = 0; i < json_object_array_length(docs); i++)
            g_ptr_array_add(shas, g_strdup(json_object_get_string(json_object_object_get(
                                      json_object_array_get_idx(docs, i), "sha256"))));
    }
    json_object_put(o);
    g_ptr_array_add(shas, NULL);
    return (char **)g_ptr_array_free(shas, FALSE);
}
