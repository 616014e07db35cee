/*
 * page_persons.c - /persons (and /api/persons): every person the papers
 * name, joined across documents, filtered by role, court, article and
 * year, sorted and cut into pages (persons_select.c). A user limited to
 * collections sees only the persons of their items. The list's JSON is
 * that of `dokaz persons --json`, one page of it, with each person's last
 * date and the total.
 *
 * Functions: page_persons, persons_build_for.
 */
#include "web/web_private.h"

#include <stdlib.h>

/* Roles the list page offers as filters. */
static const char *const role_filters[] = {
    "accused", "victim",     "witness",      "lawyer",         PERSONS_OFFICIAL,
    "judge",   "prosecutor", "investigator", "other_official", "other",
};

/* The list's columns, with what each sorts by (NULL: nothing). */
static const struct {
    const char *sort, *label;
} columns[] = {
    {"name", "names as written"}, {NULL, "born"},       {NULL, "roles"}, {"cases", "cases"},
    {"documents", "documents"},   {"last", "last date"}};

/* persons_build_for - the persons of the data directory the user may see
 * (of their collections), or NULL with the error answered */
const persons *persons_build_for(const web_config *cfg, const web_request *req, web_response *resp,
                                 int json)
{
    char *err = NULL;
    const persons *t = persons_take(cfg->data_dir, web_user_collections(req->user), &err);
    if (t == NULL) {
        web_error(resp, 500, json, "cannot read the persons: %s", err ? err : "unknown error");
        free(err);
    }
    return t;
}

/* strings - a JSON array of strings, joined with ", " as HTML text */
static void strings(GString *b, json_object *a)
{
    for (size_t i = 0; i < json_object_array_length(a); i++) {
        if (i > 0)
            g_string_append(b, ", ");
        html_text(b, json_object_get_string(json_object_array_get_idx(a, i)));
    }
}

/* member - a member's string, "" for null or none */
static const char *member(json_object *o, const char *key)
{
    json_object *v = NULL;
    return json_object_object_get_ex(o, key, &v) && v ? json_object_get_string(v) : "";
}

/* href - a link to the list with q's filters, sorted by sort in order,
 * at page; the attribute's value, escaped */
static void href(GString *b, const persons_query *q, const char *sort, int ascending, long page)
{
    g_string_append_printf(b, "/persons?sort=%s&amp;order=%s&amp;page=%ld&amp;size=%ld", sort,
                           ascending ? "asc" : "desc", page, q->size);
    const char *keys[] = {"role", "court"}, *values[] = {q->role, q->court};
    for (size_t i = 0; i < G_N_ELEMENTS(keys); i++)
        if (values[i] != NULL) {
            g_string_append_printf(b, "&amp;%s=", keys[i]);
            html_url(b, values[i]);
        }
    if (q->article[0] && q->part)
        g_string_append_printf(b, "&amp;article=%s%%2F%d", q->article, q->part);
    else if (q->article[0])
        g_string_append_printf(b, "&amp;article=%s", q->article);
    if (q->year)
        g_string_append_printf(b, "&amp;year=%ld", q->year);
}

/* form_html - the filters as a form that keeps what was asked */
static void form_html(GString *b, const persons_query *q)
{
    g_string_append(b, "<form class=\"search persons-filter\" method=\"get\" action=\"/persons\">"
                       "<select name=\"role\" id=\"role\" aria-label=\"role\">"
                       "<option value=\"\">any role</option>");
    for (size_t i = 0; i < G_N_ELEMENTS(role_filters); i++)
        g_string_append_printf(b, "<option%s>%s</option>",
                               q->role && strcmp(q->role, role_filters[i]) == 0 ? " selected" : "",
                               role_filters[i]);
    g_string_append(b, "</select><input name=\"court\" placeholder=\"court\" aria-label=\"court\""
                       " value=\"");
    html_text(b, q->court);
    g_string_append(b, "\"><input name=\"article\" placeholder=\"article\" aria-label=\"article\""
                       " size=\"8\" value=\"");
    if (q->article[0])
        g_string_append_printf(b, q->part ? "%s/%d" : "%s", q->article, q->part);
    g_string_append(b, "\"><input name=\"year\" placeholder=\"year\" aria-label=\"year\" size=\"5\""
                       " value=\"");
    if (q->year)
        g_string_append_printf(b, "%ld", q->year);
    g_string_append_printf(b,
                           "\"><input type=\"hidden\" name=\"sort\" value=\"%s\">"
                           "<button>Filter</button></form>",
                           q->sort);
}

/* head_html - the table's head, each sortable column a link that sorts by
 * it (again: the other way round) */
static void head_html(GString *b, const persons_query *q)
{
    g_string_append(b, "<table class=\"items persons\"><tr>");
    for (size_t i = 0; i < G_N_ELEMENTS(columns); i++) {
        if (columns[i].sort == NULL) {
            g_string_append_printf(b, "<th>%s</th>", columns[i].label);
            continue;
        }
        int current = strcmp(q->sort, columns[i].sort) == 0;
        int ascending = current ? !q->ascending : strcmp(columns[i].sort, "name") == 0;
        g_string_append(b, "<th><a href=\"");
        href(b, q, columns[i].sort, ascending, 1);
        g_string_append_printf(b, "\"%s>%s%s</a></th>", current ? " aria-sort=\"true\"" : "",
                               columns[i].label, current ? (q->ascending ? " ▲" : " ▼") : "");
    }
    g_string_append(b, "</tr>");
}

/* list_html - the filters, one row per person, the pager */
static void list_html(GString *b, json_object *o, const persons_query *q)
{
    json_object *list = json_object_object_get(o, "persons");
    long total = json_object_get_int(json_object_object_get(o, "total"));
    long pages = total == 0 ? 1 : (total + q->size - 1) / q->size;
    g_string_append(b, "<h1>Persons</h1>");
    form_html(b, q);
    g_string_append_printf(b, "<p>%ld persons</p>", total);
    head_html(b, q);
    for (size_t i = 0; i < json_object_array_length(list); i++) {
        json_object *p = json_object_array_get_idx(list, i);
        g_string_append(b, "<tr><td><a href=\"/person/");
        html_url(b, member(p, "id"));
        g_string_append(b, "\">");
        strings(b, json_object_object_get(p, "names"));
        html_wrap(b, "</a></td><td>", member(p, "born"), "</td><td>");
        strings(b, json_object_object_get(p, "roles"));
        g_string_append(b, "</td><td>");
        strings(b, json_object_object_get(p, "cases"));
        g_string_append_printf(b, "</td><td>%d</td>",
                               json_object_get_int(json_object_object_get(p, "documents")));
        html_wrap(b, "<td>", member(p, "last"), "</td></tr>");
    }
    g_string_append_printf(b, "</table><p class=\"pager\">page %ld of %ld", q->page, pages);
    if (q->page > 1) {
        g_string_append(b, " <a rel=\"prev\" href=\"");
        href(b, q, q->sort, q->ascending, q->page - 1);
        g_string_append(b, "\">← previous</a>");
    }
    if (q->page < pages) {
        g_string_append(b, " <a rel=\"next\" href=\"");
        href(b, q, q->sort, q->ascending, q->page + 1);
        g_string_append(b, "\">next →</a>");
    }
    g_string_append(b, "</p>");
}

/* page_persons - the list, filtered, sorted and paged as the request asks */
void page_persons(const web_config *cfg, const web_request *req, web_response *resp, int json)
{
    persons_query q;
    if (persons_query_read(req, &q, resp, json) < 0)
        return;
    const persons *t = persons_build_for(cfg, req, resp, json);
    if (t == NULL)
        return;
    json_object *o = persons_select(t, &q, resp, json);
    persons_give_back(t);
    if (o == NULL)
        return;
    if (json) {
        web_json(resp, o);
        return;
    }
    GString *b = html_begin("Persons", "Persons");
    list_html(b, o, &q);
    json_object_put(o);
    html_finish(b, resp);
}
