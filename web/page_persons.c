/*
 * page_persons.c - /persons and /person/ID (and their /api/ JSON, the same
 * as `dokaz persons --json` and `dokaz person --json`): every person the
 * papers name, joined across documents, filtered by role, and one person's
 * dossier with each document linked to its page. A user limited to
 * collections sees only the persons of their items.
 *
 * Functions: page_persons, page_person.
 */
#include "web/web_private.h"
#include "persons/persons.h"

#include <stdlib.h>

/* Roles the list page offers as filters. */
static const char *const role_filters[] = {
    "accused", "victim",     "witness",      "lawyer",         PERSONS_OFFICIAL,
    "judge",   "prosecutor", "investigator", "other_official", "other",
};

/* build - the persons of the data directory the user may see (of their
 * collections), or NULL with the error answered */
static persons *build(const web_config *cfg, const web_request *req, web_response *resp, int json)
{
    char *err = NULL;
    persons *t = persons_build(cfg->data_dir, web_user_collections(req->user), NULL, &err);
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

/* list_html - the filters and one row per person */
static void list_html(GString *b, json_object *o, const char *role)
{
    g_string_append(b, "<h1>Persons</h1><p class=\"filters\">role: <a href=\"/persons\">all</a>");
    for (size_t i = 0; i < G_N_ELEMENTS(role_filters); i++) {
        g_string_append_printf(b, " · <a href=\"/persons?role=%s\"%s>%s</a>", role_filters[i],
                               role && strcmp(role, role_filters[i]) == 0 ? " aria-current=\"page\""
                                                                          : "",
                               role_filters[i]);
    }
    json_object *list = json_object_object_get(o, "persons");
    g_string_append_printf(b,
                           "</p><p>%zu persons</p><table class=\"items persons\"><tr>"
                           "<th>names as written</th><th>born</th><th>roles</th>"
                           "<th>cases</th><th>documents</th></tr>",
                           json_object_array_length(list));
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
        g_string_append_printf(b, "</td><td>%d</td></tr>",
                               json_object_get_int(json_object_object_get(p, "documents")));
    }
    g_string_append(b, "</table>");
}

/* page_persons - the list, ?role= filtering it */
void page_persons(const web_config *cfg, const web_request *req, web_response *resp, int json)
{
    const char *role = web_param_get(req, "role");
    if (role != NULL && *role == '\0')
        role = NULL;
    if (role != NULL && !persons_role_valid(role)) {
        web_error(resp, 400, json, "unknown role: %s", role);
        return;
    }
    persons *t = build(cfg, req, resp, json);
    if (t == NULL)
        return;
    json_object *o = persons_list_json(t, role);
    persons_free(t);
    if (json) {
        web_json(resp, o);
        return;
    }
    GString *b = html_begin("Persons", "Persons");
    list_html(b, o, role);
    json_object_put(o);
    html_finish(b, resp);
}

/* documents_html - a case's documents, each linked to its page */
static void documents_html(GString *b, json_object *docs)
{
    g_string_append(b, "<table class=\"items\"><tr><th>date</th><th>type</th><th>role</th>"
                       "<th>document</th><th>pages</th></tr>");
    for (size_t i = 0; i < json_object_array_length(docs); i++) {
        json_object *d = json_object_array_get_idx(docs, i), *pages;
        html_wrap(b, "<tr><td>", member(d, "date"), "</td>");
        html_wrap(b, "<td>", member(d, "type"), "</td>");
        html_wrap(b, "<td>", member(d, "role"), "</td><td><a href=\"/item/");
        html_url(b, member(d, "sha256"));
        g_string_append(b, "\">");
        html_text(b, *member(d, "name") ? member(d, "name") : member(d, "sha256"));
        g_string_append(b, "</a></td><td>");
        pages = json_object_object_get(d, "pages");
        for (size_t k = 0; k < json_object_array_length(pages); k++) {
            int n = json_object_get_int(json_object_array_get_idx(pages, k));
            g_string_append(b, k ? " <a href=\"/item/" : "<a href=\"/item/");
            html_url(b, member(d, "sha256"));
            g_string_append_printf(b, "#p%d\">%d</a>", n, n);
        }
        g_string_append(b, "</td></tr>");
    }
    g_string_append(b, "</table>");
}

/* dossier_html - each person the id names: names, born, roles, cases */
static void dossier_html(GString *b, json_object *o)
{
    json_object *list = json_object_object_get(o, "persons");
    if (json_object_array_length(list) == 0)
        html_wrap(b, "<h1>No person ", member(o, "query"), "</h1>");
    for (size_t i = 0; i < json_object_array_length(list); i++) {
        json_object *p = json_object_array_get_idx(list, i);
        g_string_append(b, "<h1>");
        strings(b, json_object_object_get(p, "names"));
        html_wrap(b, "</h1><p>id <code>", member(p, "id"), "</code>");
        html_wrap(b, " · born ", *member(p, "born") ? member(p, "born") : "unknown", " · ");
        strings(b, json_object_object_get(p, "roles"));
        g_string_append(b, "</p>");
        json_object *cases = json_object_object_get(p, "cases");
        for (size_t k = 0; k < json_object_array_length(cases); k++) {
            json_object *c = json_object_array_get_idx(cases, k);
            html_wrap(b, "<section><h2>case ", *member(c, "case") ? member(c, "case") : "unknown",
                      "</h2>");
            documents_html(b, json_object_object_get(c, "documents"));
            g_string_append(b, "</section>");
        }
    }
}

/* page_person - the dossier of the person with the id */
void page_person(const web_config *cfg, const web_request *req, const char *id, web_response *resp,
                 int json)
{
    persons *t = build(cfg, req, resp, json);
    if (t == NULL)
        return;
    json_object *o = persons_dossier_json(t, id);
    persons_free(t);
    if (json_object_array_length(json_object_object_get(o, "persons")) == 0) {
        web_error(resp, 404, json, "no person has the id %s", id);
        json_object_put(o);
        return;
    }
    if (json) {
        web_json(resp, o);
        return;
    }
    GString *b = html_begin("Person", "Persons");
    dossier_html(b, o);
    json_object_put(o);
    html_finish(b, resp);
}
