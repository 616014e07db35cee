/*
 * persons_select.c - the persons list's filters, order and page: the
 * request's role, court, article and year are persons/'s filter (the same
 * persons as `dokaz persons` gives for them), its rows sorted by name,
 * documents, cases or last date and cut into bounded pages. Every
 * parameter is checked before anything is read.
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

/* by_order - rows in the query's order, then by id */
static gint by_order(gconstpointer a, gconstpointer b, gpointer data)
{
    const persons_row *x = a, *y = b;
    const persons_query *q = data;
    int c = 0;
    if (strcmp(q->sort, "name") == 0)
        c = g_utf8_collate(x->name, y->name);
    else if (strcmp(q->sort, "cases") == 0)
        c = x->cases - y->cases;
    else if (strcmp(q->sort, "last") == 0)
        c = strcmp(x->last, y->last);
    else
        c = x->documents - y->documents;
    if (c == 0)
        return strcmp(x->id, y->id);
    return q->ascending ? c : -c;
}

/* persons_select - persons/'s rows for q's filter, sorted, the page's
 * rows as the list form with "last" */
json_object *persons_select(const persons *t, const persons_query *q, web_response *resp, int json)
{
    char article[48] = "", *err = NULL;
    if (q->article[0])
        snprintf(article, sizeof article, q->part ? "%s/%d" : "%s", q->article, q->part);
    persons_filter f = {q->role, q->court, article[0] ? article : NULL, (int)q->year};
    persons_row *rows = NULL;
    size_t n = 0;
    if (persons_rows(t, &f, &rows, &n, &err) < 0) {
        web_error(resp, 400, json, "%s", err ? err : "not a filter");
        free(err);
        return NULL;
    }
    g_qsort_with_data(rows, (gint)n, sizeof *rows, by_order, (gpointer)q);
    json_object *page = json_object_new_array(), *o = json_object_new_object();
    size_t start = (size_t)(q->page - 1) * (size_t)q->size;
    for (size_t i = start; i < n && i < start + (size_t)q->size; i++) {
        json_object *p = persons_row_json(t, &rows[i]);
        json_object_object_add(p, "last",
                               rows[i].last[0] ? json_object_new_string(rows[i].last) : NULL);
        json_object_array_add(page, p);
    }
    json_object_object_add(o, "persons", page);
    json_object_object_add(o, "total", json_object_new_int((int)n));
    json_object_object_add(o, "page", json_object_new_int((int)q->page));
    json_object_object_add(o, "size", json_object_new_int((int)q->size));
    free(rows);
    return o;
}
