/*
 * persons_select.c - the persons list's filters, order and page: by role
 * (persons/ filters it), by court, article and year (a person fits when one
 * of their documents has them all: its courts and articles as the worker
 * derived them, its date's year), sorted by name, documents, cases or last
 * date, cut into bounded pages. Every parameter is checked before anything
 * is read.
 *
 * Functions: persons_query_read, persons_select.
 */
#include "web/web_private.h"
#include "fields/fields.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_COURT = 200, PAGE_SIZE = 50, MAX_PAGE_SIZE = 500 };

/* The orders the list may be sorted in. */
static const char *const sorts[] = {"documents", "name", "cases", "last"};

/* persons_query_read - the request's filters into q; -1 with a 400 in resp
 * when one is not valid */
int persons_query_read(const web_request *req, persons_query *q, web_response *resp, int json)
{
    memset(q, 0, sizeof *q);
    q->role = web_param_get(req, "role");
    q->court = web_param_get(req, "court");
    const char *article = web_param_get(req, "article"), *sort = web_param_get(req, "sort");
    const char *order = web_param_get(req, "order");
    if (q->role && *q->role && !persons_role_valid(q->role))
        return web_error(resp, 400, json, "unknown role: %s", q->role), -1;
    if (q->court && (strlen(q->court) > MAX_COURT || !g_utf8_validate(q->court, -1, NULL)))
        return web_error(resp, 400, json, "the court is too long or not valid UTF-8"), -1;
    if (article && *article &&
        fields_parse_article(article, q->article, sizeof q->article, &q->part) < 0)
        return web_error(resp, 400, json, "not an article: give 342, 361-1 or 342/1"), -1;
    q->sort = sorts[0];
    for (size_t i = 0; sort && *sort && i < G_N_ELEMENTS(sorts); i++)
        if (strcmp(sort, sorts[i]) == 0)
            q->sort = sorts[i];
    if (sort && *sort && strcmp(sort, q->sort) != 0)
        return web_error(resp, 400, json, "sort is documents, name, cases or last"), -1;
    if (order && *order && strcmp(order, "asc") != 0 && strcmp(order, "desc") != 0)
        return web_error(resp, 400, json, "order is asc or desc"), -1;
    q->ascending = order && *order ? strcmp(order, "asc") == 0 : strcmp(q->sort, "name") == 0;
    if (q->role && *q->role == '\0')
        q->role = NULL;
    if (q->court && *q->court == '\0')
        q->court = NULL;
    if (web_param_int(req, "year", 1900, 2100, 0, &q->year, resp, json) < 0 ||
        web_param_int(req, "page", 1, 100000, 1, &q->page, resp, json) < 0 ||
        web_param_int(req, "size", 1, MAX_PAGE_SIZE, PAGE_SIZE, &q->size, resp, json) < 0)
        return -1;
    return 0;
}

/* person_documents - the person's documents as persons/ gives them: its
 * dossier (a new object) */
static json_object *person_documents(const persons *t, const char *id)
{
    return persons_dossier_json(t, id);
}

/* has - whether a list of strings holds s */
static int has(const GPtrArray *a, const char *s)
{
    for (guint i = 0; i < a->len; i++)
        if (strcmp(g_ptr_array_index(a, i), s) == 0)
            return 1;
    return 0;
}

/* court_fits - the court as typed is one of the document's court keys, or
 * a part of one of its courts' names, whatever the letters' case */
static int court_fits(const doc_facts *f, const char *court)
{
    if (has(f->court_keys, court))
        return 1;
    char *want = g_utf8_casefold(court, -1);
    int yes = 0;
    for (guint i = 0; !yes && i < f->courts->len; i++) {
        char *label = g_utf8_casefold(g_ptr_array_index(f->courts, i), -1);
        yes = strstr(label, want) != NULL;
        g_free(label);
    }
    g_free(want);
    return yes;
}

/* doc_fits - whether a dossier's document has the court, article and year */
static int doc_fits(json_object *d, const doc_facts *f, const persons_query *q)
{
    const char *date = json_object_get_string(json_object_object_get(d, "date"));
    if (q->year && (date == NULL || atol(date) != q->year))
        return 0;
    if (q->court && !court_fits(f, q->court))
        return 0;
    if (q->article[0] && q->part == 0)
        return has(f->articles, q->article);
    if (q->article[0]) {
        char part[48];
        snprintf(part, sizeof part, "%s/%d", q->article, q->part);
        return has(f->articles, part);
    }
    return 1;
}

/* One person of the list, with what it sorts by. */
typedef struct {
    json_object *p;
    int documents, cases;
    char last[24]; /* the date of its latest document; "" for none */
} row;

/* visit - the person's last date, and whether one of its documents fits */
static int visit(row *r, const persons *t, GHashTable *facts, const char *data_dir,
                 const persons_query *q)
{
    json_object *o = person_documents(t,
                                      json_object_get_string(json_object_object_get(r->p, "id")));
    json_object *p = json_object_array_get_idx(json_object_object_get(o, "persons"), 0);
    json_object *cases = p ? json_object_object_get(p, "cases") : NULL;
    int fits = !q->court && !q->article[0] && !q->year;
    for (size_t i = 0; i < json_object_array_length(cases); i++) {
        json_object *docs = json_object_object_get(json_object_array_get_idx(cases, i),
                                                   "documents");
        for (size_t k = 0; k < json_object_array_length(docs); k++) {
            json_object *d = json_object_array_get_idx(docs, k);
            const char *date = json_object_get_string(json_object_object_get(d, "date"));
            const char *sha = json_object_get_string(json_object_object_get(d, "sha256"));
            if (date && strcmp(date, r->last) > 0)
                g_strlcpy(r->last, date, sizeof r->last);
            fits = fits || doc_fits(d, doc_facts_get(facts, data_dir, sha), q);
        }
    }
    json_object_put(o);
    return fits;
}

/* by_order - rows in the query's order, then by id */
static gint by_order(gconstpointer a, gconstpointer b, gpointer data)
{
    const row *x = *(row *const *)a, *y = *(row *const *)b;
    const persons_query *q = data;
    int c = 0;
    if (strcmp(q->sort, "name") == 0)
        c = g_utf8_collate(json_object_get_string(
                               json_object_array_get_idx(json_object_object_get(x->p, "names"), 0)),
                           json_object_get_string(
                               json_object_array_get_idx(json_object_object_get(y->p, "names"),
                                                         0)));
    else if (strcmp(q->sort, "cases") == 0)
        c = x->cases - y->cases;
    else if (strcmp(q->sort, "last") == 0)
        c = strcmp(x->last, y->last);
    else
        c = x->documents - y->documents;
    if (c == 0)
        return strcmp(json_object_get_string(json_object_object_get(x->p, "id")),
                      json_object_get_string(json_object_object_get(y->p, "id")));
    return q->ascending ? c : -c;
}

/* persons_select - the persons of t that fit q, the page asked for:
 * {"persons":[the list form, each with "last"],"total","page","size"}
 * (a new object: json_object_put it) */
json_object *persons_select(const persons *t, const char *data_dir, GHashTable *facts,
                            const persons_query *q)
{
    json_object *all = persons_list_json(t, q->role), *page = json_object_new_array();
    json_object *list = json_object_object_get(all, "persons");
    GPtrArray *rows = g_ptr_array_new_with_free_func(g_free);
    /* every person's documents are read only to filter or sort by them */
    int all_documents = q->court || q->article[0] || q->year || strcmp(q->sort, "last") == 0;
    for (size_t i = 0; i < json_object_array_length(list); i++) {
        row *r = g_new0(row, 1);
        r->p = json_object_array_get_idx(list, i);
        r->documents = json_object_get_int(json_object_object_get(r->p, "documents"));
        r->cases = (int)json_object_array_length(json_object_object_get(r->p, "cases"));
        if (!all_documents || visit(r, t, facts, data_dir, q))
            g_ptr_array_add(rows, r);
        else
            g_free(r);
    }
    g_ptr_array_sort_with_data(rows, by_order, (gpointer)q);
    size_t start = (size_t)(q->page - 1) * (size_t)q->size;
    for (size_t i = start; i < rows->len && i < start + (size_t)q->size; i++) {
        row *r = g_ptr_array_index(rows, i);
        if (!all_documents)
            visit(r, t, facts, data_dir, q); /* its last date, for the page's rows only */
        json_object_object_add(r->p, "last", r->last[0] ? json_object_new_string(r->last) : NULL);
        json_object_array_add(page, json_object_get(r->p));
    }
    json_object *o = json_object_new_object();
    json_object_object_add(o, "persons", page);
    json_object_object_add(o, "total", json_object_new_int((int)rows->len));
    json_object_object_add(o, "page", json_object_new_int((int)q->page));
    json_object_object_add(o, "size", json_object_new_int((int)q->size));
    g_ptr_array_free(rows, TRUE);
    json_object_put(all);
    return o;
}
